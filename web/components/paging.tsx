import { Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { common } from '../locales/zh-CN';

/**
 * Filters plus keyset paging for a list page: the server answers a `nextCursor`, so going back
 * means remembering the cursors already used. Changing the filters starts again at page 1.
 */
export function usePagedFilters<F extends object>(initial: F) {
  const [filters, setFiltersState] = useState<F>(initial);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  return {
    filters,
    cursor: cursors[cursors.length - 1],
    page: cursors.length,
    setFilters: (next: F) => {
      setFiltersState(next);
      setCursors([undefined]);
    },
    next: (nextCursor: string) => setCursors((c) => [...c, nextCursor]),
    prev: () => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)),
  };
}

interface CursorPagerProps {
  page: number;
  nextCursor: string | null | undefined;
  total?: number;
  loading?: boolean;
  onPrev: () => void;
  onNext: (cursor: string) => void;
}

/** 上一页 / 下一页 under a table paged by cursor, with the total when the server counts it. */
export function CursorPager({ page, nextCursor, total, loading, onPrev, onNext }: CursorPagerProps) {
  return (
    <Space style={{ display: 'flex', justifyContent: 'flex-end', marginTop: 16 }}>
      <Typography.Text type="secondary">
        {total === undefined ? common.pageOf(page) : `${common.totalOf(total)} · ${common.pageOf(page)}`}
      </Typography.Text>
      <Button disabled={page <= 1 || loading} onClick={onPrev}>
        {common.prevPage}
      </Button>
      <Button disabled={!nextCursor || loading} onClick={() => nextCursor && onNext(nextCursor)}>
        {common.nextPage}
      </Button>
    </Space>
  );
}
