import { Empty, Popconfirm, Space, Table, type TableColumnsType, Typography } from 'antd';
import { type TransferStatus, transferInitiators } from '../../../../shared/memberEnums';
import type { TransferView } from '../../../api/transfers';
import { formatTime, orDash } from '../../../components/format';
import { LinkButton } from '../../../components/LinkButton';
import { common, memberTransfers as t } from '../../../locales/zh-CN';
import { TransferStatusTag } from '../joins/JoinStatusTag';

function Decision({ transfer: x }: { transfer: TransferView }) {
  if (!x.deciderName) return orDash(null);
  return (
    <div style={{ overflowWrap: 'anywhere' }}>
      <div>{x.deciderName}</div>
      {x.decidedAt && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatTime(x.decidedAt)}
        </Typography.Text>
      )}
      {x.decisionComment && <div style={{ fontSize: 13, marginTop: 2 }}>{x.decisionComment}</div>}
    </div>
  );
}

interface TransfersTableProps {
  rows: TransferView[] | undefined;
  loading: boolean;
  status: TransferStatus | undefined;
  onOpenMember: (id: number) => void;
  onAccept: (transfer: TransferView) => Promise<unknown>;
  onDecline: (transfer: TransferView) => void;
}

/** One page of transfers: who, from where to where, who asked and why; 同意 / 不同意 on the caller's turn. */
export function TransfersTable({ rows, loading, status, onOpenMember, onAccept, onDecline }: TransfersTableProps) {
  const columns: TableColumnsType<TransferView> = [
    {
      title: t.member,
      key: 'member',
      width: 90,
      fixed: 'left',
      render: (_, x) =>
        x.member.id ? (
          <LinkButton onClick={() => onOpenMember(x.member.id ?? 0)}>{x.member.name}</LinkButton>
        ) : (
          x.member.name
        ),
    },
    {
      title: t.idNumber,
      dataIndex: 'idNumber',
      width: 150,
      render: (v: string) => <span style={{ fontFamily: 'monospace', fontSize: 13, whiteSpace: 'nowrap' }}>{v}</span>,
    },
    {
      title: t.route,
      key: 'route',
      width: 250,
      render: (_, x) => (
        <div style={{ overflowWrap: 'anywhere', lineHeight: 1.6 }}>
          <div>{t.fromLine(x.from.name)}</div>
          <div>{t.toLine(x.to.name)}</div>
        </div>
      ),
    },
    {
      title: t.initiatedBy,
      key: 'initiatedBy',
      width: 130,
      render: (_, x) => (
        <div>
          <div>{transferInitiators[x.initiatedBy]}</div>
          {x.requesterName && (
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              {x.requesterName}
            </Typography.Text>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {formatTime(x.createdAt)}
          </Typography.Text>
        </div>
      ),
    },
    { title: t.reason, dataIndex: 'reason', render: (v: string | null) => orDash(v) },
    {
      title: t.status,
      dataIndex: 'status',
      width: 80,
      render: (s: TransferStatus) => <TransferStatusTag status={s} />,
    },
    { title: t.decision, key: 'decision', width: 130, render: (_, x) => <Decision transfer={x} /> },
    {
      title: common.actions,
      key: 'actions',
      width: 110,
      fixed: 'right',
      render: (_, x) => {
        if (x.canDecide) {
          return (
            <Space size="middle">
              <Popconfirm
                title={t.acceptConfirm(x.member.name)}
                description={t.acceptHint}
                onConfirm={() => onAccept(x)}
              >
                <LinkButton>{t.accept}</LinkButton>
              </Popconfirm>
              <LinkButton danger onClick={() => onDecline(x)}>
                {t.decline}
              </LinkButton>
            </Space>
          );
        }
        return x.status === 'pending' ? <Typography.Text type="secondary">{t.waiting}</Typography.Text> : orDash(null);
      },
    },
  ];

  return (
    <Table<TransferView>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      scroll={{ x: 1050 }}
      locale={{
        emptyText: (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={status === 'pending' ? t.emptyPending : t.empty} />
        ),
      }}
      data-testid="transfers-table"
    />
  );
}
