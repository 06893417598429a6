import { Descriptions, Drawer, Typography } from 'antd';
import type { AuditEntry } from '../../api/audit';
import { formatTimeExact, orDash } from '../../components/format';
import { audit } from '../../locales/zh-CN';
import { actionLabel, actorLabel, ResultTag, roleLabel, targetLabel, translateDetails } from './auditLabels';

/** One audit entry, with its details pretty-printed. */
export function AuditDetailDrawer({ entry, onClose }: { entry: AuditEntry | null; onClose: () => void }) {
  return (
    <Drawer open={entry !== null} onClose={onClose} size={600} title={audit.detailTitle} destroyOnHidden>
      {entry && (
        <>
          <Descriptions
            bordered
            size="small"
            column={1}
            styles={{ label: { width: 96, whiteSpace: 'nowrap' } }}
            items={[
              { key: 'at', label: audit.at, children: formatTimeExact(entry.at) },
              { key: 'actor', label: audit.actor, children: actorLabel(entry) },
              { key: 'role', label: audit.role, children: orDash(roleLabel(entry.role)) },
              { key: 'action', label: audit.action, children: actionLabel(entry.action) },
              { key: 'target', label: audit.target, children: targetLabel(entry) },
              { key: 'result', label: audit.result, children: <ResultTag result={entry.result} /> },
              { key: 'ip', label: audit.ip, children: orDash(entry.ip) },
              { key: 'ua', label: audit.userAgent, children: orDash(entry.userAgent) },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {audit.details}
          </Typography.Title>
          {entry.details === null || entry.details === undefined ? (
            <Typography.Text type="secondary">{audit.noDetails}</Typography.Text>
          ) : (
            <pre
              data-testid="audit-details"
              style={{
                background: '#f6f8fa',
                border: '1px solid #eee',
                borderRadius: 6,
                padding: 12,
                fontSize: 13,
                overflow: 'auto',
              }}
            >
              {JSON.stringify(translateDetails(entry.details), null, 2)}
            </pre>
          )}
        </>
      )}
    </Drawer>
  );
}
