import { Card, Descriptions, Flex, Tag, Typography } from 'antd';
import { documentTypes } from '../../../../shared/schemas/workplans';
import type { DocumentView } from '../../../api/workplans';
import { formatTime, orDash } from '../../../components/format';
import { workplanDetail as t, workplans } from '../../../locales/zh-CN';
import { DocumentStatusTag } from '../DocumentStatusTag';
import { DocumentActions } from './DocumentActions';

/** The document's title, status and facts, with what the caller may do with it. */
export function DocumentHeader({ doc, orgId }: { doc: DocumentView; orgId?: number }) {
  return (
    <Card data-testid="document-header">
      <Flex justify="space-between" align="start" gap={16} wrap>
        <Flex vertical gap={4} style={{ flex: '1 1 480px', minWidth: 0 }}>
          <Flex gap={8} align="center" wrap>
            <Tag color="red" variant="outlined">
              {documentTypes[doc.type]}
            </Tag>
            <DocumentStatusTag status={doc.status} />
            <Typography.Text type="secondary">{doc.docNumber ?? workplans.noNumber}</Typography.Text>
          </Flex>
          <Typography.Title level={4} style={{ margin: '4px 0 0' }} data-testid="document-title">
            {doc.title}
          </Typography.Title>
        </Flex>
        <DocumentActions doc={doc} orgId={orgId} />
      </Flex>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 4 }}
        style={{ marginTop: 16 }}
        items={[
          { key: 'issuer', label: workplans.issuer, children: doc.issuerName },
          { key: 'date', label: workplans.issuedDate, children: orDash(doc.issuedDate) },
          { key: 'published', label: t.publishedAt, children: orDash(formatTime(doc.publishedAt)) },
          { key: 'tasks', label: workplans.taskCount, children: doc.taskCount },
          ...(doc.recipients.length
            ? [{ key: 'recipients', label: t.recipients, span: 'filled' as const, children: doc.recipients.join('，') }]
            : []),
        ]}
      />
    </Card>
  );
}
