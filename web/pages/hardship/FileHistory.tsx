import { Empty, Space, Timeline, Typography } from 'antd';
import {
  consentMethods,
  hardshipCauses,
  hardshipLevels,
  hardshipStatuses,
  reviewOutcomes,
} from '../../../shared/schemas/hardship';
import type { HardshipFile } from '../../api/hardship';
import { formatTime } from '../../components/format';
import { hardship as t } from '../../locales/hardship.zh-CN';

const lookup: Record<string, Record<string, string>> = {
  level: hardshipLevels,
  consentMethod: consentMethods,
  outcome: reviewOutcomes,
  status: hardshipStatuses,
};

/** A history value in words: codes as their labels, money in yuan, the household as a count. */
function valueText(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (key === 'household' && Array.isArray(value)) return t.householdChanged(value.length);
  if (key === 'causes' && Array.isArray(value)) return value.map((c) => hardshipCauses[c as 'other'] ?? c).join('、');
  if (key.endsWith('Fen') && typeof value === 'number') return t.yuan(value);
  if (key === 'householdSize' && typeof value === 'number') return t.persons(value);
  const labels = lookup[key];
  if (labels && typeof value === 'string') return labels[value] ?? value;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
}

function isChange(value: unknown): value is { before: unknown; after: unknown } {
  return !!value && typeof value === 'object' && 'before' in value && 'after' in value;
}

const colors: Record<string, string> = {
  'hardship.create': 'green',
  'hardship.resolve': 'gray',
  'hardship.review': 'blue',
};

/** Every change of the file, newest first: who, when, before → after (sensitive values only when allowed). */
export function FileHistory({ file }: { file: HardshipFile }) {
  if (file.history.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Timeline
      data-testid="hardship-history"
      items={file.history.map((h) => ({
        key: h.id,
        color: colors[h.action] ?? 'blue',
        content: (
          <Space orientation="vertical" size={2}>
            <Space size="middle" wrap>
              <Typography.Text strong>{t.historyActions[h.action] ?? h.action}</Typography.Text>
              <Typography.Text type="secondary">{formatTime(h.at)}</Typography.Text>
              {h.actorName && <Typography.Text type="secondary">{h.actorName}</Typography.Text>}
            </Space>
            {Object.entries(h.changes).map(([key, change]) => (
              <Typography.Text key={key} style={{ fontSize: 13 }}>
                {t.historyFields[key] ?? key}：
                {isChange(change)
                  ? change.before === null
                    ? valueText(key, change.after)
                    : `${valueText(key, change.before)} → ${valueText(key, change.after)}`
                  : valueText(key, change)}
              </Typography.Text>
            ))}
          </Space>
        ),
      }))}
    />
  );
}
