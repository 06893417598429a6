import { InfoCircleOutlined, RightOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Empty, Flex, Result, Skeleton, Statistic, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { isNotFound } from '../../../api/client';
import { type MemberStats, useMemberStats } from '../../../api/members';
import { useOrg } from '../../../api/orgs';
import { OrgPicker } from '../../../components/OrgPicker';
import { common, memberStats } from '../../../locales/zh-CN';
import { memberStatsLink, rosterLink } from '../memberLinks';
import { statsColors } from './chartOptions';
import { StatsCharts, StatsChartsSkeleton } from './StatsCharts';

/** The drill path from the top of the caller's scope down to the shown org; the orgs above link back up. */
function ScopeBreadcrumb({ orgId, fallback }: { orgId: number | undefined; fallback?: { id: number; name: string } }) {
  const org = useOrg(orgId);
  const crumbs = org.data?.breadcrumbs ?? (fallback ? [fallback] : []);
  if (!crumbs.length) return <Skeleton.Input active size="small" style={{ width: 240 }} />;
  return (
    <Breadcrumb
      data-testid="stats-breadcrumbs"
      items={crumbs.map((crumb, i) => ({
        key: crumb.id,
        title: i < crumbs.length - 1 ? <Link to={memberStatsLink(crumb.id)}>{crumb.name}</Link> : crumb.name,
      }))}
    />
  );
}

/** 在册会员: the subtree's active members as a big number that opens the roster behind it. */
function Headline({ stats }: { stats: MemberStats }) {
  const roster = rosterLink({ orgId: stats.org.id, status: 'active' });
  return (
    <Flex align="flex-end" gap={24} wrap>
      <Link to={roster} data-testid="stats-total" aria-label={`${memberStats.total} ${stats.total}`}>
        <Statistic
          title={memberStats.total}
          value={stats.total}
          suffix={memberStats.totalUnit}
          styles={{
            content: { color: statsColors.main, lineHeight: 1.2 },
            value: { fontSize: 40, fontWeight: 600 },
            suffix: { fontSize: 16, marginInlineStart: 4 },
          }}
        />
      </Link>
      <Flex vertical gap={4} style={{ paddingBottom: 8 }}>
        <Link to={roster}>
          {memberStats.openRoster} <RightOutlined />
        </Link>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <InfoCircleOutlined /> {memberStats.liveNote}
        </Typography.Text>
      </Flex>
    </Flex>
  );
}

/**
 * 会员统计: live roster statistics of an org's subtree (default: the caller's top org). The org sits in
 * the address (?orgId=), clicking a child org drills down, and every figure opens the members behind it.
 */
export default function MemberStatsPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const orgId = Number(params.get('orgId')) || undefined;
  const stats = useMemberStats(orgId);
  // The org as the statistics name it (the default one has no id in the address); a bad id fails once.
  const shownId = stats.data?.org.id;
  const shownOrg = useOrg(shownId).data ?? stats.data?.org;

  return (
    <Flex vertical gap={16}>
      <Card
        title={memberStats.pageTitle}
        // A failed load leaves only the title and the picker here; the reason shows below.
        styles={{ body: stats.error ? { display: 'none' } : {} }}
        extra={
          <OrgPicker
            value={shownOrg ? shownId : undefined}
            initialOrg={shownOrg}
            onChange={(id) => id && navigate(memberStatsLink(id))}
            style={{ width: 300 }}
          />
        }
      >
        <Flex vertical gap={16}>
          <Flex gap={8} align="center">
            <Typography.Text type="secondary">{memberStats.scope}：</Typography.Text>
            <ScopeBreadcrumb orgId={shownId} fallback={stats.data?.org} />
          </Flex>
          {stats.isPending ? (
            <Skeleton active title={{ width: 80 }} paragraph={{ rows: 1, width: 200 }} />
          ) : stats.data ? (
            <Headline stats={stats.data} />
          ) : null}
        </Flex>
      </Card>
      {stats.isPending ? (
        <StatsChartsSkeleton />
      ) : stats.error ? (
        <Card>
          <Result
            status="warning"
            title={isNotFound(stats.error) ? memberStats.notFound : common.loadFailed}
            subTitle={isNotFound(stats.error) ? undefined : stats.error.message}
            extra={
              <Button type="primary" onClick={() => navigate(memberStatsLink())}>
                {memberStats.backToTop}
              </Button>
            }
          />
        </Card>
      ) : stats.data && stats.data.total === 0 ? (
        <Card>
          <Empty description={memberStats.empty} data-testid="stats-empty">
            <Typography.Text type="secondary">{memberStats.emptyHint}</Typography.Text>
          </Empty>
        </Card>
      ) : stats.data ? (
        <StatsCharts stats={stats.data} />
      ) : null}
    </Flex>
  );
}
