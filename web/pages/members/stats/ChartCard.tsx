import { Card, Collapse, Empty } from 'antd';
import { type ReactNode, useMemo } from 'react';
import { useNavigate } from 'react-router';
import type { StatsBucket } from '../../../api/members';
import { memberStats } from '../../../locales/zh-CN';
import { rosterLink } from '../memberLinks';
import { barOption, donutOption, statsColors } from './chartOptions';
import { FigureList } from './FigureList';
import { LazyEChart } from './LazyEChart';

interface ChartCardProps {
  title: string;
  buckets: StatsBucket[];
  /** Vertical bars, horizontal bars (long names) or a donut. */
  kind: 'bar' | 'hbar' | 'donut';
  height: number;
  /** Prefix of the test ids: `<id>` on the card, `<id>-chart` on the canvas, `<id>-list` on the figures. */
  testId: string;
  /** A bucket's colour; union red when left out. Keep the function stable (module level). */
  colorOf?: (code: string) => string;
  /** A tag after a bucket's name, e.g. 新就业形态. Keep the function stable (module level). */
  tagOf?: (code: string) => string | undefined;
  /** A note in the card's header. */
  note?: ReactNode;
  /** What the card says when every figure is zero. */
  emptyText?: string;
  /** When given, the figures sit folded under this label (for long lists such as months). */
  foldedLabel?: string;
  /** Show each figure's share of the sum. */
  shares?: boolean;
}

/**
 * One chart of the statistics with its figures listed underneath as links. Clicking a bar or slice,
 * or a figure's link, opens the roster filtered to the members behind it.
 */
export function ChartCard(props: ChartCardProps) {
  const { title, buckets, kind, height, testId, colorOf, tagOf, note, emptyText, foldedLabel, shares } = props;
  const navigate = useNavigate();
  const colors = useMemo(() => buckets.map((b) => colorOf?.(b.code) ?? statsColors.main), [buckets, colorOf]);
  const tags = useMemo(() => buckets.map((b) => tagOf?.(b.code)), [buckets, tagOf]);
  const option = useMemo(() => {
    const data = buckets.map((b, i) => ({ label: b.label, count: b.count, color: colors[i], tag: tags[i] }));
    return kind === 'donut'
      ? donutOption(data, memberStats.clickHint)
      : barOption({ data, horizontal: kind === 'hbar', hint: memberStats.clickHint });
  }, [buckets, colors, tags, kind]);
  const empty = buckets.every((b) => b.count === 0);

  const list = (
    <FigureList title={title} buckets={buckets} colors={colors} tags={tags} shares={shares} testId={`${testId}-list`} />
  );

  return (
    <Card title={title} extra={note} style={{ height: '100%' }} data-testid={testId}>
      {empty ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={emptyText ?? memberStats.noData}
          style={{ minHeight: height, display: 'grid', placeContent: 'center', margin: 0 }}
        />
      ) : (
        <>
          <LazyEChart
            option={option}
            height={height}
            label={memberStats.chartLabel(title)}
            band={kind === 'donut' ? undefined : kind === 'hbar' ? 'y' : 'x'}
            onItemClick={(index) => {
              const bucket = buckets[index];
              if (bucket) navigate(rosterLink(bucket.filter));
            }}
            testId={`${testId}-chart`}
          />
          {foldedLabel ? (
            <Collapse ghost size="small" items={[{ key: 'figures', label: foldedLabel, children: list }]} />
          ) : (
            <div style={{ marginTop: 12 }}>{list}</div>
          )}
        </>
      )}
    </Card>
  );
}
