import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Dropdown, Empty, Progress, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { fenToYuanText } from '../../../shared/money';
import type { QuotaView } from '../../../shared/schemas/recuperation';
import { type BatchView, type ProgrammeView, rosterUrl } from '../../api/recuperation';
import { useCan } from '../../app/session';
import { LinkButton } from '../../components/LinkButton';
import { recuperation as t } from '../../locales/recuperation.zh-CN';
import { AttendanceModal, BatchModal, NominateModal, QuotaModal } from './BatchModals';
import { SeatsBar } from './recuperationParts';

type Open = (filters: Record<string, string | number | undefined>) => void;
type Dialog = { kind: 'batch' | 'quota' | 'nominate' | 'attendance'; batch?: BatchView } | null;

const nowrap = { whiteSpace: 'nowrap' } as const;
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** A batch's quotas with used / quota, and the seats outside every quota; each figure opens its applicants. */
function QuotaTable({ batch: b, onOpen }: { batch: BatchView; onOpen: Open }) {
  const rows: QuotaView[] = [
    ...b.quotas,
    { id: 0, org: { id: 0, name: t.pool }, quota: b.capacity - b.quotaTotal, used: b.poolTaken },
  ];
  return (
    <Table<QuotaView>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={rows}
      style={{ maxWidth: 560 }}
      columns={[
        { title: t.quotaOrg, dataIndex: ['org', 'name'], ellipsis: true },
        {
          title: t.quotaUsed,
          key: 'used',
          width: 170,
          render: (_, q) => (
            <LinkButton
              onClick={() => q.id && onOpen({ batchId: b.id, orgId: q.org.id, orgName: q.org.name })}
              disabled={!q.id}
            >
              <Space size={6}>
                <Progress
                  percent={q.quota ? Math.round((q.used / q.quota) * 100) : 0}
                  size="small"
                  showInfo={false}
                  style={{ width: 70, margin: 0 }}
                />
                {q.used} / {q.quota}
              </Space>
            </LinkButton>
          ),
        },
      ]}
      data-testid="recup-quotas"
    />
  );
}

/** 批次与名额: every batch of the programme in a table; a row opens its quotas per org. */
export function BatchesPanel({ programme, onOpenApplicants }: { programme: ProgrammeView; onOpenApplicants: Open }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const can = useCan();
  const close = () => setDialog(null);
  const open = onOpenApplicants;
  const upcoming = programme.batchList.filter((b) => b.startDate > today()).map((b) => b.id);

  const columns: TableColumnsType<BatchView> = [
    { title: t.batchName, dataIndex: 'name', width: 80 },
    {
      title: t.dates,
      key: 'dates',
      width: 200,
      render: (_, b) => (
        <Space direction="vertical" size={0}>
          <span>
            {b.startDate} 至 {b.endDate}
          </span>
          <Typography.Text type="secondary">
            {t.signupDeadline} {b.signupDeadline}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t.destination,
      key: 'destination',
      render: (_, b) => (
        <Space direction="vertical" size={0}>
          <span>{b.destination}</span>
          <Typography.Text type="secondary">
            {b.theme ? `${b.theme} · ` : ''}
            {t.perPerson(fenToYuanText(b.costFen))}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t.seats,
      key: 'seats',
      width: 190,
      render: (_, b) => (
        <LinkButton onClick={() => open({ batchId: b.id })} aria-label={`${b.name} ${t.seats}`}>
          <SeatsBar taken={b.seatsTaken} capacity={b.capacity} testId="recup-seats" />
        </LinkButton>
      ),
    },
    {
      title: t.statsWaitlisted,
      dataIndex: 'waitlisted',
      width: 64,
      align: 'right',
      render: (n: number, b) => (
        <LinkButton onClick={() => open({ batchId: b.id, status: 'waitlisted' })}>{n}</LinkButton>
      ),
    },
    {
      title: t.statsAttended,
      dataIndex: 'attended',
      width: 72,
      align: 'right',
      render: (n: number, b) => (
        <LinkButton onClick={() => open({ batchId: b.id, status: 'attended' })}>{n}</LinkButton>
      ),
    },
    {
      title: t.actions,
      key: 'actions',
      width: 250,
      render: (_, b) => {
        const open = programme.status === 'open' && b.signupDeadline >= today();
        const items = [
          programme.canManage && { key: 'batch', label: t.edit },
          programme.canManage && { key: 'quota', label: t.setQuota },
          programme.canManage && b.startDate <= today() && { key: 'attendance', label: t.attendance },
        ].filter((i): i is { key: string; label: string } => !!i);
        return (
          <Space size="middle">
            {can('welfare.manage') && open && (
              <LinkButton
                style={nowrap}
                onClick={() => setDialog({ kind: 'nominate', batch: b })}
                data-testid="recup-nominate"
              >
                {t.nominate}
              </LinkButton>
            )}
            <LinkButton style={nowrap} href={rosterUrl(b.id)} icon={<DownloadOutlined />}>
              {t.exportRoster}
            </LinkButton>
            {items.length > 0 && (
              <Dropdown
                menu={{
                  items,
                  onClick: ({ key }) => setDialog({ kind: key as 'batch' | 'quota' | 'attendance', batch: b }),
                }}
              >
                <LinkButton style={nowrap}>{t.more}</LinkButton>
              </Dropdown>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <>
      {programme.canManage && (
        <Button
          type="primary"
          icon={<PlusOutlined />}
          style={{ marginBottom: 16 }}
          onClick={() => setDialog({ kind: 'batch' })}
          data-testid="recup-add-batch"
        >
          {t.addBatch}
        </Button>
      )}
      <Table<BatchView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={programme.batchList}
        pagination={false}
        scroll={{ x: 1100 }}
        defaultExpandedRowKeys={upcoming}
        expandable={{
          expandedRowRender: (b) => <QuotaTable batch={b} onOpen={open} />,
          rowExpandable: (b) => b.quotas.length > 0,
        }}
        locale={{ emptyText: <Empty description={t.emptyHint} /> }}
        onRow={(b) => ({ 'data-testid': 'recup-batch', 'data-name': b.name }) as React.HTMLAttributes<HTMLElement>}
      />
      {dialog?.kind === 'batch' && <BatchModal programmeId={programme.id} batch={dialog.batch} onClose={close} />}
      {dialog?.kind === 'quota' && dialog.batch && (
        <QuotaModal batch={dialog.batch} ownerId={programme.org.id} onClose={close} />
      )}
      {dialog?.kind === 'nominate' && dialog.batch && <NominateModal batch={dialog.batch} onClose={close} />}
      {dialog?.kind === 'attendance' && dialog.batch && <AttendanceModal batch={dialog.batch} onClose={close} />}
    </>
  );
}
