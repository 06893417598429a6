import type { ProgressCell } from '../../../../shared/schemas/workplans';
import { progressStatuses } from '../../../../shared/schemas/workplans';
import type { EChartOption } from '../../../components/EChart';
import { workplanDetail as t } from '../../../locales/zh-CN';
import { formatFigure, formatPercent } from '../progressFormat';

const textColor = 'rgba(0, 0, 0, 0.65)';
const expectedColor = '#d9d9d9';
const actualColor = '#1677ff';

const htmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => htmlEntities[c] ?? c);

/** Pixels per org row of the chart, and what the axes and legend take. */
export const chartRowHeight = 34;
export const chartChrome = 64;

/**
 * One target as horizontal bars per org: what it has done (blue) against what the schedule expects by
 * today (grey); the tooltip adds the goal, the shares and the status.
 */
export function targetChartOption(cells: ProgressCell[], unit: string): EChartOption {
  const expected = cells.map((c) => Math.round(c.goal * c.expectedShare * 100) / 100);
  return {
    legend: { top: 0, right: 0, itemWidth: 12, itemHeight: 10, textStyle: { color: textColor } },
    grid: { left: 8, right: 48, top: 28, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const first = (Array.isArray(params) ? params[0] : params) as { dataIndex?: number } | undefined;
        const cell = cells[first?.dataIndex ?? -1];
        if (!cell) return '';
        return [
          `<b>${escapeHtml(cell.orgName)}</b>`,
          `${t.chartActual}：${formatFigure(cell.actual)} ${unit}（${formatPercent(cell.actualShare)}）`,
          `${t.chartExpected}：${formatFigure(cell.goal * cell.expectedShare)} ${unit}（${formatPercent(cell.expectedShare)}）`,
          `${t.chartGoal}：${formatFigure(cell.goal)} ${unit}`,
          `${t.status}：${progressStatuses[cell.status]}`,
          `<span style="color:#999">${t.clickHint}</span>`,
        ].join('<br/>');
      },
    },
    xAxis: {
      type: 'value',
      axisLabel: { color: textColor, formatter: (v: number) => formatFigure(v) },
      splitLine: { lineStyle: { color: '#f0f0f0' } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: cells.map((c) => c.orgName),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: '#d9d9d9' } },
      axisLabel: { color: textColor, width: 180, overflow: 'truncate', interval: 0 },
    },
    series: [
      {
        name: t.chartActual,
        type: 'bar',
        barMaxWidth: 12,
        cursor: 'pointer',
        itemStyle: { color: actualColor, borderRadius: 2 },
        data: cells.map((c) => c.actual),
        label: {
          show: true,
          position: 'right',
          color: textColor,
          // Zeros stay unlabelled: the grey bar beside them already says what is missing.
          formatter: (p: { value?: unknown }) => (Number(p.value) ? formatFigure(Number(p.value)) : ''),
        },
      },
      {
        name: t.chartExpected,
        type: 'bar',
        barMaxWidth: 12,
        cursor: 'pointer',
        itemStyle: { color: expectedColor, borderRadius: 2 },
        data: expected,
      },
    ],
  };
}
