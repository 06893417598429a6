import { wanYuan } from '../../../shared/money';
import { brandRed } from '../../app/theme';
import type { EChartOption } from '../../components/EChart';
import { formatCount } from '../../components/format';
import { assistanceCommon as c, assistanceStats as t } from '../../locales/assistance.zh-CN';

/** One figure as the charts draw it: cases (人次), people (人, when known) and the amount in fen. */
export interface MoneyDatum {
  label: string;
  cases: number;
  people?: number;
  amountFen: number;
}

const textColor = 'rgba(0, 0, 0, 0.65)';
const htmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => htmlEntities[c] ?? c);

/** 万元 as a number for the axis (two decimals, from the exact text). */
const wan = (fen: number) => Number(wanYuan(fen).replace(/,/g, ''));

/**
 * Bars of the amount in 万元 (the figure the seeds report), each labelled, with 人次 / 人数 / 金额 in the
 * tooltip; names are escaped (org and fund names are user data).
 */
export function moneyBarOption({
  data,
  horizontal = false,
  hint,
  labelWidth = 180,
}: {
  data: MoneyDatum[];
  horizontal?: boolean;
  hint: string;
  labelWidth?: number;
}): EChartOption {
  const category = {
    type: 'category' as const,
    data: data.map((d) => d.label),
    inverse: horizontal,
    axisTick: { show: false },
    axisLine: { lineStyle: { color: '#d9d9d9' } },
    axisLabel: {
      color: textColor,
      ...(horizontal
        ? { width: labelWidth, overflow: 'truncate' as const, interval: 0 }
        : { interval: 0, hideOverlap: true }),
    },
  };
  const value = {
    type: 'value' as const,
    name: t.amountSeries,
    nameTextStyle: { color: textColor, align: horizontal ? ('right' as const) : ('left' as const) },
    axisLabel: { color: textColor },
    splitLine: { lineStyle: { color: '#f0f0f0' } },
  };
  return {
    grid: {
      left: 8,
      right: horizontal ? 72 : 16,
      top: horizontal ? 24 : 32,
      bottom: 8,
      outerBoundsMode: 'same',
      outerBoundsContain: 'axisLabel',
    },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const item = (Array.isArray(params) ? params[0] : params) as { dataIndex?: number } | undefined;
        const d = item?.dataIndex === undefined ? undefined : data[item.dataIndex];
        if (!d) return '';
        const people = d.people === undefined ? '' : ` · ${formatCount(d.people)} ${t.peopleUnit}`;
        return `${escapeHtml(d.label)}<br/><b>${wanYuan(d.amountFen)} ${c.wanYuan}</b><br/>${formatCount(d.cases)} ${t.casesUnit}${people}<br/><span style="color:#999">${hint}</span>`;
      },
    },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? category : value,
    series: [
      {
        type: 'bar',
        barMaxWidth: 28,
        cursor: 'pointer',
        data: data.map((d) => ({ value: wan(d.amountFen), itemStyle: { color: brandRed, borderRadius: 2 } })),
        label: {
          show: true,
          position: horizontal ? 'right' : 'top',
          color: textColor,
          formatter: (p: { value?: unknown }) => (Number(p.value) ? String(p.value) : ''),
        },
      },
    ],
  };
}
