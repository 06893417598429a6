import { Alert, Button, Card, Empty, Form, Input, Select, Skeleton, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { type ProgressStatus, progressStatuses } from '../../../shared/schemas/workplans';
import { type ReportView, type TodoItem, useTodo } from '../../api/workplans';
import { useCan, useSession } from '../../app/session';
import { FilterBar } from '../../components/FilterBar';
import { OrgPicker } from '../../components/OrgPicker';
import { common, workplanTodo as t } from '../../locales/zh-CN';
import { CommentsDrawer, type CommentsTask } from './detail/CommentsDrawer';
import { type RecordsFilter, ReportsDrawer } from './records/ReportsDrawer';
import { ReportModal } from './todo/ReportModal';
import { SplitModal } from './todo/SplitModal';
import { TodoDocument } from './todo/TodoDocument';
import { TodoTable } from './todo/TodoTable';

interface Filters {
  orgId?: number;
  status?: ProgressStatus;
  q?: string;
}

const statusOptions = (Object.keys(progressStatuses) as ProgressStatus[]).map((value) => ({
  value,
  label: progressStatuses[value],
}));

/**
 * 我的任务: the tasks sent to the caller's org (or an org below it) across all published documents, with
 * its share, what it has done and the status on schedule. 填报进度 reports, 分解任务 splits the share
 * among the children, 填报记录 shows the reports with the reviewers' comments. Notifications link here
 * with ?documentId=.
 */
export default function TodoPage() {
  const { account } = useSession();
  const can = useCan();
  const canReport = can('workplans.report');
  const [params, setParams] = useSearchParams();
  const documentId = Number(params.get('documentId')) || undefined;
  const [filters, setFilters] = useState<Filters>({});
  const todo = useTodo({ orgId: filters.orgId, status: filters.status });
  const [reporting, setReporting] = useState<{ item: TodoItem; again?: ReportView } | null>(null);
  const [splitting, setSplitting] = useState<TodoItem | null>(null);
  const [records, setRecords] = useState<{ item: TodoItem; filter: RecordsFilter } | null>(null);
  const [comments, setComments] = useState<CommentsTask | null>(null);

  const rows = useMemo(() => {
    const q = filters.q?.trim();
    return (todo.data?.items ?? []).filter(
      (i) =>
        (!documentId || i.documentId === documentId) &&
        (!q || i.taskTitle.includes(q) || i.documentTitle.includes(q) || (i.docNumber ?? '').includes(q)),
    );
  }, [todo.data, filters.q, documentId]);
  // One table per document, newest document first as the server lists them.
  const groups = useMemo(() => {
    const byDocument = new Map<number, TodoItem[]>();
    for (const item of rows) byDocument.set(item.documentId, [...(byDocument.get(item.documentId) ?? []), item]);
    return [...byDocument.values()];
  }, [rows]);
  const documentTitle = documentId ? todo.data?.items.find((i) => i.documentId === documentId)?.documentTitle : null;
  const orgName = rows[0]?.orgName ?? account.org.name;

  const empty =
    filters.q || filters.status || documentId ? (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.emptyFiltered} />
    ) : (
      <Empty description={t.empty}>
        <Typography.Text type="secondary">{t.emptyHint}</Typography.Text>
      </Empty>
    );

  return (
    <Card
      title={t.pageTitle}
      extra={todo.data && <Typography.Text type="secondary">{t.asOf(todo.data.asOf)}</Typography.Text>}
    >
      <Typography.Paragraph type="secondary">{t.intro(orgName)}</Typography.Paragraph>
      <FilterBar<Filters> onSearch={(values) => setFilters({ ...values, q: values.q?.trim() || undefined })}>
        <Form.Item name="q" label={t.keyword}>
          <Input placeholder={t.keywordPlaceholder} allowClear style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="status" label={t.status}>
          <Select options={statusOptions} allowClear placeholder={common.all} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="orgId" label={t.org}>
          <OrgPicker allowClear placeholder={t.orgPlaceholder} style={{ width: 240 }} />
        </Form.Item>
      </FilterBar>
      {documentId && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={t.documentFilter(documentTitle ?? `#${documentId}`)}
          action={
            <Button size="small" onClick={() => setParams({}, { replace: true })}>
              {t.clearDocument}
            </Button>
          }
        />
      )}
      {todo.isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : groups.length === 0 ? (
        <div style={{ padding: '32px 0' }} data-testid="todo-table">
          {empty}
        </div>
      ) : (
        groups.map((items) => (
          <div key={items[0]?.documentId} style={{ marginBottom: 24 }} data-testid="todo-group">
            {items[0] && <TodoDocument first={items[0]} count={items.length} />}
            <TodoTable
              rows={items}
              loading={todo.isFetching}
              empty={empty}
              canReport={canReport}
              onReport={(item) => setReporting({ item })}
              onSplit={setSplitting}
              onComments={(item) =>
                setComments({
                  taskId: item.taskId,
                  number: item.taskNumber,
                  title: item.taskTitle,
                  orgs: [{ id: item.orgId, name: item.orgName }],
                })
              }
              onRecords={(item) =>
                setRecords({
                  item,
                  filter: {
                    title: `${item.taskNumber}. ${item.taskTitle}`,
                    documentId: item.documentId,
                    taskId: item.taskId,
                    orgId: item.orgId,
                  },
                })
              }
            />
          </div>
        ))
      )}
      {reporting && <ReportModal item={reporting.item} again={reporting.again} onClose={() => setReporting(null)} />}
      {splitting && <SplitModal item={splitting} onClose={() => setSplitting(null)} />}
      <ReportsDrawer
        filter={records?.filter ?? null}
        canReview={false}
        onReReport={
          canReport && records
            ? (report) => {
                const item = records.item;
                setRecords(null);
                setReporting({ item, again: report });
              }
            : undefined
        }
        onClose={() => setRecords(null)}
      />
      <CommentsDrawer task={comments} canComment={false} onClose={() => setComments(null)} />
    </Card>
  );
}
