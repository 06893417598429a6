import { Tag } from 'antd';
import { type DocumentStatus, documentStatuses } from '../../../shared/schemas/workplans';

const colors: Record<DocumentStatus, string> = { draft: 'gold', published: 'green', closed: 'default' };

/** 草稿 gold, 已发布 green, 已结束 grey. */
export function DocumentStatusTag({ status }: { status: DocumentStatus }) {
  return (
    <Tag color={colors[status]} data-testid="document-status">
      {documentStatuses[status]}
    </Tag>
  );
}
