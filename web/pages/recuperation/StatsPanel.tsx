import { Button, Card, Col, Empty, Row, Skeleton, Statistic } from 'antd';
import { useMemo, useState } from 'react';
import { type ProgrammeView, useRecuperationStats } from '../../api/recuperation';
import type { EChartOption } from '../../components/EChart';
import { LinkButton } from '../../components/LinkButton';
import { recuperation as t } from '../../locales/recuperation.zh-CN';
import { LazyEChart } from '../members/stats/LazyEChart';

type Open = (filters: Record<string, string | number | undefined>) => void;

/** Two series of bars (录取, 已参加) over categories; a click anywhere on a category opens its records. */
function barsOption(labels: string[], seats: number[], attended: number[], horizontal = false): EChartOption {
  const category = {
    type: 'category' as const,
    data: labels,
    inverse: horizontal,
    axisLabel: { interval: 0, width: 120, overflow: 'truncate' as const },
  };
  const value = { type: 'value' as const, minInterval: 1 };
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: [t.seatsSeries, t.attendedSeries], top: 0 },
    grid: { left: horizontal ? 130 : 40, right: 24, top: 32, bottom: horizontal ? 16 : 48, containLabel: false },
    xAxis: horizontal
      ? value
      : { ...category, axisLabel: { ...category.axisLabel, rotate: labels.length > 8 ? 30 : 0 } },
    yAxis: horizontal ? category : value,
    series: [
      {
        name: t.seatsSeries,
        type: 'bar',
        data: seats,
        itemStyle: { color: '#f5a3a6' },
        label: { show: true, position: horizontal ? 'right' : 'top' },
      },
      {
        name: t.attendedSeries,
        type: 'bar',
        data: attended,
        itemStyle: { color: '#c8161d' },
        label: { show: true, position: horizontal ? 'right' : 'top' },
      },
    ],
  };
}

/** 统计: totals, each batch and each child org of the chosen org; every figure opens its applicants. */
export function StatsPanel({ programme, onOpenApplicants }: { programme: ProgrammeView; onOpenApplicants: Open }) {
  const [path, setPath] = useState<{ id: number; name: string }[]>([]);
  const orgId = path.at(-1)?.id;
  const stats = useRecuperationStats(programme.id, orgId);
  const data = stats.data;
  const batchOption = useMemo(
    () =>
      data
        ? barsOption(
            data.byBatch.map((b) => b.name),
            data.byBatch.map((b) => b.seatsTaken),
            data.byBatch.map((b) => b.attended),
          )
        : null,
    [data],
  );
  const orgOption = useMemo(
    () =>
      data
        ? barsOption(
            data.byOrg.map((o) => o.name),
            data.byOrg.map((o) => o.seats),
            data.byOrg.map((o) => o.attended),
            true,
          )
        : null,
    [data],
  );
  if (!data || !batchOption || !orgOption) return <Skeleton active paragraph={{ rows: 8 }} />;
  const scopeOrg = orgId;
  return (
    <Row gutter={[16, 16]} data-testid="recup-stats">
      {(
        [
          [t.statsBatches, data.totals.batches, {}],
          [t.statsCapacity, data.totals.capacity, {}],
          [t.statsSeats, data.totals.seatsTaken, {}],
          [t.statsAttended, data.totals.attended, { status: 'attended' }],
          [t.statsWaitlisted, data.totals.waitlisted, { status: 'waitlisted' }],
        ] as const
      ).map(([title, value, filter]) => (
        <Col key={title} xs={12} md={4}>
          <Card
            size="small"
            hoverable
            onClick={() => onOpenApplicants({ ...filter, orgId: scopeOrg, orgName: path.at(-1)?.name })}
          >
            <Statistic title={title} value={value} />
          </Card>
        </Col>
      ))}
      <Col xs={24}>
        <Card size="small" title={t.statsByBatch} extra={t.statsHint}>
          <LazyEChart
            option={batchOption}
            height={320}
            label={t.statsByBatch}
            band="x"
            onItemClick={(i) =>
              onOpenApplicants({
                batchId: data.byBatch[i]?.id,
                status: 'attended',
                orgId: scopeOrg,
                orgName: path.at(-1)?.name,
              })
            }
            testId="recup-stats-batches"
          />
        </Card>
      </Col>
      <Col xs={24}>
        <Card
          size="small"
          title={t.statsByOrg(data.org.name)}
          extra={
            path.length > 0 && (
              <Button size="small" onClick={() => setPath(path.slice(0, -1))}>
                {t.back}
              </Button>
            )
          }
        >
          {data.byOrg.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <>
              <LazyEChart
                option={orgOption}
                height={Math.max(200, data.byOrg.length * 36 + 60)}
                label={t.statsByOrg(data.org.name)}
                band="y"
                onItemClick={(i) =>
                  onOpenApplicants({ orgId: data.byOrg[i]?.id, orgName: data.byOrg[i]?.name, status: 'attended' })
                }
                testId="recup-stats-orgs"
              />
              <div style={{ marginTop: 8 }}>
                {t.drillHint}：
                {data.byOrg.map((o) => (
                  <LinkButton
                    key={o.id}
                    style={{ marginRight: 12 }}
                    onClick={() => setPath([...path, { id: o.id, name: o.name }])}
                  >
                    {o.name}（{o.attended}）
                  </LinkButton>
                ))}
              </div>
            </>
          )}
        </Card>
      </Col>
    </Row>
  );
}
