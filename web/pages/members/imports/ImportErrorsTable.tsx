import { Table } from 'antd';
import { memberImports as t } from '../../../locales/zh-CN';

export interface ImportErrorRow {
  row: number;
  column: string;
  reason: string;
}

/** Row number, column and reason of each bad cell; the row number is the one Excel shows. */
export function ImportErrorsTable({
  rows,
  loading,
  pageSize = 10,
}: {
  rows: ImportErrorRow[];
  loading?: boolean;
  pageSize?: number | false;
}) {
  return (
    <Table<ImportErrorRow>
      size="small"
      rowKey={(r) => `${r.row}:${r.column}:${r.reason}`}
      dataSource={rows}
      loading={loading}
      pagination={pageSize ? { pageSize, showSizeChanger: false, hideOnSinglePage: true } : false}
      columns={[
        { title: t.row, dataIndex: 'row', width: 80 },
        { title: t.column, dataIndex: 'column', width: 140 },
        { title: t.reason, dataIndex: 'reason' },
      ]}
      data-testid="import-errors"
    />
  );
}
