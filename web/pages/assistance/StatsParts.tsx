import { Card, Col, Empty, Flex, Row, Space, Statistic, Typography } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useMemo } from 'react';
import { Link } from 'react-router';
import { fenToYuanText, wanYuan } from '../../../shared/money';
import type { AssistanceStats } from '../../../shared/schemas/assistance';
import { brandRed } from '../../app/theme';
import { formatCount } from '../../components/format';
import { assistanceCommon as c, assistanceStats as t } from '../../locales/assistance.zh-CN';
import { LazyEChart } from '../members/stats/LazyEChart';
import { casesLink } from './assistanceLinks';
import { type FigureRow, FigureTable } from './FigureTable';
import type { RecordsTarget } from './MetricRecordsDrawer';
import { type MoneyDatum, moneyBarOption } from './statsCharts';

/* The pieces of 帮扶统计: chart cards with their figures, the headline figures, open work. */

export interface Period {
  orgId: number;
  from: string;
  to: string;
}

/** A chart with its figures underneath; a click on a bar opens what `onBar` says. */
export function ChartFigures({
  title,
  note,
  data,
  rows,
  horizontal,
  height,
  hint,
  onBar,
  onOpen,
  people = true,
  total = true,
  pageSize = 10,
  testId,
}: {
  title: string;
  note?: ReactNode;
  data: MoneyDatum[];
  rows: FigureRow[];
  horizontal?: boolean;
  height: number;
  hint: string;
  onBar: (index: number) => void;
  onOpen: (target: RecordsTarget) => void;
  people?: boolean;
  total?: boolean;
  pageSize?: number;
  testId: string;
}) {
  const option = useMemo(() => moneyBarOption({ data, horizontal, hint }), [data, horizontal, hint]);
  return (
    <Card title={title} extra={note} style={{ height: '100%' }} data-testid={testId}>
      {rows.length === 0 || rows.every((r) => r.cases === 0) ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.noData} />
      ) : (
        <Flex vertical gap={12}>
          <LazyEChart
            option={option}
            height={height}
            label={t.chartLabel(title)}
            band={horizontal ? 'y' : 'x'}
            onItemClick={onBar}
            testId={`${testId}-chart`}
          />
          <FigureTable
            rows={rows}
            onOpen={onOpen}
            people={people}
            total={total}
            testId={`${testId}-figures`}
            pageSize={pageSize}
          />
        </Flex>
      )}
    </Card>
  );
}

/** 人次 / 人数 / 金额 as big figures that open their records. */
export function Headline({
  stats,
  period,
  onOpen,
}: {
  stats: AssistanceStats;
  period: Period;
  onOpen: (r: RecordsTarget) => void;
}) {
  const base = { query: { orgId: period.orgId, from: period.from, to: period.to }, list: { orgId: period.orgId } };
  const figure = (
    code: RecordsTarget['code'],
    title: string,
    value: ReactNode,
    suffix: string,
    sub: ReactNode,
    testId: string,
  ) => (
    <Col xs={24} md={8}>
      <button
        type="button"
        onClick={() => onOpen({ ...base, code, title })}
        title={t.clickHint}
        data-testid={testId}
        style={{ all: 'unset', cursor: 'pointer', display: 'block' }}
      >
        <Statistic
          title={title}
          value={value as string}
          suffix={suffix}
          styles={{ content: { color: brandRed }, value: { fontSize: 34, fontWeight: 600 }, suffix: { fontSize: 15 } }}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {sub}
        </Typography.Text>
      </button>
    </Col>
  );
  return (
    <Row gutter={[24, 16]}>
      {figure('assistance.cases', t.cases, formatCount(stats.totals.cases), t.casesUnit, t.clickHint, 'stats-cases')}
      {figure(
        'assistance.people',
        t.people,
        formatCount(stats.totals.people),
        t.peopleUnit,
        t.clickHint,
        'stats-people',
      )}
      {figure(
        'assistance.amount',
        t.amount,
        wanYuan(stats.totals.amountFen),
        c.wanYuan,
        `${fenToYuanText(stats.totals.amountFen)} ${c.yuan}`,
        'stats-amount',
      )}
    </Row>
  );
}

/** The cases under way in the subtree, each opening the list at that status. */
export function Pending({ stats, orgId }: { stats: AssistanceStats; orgId: number }) {
  const items = [
    { key: 'submitted', status: 'submitted', count: stats.pending.submitted },
    { key: 'reviewed', status: 'reviewed', count: stats.pending.reviewed },
    { key: 'approved', status: 'approved', count: stats.pending.approved },
    { key: 'inBatch', status: 'in_batch', count: stats.pending.inBatch },
  ] as const;
  return (
    <Space size="large" wrap data-testid="stats-pending">
      <Typography.Text type="secondary">{t.pending}：</Typography.Text>
      {items.map((item) => (
        <Link key={item.key} to={casesLink({ orgId, status: item.status })}>
          {t.pendingItem[item.key]} <Typography.Text strong>{formatCount(item.count)}</Typography.Text>
        </Link>
      ))}
    </Space>
  );
}

/** The month's days inside the period. */
export function monthRange(month: string, period: Period) {
  const start = dayjs(`${month}-01`);
  const from = start.format('YYYY-MM-DD');
  const to = start.endOf('month').format('YYYY-MM-DD');
  // ISO dates compare as text: the later start and the earlier end.
  const [, later] = [from, period.from].sort();
  const [earlier] = [to, period.to].sort();
  return { from: later ?? from, to: earlier ?? to };
}
