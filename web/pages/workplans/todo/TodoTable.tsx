import { Flex, Table, type TableColumnsType, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { TodoItem } from '../../../api/workplans';
import { LinkButton } from '../../../components/LinkButton';
import { common, workplanTodo as t } from '../../../locales/zh-CN';
import { ProgressStatusTag } from '../ProgressStatusTag';
import { TodoTargets } from './TodoTargets';

interface TodoTableProps {
  rows: TodoItem[];
  loading: boolean;
  empty: ReactNode;
  canReport: boolean;
  onReport: (item: TodoItem) => void;
  onSplit: (item: TodoItem) => void;
  onRecords: (item: TodoItem) => void;
  onComments: (item: TodoItem) => void;
}

export const todoKey = (i: TodoItem) => `${i.documentId}-${i.taskId}-${i.orgId}`;

/** The org's tasks of one document: task, period, departments, its targets' progress, status and actions. */
export function TodoTable({
  rows,
  loading,
  empty,
  canReport,
  onReport,
  onSplit,
  onRecords,
  onComments,
}: TodoTableProps) {
  const columns: TableColumnsType<TodoItem> = [
    {
      title: t.task,
      key: 'task',
      width: 260,
      render: (_, i) => (
        <Typography.Text strong>
          {i.taskNumber}. {i.taskTitle}
        </Typography.Text>
      ),
    },
    { title: t.period, key: 'period', width: 110, render: (_, i) => t.periodText(i.startMonth, i.endMonth) },
    {
      title: t.lead,
      key: 'lead',
      width: 130,
      render: (_, i) => i.leadDepartments.join('、') || '—',
    },
    { title: t.targets, key: 'targets', render: (_, i) => <TodoTargets item={i} /> },
    {
      title: t.status,
      key: 'status',
      width: 110,
      render: (_, i) => (
        <Flex vertical gap={4} align="start">
          <ProgressStatusTag status={i.status} />
          {i.returnedReports > 0 && (
            <LinkButton danger onClick={() => onRecords(i)} data-testid="todo-returned">
              {t.returnedCount(i.returnedReports)}
            </LinkButton>
          )}
        </Flex>
      ),
    },
    {
      title: common.actions,
      key: 'actions',
      width: 150,
      render: (_, i) => (
        <Flex wrap gap="4px 12px">
          {canReport && (i.targets.some((g) => g.reported) || i.targets.length === 0) && (
            <LinkButton onClick={() => onReport(i)} data-testid="todo-report">
              {t.report}
            </LinkButton>
          )}
          {canReport && i.targets.some((g) => g.reported && g.goal > 0) && (
            <LinkButton onClick={() => onSplit(i)} data-testid="todo-split">
              {t.split}
            </LinkButton>
          )}
          <LinkButton onClick={() => onRecords(i)} data-testid="todo-records">
            {t.records}
          </LinkButton>
          <LinkButton onClick={() => onComments(i)} data-testid="todo-comments">
            {t.comments}
          </LinkButton>
        </Flex>
      ),
    },
  ];

  return (
    <Table<TodoItem>
      rowKey={todoKey}
      size="middle"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false, showTotal: (n) => common.totalOf(n) }}
      scroll={{ x: 1100 }}
      locale={{ emptyText: empty }}
      data-testid="todo-table"
    />
  );
}
