import { App, Form, Input, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import {
  type ApplicationStatus,
  type ApplicationView,
  type ProgrammeView,
  useApplicationAction,
  useApplications,
} from '../../api/recuperation';
import { useCan } from '../../app/session';
import { FilterBar } from '../../components/FilterBar';
import { formatTime } from '../../components/format';
import { useShowError } from '../../components/formErrors';
import { LinkButton } from '../../components/LinkButton';
import { OrgPicker } from '../../components/OrgPicker';
import { CursorPager, usePagedFilters } from '../../components/paging';
import { applicationStatusLabels, channelLabels, recuperation as t } from '../../locales/recuperation.zh-CN';
import { ReasonModal } from './BatchModals';
import { ApplicationStatusTag } from './recuperationParts';

type Filters = { batchId?: number; status?: ApplicationStatus; orgId?: number; q?: string };
const nowrap = { whiteSpace: 'nowrap' } as const;
const statusOptions = Object.entries(applicationStatusLabels).map(([value, label]) => ({ value, label }));

/** 报名名单: the applicants of the programme the caller may see, filtered, keyset paged, with the actions. */
export function ApplicantsPanel({ programme, initial }: { programme: ProgrammeView; initial: Filters }) {
  const paging = usePagedFilters<Filters>(initial);
  const list = useApplications({ programmeId: programme.id, ...paging.filters, cursor: paging.cursor, limit: 20 });
  const action = useApplicationAction();
  const showError = useShowError();
  const { message } = App.useApp();
  const can = useCan();
  const [asking, setAsking] = useState<{ kind: 'cancel' | 'reject'; row: ApplicationView } | null>(null);
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const manage = can('welfare.manage');

  const confirm = (row: ApplicationView) =>
    action
      .mutateAsync({ id: row.id, action: 'confirm' })
      .then(() => message.success(t.confirmDone))
      .catch(showError);

  const columns: TableColumnsType<ApplicationView> = [
    {
      title: t.member,
      key: 'member',
      width: 110,
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{r.member.name}</Typography.Text>
          <Typography.Text type="secondary">{r.member.mobile ?? ''}</Typography.Text>
        </Space>
      ),
    },
    { title: t.union, dataIndex: ['org', 'name'], ellipsis: true },
    { title: t.batch, key: 'batch', width: 160, render: (_, r) => `${r.batch.name} · ${r.batch.destination}` },
    {
      title: t.channel,
      key: 'channel',
      width: 120,
      render: (_, r) => (
        <Space size={4} wrap>
          {channelLabels[r.channel]}
          {r.frontLine && <Tag>{t.frontLine}</Tag>}
          {r.honour && <Tag color="gold">{r.honour}</Tag>}
        </Space>
      ),
    },
    { title: t.appliedAt, dataIndex: 'appliedAt', width: 130, render: formatTime },
    {
      title: t.status,
      key: 'status',
      width: 170,
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <ApplicationStatusTag status={r.status} />
          {r.waitlistPosition && <Typography.Text type="secondary">{t.position(r.waitlistPosition)}</Typography.Text>}
          {r.reason && <Typography.Text type="secondary">{`${t.reason}：${r.reason}`}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: t.actions,
      key: 'actions',
      width: 230,
      render: (_, r) => {
        const live = ['accepted', 'waitlisted', 'confirmed'].includes(r.status);
        const before = r.batch.startDate > today;
        return (
          manage && (
            <Space size="small">
              {r.status === 'accepted' && before && (
                <LinkButton style={nowrap} onClick={() => confirm(r)} data-testid="recup-confirm">
                  {t.confirm}
                </LinkButton>
              )}
              {live && before && (
                <LinkButton style={nowrap} onClick={() => setAsking({ kind: 'cancel', row: r })}>
                  {t.cancel}
                </LinkButton>
              )}
              {live && programme.canManage && (
                <LinkButton style={nowrap} danger onClick={() => setAsking({ kind: 'reject', row: r })}>
                  {t.reject}
                </LinkButton>
              )}
            </Space>
          )
        );
      },
    },
  ];

  return (
    <>
      <FilterBar<Filters>
        initialValues={initial}
        onSearch={(v) =>
          paging.setFilters({
            batchId: v.batchId ?? undefined,
            status: v.status ?? undefined,
            orgId: v.orgId ?? undefined,
            q: v.q?.trim() || undefined,
          })
        }
      >
        <Form.Item name="batchId" label={t.batch}>
          <Select
            allowClear
            placeholder={t.allBatches}
            style={{ width: 160 }}
            options={programme.batchList.map((b) => ({ value: b.id, label: `${b.name} · ${b.destination}` }))}
          />
        </Form.Item>
        <Form.Item name="status" label={t.status}>
          <Select allowClear placeholder={t.allStatuses} style={{ width: 110 }} options={statusOptions} />
        </Form.Item>
        <Form.Item name="orgId" label={t.orgFilter}>
          <OrgPicker allowClear style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="q" label={t.nameFilter}>
          <Input allowClear style={{ width: 120 }} />
        </Form.Item>
      </FilterBar>
      <Table<ApplicationView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: t.noApplicants }}
        data-testid="recup-applicants"
      />
      <CursorPager
        page={paging.page}
        nextCursor={list.data?.nextCursor}
        total={list.data?.total}
        loading={list.isFetching}
        onPrev={paging.prev}
        onNext={paging.next}
      />
      {asking && (
        <ReasonModal
          title={
            asking.kind === 'cancel' ? t.cancelTitle(asking.row.member.name) : t.rejectTitle(asking.row.member.name)
          }
          okText={asking.kind === 'cancel' ? t.cancel : t.reject}
          pending={action.isPending}
          onSubmit={(reason) =>
            action
              .mutateAsync({ id: asking.row.id, action: asking.kind, reason })
              .then(() => message.success(asking.kind === 'cancel' ? t.cancelled : t.rejected))
          }
          onClose={() => setAsking(null)}
        />
      )}
    </>
  );
}
