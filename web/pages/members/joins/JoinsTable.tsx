import { Empty, Popconfirm, Space, Table, type TableColumnsType, Typography } from 'antd';
import type { ReactNode } from 'react';
import { genders, workerCategories } from '../../../../shared/memberEnums';
import type { JoinStatus, JoinView } from '../../../api/joins';
import { formatTime, orDash } from '../../../components/format';
import { LinkButton } from '../../../components/LinkButton';
import { common, memberJoins as t } from '../../../locales/zh-CN';
import { JoinStatusTag } from './JoinStatusTag';

function Review({ join: j }: { join: JoinView }) {
  if (!j.reviewerName) return orDash(null);
  return (
    <div style={{ overflowWrap: 'anywhere' }}>
      <div>{j.reviewerName}</div>
      {j.reviewedAt && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatTime(j.reviewedAt)}
        </Typography.Text>
      )}
      {j.reviewComment && <div style={{ fontSize: 13, marginTop: 2 }}>{j.reviewComment}</div>}
    </div>
  );
}

/** 通过 (after a confirmation) and 驳回 while an application is pending. */
export function JoinActions({
  join,
  onApprove,
  onReject,
}: {
  join: JoinView;
  onApprove: (join: JoinView) => Promise<unknown>;
  onReject: (join: JoinView) => void;
}) {
  if (join.status !== 'pending') return orDash(null);
  return (
    <Space size="middle">
      <Popconfirm title={t.approveConfirm(join.name)} description={t.approveHint} onConfirm={() => onApprove(join)}>
        <LinkButton>{t.approve}</LinkButton>
      </Popconfirm>
      <LinkButton danger onClick={() => onReject(join)}>
        {t.reject}
      </LinkButton>
    </Space>
  );
}

interface JoinsTableProps {
  rows: JoinView[] | undefined;
  loading: boolean;
  status: JoinStatus | undefined;
  /** Shown under the empty text (e.g. the QR code button). */
  emptyExtra: ReactNode;
  onOpen: (id: number) => void;
  onApprove: (join: JoinView) => Promise<unknown>;
  onReject: (join: JoinView) => void;
}

/** One page of applications: who, to which union, work, when, status and decision; 通过 / 驳回 while pending. */
export function JoinsTable({ rows, loading, status, emptyExtra, onOpen, onApprove, onReject }: JoinsTableProps) {
  const columns: TableColumnsType<JoinView> = [
    {
      title: t.applicant,
      key: 'name',
      width: 90,
      fixed: 'left',
      render: (_, j) => <LinkButton onClick={() => onOpen(j.id)}>{j.name}</LinkButton>,
    },
    { title: t.person, key: 'person', width: 90, render: (_, j) => t.personText(genders[j.gender], j.age) },
    { title: t.category, key: 'category', width: 100, render: (_, j) => workerCategories[j.workerCategory] },
    {
      title: t.work,
      key: 'work',
      render: (_, j) => (
        <div style={{ overflowWrap: 'anywhere' }}>
          <div>{orDash(j.employerName)}</div>
          {j.position && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {j.position}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { title: t.union, key: 'union', width: 180, render: (_, j) => j.union.name },
    { title: t.createdAt, dataIndex: 'createdAt', width: 130, render: formatTime },
    { title: t.status, dataIndex: 'status', width: 80, render: (s: JoinStatus) => <JoinStatusTag status={s} /> },
    { title: t.review, key: 'review', width: 150, render: (_, j) => <Review join={j} /> },
    {
      title: common.actions,
      key: 'actions',
      width: 100,
      fixed: 'right',
      render: (_, j) => <JoinActions join={j} onApprove={onApprove} onReject={onReject} />,
    },
  ];

  return (
    <Table<JoinView>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      scroll={{ x: 1150 }}
      locale={{
        emptyText: (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={
              <Space orientation="vertical" size={4}>
                <span>{status === 'pending' ? t.emptyPending : t.empty}</span>
                <Typography.Text type="secondary">{t.emptyHint}</Typography.Text>
              </Space>
            }
          >
            {emptyExtra}
          </Empty>
        ),
      }}
      data-testid="joins-table"
    />
  );
}
