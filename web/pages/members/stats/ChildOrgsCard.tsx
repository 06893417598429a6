import { Card, Collapse, Table, type TableColumnsType, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import { type OrgType, orgTypes } from '../../../../shared/enums';
import type { MemberStats } from '../../../api/members';
import { formatCount, formatShare } from '../../../components/format';
import { memberStats, orgs } from '../../../locales/zh-CN';
import { memberStatsLink, rosterLink } from '../memberLinks';
import { barOption } from './chartOptions';
import { LazyEChart } from './LazyEChart';

type ChildRow = MemberStats['children'][number];

/** How many children the chart shows; the table below lists them all. */
const topCount = 20;
const rowHeight = 30;

const typeLabel = (type: string) => orgTypes[type as OrgType] ?? type;

/**
 * 下级组织会员数: the children with the most active members as horizontal bars (a click drills into
 * that child's statistics), and every child in a folded table with links to its statistics and roster.
 */
export function ChildOrgsCard({ stats }: { stats: MemberStats }) {
  const navigate = useNavigate();
  // Most members first; the same order in the chart and the table.
  const sorted = useMemo(
    () => [...stats.children].sort((a, b) => b.total - a.total || a.org.name.localeCompare(b.org.name, 'zh-CN')),
    [stats.children],
  );
  const top = useMemo(() => sorted.slice(0, topCount), [sorted]);
  const option = useMemo(
    () =>
      barOption({
        data: top.map((c) => ({ label: c.org.name, count: c.total })),
        horizontal: true,
        hint: memberStats.drillHint,
        labelWidth: 220,
      }),
    [top],
  );

  const columns: TableColumnsType<ChildRow> = [
    {
      title: memberStats.childOrg,
      key: 'name',
      render: (_, row) => <Link to={memberStatsLink(row.org.id)}>{row.org.name}</Link>,
    },
    { title: memberStats.childType, key: 'type', width: 200, render: (_, row) => typeLabel(row.org.type) },
    {
      title: memberStats.total,
      dataIndex: 'total',
      width: 140,
      align: 'right',
      sorter: (a, b) => a.total - b.total,
      render: (total: number, row) => (
        <Link to={rosterLink({ orgId: row.org.id, status: 'active' })} title={memberStats.clickHint}>
          {formatCount(total)}
        </Link>
      ),
    },
    {
      title: memberStats.share,
      key: 'share',
      width: 100,
      align: 'right',
      render: (_, row) => formatShare(row.total, stats.total),
    },
  ];

  return (
    <Card
      title={memberStats.children}
      extra={<Typography.Text type="secondary">{memberStats.childrenTop(top.length, sorted.length)}</Typography.Text>}
      data-testid="stats-children"
    >
      <LazyEChart
        option={option}
        height={top.length * rowHeight + 40}
        label={memberStats.chartLabel(memberStats.children)}
        band="y"
        onItemClick={(index) => {
          const child = top[index];
          if (child) navigate(memberStatsLink(child.org.id));
        }}
        testId="stats-children-chart"
      />
      <Collapse
        ghost
        size="small"
        items={[
          {
            key: 'all',
            label: memberStats.childrenAll(sorted.length),
            children: (
              <Table<ChildRow>
                rowKey={(row) => row.org.id}
                size="small"
                columns={columns}
                dataSource={sorted}
                pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
                locale={{ emptyText: orgs.noResults }}
                data-testid="stats-children-table"
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
