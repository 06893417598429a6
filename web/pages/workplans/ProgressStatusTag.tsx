import { Tag } from 'antd';
import { type ProgressStatus, progressStatuses } from '../../../shared/schemas/workplans';

/** The colour of each progress status, shared by tags, chart bars and the totals. */
export const progressColors: Record<ProgressStatus, { tag: string; hex: string }> = {
  done: { tag: 'green', hex: '#52c41a' },
  ahead: { tag: 'cyan', hex: '#13c2c2' },
  on_schedule: { tag: 'blue', hex: '#1677ff' },
  behind: { tag: 'orange', hex: '#fa8c16' },
  overdue: { tag: 'red', hex: '#f5222d' },
  not_started: { tag: 'default', hex: '#bfbfbf' },
};

/** 已完成 green, 超前 cyan, 序时推进 blue, 滞后 orange, 逾期 red, 未开始 grey. */
export function ProgressStatusTag({ status }: { status: ProgressStatus }) {
  return (
    <Tag color={progressColors[status].tag} data-testid="progress-status" style={{ marginInlineEnd: 0 }}>
      {progressStatuses[status]}
    </Tag>
  );
}
