import { Button, Card, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { type ImportView, importReportUrl, useCommitImport, useImports } from '../../../api/imports';
import { formatCount, formatTime } from '../../../components/format';
import { useShowError } from '../../../components/formErrors';
import { CursorPager, usePagedFilters } from '../../../components/paging';
import { memberImports as t } from '../../../locales/zh-CN';
import { ImportErrorsDrawer } from './ImportErrorsDrawer';
import { ImportStatusTag } from './ImportStatusTag';

/** 导入记录: who imported which file when, with what result, newest first; open errors or commit later. */
export function ImportHistory() {
  const paging = usePagedFilters({});
  const list = useImports(paging.cursor);
  const commit = useCommitImport();
  const showError = useShowError();
  const [errorsOf, setErrorsOf] = useState<ImportView | null>(null);

  return (
    <Card title={t.historyTitle} style={{ marginTop: 16 }}>
      <Table<ImportView>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={false}
        locale={{ emptyText: t.historyEmpty }}
        data-testid="import-history"
        columns={[
          { title: t.fileName, dataIndex: 'fileName', ellipsis: true },
          { title: t.union, render: (_, r) => r.org.name, ellipsis: true },
          { title: t.status, width: 90, render: (_, r) => <ImportStatusTag status={r.status} /> },
          {
            title: t.counts,
            width: 190,
            render: (_, r) => (
              <span>
                {formatCount(r.total)}（{formatCount(r.valid)} /{' '}
                <Typography.Text type={r.invalid ? 'danger' : undefined}>{formatCount(r.invalid)}</Typography.Text>）
              </span>
            ),
          },
          { title: t.added, width: 90, render: (_, r) => (r.added === null ? '—' : formatCount(r.added)) },
          { title: t.createdBy, dataIndex: 'createdByName', width: 110 },
          { title: t.createdAt, width: 150, render: (_, r) => formatTime(r.createdAt) },
          {
            title: '操作',
            width: 250,
            render: (_, r) => (
              <Space size="small">
                {r.invalid > 0 && (
                  <>
                    <Button type="link" size="small" onClick={() => setErrorsOf(r)}>
                      {t.viewErrors}
                    </Button>
                    <Button type="link" size="small" href={importReportUrl(r.id)}>
                      {t.report}
                    </Button>
                  </>
                )}
                {r.status === 'ready' && r.valid > 0 && (
                  <Button
                    type="link"
                    size="small"
                    loading={commit.isPending && commit.variables === r.id}
                    onClick={() => commit.mutateAsync(r.id).catch(showError)}
                  >
                    {t.continueCommit}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <CursorPager
        page={paging.page}
        nextCursor={list.data?.nextCursor}
        loading={list.isFetching}
        onPrev={paging.prev}
        onNext={paging.next}
      />
      <ImportErrorsDrawer record={errorsOf} onClose={() => setErrorsOf(null)} />
    </Card>
  );
}
