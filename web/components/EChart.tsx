import { BarChart, type BarSeriesOption, PieChart, type PieSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useLayoutEffect, useRef } from 'react';

// Only what the pages draw: the bundle carries bar and pie charts, axes, tooltips, legends and the canvas renderer.
echarts.use([BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/** The options the wrapper accepts: bar and pie series on a grid, with tooltips and a legend. */
export type EChartOption = echarts.ComposeOption<
  BarSeriesOption | PieSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption
>;

interface EChartProps {
  option: EChartOption;
  height: number;
  /** What the chart shows, read out by screen readers (the figures themselves belong in a list beside it). */
  label: string;
  /** Called with the index of the clicked bar or slice. */
  onItemClick?: (index: number) => void;
  /**
   * For bar charts: the category axis. A click anywhere along a category's band (its label, its bar or
   * the empty space beside a short bar) counts as a click on it, so small figures are easy to open.
   */
  band?: 'x' | 'y';
  testId?: string;
}

/** The index of the category under a pixel of a bar chart, or undefined outside the categories. */
function bandIndex(chart: echarts.ECharts, band: 'x' | 'y', x: number, y: number): number | undefined {
  const value: unknown = chart.convertFromPixel({ gridIndex: 0 }, [x, y]);
  if (!Array.isArray(value)) return undefined;
  const index = Math.round(Number(band === 'x' ? value[0] : value[1]));
  const option = chart.getOption() as { xAxis?: { data?: unknown[] }[]; yAxis?: { data?: unknown[] }[] };
  const count = (band === 'x' ? option.xAxis : option.yAxis)?.[0]?.data?.length ?? 0;
  return Number.isInteger(index) && index >= 0 && index < count ? index : undefined;
}

/**
 * An ECharts canvas that fills its container's width, redraws when the container resizes and is
 * disposed on unmount. The option object should be memoised: each new object redraws the chart.
 */
export function EChart({ option, height, label, onItemClick, band, testId }: EChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onItemClick);
  const optionRef = useRef(option);
  const applied = useRef<EChartOption | null>(null);
  useLayoutEffect(() => {
    clickRef.current = onItemClick;
    optionRef.current = option;
  });

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const chart = echarts.init(el, null, { renderer: 'canvas', locale: 'ZH' });
    chartRef.current = chart;
    applied.current = optionRef.current;
    chart.setOption(optionRef.current);
    if (band) {
      chart.getZr().on('click', (event) => {
        const index = bandIndex(chart, band, event.offsetX, event.offsetY);
        if (index !== undefined) clickRef.current?.(index);
      });
    } else {
      chart.on('click', (params) => {
        if (typeof params.dataIndex === 'number') clickRef.current?.(params.dataIndex);
      });
    }
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, [band]);

  useEffect(() => {
    if (applied.current === option) return;
    applied.current = option;
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={container} role="img" aria-label={label} data-testid={testId} style={{ width: '100%', height }} />;
}
