import { Table, type TableColumnsType, Typography } from 'antd';
import type { ReactNode } from 'react';
import { fenToYuanText, sumFen } from '../../../shared/money';
import { formatCount } from '../../components/format';
import { LinkButton } from '../../components/LinkButton';
import { assistanceStats as t } from '../../locales/assistance.zh-CN';
import type { RecordsTarget } from './MetricRecordsDrawer';

/** One row of figures and the records each of them opens. */
export interface FigureRow {
  key: string;
  label: ReactNode;
  cases: number;
  people?: number;
  amountFen: number;
  /** The metric query of this row (filters, org, period), without the metric code. */
  records: Omit<RecordsTarget, 'code'>;
}

interface FigureTableProps {
  rows: FigureRow[];
  onOpen: (target: RecordsTarget) => void;
  /** Whether the rows have 人数 (months do not). */
  people?: boolean;
  /** A 合计 row: off where rows overlap or do not add up to a meaningful whole. */
  total?: boolean;
  testId: string;
  pageSize?: number;
}

/** The figures of a chart as a table; every number opens the records behind it. */
export function FigureTable({ rows, onOpen, people = true, total = true, testId, pageSize }: FigureTableProps) {
  const open = (row: FigureRow, code: RecordsTarget['code']) => onOpen({ ...row.records, code });
  const link = (row: FigureRow, code: RecordsTarget['code'], text: string) => (
    <LinkButton onClick={() => open(row, code)} title={t.clickHint} style={{ fontVariantNumeric: 'tabular-nums' }}>
      {text}
    </LinkButton>
  );
  const columns: TableColumnsType<FigureRow> = [
    { title: t.columnName, dataIndex: 'label', key: 'label' },
    {
      title: t.cases,
      dataIndex: 'cases',
      width: 90,
      align: 'right',
      render: (v: number, row) => link(row, 'assistance.cases', formatCount(v)),
    },
    ...(people
      ? [
          {
            title: t.people,
            dataIndex: 'people',
            width: 90,
            align: 'right' as const,
            render: (v: number | undefined, row: FigureRow) => link(row, 'assistance.people', formatCount(v ?? 0)),
          },
        ]
      : []),
    {
      title: `${t.amount}（元）`,
      dataIndex: 'amountFen',
      width: 150,
      align: 'right',
      render: (v: number, row) => link(row, 'assistance.amount', fenToYuanText(v)),
    },
  ];
  return (
    <Table<FigureRow>
      rowKey="key"
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={pageSize && rows.length > pageSize ? { pageSize, showSizeChanger: false } : false}
      data-testid={testId}
      summary={
        total && rows.length > 1
          ? () => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  <Typography.Text strong>{t.total}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {formatCount(rows.reduce((s, r) => s + r.cases, 0))}
                </Table.Summary.Cell>
                {people && <Table.Summary.Cell index={2} align="right" />}
                <Table.Summary.Cell index={people ? 3 : 2} align="right">
                  {fenToYuanText(sumFen(rows.map((r) => r.amountFen)))}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )
          : undefined
      }
    />
  );
}
