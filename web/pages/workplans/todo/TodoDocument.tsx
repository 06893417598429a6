import { FileTextOutlined, RightOutlined } from '@ant-design/icons';
import { Flex, Typography } from 'antd';
import { Link } from 'react-router';
import type { TodoItem } from '../../../api/workplans';
import { workplanTodo as t } from '../../../locales/zh-CN';
import { workplanLinks } from '../workplanLinks';

/** The heading of one document's tasks in the to-do list: 文号, title, count and a link to its progress. */
export function TodoDocument({ first, count }: { first: TodoItem; count: number }) {
  return (
    <Flex justify="space-between" align="center" gap={12} style={{ margin: '8px 0 12px' }} data-testid="todo-document">
      <Typography.Text strong style={{ fontSize: 15 }}>
        <FileTextOutlined style={{ color: '#c8161d', marginInlineEnd: 8 }} />
        {first.docNumber && <Typography.Text type="secondary">{first.docNumber}　</Typography.Text>}
        {first.documentTitle}
      </Typography.Text>
      <Flex gap={16} align="center" style={{ whiteSpace: 'nowrap' }}>
        <Typography.Text type="secondary">{t.taskCount(count)}</Typography.Text>
        <Link to={workplanLinks.detail(first.documentId)}>
          {t.openDocument} <RightOutlined style={{ fontSize: 11 }} />
        </Link>
      </Flex>
    </Flex>
  );
}
