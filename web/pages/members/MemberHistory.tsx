import { Empty, Skeleton, Space, Timeline, Typography } from 'antd';
import { auditActions } from '../../../shared/enums';
import { type MemberHistoryEntry, type MemberView, useMemberHistory } from '../../api/members';
import { formatTime } from '../../components/format';
import { members } from '../../locales/zh-CN';
import { fieldLabel, valueLabel } from './memberOptions';

const colors: Record<string, string> = { 'members.create': 'green', 'members.status': 'red' };

function isChange(value: unknown): value is { before: unknown; after: unknown } {
  return !!value && typeof value === 'object' && 'before' in value && 'after' in value;
}

/** One line per changed field: 姓名：张三 → 张三丰, or 原因：调离 for plain values. */
function changeLines(entry: MemberHistoryEntry, member: MemberView): { key: string; text: string }[] {
  const changes = entry.changes;
  if (!changes || typeof changes !== 'object') return [];
  return Object.entries(changes).flatMap(([key, value]) => {
    if (key === 'reason' && (value === null || value === '')) return [];
    const label = fieldLabel(key);
    if (isChange(value)) {
      return [{ key, text: `${label}：${valueLabel(key, value.before)} → ${valueLabel(key, value.after)}` }];
    }
    // The registration records the union's id; the member's union is the one shown above.
    const shown = key === 'orgId' && value === member.org.id ? member.org.name : valueLabel(key, value);
    return [{ key, text: `${label}：${shown}` }];
  });
}

function actionLabel(action: string): string {
  return action in auditActions ? auditActions[action as keyof typeof auditActions] : action;
}

/** The member's change history as a timeline, newest first, with field names and values in Chinese. */
export function MemberHistory({ member }: { member: MemberView }) {
  const history = useMemberHistory(member.id);
  if (history.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (!history.data?.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={members.noHistory} />;
  return (
    <div data-testid="member-history">
      <Timeline
        items={history.data.map((entry) => ({
          key: entry.id,
          color: colors[entry.action] ?? 'blue',
          content: (
            <Space orientation="vertical" size={2}>
              <Space size="middle" wrap>
                <Typography.Text strong>{actionLabel(entry.action)}</Typography.Text>
                <Typography.Text type="secondary">{formatTime(entry.at)}</Typography.Text>
                {entry.actorName && (
                  <Typography.Text type="secondary">{members.historyBy(entry.actorName)}</Typography.Text>
                )}
              </Space>
              {changeLines(entry, member).map((line) => (
                <Typography.Text key={line.key} style={{ fontSize: 13 }}>
                  {line.text}
                </Typography.Text>
              ))}
            </Space>
          ),
        }))}
      />
    </div>
  );
}
