import { RightOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Flex, Progress, Result, Row, Skeleton, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { fenToYuanText } from '../../../shared/money';
import { type AssistanceStats, assistanceTypes } from '../../../shared/schemas/assistance';
import { useAssistanceStats } from '../../api/assistance';
import { isNotFound } from '../../api/client';
import { useOrg } from '../../api/orgs';
import { OrgPicker } from '../../components/OrgPicker';
import {
  assistanceMenu,
  assistanceCommon as c,
  assistanceFunds as f,
  assistanceStats as t,
} from '../../locales/assistance.zh-CN';
import { common } from '../../locales/zh-CN';
import { assistanceStatsLink, casesLink } from './assistanceLinks';
import type { FigureRow } from './FigureTable';
import { MetricRecordsDrawer, type RecordsTarget } from './MetricRecordsDrawer';
import { ChartFigures, Headline, monthRange, Pending, type Period } from './StatsParts';
import type { MoneyDatum } from './statsCharts';

function StatsBody({
  stats,
  period,
  onOpen,
}: {
  stats: AssistanceStats;
  period: Period;
  onOpen: (r: RecordsTarget) => void;
}) {
  const navigate = useNavigate();
  const q = { orgId: period.orgId, from: period.from, to: period.to };

  const typeRows: FigureRow[] = stats.byType.map((r) => ({
    key: r.type,
    label: assistanceTypes[r.type],
    cases: r.cases,
    people: r.people,
    amountFen: r.amountFen,
    records: {
      title: `${assistanceTypes[r.type]}`,
      query: { ...q, type: r.type },
      list: { orgId: period.orgId, type: r.type },
    },
  }));
  const fundRows: FigureRow[] = stats.byFund.map((r) => ({
    key: String(r.fundId),
    label: r.fundName,
    cases: r.cases,
    people: r.people,
    amountFen: r.amountFen,
    records: {
      title: r.fundName,
      query: { ...q, fund: String(r.fundId) },
      list: { orgId: period.orgId, fundId: r.fundId },
    },
  }));
  const monthRows: FigureRow[] = stats.byMonth.map((r) => ({
    key: r.month,
    label: r.month,
    cases: r.cases,
    amountFen: r.amountFen,
    records: {
      title: r.month,
      query: { orgId: period.orgId, ...monthRange(r.month, period) },
      list: { orgId: period.orgId },
    },
  }));
  const childSorted = [...stats.byChild].sort((a, b) => b.amountFen - a.amountFen || b.cases - a.cases);
  const childTop = childSorted.slice(0, 20);
  const childRows: FigureRow[] = childSorted.map((r) => ({
    key: String(r.orgId),
    label: (
      <Link to={assistanceStatsLink({ orgId: r.orgId, from: period.from, to: period.to })} title={t.drillHint}>
        {r.orgName}
      </Link>
    ),
    cases: r.cases,
    people: r.people,
    amountFen: r.amountFen,
    records: {
      title: r.orgName,
      query: { orgId: r.orgId, from: period.from, to: period.to },
      list: { orgId: r.orgId },
    },
  }));
  const toData = (rows: FigureRow[], labels: string[]): MoneyDatum[] =>
    rows.map((r, i) => ({ label: labels[i] ?? '', cases: r.cases, people: r.people, amountFen: r.amountFen }));
  const openAmount = (rows: FigureRow[]) => (index: number) => {
    const row = rows[index];
    if (row) onOpen({ ...row.records, code: 'assistance.amount' });
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <ChartFigures
          title={t.byType}
          note={
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t.peopleNotAdditive}
            </Typography.Text>
          }
          data={toData(
            typeRows,
            stats.byType.map((r) => assistanceTypes[r.type]),
          )}
          rows={typeRows}
          height={260}
          hint={t.clickHint}
          onBar={openAmount(typeRows)}
          onOpen={onOpen}
          testId="stats-by-type"
        />
      </Col>
      <Col xs={24} xl={12}>
        <ChartFigures
          title={t.byFund}
          data={toData(
            fundRows,
            stats.byFund.map((r) => r.fundName),
          )}
          rows={fundRows}
          horizontal
          height={Math.max(160, fundRows.length * 36 + 40)}
          hint={t.clickHint}
          onBar={openAmount(fundRows)}
          onOpen={onOpen}
          testId="stats-by-fund"
        />
      </Col>
      <Col span={24}>
        <ChartFigures
          title={t.byMonth}
          data={toData(
            monthRows,
            stats.byMonth.map((r) => `${Number(r.month.slice(5))}月`),
          )}
          rows={monthRows}
          height={260}
          hint={t.clickHint}
          onBar={openAmount(monthRows)}
          onOpen={onOpen}
          people={false}
          pageSize={12}
          testId="stats-by-month"
        />
      </Col>
      {childRows.length > 0 && (
        <Col span={24}>
          <ChartFigures
            title={t.byChild}
            data={toData(
              childRows.slice(0, 20),
              childTop.map((r) => r.orgName),
            )}
            rows={childRows}
            horizontal
            height={childTop.length * 30 + 50}
            hint={t.drillHint}
            onBar={(index) => {
              const child = childTop[index];
              if (child) navigate(assistanceStatsLink({ orgId: child.orgId, from: period.from, to: period.to }));
            }}
            onOpen={onOpen}
            testId="stats-by-child"
          />
        </Col>
      )}
      {stats.funds.length > 0 && (
        <Col span={24}>
          <Card
            title={t.funds}
            extra={
              <Link to="/assistance/funds">
                {assistanceMenu.funds} <RightOutlined />
              </Link>
            }
            data-testid="stats-funds"
          >
            <Flex vertical gap={12}>
              {stats.funds.map((fund) => {
                const used = fund.committedFen + fund.paidFen;
                const percent = fund.budgetFen > 0 ? Math.min(100, (used / fund.budgetFen) * 100) : 0;
                return (
                  <Row key={fund.id} gutter={16} align="middle">
                    <Col xs={24} md={8}>
                      <Link to={casesLink({ fundId: fund.id })}>{fund.name}</Link>
                      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                        {fund.orgName}
                      </Typography.Text>
                    </Col>
                    <Col xs={24} md={10}>
                      <Progress
                        percent={Number(percent.toFixed(1))}
                        success={{
                          percent: fund.budgetFen > 0 ? Number(((fund.paidFen / fund.budgetFen) * 100).toFixed(1)) : 0,
                        }}
                        size="small"
                      />
                    </Col>
                    <Col xs={24} md={6} style={{ textAlign: 'right' }}>
                      <Typography.Text>
                        {f.balance}{' '}
                        <Typography.Text strong>{fenToYuanText(Math.max(0, fund.balanceFen))}</Typography.Text> /{' '}
                        {fenToYuanText(fund.budgetFen)} {c.yuan}
                      </Typography.Text>
                    </Col>
                  </Row>
                );
              })}
            </Flex>
          </Card>
        </Col>
      )}
    </Row>
  );
}

