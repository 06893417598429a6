import { Empty, Skeleton, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { fenToYuanText } from '../../../shared/money';
import { visitTargetKinds } from '../../../shared/schemas/visits';
import { useVisits, type VisitListQuery, type VisitView } from '../../api/visits';
import { formatCount } from '../../components/format';
import { CursorPager, usePagedFilters } from '../../components/paging';
import { visits as t } from '../../locales/visits.zh-CN';
import { VisitDetailDrawer } from './VisitDetailDrawer';

/** A keyset-paged table of the visits matching `filter`, with the filtered totals; a row opens its detail. */
export function VisitsList({
  filter,
  emptyHint,
}: {
  filter: Omit<VisitListQuery, 'cursor' | 'limit'>;
  emptyHint?: string;
}) {
  const paging = usePagedFilters({});
  const list = useVisits({ ...filter, cursor: paging.cursor, limit: 20 });
  const [open, setOpen] = useState<number | null>(null);
  const key = JSON.stringify(filter);
  const [lastKey, setLastKey] = useState(key);
  if (key !== lastKey) {
    setLastKey(key);
    paging.setFilters({});
  }
  if (list.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  const totals = list.data?.totals;
  return (
    <>
      {totals && totals.visits > 0 && (
        <Typography.Paragraph type="secondary" data-testid="visits-totals">
          {t.totalsLine(totals.visits, formatCount(totals.workers), fenToYuanText(totals.totalFen))}
        </Typography.Paragraph>
      )}
      <Table<VisitView>
        rowKey="id"
        size="small"
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={false}
        scroll={{ x: 900 }}
        data-testid="visits-table"
        onRow={(v) => ({ onClick: () => setOpen(v.id), style: { cursor: 'pointer' } })}
        locale={{
          emptyText: (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.visitsEmpty}>
              {emptyHint && <Typography.Text type="secondary">{emptyHint}</Typography.Text>}
            </Empty>
          ),
        }}
        columns={[
          { title: t.visitDate, dataIndex: 'visitDate', width: 110 },
          { title: t.visitor, key: 'org', render: (_, v) => v.org.name },
          {
            title: t.target,
            key: 'target',
            render: (_, v) => (
              <span>
                <Tag color={v.targetKind === 'enterprise' ? 'blue' : 'orange'}>{visitTargetKinds[v.targetKind]}</Tag>
                {v.targetName}
                {v.photoCount > 0 && <Typography.Text type="secondary">{` · ${v.photoCount} 张照片`}</Typography.Text>}
              </span>
            ),
          },
          { title: t.workersReached, dataIndex: 'workersReached', width: 90, align: 'right' },
          {
            title: t.amount,
            key: 'amount',
            width: 130,
            align: 'right',
            render: (_, v) => fenToYuanText(v.goodsFen + v.cashFen),
          },
        ]}
      />
      <CursorPager
        page={paging.page}
        nextCursor={list.data?.nextCursor}
        total={list.data?.total}
        loading={list.isFetching}
        onPrev={paging.prev}
        onNext={paging.next}
      />
      <VisitDetailDrawer id={open} onClose={() => setOpen(null)} />
    </>
  );
}
