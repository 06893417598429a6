import { Button, Drawer, Empty, Skeleton, Table, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { type MetricRecordsQuery, useMetricRecords } from '../../api/assistance';
import { CursorPager, usePagedFilters } from '../../components/paging';
import { assistanceStats as t } from '../../locales/assistance.zh-CN';
import { common } from '../../locales/zh-CN';
import type { CaseFilters } from './assistanceLinks';
import { casesLink } from './assistanceLinks';

/** Which records a figure stands for: a catalog metric with its org, period and filters. */
export interface RecordsTarget {
  title: string;
  code: 'assistance.cases' | 'assistance.people' | 'assistance.amount';
  query: Omit<MetricRecordsQuery, 'cursor' | 'limit'>;
  /** The same cases in the 帮扶救助 list (without the approval-date period, which the list does not filter). */
  list?: CaseFilters;
}

/**
 * The records behind a statistics figure, straight from the metric catalog (the rows the figure counts),
 * paged newest first, with a way to open the same cases in the 帮扶救助 list.
 */
export function MetricRecordsDrawer({ target, onClose }: { target: RecordsTarget | null; onClose: () => void }) {
  const navigate = useNavigate();
  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      size={900}
      title={target ? t.records(target.title) : ''}
      extra={
        target?.list && (
          <Button onClick={() => target.list && navigate(casesLink(target.list))} data-testid="records-open-list">
            {t.openList}
          </Button>
        )
      }
      destroyOnHidden
      data-testid="records-drawer"
    >
      {target && <RecordPages target={target} />}
    </Drawer>
  );
}

function RecordPages({ target }: { target: RecordsTarget }) {
  const paging = usePagedFilters({});
  const records = useMetricRecords(target.code, { ...target.query, cursor: paging.cursor, limit: 20 });
  const data = records.data;
  if (records.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (records.error) return <Typography.Text type="danger">{records.error.message}</Typography.Text>;
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t.recordsNote}
      </Typography.Paragraph>
      <Table
        rowKey={(_row, index) => `${paging.page}-${index}`}
        size="small"
        loading={records.isFetching}
        dataSource={data?.rows ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={(data?.columns ?? []).map((col) => ({
          title: col.title,
          dataIndex: col.key,
          key: col.key,
          render: (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v)),
        }))}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={common.empty} /> }}
        data-testid="records-table"
      />
      <CursorPager
        page={paging.page}
        nextCursor={data?.nextCursor}
        total={data?.total}
        loading={records.isFetching}
        onPrev={paging.prev}
        onNext={paging.next}
      />
    </>
  );
}
