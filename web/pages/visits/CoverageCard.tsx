import { Breadcrumb, Button, Card, Empty, Skeleton, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { moneyText } from '../../../shared/money';
import type { CoverageView } from '../../api/visits';
import { useCoverage } from '../../api/visits';
import { EChart, type EChartOption } from '../../components/EChart';
import { formatCount } from '../../components/format';
import { visits as t } from '../../locales/visits.zh-CN';

type Row = CoverageView['rows'][number];

/** What a clicked figure stands for: a title and the visits-list filter that lists exactly its visits. */
export interface FigureFilter {
  title: string;
  orgId?: number;
  ownOnly?: 'true';
  targetOrgId?: number;
  targetKind?: 'enterprise' | 'worker';
}

interface CoverageCardProps {
  campaignId: number;
  orgId: number | undefined;
  onDrill: (orgId: number) => void;
  onOpen: (filter: FigureFilter) => void;
}

const rowName = (r: Row) => (r.self ? t.selfRow(r.org.name) : r.org.name);
/** The visits made by the row's org (its subtree, or only itself for the 本级 row). */
const madeBy = (r: Row, what: string): FigureFilter => ({
  title: `${rowName(r)} · ${what}`,
  orgId: r.org.id,
  ...(r.self ? { ownOnly: 'true' as const } : {}),
});

/** A figure as a link that opens its visits; 0 stays plain text. */
function Figure({
  value,
  text,
  onClick,
  testId,
}: {
  value: number;
  text: string;
  onClick: () => void;
  testId?: string;
}) {
  if (value === 0) return <span>{text}</span>;
  return (
    <Button type="link" size="small" style={{ padding: 0 }} onClick={onClick} data-testid={testId}>
      {text}
    </Button>
  );
}

/** 覆盖情况: per child org, unions, visited, coverage, workers and money; a bar chart of workers and amount. */
export function CoverageCard({ campaignId, orgId, onDrill, onOpen }: CoverageCardProps) {
  const coverage = useCoverage(campaignId, orgId);
  const data = coverage.data;
  const chartRows = useMemo(() => (data?.rows ?? []).filter((r) => r.visits > 0), [data]);
  const option = useMemo<EChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [t.chartWorkers, t.chartAmount] },
      grid: { left: 60, right: 60, bottom: 90, top: 56 },
      xAxis: {
        type: 'category',
        data: chartRows.map((r) => (r.self ? '本级' : r.org.name.replace(/总工会$|工会$/, ''))),
        axisLabel: { rotate: 35, interval: 0, fontSize: 11 },
      },
      yAxis: [
        { type: 'value', name: t.chartWorkers },
        { type: 'value', name: t.chartAmount },
      ],
      series: [
        { name: t.chartWorkers, type: 'bar', data: chartRows.map((r) => r.workers) },
        {
          name: t.chartAmount,
          type: 'bar',
          yAxisIndex: 1,
          data: chartRows.map((r) => Math.round(r.totalFen / 100) / 10_000),
        },
      ],
    }),
    [chartRows],
  );
  if (!data) return <Card title={t.coverageTitle}>{coverage.isError ? <Empty /> : <Skeleton active />}</Card>;
  const total: Row = data.total;
  return (
    <Card
      title={t.coverageTitle}
      data-testid="coverage-card"
      extra={
        <Breadcrumb
          items={data.breadcrumbs.map((b, i) => ({
            title:
              i === data.breadcrumbs.length - 1 ? (
                b.name
              ) : (
                <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => onDrill(b.id)}>
                  {b.name}
                </Button>
              ),
          }))}
        />
      }
    >
      <Typography.Paragraph type="secondary">{t.coverageHint}</Typography.Paragraph>
      {chartRows.length > 0 && (
        <EChart
          option={option}
          height={340}
          label={t.chartLabel}
          band="x"
          testId="coverage-chart"
          onItemClick={(i) => {
            const r = chartRows[i];
            if (r) onOpen(madeBy(r, t.visitsTitle));
          }}
        />
      )}
      <Table<Row>
        rowKey={(r) => `${r.org.id}-${r.self}`}
        size="small"
        pagination={false}
        dataSource={data.rows}
        scroll={{ x: 900 }}
        data-testid="coverage-table"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.noCoverage} /> }}
        summary={() => (
          <Table.Summary.Row style={{ fontWeight: 600 }} data-testid="coverage-total">
            <Table.Summary.Cell index={0}>{t.totalRow}</Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              {formatCount(total.unions)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              <Figure
                value={total.visited}
                text={formatCount(total.visited)}
                testId="total-visited"
                onClick={() =>
                  onOpen({
                    title: `${data.org.name} · ${t.visited}`,
                    targetOrgId: data.org.id,
                    targetKind: 'enterprise',
                  })
                }
              />
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">
              {total.coverage === null ? '—' : `${total.coverage}%`}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right">
              <Figure
                value={total.workers}
                text={formatCount(total.workers)}
                testId="total-workers"
                onClick={() => onOpen({ title: `${data.org.name} · ${t.workers}`, orgId: data.org.id })}
              />
            </Table.Summary.Cell>
            <Table.Summary.Cell index={5} align="right">
              {moneyText(total.goodsFen)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={6} align="right">
              {moneyText(total.cashFen)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={7} align="right">
              <Figure
                value={total.totalFen}
                text={moneyText(total.totalFen)}
                testId="total-amount"
                onClick={() => onOpen({ title: `${data.org.name} · ${t.amount}`, orgId: data.org.id })}
              />
            </Table.Summary.Cell>
            <Table.Summary.Cell index={8} />
          </Table.Summary.Row>
        )}
        columns={[
          { title: t.org, key: 'org', render: (_, r) => rowName(r) },
          { title: t.unions, dataIndex: 'unions', width: 90, align: 'right', render: (n: number) => formatCount(n) },
          {
            title: t.visited,
            key: 'visited',
            width: 90,
            align: 'right',
            render: (_, r) =>
              r.self ? (
                '—'
              ) : (
                <Figure
                  value={r.visited}
                  text={formatCount(r.visited)}
                  onClick={() =>
                    onOpen({ title: `${r.org.name} · ${t.visited}`, targetOrgId: r.org.id, targetKind: 'enterprise' })
                  }
                />
              ),
          },
          {
            title: t.coverage,
            key: 'coverage',
            width: 90,
            align: 'right',
            render: (_, r) => (r.coverage === null ? '—' : `${r.coverage}%`),
          },
          {
            title: t.workers,
            key: 'workers',
            width: 100,
            align: 'right',
            render: (_, r) => (
              <Figure value={r.workers} text={formatCount(r.workers)} onClick={() => onOpen(madeBy(r, t.workers))} />
            ),
          },
          { title: t.goods, key: 'goods', width: 130, align: 'right', render: (_, r) => moneyText(r.goodsFen) },
          { title: t.cash, key: 'cash', width: 120, align: 'right', render: (_, r) => moneyText(r.cashFen) },
          {
            title: t.amount,
            key: 'amount',
            width: 130,
            align: 'right',
            render: (_, r) => (
              <Figure value={r.totalFen} text={moneyText(r.totalFen)} onClick={() => onOpen(madeBy(r, t.amount))} />
            ),
          },
          {
            title: t.drill,
            key: 'drill',
            width: 70,
            render: (_, r) =>
              r.hasChildren && !r.self ? (
                <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onDrill(r.org.id)}>
                  {t.drill}
                </Button>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}
