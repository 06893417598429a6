import { App, Card, Flex, Segmented, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import {
  type CorrectionStatus,
  type CorrectionView,
  useCorrections,
  useDecideCorrection,
} from '../../../api/corrections';
import { useShowError } from '../../../components/formErrors';
import { CursorPager, usePagedFilters } from '../../../components/paging';
import { common, correctionStatusLabels, memberCorrections as t } from '../../../locales/zh-CN';
import { useMemberDetail } from '../MemberDialogs';
import { CorrectionsTable } from './CorrectionsTable';
import { RejectCorrectionModal } from './RejectCorrectionModal';

type StatusChoice = CorrectionStatus | 'all';

const statusChoices: { value: StatusChoice; label: string }[] = [
  ...(Object.keys(correctionStatusLabels) as CorrectionStatus[]).map((value) => ({
    value,
    label: correctionStatusLabels[value],
  })),
  { value: 'all', label: common.all },
];

/**
 * 信息更正: the correction requests of the caller's subtree, 待审核 first. 通过 applies the change to the
 * member's record, 驳回 needs a reason the member reads; the member's name opens their record.
 */
export default function MemberCorrectionsPage() {
  const paging = usePagedFilters<{ status?: CorrectionStatus }>({ status: 'pending' });
  const list = useCorrections({ ...paging.filters, cursor: paging.cursor, limit: 20 });
  const decide = useDecideCorrection();
  const showError = useShowError();
  const { message } = App.useApp();
  const [rejecting, setRejecting] = useState<CorrectionView | null>(null);
  const memberDetail = useMemberDetail();

  const approve = (correction: CorrectionView) =>
    decide
      .mutateAsync({ id: correction.id, approve: true })
      .then(() => message.success(t.approved))
      .catch(showError);

  return (
    <Card title={t.pageTitle}>
      <Flex align="center" gap={12} style={{ marginBottom: 16 }}>
        <Typography.Text>{t.statusFilter}</Typography.Text>
        <Segmented<StatusChoice>
          options={statusChoices}
          value={paging.filters.status ?? 'all'}
          onChange={(value) => paging.setFilters({ status: value === 'all' ? undefined : value })}
          data-testid="correction-status-filter"
        />
      </Flex>
      {list.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <CorrectionsTable
          rows={list.data?.items}
          loading={list.isFetching}
          status={paging.filters.status}
          onOpenMember={memberDetail.open}
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
      {rejecting && (
        <RejectCorrectionModal
          correction={rejecting}
          pending={decide.isPending}
          reject={(comment) => decide.mutateAsync({ id: rejecting.id, approve: false, comment })}
          onClose={() => setRejecting(null)}
        />
      )}
      {memberDetail.element}
    </Card>
  );
}
