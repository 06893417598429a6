import { Table, type TableColumnsType, type TableProps, Tag, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { type AssistanceType, assistanceTypes } from '../../../shared/schemas/assistance';
import type { CaseItem } from '../../api/assistance';
import { formatTime } from '../../components/format';
import { LinkButton } from '../../components/LinkButton';
import { assistanceCommon as c, assistanceCase as d, assistanceCases as t } from '../../locales/assistance.zh-CN';
import { common } from '../../locales/zh-CN';
import { CaseStatusTag } from './CaseStatusTag';
import { Yuan } from './money';

interface CasesTableProps {
  rows: CaseItem[] | undefined;
  loading: boolean;
  empty: ReactNode;
  onOpen: (item: CaseItem) => void;
  /** Row checkboxes (bulk approval); rows the caller may not approve cannot be ticked. */
  selection?: TableProps<CaseItem>['rowSelection'];
}

const mono = { fontFamily: 'monospace', fontSize: 13, whiteSpace: 'nowrap' } as const;

/** One page of cases: number, applicant, union, type, amounts in yuan, fund, status and dates. */
export function CasesTable({ rows, loading, empty, onOpen, selection }: CasesTableProps) {
  const columns: TableColumnsType<CaseItem> = [
    {
      title: c.caseNo,
      dataIndex: 'caseNo',
      width: 140,
      render: (no: string, item) => (
        <LinkButton onClick={() => onOpen(item)} style={mono}>
          {no}
        </LinkButton>
      ),
    },
    {
      title: c.member,
      dataIndex: 'memberName',
      width: 100,
      render: (name: string, item) => (
        <span>
          <LinkButton onClick={() => onOpen(item)}>{name}</LinkButton>
          {item.hardship && (
            <Tooltip title={d.hardshipYes}>
              <Tag color="volcano" style={{ marginInlineStart: 4, fontSize: 11, lineHeight: '16px', padding: '0 3px' }}>
                {t.hardshipTag}
              </Tag>
            </Tooltip>
          )}
        </span>
      ),
    },
    { title: c.org, dataIndex: 'orgName', ellipsis: { showTitle: true } },
    {
      title: c.type,
      dataIndex: 'type',
      width: 80,
      render: (type: AssistanceType) => assistanceTypes[type],
    },
    {
      title: t.amountRequested,
      dataIndex: 'amountRequestedFen',
      width: 110,
      align: 'right',
      render: (fen: number) => <Yuan fen={fen} />,
    },
    {
      title: t.amountApproved,
      dataIndex: 'amountApprovedFen',
      width: 110,
      align: 'right',
      render: (fen: number | null) => <Yuan fen={fen} />,
    },
    {
      title: c.fund,
      dataIndex: 'fundName',
      width: 160,
      ellipsis: { showTitle: true },
      render: (name: string | null) => name ?? '—',
    },
    {
      title: c.status,
      dataIndex: 'status',
      width: 100,
      render: (status: CaseItem['status']) => <CaseStatusTag status={status} />,
    },
    { title: t.submittedAt, dataIndex: 'submittedAt', width: 130, render: (at: string) => formatTime(at) },
    {
      title: common.actions,
      key: 'actions',
      width: 60,
      fixed: 'right',
      render: (_, item) => <LinkButton onClick={() => onOpen(item)}>{t.open}</LinkButton>,
    },
  ];

  return (
    <Table<CaseItem>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      rowSelection={selection}
      scroll={{ x: 1180 }}
      locale={{ emptyText: empty }}
      data-testid="cases-table"
    />
  );
}
