import { Popconfirm, Space, Table, type TableColumnsType, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { documentTypes } from '../../../shared/schemas/workplans';
import type { DocumentSummary } from '../../api/workplans';
import { orDash } from '../../components/format';
import { LinkButton } from '../../components/LinkButton';
import { common, workplans as t } from '../../locales/zh-CN';
import { DocumentStatusTag } from './DocumentStatusTag';
import { workplanLinks } from './workplanLinks';

interface DocumentsTableProps {
  rows: DocumentSummary[] | undefined;
  loading: boolean;
  empty: ReactNode;
  /** Whether the caller drafts documents (编辑 / 删除 on drafts). */
  canManage: boolean;
  onDelete: (doc: DocumentSummary) => Promise<unknown>;
}

/** One page of documents: type, 文号, title (opens the detail), issuer, date, status, tasks. */
export function DocumentsTable({ rows, loading, empty, canManage, onDelete }: DocumentsTableProps) {
  const columns: TableColumnsType<DocumentSummary> = [
    { title: t.type, dataIndex: 'type', width: 110, render: (type: DocumentSummary['type']) => documentTypes[type] },
    {
      title: t.docNumber,
      dataIndex: 'docNumber',
      width: 200,
      render: (v: string | null) => (v ? v : <Typography.Text type="secondary">{t.noNumber}</Typography.Text>),
    },
    {
      title: t.title,
      dataIndex: 'title',
      render: (title: string, doc) => <Link to={workplanLinks.detail(doc.id)}>{title}</Link>,
    },
    { title: t.issuer, dataIndex: 'issuerName', width: 150, ellipsis: true },
    { title: t.issuedDate, dataIndex: 'issuedDate', width: 110, render: orDash },
    {
      title: t.status,
      dataIndex: 'status',
      width: 84,
      render: (status: DocumentSummary['status']) => <DocumentStatusTag status={status} />,
    },
    { title: t.taskCount, dataIndex: 'taskCount', width: 76, align: 'right' },
    {
      title: common.actions,
      key: 'actions',
      width: 140,
      render: (_, doc) => (
        <Space size="middle">
          <Link to={workplanLinks.detail(doc.id)}>{t.open}</Link>
          {canManage && doc.status === 'draft' && (
            <>
              <Link to={workplanLinks.edit(doc.id)}>{t.edit}</Link>
              <Popconfirm
                title={t.deleteConfirm(doc.title)}
                okButtonProps={{ danger: true }}
                onConfirm={() => onDelete(doc)}
              >
                <LinkButton danger>{t.delete}</LinkButton>
              </Popconfirm>
            </>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Table<DocumentSummary>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      scroll={{ x: 1000 }}
      locale={{ emptyText: empty }}
      data-testid="documents-table"
    />
  );
}
