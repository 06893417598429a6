import { Card, Col, Empty, Row, Skeleton, Statistic, Typography } from 'antd';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { type HardshipBucket, useHardshipStats } from '../../api/hardship';
import { hardship as t } from '../../locales/hardship.zh-CN';
import { barOption, statsColors } from '../members/stats/chartOptions';
import { LazyEChart } from '../members/stats/LazyEChart';
import { hardshipLink } from './hardshipLinks';

const levelPalette: Record<string, string> = { deep: '#cf1322', relative: '#e39b1b', accident: '#722ed1' };

/** One bar chart of the statistics; each bar opens the list filtered to its files. */
function BucketChart({
  title,
  buckets,
  testId,
  palette = {},
}: {
  title: string;
  buckets: HardshipBucket[];
  testId: string;
  palette?: Record<string, string>;
}) {
  const navigate = useNavigate();
  const horizontal = buckets.length > 4;
  const option = useMemo(
    () =>
      barOption({
        data: buckets.map((b) => ({ label: b.label, count: b.count, color: palette[b.code] ?? statsColors.main })),
        horizontal,
        hint: t.stats.clickHint,
        labelWidth: 130,
      }),
    [buckets, horizontal, palette],
  );
  const height = horizontal ? Math.max(160, buckets.length * 30 + 40) : 200;
  return (
    <div data-testid={testId}>
      <Typography.Text strong>{title}</Typography.Text>
      {buckets.every((b) => b.count === 0) ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.stats.noData} />
      ) : (
        <LazyEChart
          option={option}
          height={height}
          label={t.stats.chartLabel(title)}
          band={horizontal ? 'y' : 'x'}
          onItemClick={(index) => {
            const bucket = buckets[index];
            if (bucket) navigate(hardshipLink(bucket.filter));
          }}
          testId={`${testId}-chart`}
        />
      )}
    </div>
  );
}

/** 档案统计: the subtree's figures, each opening the list of the files behind it. */
export function HardshipStatsCard({ orgId }: { orgId: number | undefined }) {
  const navigate = useNavigate();
  const stats = useHardshipStats(orgId);
  if (stats.isPending)
    return (
      <Card title={t.stats.title}>
        <Skeleton active paragraph={{ rows: 6 }} />
      </Card>
    );
  if (!stats.data) return null;
  const { totals, byLevel, byCause, byChild, org } = stats.data;
  const figure = (b: HardshipBucket, testId: string, color?: string) => (
    <Card
      size="small"
      hoverable
      onClick={() => navigate(hardshipLink(b.filter))}
      data-testid={testId}
      style={{ cursor: 'pointer' }}
    >
      <Statistic
        title={b.label}
        value={b.count}
        suffix={t.stats.households}
        valueStyle={color ? { color } : undefined}
      />
    </Card>
  );
  return (
    <Card title={`${t.stats.title} · ${org.name}`} style={{ marginBottom: 16 }} data-testid="hardship-stats">
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          {figure(totals.active, 'stat-active')}
          <Typography.Text type="secondary">{t.stats.people(totals.people)}</Typography.Text>
        </Col>
        <Col xs={24} md={8}>
          {figure({ ...totals.reviewDue, label: t.stats.reviewDue }, 'stat-review-due', '#d48806')}
        </Col>
        <Col xs={24} md={8}>
          {figure(totals.resolvedThisYear, 'stat-resolved', '#389e0d')}
        </Col>
        <Col xs={24} lg={8}>
          <BucketChart title={t.stats.byLevel} buckets={byLevel} testId="stats-level" palette={levelPalette} />
        </Col>
        <Col xs={24} lg={8}>
          <BucketChart title={t.stats.byCause} buckets={byCause} testId="stats-cause" />
        </Col>
        <Col xs={24} lg={8}>
          <BucketChart title={t.stats.byChild} buckets={byChild.slice(0, 10)} testId="stats-child" />
        </Col>
      </Row>
    </Card>
  );
}
