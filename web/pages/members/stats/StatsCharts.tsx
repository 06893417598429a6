import { Card, Col, Row, Skeleton, Typography } from 'antd';
import { newEmploymentCategories, type WorkerCategory } from '../../../../shared/memberEnums';
import type { MemberStats } from '../../../api/members';
import { memberStats } from '../../../locales/zh-CN';
import { ChartCard } from './ChartCard';
import { ChildOrgsCard } from './ChildOrgsCard';
import { statsColors } from './chartOptions';

const isNewEmployment = (code: string) => newEmploymentCategories.includes(code as WorkerCategory);
// New forms of employment stand apart in gold, and carry a tag by their name.
const categoryColor = (code: string) => (isNewEmployment(code) ? statsColors.accent : statsColors.main);
const categoryTag = (code: string) => (isNewEmployment(code) ? memberStats.newEmployment : undefined);
const genderColor = (code: string) => (code === 'female' ? statsColors.accent : statsColors.main);

const note = (text: string) => (
  <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
    {text}
  </Typography.Text>
);

/** The charts of one org's statistics: children, worker categories, gender, age bands and joinings by month. */
export function StatsCharts({ stats }: { stats: MemberStats }) {
  return (
    <Row gutter={[16, 16]}>
      {stats.children.length > 0 && (
        <Col span={24}>
          <ChildOrgsCard stats={stats} />
        </Col>
      )}
      <Col xs={24} xl={12}>
        <ChartCard
          title={memberStats.byCategory}
          buckets={stats.byCategory}
          kind="hbar"
          height={280}
          colorOf={categoryColor}
          tagOf={categoryTag}
          note={note(memberStats.newEmploymentNote)}
          testId="stats-category"
        />
      </Col>
      <Col xs={24} xl={12}>
        <ChartCard title={memberStats.byAgeBand} buckets={stats.byAgeBand} kind="bar" height={280} testId="stats-age" />
      </Col>
      <Col xs={24} xl={8}>
        <ChartCard
          title={memberStats.byGender}
          buckets={stats.byGender}
          kind="donut"
          height={260}
          colorOf={genderColor}
          testId="stats-gender"
        />
      </Col>
      <Col xs={24} xl={16}>
        <ChartCard
          title={memberStats.growth}
          buckets={stats.growth}
          kind="bar"
          height={260}
          note={note(memberStats.growthHint)}
          emptyText={memberStats.noGrowth}
          foldedLabel={memberStats.figures(memberStats.growth)}
          shares={false}
          testId="stats-growth"
        />
      </Col>
    </Row>
  );
}

/** Placeholders in the shape of the charts while the statistics load. */
export function StatsChartsSkeleton() {
  const card = (rows: number) => (
    <Card>
      <Skeleton active title={{ width: 120 }} paragraph={{ rows }} />
    </Card>
  );
  return (
    <Row gutter={[16, 16]} data-testid="stats-loading">
      <Col span={24}>{card(8)}</Col>
      <Col xs={24} xl={12}>
        {card(6)}
      </Col>
      <Col xs={24} xl={12}>
        {card(6)}
      </Col>
    </Row>
  );
}
