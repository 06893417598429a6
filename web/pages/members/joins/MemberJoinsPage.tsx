import { QrcodeOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, Segmented, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { grassrootsTypes } from '../../../../shared/enums';
import { joinStatuses } from '../../../../shared/memberEnums';
import { type JoinStatus, type JoinView, useDecideJoin, useJoins } from '../../../api/joins';
import { FilterBar } from '../../../components/FilterBar';
import { useShowError } from '../../../components/formErrors';
import { OrgPicker } from '../../../components/OrgPicker';
import { CursorPager, usePagedFilters } from '../../../components/paging';
import { common, memberJoins as t } from '../../../locales/zh-CN';
import { useMemberDetail } from '../MemberDialogs';
import { JoinDrawer } from './JoinDrawer';
import { JoinQrModal } from './JoinQrModal';
import { JoinsTable } from './JoinsTable';
import { ReasonModal } from './ReasonModal';

type StatusChoice = JoinStatus | 'all';
const statusChoices: { value: StatusChoice; label: string }[] = [
  ...(Object.keys(joinStatuses) as JoinStatus[]).map((value) => ({ value, label: joinStatuses[value] })),
  { value: 'all', label: common.all },
];

interface Filters {
  status?: JoinStatus;
  q?: string;
  orgId?: number;
}

/**
 * 入会申请: applications to the caller's subtree, 待审核 first. 通过 registers the member (card number,
 * counts, portal access), 驳回 needs a reason the applicant reads; 入会二维码 shows a union's join link.
 */
export default function MemberJoinsPage() {
  const paging = usePagedFilters<Filters>({ status: 'pending' });
  const list = useJoins({ ...paging.filters, cursor: paging.cursor, limit: 20 });
  const decide = useDecideJoin();
  const showError = useShowError();
  const { message } = App.useApp();
  const [openId, setOpenId] = useState<number | null>(null);
  const [rejecting, setRejecting] = useState<JoinView | null>(null);
  const [showQr, setShowQr] = useState(false);
  const memberDetail = useMemberDetail();

  const approve = (join: JoinView) =>
    decide
      .mutateAsync({ id: join.id, approve: true })
      .then(() => message.success(t.approved))
      .catch(showError);

  const qrButton = (
    <Button icon={<QrcodeOutlined />} onClick={() => setShowQr(true)} data-testid="join-qr-button">
      {t.qr}
    </Button>
  );

  return (
    <Card title={t.pageTitle} extra={qrButton}>
      <Flex align="center" gap={12} style={{ marginBottom: 16 }}>
        <Typography.Text>{t.statusFilter}</Typography.Text>
        <Segmented<StatusChoice>
          options={statusChoices}
          value={paging.filters.status ?? 'all'}
          onChange={(value) => paging.setFilters({ ...paging.filters, status: value === 'all' ? undefined : value })}
          data-testid="join-status-filter"
        />
      </Flex>
      <FilterBar<Omit<Filters, 'status'>>
        onSearch={(values) =>
          paging.setFilters({ status: paging.filters.status, q: values.q?.trim() || undefined, orgId: values.orgId })
        }
      >
        <Form.Item name="q" label={t.applicant}>
          <Input placeholder={t.applicantPlaceholder} allowClear style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="orgId" label={t.union}>
          <OrgPicker onlyTypes={grassrootsTypes} placeholder={t.unionPlaceholder} allowClear style={{ width: 280 }} />
        </Form.Item>
      </FilterBar>
      {list.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <JoinsTable
          rows={list.data?.items}
          loading={list.isFetching}
          status={paging.filters.status}
          emptyExtra={qrButton}
          onOpen={setOpenId}
          onApprove={approve}
          onReject={setRejecting}
        />
      )}
      <CursorPager
        page={paging.page}
        nextCursor={list.data?.nextCursor}
        loading={list.isFetching}
        onPrev={paging.prev}
        onNext={paging.next}
      />
      <JoinDrawer
        joinId={openId}
        onClose={() => setOpenId(null)}
        onApprove={approve}
        onReject={setRejecting}
        onOpenMember={(id) => {
          setOpenId(null);
          memberDetail.open(id);
        }}
      />
      {rejecting && (
        <ReasonModal
          title={t.rejectTitle(rejecting.name)}
          words={{
            label: t.rejectComment,
            placeholder: t.rejectCommentPlaceholder,
            required: t.rejectCommentRequired,
            ok: t.reject,
            done: t.rejected,
          }}
          pending={decide.isPending}
          send={(comment) => decide.mutateAsync({ id: rejecting.id, approve: false, comment })}
          onClose={() => setRejecting(null)}
          testId="reject-join-form"
        />
      )}
      {showQr && <JoinQrModal onClose={() => setShowQr(false)} />}
      {memberDetail.element}
    </Card>
  );
}
