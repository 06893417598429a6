import { Button, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { hardshipCauses, hardshipLevels, hardshipStatuses } from '../../../shared/schemas/hardship';
import type { HardshipListItem } from '../../api/hardship';
import { orDash } from '../../components/format';
import { hardship as t } from '../../locales/hardship.zh-CN';
import { levelColors } from './hardshipOptions';

interface HardshipTableProps {
  rows: HardshipListItem[] | undefined;
  loading: boolean;
  empty: ReactNode;
  today: string;
  onOpen: (file: HardshipListItem) => void;
}

/** The list of files: never health or income, the phone number masked. */
export function HardshipTable({ rows, loading, empty, today, onOpen }: HardshipTableProps) {
  const c = t.columns;
  return (
    <Table<HardshipListItem>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: empty }}
      scroll={{ x: 1180 }}
      data-testid="hardship-table"
      onRow={(file) => ({ onDoubleClick: () => onOpen(file) })}
      columns={[
        {
          key: 'name',
          title: c.name,
          width: 90,
          render: (_, f) => (
            <Button type="link" style={{ padding: 0 }} onClick={() => onOpen(f)}>
              {f.member.name}
            </Button>
          ),
        },
        { key: 'union', title: c.union, ellipsis: true, render: (_, f) => f.org.name },
        {
          key: 'level',
          title: c.level,
          width: 90,
          render: (_, f) => <Tag color={levelColors[f.level]}>{hardshipLevels[f.level]}</Tag>,
        },
        {
          key: 'causes',
          title: c.causes,
          width: 170,
          render: (_, f) => f.causes.map((x) => hardshipCauses[x]).join('、'),
        },
        { key: 'householdSize', title: c.householdSize, width: 80, render: (_, f) => t.persons(f.householdSize) },
        { key: 'phone', title: c.phone, width: 120, render: (_, f) => orDash(f.phone) },
        { key: 'filedOn', title: c.filedOn, width: 100, dataIndex: 'filedOn' },
        {
          key: 'nextReviewOn',
          title: c.nextReviewOn,
          width: 160,
          render: (_, f) =>
            f.nextReviewOn ? (
              <Space size={4}>
                <span>{f.nextReviewOn}</span>
                {f.reviewDue && (
                  <Tag color={f.nextReviewOn < today ? 'red' : 'gold'}>
                    {f.nextReviewOn < today ? t.overdue : t.dueSoon}
                  </Tag>
                )}
              </Space>
            ) : (
              <Typography.Text type="secondary">{f.resolvedOn ? t.resolvedAt(f.resolvedOn) : '—'}</Typography.Text>
            ),
        },
        {
          key: 'status',
          title: c.status,
          width: 130,
          render: (_, f) => <Tag color={f.status === 'active' ? 'blue' : 'green'}>{hardshipStatuses[f.status]}</Tag>,
        },
        {
          key: 'actions',
          title: c.actions,
          width: 70,
          fixed: 'right',
          render: (_, f) => (
            <Button size="small" onClick={() => onOpen(f)}>
              {t.open}
            </Button>
          ),
        },
      ]}
    />
  );
}
