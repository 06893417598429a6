import { Skeleton } from 'antd';
import { type ComponentProps, lazy, Suspense } from 'react';

// ECharts is the largest part of the page: its own chunk, so the headline shows before it arrives.
const EChart = lazy(() => import('../../../components/EChart').then((m) => ({ default: m.EChart })));

/** The EChart wrapper, loaded on first use with a placeholder of the chart's height meanwhile. */
export function LazyEChart(props: ComponentProps<typeof EChart>) {
  return (
    <Suspense
      fallback={
        <div style={{ height: props.height }} data-testid="chart-loading">
          <Skeleton active title={false} paragraph={{ rows: Math.max(3, Math.floor(props.height / 48)) }} />
        </div>
      }
    >
      <EChart {...props} />
    </Suspense>
  );
}
