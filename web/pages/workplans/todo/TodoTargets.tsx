import { Tag, Typography } from 'antd';
import type { TodoItem } from '../../../api/workplans';
import { workplanTodo as t } from '../../../locales/zh-CN';
import { CompletionBar } from '../dashboard/CompletionBar';
import { ProgressStatusTag } from '../ProgressStatusTag';
import { formatFigure } from '../progressFormat';

const grid = {
  display: 'grid',
  gridTemplateColumns: 'minmax(80px, 1fr) auto 130px auto',
  alignItems: 'center',
  gap: '6px 12px',
} as const;

/** The org's targets of one task: done against its share, the completion bar and each status. */
export function TodoTargets({ item }: { item: TodoItem }) {
  if (item.targets.length === 0) {
    return (
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {t.noTargets}
      </Typography.Text>
    );
  }
  return (
    // One line per target, in columns that line up from target to target.
    <div style={grid}>
      {item.targets.map((g) => (
        <div key={g.targetId} style={{ display: 'contents' }} data-testid="todo-target">
          <Typography.Text ellipsis={{ tooltip: g.metric }}>
            {g.metric}
            {!g.reported && (
              <Tag color="purple" variant="outlined" style={{ marginInlineStart: 4, fontSize: 11, lineHeight: '16px' }}>
                {t.auto}
              </Tag>
            )}
          </Typography.Text>
          <Typography.Text strong style={{ whiteSpace: 'nowrap' }} data-testid="todo-target-figure">
            {t.goalActual(formatFigure(g.actual), formatFigure(g.goal), g.unit)}
          </Typography.Text>
          <CompletionBar share={g.actualShare} status={g.status} width={80} />
          <ProgressStatusTag status={g.status} />
        </div>
      ))}
    </div>
  );
}
