import { Card, Empty, Typography } from 'antd';
import { useMemo } from 'react';
import type { DashboardTarget, DashboardTask } from '../../../api/workplans';
import { workplanDetail as t } from '../../../locales/zh-CN';
import { LazyEChart } from '../../members/stats/LazyEChart';
import { ProgressStatusTag } from '../ProgressStatusTag';
import { formatFigure } from '../progressFormat';
import { involvedCells } from './orgRows';
import { chartChrome, chartRowHeight, targetChartOption } from './progressChart';

interface TargetChartCardProps {
  task: DashboardTask;
  target: DashboardTarget;
  /** Opens the records of one org's bar. */
  onOpenOrg: (orgId: number, orgName: string) => void;
}

/** One target's chart: each org's achievement against the schedule; a bar opens that org's reports. */
export function TargetChartCard({ task, target, onOpenOrg }: TargetChartCardProps) {
  const cells = useMemo(() => involvedCells(target), [target]);
  const option = useMemo(() => targetChartOption(cells, target.unit), [cells, target.unit]);
  return (
    <Card
      size="small"
      title={
        <Typography.Text ellipsis style={{ maxWidth: '100%' }}>
          {task.number}. {target.metric}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginInlineStart: 8 }}>
            {formatFigure(target.actual)} / {formatFigure(target.value)} {target.unit}
          </Typography.Text>
        </Typography.Text>
      }
      extra={<ProgressStatusTag status={target.status} />}
      style={{ height: '100%' }}
      data-testid="target-chart"
    >
      {cells.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.noFigures} />
      ) : (
        <LazyEChart
          option={option}
          height={cells.length * chartRowHeight + chartChrome}
          label={t.chartLabel(target.metric)}
          band="y"
          onItemClick={(index) => {
            const cell = cells[index];
            if (cell) onOpenOrg(cell.orgId, cell.orgName);
          }}
        />
      )}
    </Card>
  );
}