/**
 * 帮扶统计: approved assistance (人次, 人数, 金额) of an org's subtree over a period (default: this year),
 * by type, fund, month and child org, computed by the server from the records. Every figure and bar
 * opens the records behind it through the metric catalog; a child org's bar drills into its statistics.
 */
export default function StatsPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const orgId = Number(params.get('orgId')) || undefined;
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const stats = useAssistanceStats({ orgId, from, to });
  const shownOrg = useOrg(stats.data?.org.id).data ?? stats.data?.org;
  const [records, setRecords] = useState<RecordsTarget | null>(null);

  const go = (next: { orgId?: number; from?: string; to?: string }) =>
    navigate(assistanceStatsLink({ orgId, from, to, ...next }));
  const range: [Dayjs, Dayjs] | null = stats.data ? [dayjs(stats.data.from), dayjs(stats.data.to)] : null;
  const period: Period | null = stats.data
    ? { orgId: stats.data.org.id, from: stats.data.from, to: stats.data.to }
    : null;

  return (
    <Flex vertical gap={16}>
      <Card
        title={t.pageTitle}
        extra={
          <Space wrap>
            <OrgPicker
              value={shownOrg?.id}
              initialOrg={shownOrg}
              onChange={(id) => id && go({ orgId: id })}
              style={{ width: 280 }}
            />
            <DatePicker.RangePicker
              value={range}
              allowClear={false}
              onChange={(v) => v?.[0] && v[1] && go({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })}
              style={{ width: 250 }}
              data-testid="stats-period"
            />
          </Space>
        }
        data-testid="assistance-stats"
      >
        {stats.isPending ? (
          <Skeleton active paragraph={{ rows: 3 }} />
        ) : stats.error ? (
          <Result
            status="warning"
            title={isNotFound(stats.error) ? t.notFound : common.loadFailed}
            subTitle={isNotFound(stats.error) ? undefined : stats.error.message}
            extra={<Button onClick={() => navigate(assistanceStatsLink())}>{common.back}</Button>}
          />
        ) : stats.data && period ? (
          <Flex vertical gap={16}>
            <Typography.Text type="secondary">
              {t.scope}：{stats.data.org.name} · {t.period}：{stats.data.from} ~ {stats.data.to}
            </Typography.Text>
            <Headline stats={stats.data} period={period} onOpen={setRecords} />
            <Pending stats={stats.data} orgId={period.orgId} />
          </Flex>
        ) : null}
      </Card>
      {stats.data && period && <StatsBody stats={stats.data} period={period} onOpen={setRecords} />}
      <MetricRecordsDrawer target={records} onClose={() => setRecords(null)} />
    </Flex>
  );
}
