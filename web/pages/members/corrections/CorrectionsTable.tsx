import { Empty, Popconfirm, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import type { CorrectionStatus, CorrectionView } from '../../../api/corrections';
import { changeLines } from '../../../components/correctionChanges';
import { formatTime, orDash } from '../../../components/format';
import { LinkButton } from '../../../components/LinkButton';
import { common, correctionStatusLabels, members, memberCorrections as t } from '../../../locales/zh-CN';

const words = { empty: members.emptyValue, correctedTo: t.correctedTo };
const tagColors: Record<CorrectionStatus, string> = { pending: 'orange', approved: 'green', rejected: 'red' };

/** 待审核 orange, 已通过 green, 未通过 red. */
export function CorrectionStatusTag({ status }: { status: CorrectionStatus }) {
  return (
    <Tag color={tagColors[status]} data-testid="correction-status">
      {correctionStatusLabels[status]}
    </Tag>
  );
}

/** The lines 字段：原值 → 新值 of a request (plain blocks, so long values wrap inside the column). */
export function CorrectionChanges({ correction }: { correction: CorrectionView }) {
  return (
    <div style={{ fontSize: 13, lineHeight: 1.7, overflowWrap: 'anywhere' }}>
      {changeLines(correction, members.fields, words).map((line) => (
        <div key={line.field}>{line.text}</div>
      ))}
    </div>
  );
}

function Review({ correction: c }: { correction: CorrectionView }) {
  if (!c.reviewerName) return orDash(null);
  return (
    <div style={{ overflowWrap: 'anywhere' }}>
      <div>{c.reviewerName}</div>
      {c.reviewedAt && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatTime(c.reviewedAt)}
        </Typography.Text>
      )}
      {c.reviewComment && <div style={{ fontSize: 13, marginTop: 2 }}>{c.reviewComment}</div>}
    </div>
  );
}

interface CorrectionsTableProps {
  rows: CorrectionView[] | undefined;
  loading: boolean;
  /** Which list this is, for the empty text. */
  status: CorrectionStatus | undefined;
  onOpenMember: (memberId: number) => void;
  onApprove: (correction: CorrectionView) => Promise<unknown>;
  onReject: (correction: CorrectionView) => void;
}

/** One page of correction requests: who asked, what, why, and how it was decided; 通过 / 驳回 while pending. */
export function CorrectionsTable({ rows, loading, status, onOpenMember, onApprove, onReject }: CorrectionsTableProps) {
  const columns: TableColumnsType<CorrectionView> = [
    {
      title: t.member,
      key: 'member',
      width: 80,
      fixed: 'left',
      render: (_, c) => <LinkButton onClick={() => onOpenMember(c.member.id)}>{c.member.name}</LinkButton>,
    },
    { title: t.union, dataIndex: 'union', width: 150 },
    { title: t.changes, key: 'changes', render: (_, c) => <CorrectionChanges correction={c} /> },
    { title: t.note, dataIndex: 'note', width: 150, render: (note: string | null) => orDash(note) },
    { title: t.createdAt, dataIndex: 'createdAt', width: 130, render: formatTime },
    {
      title: t.status,
      dataIndex: 'status',
      width: 80,
      render: (s: CorrectionStatus) => <CorrectionStatusTag status={s} />,
    },
    { title: t.review, key: 'review', width: 160, render: (_, c) => <Review correction={c} /> },
    {
      title: common.actions,
      key: 'actions',
      width: 100,
      fixed: 'right',
      render: (_, c) =>
        c.status === 'pending' ? (
          <Space size="middle">
            <Popconfirm
              title={t.approveConfirm(c.member.name)}
              description={t.approveHint}
              onConfirm={() => onApprove(c)}
            >
              <LinkButton>{t.approve}</LinkButton>
            </Popconfirm>
            <LinkButton danger onClick={() => onReject(c)}>
              {t.reject}
            </LinkButton>
          </Space>
        ) : (
          orDash(null)
        ),
    },
  ];

  return (
    <Table<CorrectionView>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      scroll={{ x: 1100 }}
      locale={{
        emptyText: (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={status === 'pending' ? t.emptyPending : t.empty} />
        ),
      }}
      data-testid="corrections-table"
    />
  );
}
