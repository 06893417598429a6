import { App, Button, Drawer, Empty, Flex, Segmented, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { type ReportStatus, reportStatuses } from '../../../../shared/schemas/workplans.reports';
import { type ReportView, useReports, useReviewReport } from '../../../api/workplans';
import { useShowError } from '../../../components/formErrors';
import { CursorPager, usePagedFilters } from '../../../components/paging';
import { common, workplanReports as t } from '../../../locales/zh-CN';
import { ReportItem } from './ReportItem';
import { ReturnReportModal } from './ReturnReportModal';

/** Which records a figure stands for: the reports of a document narrowed to a task, target and org. */
export interface RecordsFilter {
  title: string;
  documentId: number;
  taskId?: number;
  targetId?: number;
  orgId?: number;
}

type StatusChoice = ReportStatus | 'all';
const statusChoices: { value: StatusChoice; label: string }[] = [
  { value: 'all', label: common.all },
  ...(Object.keys(reportStatuses) as ReportStatus[]).map((value) => ({ value, label: reportStatuses[value] })),
];

interface ReportsDrawerProps {
  filter: RecordsFilter | null;
  /** Whether the caller reviews (the lead department's staff); the server still checks each report. */
  canReview: boolean;
  /** 重新填报 on a returned report, for the unit that made it. */
  onReReport?: (report: ReportView) => void;
  onClose: () => void;
}

/** The records behind a figure: the progress reports it sums, newest first, with 通过 / 退回 for reviewers. */
export function ReportsDrawer({ filter, canReview, onReReport, onClose }: ReportsDrawerProps) {
  return (
    <Drawer
      open={filter !== null}
      onClose={onClose}
      size={680}
      title={filter ? t.drawerOf(filter.title) : t.drawerTitle}
      destroyOnHidden
      data-testid="reports-drawer"
    >
      {filter && <ReportPages filter={filter} canReview={canReview} onReReport={onReReport} />}
    </Drawer>
  );
}

function ReportPages({
  filter,
  canReview,
  onReReport,
}: Omit<ReportsDrawerProps, 'filter' | 'onClose'> & { filter: RecordsFilter }) {
  const [status, setStatus] = useState<StatusChoice>('all');
  const paging = usePagedFilters({});
  const { title: _title, ...query } = filter;
  const list = useReports({
    ...query,
    status: status === 'all' ? undefined : status,
    cursor: paging.cursor,
    limit: 10,
  });
  const review = useReviewReport();
  const showError = useShowError();
  const { message } = App.useApp();
  const [returning, setReturning] = useState<ReportView | null>(null);

  const accept = (report: ReportView) =>
    review
      .mutateAsync({ id: report.id, decision: 'accept' })
      .then(() => message.success(t.accepted))
      .catch(showError);

  return (
    <>
      <Flex align="center" gap={12} style={{ marginBottom: 16 }}>
        <Typography.Text>{t.status}</Typography.Text>
        <Segmented<StatusChoice>
          options={statusChoices}
          value={status}
          onChange={(value) => {
            setStatus(value);
            paging.setFilters({});
          }}
        />
      </Flex>
      {list.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : list.data?.items.length ? (
        list.data.items.map((report) => (
          <ReportItem
            key={report.id}
            report={report}
            onAccept={canReview ? accept : undefined}
            onReturn={canReview ? setReturning : undefined}
            accepting={review.isPending && review.variables?.id === report.id}
            extra={
              onReReport &&
              report.status === 'returned' && (
                <Button size="small" type="primary" ghost onClick={() => onReReport(report)} data-testid="report-again">
                  {t.reReport}
                </Button>
              )
            }
          />
        ))
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.empty} />
      )}
      <CursorPager
        page={paging.page}
        nextCursor={list.data?.nextCursor}
        total={list.data?.total}
        loading={list.isFetching}
        onPrev={paging.prev}
        onNext={paging.next}
      />
      {returning && <ReturnReportModal report={returning} onClose={() => setReturning(null)} />}
    </>
  );
}
