import { brandRed } from '../../../app/theme';
import type { EChartOption } from '../../../components/EChart';
import { formatCount } from '../../../components/format';
import { memberStats } from '../../../locales/zh-CN';

/** The colours of the statistics: union red for the main series, warm gold to set a group apart. */
export const statsColors = { main: brandRed, accent: '#e39b1b', accentSoft: '#fff7e6', grid: '#f0f0f0' } as const;

/** One figure as a chart draws it. */
export interface ChartDatum {
  label: string;
  count: number;
  color?: string;
  /** A short tag after the category's name (e.g. 新就业形态). */
  tag?: string;
}

const textColor = 'rgba(0, 0, 0, 0.65)';

const htmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => htmlEntities[c] ?? c);

/** The tooltip of one figure: name, count and what a click does; names are escaped (they are user data). */
function tooltipOf(hint: string) {
  return (params: unknown): string => {
    const item = (Array.isArray(params) ? params[0] : params) as { name?: string; value?: unknown } | undefined;
    if (!item) return '';
    const count = formatCount(Number(item.value ?? 0));
    return `${escapeHtml(item.name ?? '')}<br/><b>${memberStats.people(count)}</b><br/><span style="color:#999">${hint}</span>`;
  };
}

interface BarInput {
  data: ChartDatum[];
  /** Bars grow to the right with the categories listed top-down (long names read better). */
  horizontal?: boolean;
  /** What a click opens, shown in the tooltip. */
  hint: string;
  /** The widest a category name may be, in pixels, before it is cut short with an ellipsis. */
  labelWidth?: number;
}

/** A bar chart of counts with thousands separators, each bar labelled with its count. */
export function barOption({ data, horizontal = false, hint, labelWidth = 160 }: BarInput): EChartOption {
  const category = {
    type: 'category' as const,
    data: data.map((d) => d.label),
    inverse: horizontal,
    axisTick: { show: false },
    axisLine: { lineStyle: { color: '#d9d9d9' } },
    axisLabel: {
      color: textColor,
      // A few categories each keep their name; the 24 months thin out by themselves.
      ...(horizontal
        ? { width: labelWidth, overflow: 'truncate' as const, interval: 0 }
        : { hideOverlap: true, interval: data.length <= 12 ? 0 : ('auto' as const) }),
      formatter: (value: string, index: number) => {
        const tag = data[index]?.tag;
        return tag ? `${value} {tag|${tag}}` : value;
      },
      rich: {
        tag: {
          color: statsColors.accent,
          backgroundColor: statsColors.accentSoft,
          borderColor: '#ffd591',
          borderWidth: 1,
          borderRadius: 3,
          padding: [2, 4],
          fontSize: 11,
        },
      },
    },
  };
  const value = {
    type: 'value' as const,
    minInterval: 1,
    axisLabel: { color: textColor, formatter: (v: number) => formatCount(v) },
    splitLine: { lineStyle: { color: statsColors.grid } },
  };
  return {
    grid: {
      left: 8,
      right: horizontal ? 56 : 16,
      top: horizontal ? 8 : 24,
      bottom: 8,
      outerBoundsMode: 'same',
      outerBoundsContain: 'axisLabel',
    },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: tooltipOf(hint) },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? category : value,
    series: [
      {
        type: 'bar',
        barMaxWidth: 28,
        cursor: 'pointer',
        data: data.map((d) => ({ value: d.count, itemStyle: { color: d.color ?? statsColors.main, borderRadius: 2 } })),
        label: {
          show: true,
          position: horizontal ? 'right' : 'top',
          color: textColor,
          // Zeros stay unlabelled (the figures below list them) so a quiet year is not a row of 0s.
          formatter: (p: { value?: unknown }) => (Number(p.value) ? formatCount(Number(p.value)) : ''),
        },
      },
    ],
  };
}

/** A donut of shares, each slice labelled with its name and percentage. */
export function donutOption(data: ChartDatum[], hint: string): EChartOption {
  return {
    tooltip: { trigger: 'item', formatter: tooltipOf(hint) },
    series: [
      {
        type: 'pie',
        radius: ['38%', '60%'],
        center: ['50%', '50%'],
        cursor: 'pointer',
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        label: {
          color: textColor,
          overflow: 'none',
          // One decimal, as in the figures under the chart.
          formatter: (p: { name?: string; percent?: number }) => `${p.name ?? ''}  ${(p.percent ?? 0).toFixed(1)}%`,
        },
        labelLine: { length: 12, length2: 12 },
        // An empty slice keeps its place in the list below but gets no label on the ring.
        data: data.map((d) => ({
          name: d.label,
          value: d.count,
          itemStyle: { color: d.color ?? statsColors.main },
          label: { show: d.count > 0 },
          labelLine: { show: d.count > 0 },
        })),
      },
    ],
  };
}
