import { Alert, Space } from 'antd';
import { workplanEditor as t } from '../../../locales/zh-CN';

/** What the parser found, and its warnings, above the review form. */
export function ParsedNotice({ summary, warnings }: { summary: string; warnings: string[] }) {
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
      <Alert type="success" showIcon message={summary} data-testid="parse-summary" />
      {warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          message={t.warnings}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          }
        />
      )}
    </Space>
  );
}
