import { Flex, Typography } from 'antd';
import { type ProgressStatus, progressStatuses } from '../../../../shared/schemas/workplans';
import { progressColors } from '../ProgressStatusTag';
import { progressStatusOrder } from '../progressFormat';

/** How many (org, target) cells are in each status, worst first, as coloured figures. */
export function StatusTotals({ totals }: { totals: Record<ProgressStatus, number> }) {
  return (
    <Flex gap={12} wrap data-testid="status-totals">
      {progressStatusOrder.map((s) => (
        <div
          key={s}
          style={{
            minWidth: 96,
            padding: '8px 16px',
            borderRadius: 8,
            background: '#fafafa',
            borderTop: `3px solid ${progressColors[s].hex}`,
          }}
        >
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {progressStatuses[s]}
          </Typography.Text>
          <div style={{ fontSize: 24, fontWeight: 600, color: totals[s] ? progressColors[s].hex : '#bfbfbf' }}>
            {totals[s] ?? 0}
          </div>
        </div>
      ))}
    </Flex>
  );
}
