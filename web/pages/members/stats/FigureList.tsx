import { Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { StatsBucket } from '../../../api/members';
import { formatCount, formatShare } from '../../../components/format';
import { memberStats } from '../../../locales/zh-CN';
import { rosterLink } from '../memberLinks';
import { statsColors } from './chartOptions';

interface FigureListProps {
  title: string;
  buckets: StatsBucket[];
  /** The colour of each bucket's mark, as in the chart. */
  colors: string[];
  /** A tag after each bucket's name (e.g. 新就业形态), if any. */
  tags?: (string | undefined)[];
  /** Show each bucket's share of the list's sum (off where the sum means little, e.g. months). */
  shares?: boolean;
  testId: string;
}

const listStyle = { listStyle: 'none', margin: 0, padding: 0 } as const;

/**
 * The figures of a chart as a list of links to the members behind each one: the chart's legend, its
 * text alternative for screen readers, and a way to open a figure without aiming at the canvas.
 */
export function FigureList({ title, buckets, colors, tags, shares = true, testId }: FigureListProps) {
  const whole = buckets.reduce((sum, b) => sum + b.count, 0);
  return (
    <Flex
      component="ul"
      wrap
      gap="6px 20px"
      aria-label={memberStats.figures(title)}
      data-testid={testId}
      style={listStyle}
    >
      {buckets.map((bucket, i) => (
        <li key={bucket.code} style={{ display: 'flex', alignItems: 'center', gap: 6, fontSize: 13 }}>
          <span
            aria-hidden
            style={{ width: 8, height: 8, borderRadius: 2, background: colors[i] ?? statsColors.main, flex: 'none' }}
          />
          <Link to={rosterLink(bucket.filter)} title={memberStats.clickHint}>
            {bucket.label}
          </Link>
          {tags?.[i] && (
            <Tag color="gold" variant="outlined" style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px' }}>
              {tags[i]}
            </Tag>
          )}
          <Typography.Text strong>{formatCount(bucket.count)}</Typography.Text>
          {shares && <Typography.Text type="secondary">{formatShare(bucket.count, whole)}</Typography.Text>}
        </li>
      ))}
    </Flex>
  );
}
