import { Space, Table, type TableColumnsType, Typography } from 'antd';
import type { DashboardTarget, DashboardTask } from '../../../api/workplans';
import { LinkButton } from '../../../components/LinkButton';
import { workplanDetail as t } from '../../../locales/zh-CN';
import { ProgressStatusTag } from '../ProgressStatusTag';
import { formatFigure, formatPercent } from '../progressFormat';
import type { RecordsFilter } from '../records/ReportsDrawer';
import { CompletionBar } from './CompletionBar';

interface Row {
  key: string;
  task: DashboardTask;
  target: DashboardTarget | null;
  /** Rows the task's cells span (on its first row), 0 on the others. */
  span: number;
}

function rowsOf(tasks: DashboardTask[]): Row[] {
  return tasks.flatMap((task): Row[] =>
    task.targets.length
      ? task.targets.map((target, i) => ({
          key: `${task.taskId}-${target.targetId}`,
          task,
          target,
          span: i === 0 ? task.targets.length : 0,
        }))
      : [{ key: `${task.taskId}`, task, target: null, span: 1 }],
  );
}

interface TaskProgressTableProps {
  documentId: number;
  tasks: DashboardTask[];
  /** The org the dashboard is drilled into: its records only. */
  orgId?: number;
  onOpenRecords: (filter: RecordsFilter) => void;
  onOpenComments: (task: DashboardTask) => void;
}

/** 按任务: every task with each target's overall figure, completion against the schedule and status. */
export function TaskProgressTable({ documentId, tasks, orgId, onOpenRecords, onOpenComments }: TaskProgressTableProps) {
  const taskCell = (row: Row) => ({ rowSpan: row.span });
  // A task without targets spans the figure columns with a link to its narrative reports.
  const figureCell = (row: Row, first = false) => ({ colSpan: row.target ? 1 : first ? 6 : 0 });
  const open = (row: Row) =>
    onOpenRecords({
      title: row.target ? `${row.task.number}. ${row.target.metric}` : `${row.task.number}. ${row.task.title}`,
      documentId,
      taskId: row.task.taskId,
      targetId: row.target?.targetId,
      orgId,
    });

  const columns: TableColumnsType<Row> = [
    {
      title: t.taskNumber,
      key: 'number',
      width: 56,
      align: 'center',
      onCell: taskCell,
      render: (_, r) => r.task.number,
    },
    {
      title: t.task,
      key: 'task',
      width: 260,
      onCell: taskCell,
      render: (_, r) => (
        <Space direction="vertical" size={2}>
          <Typography.Text>{r.task.title}</Typography.Text>
          {r.task.leadDepartments.length > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t.lead}：{r.task.leadDepartments.join('、')}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t.metric,
      key: 'metric',
      width: 150,
      onCell: (r) => figureCell(r, true),
      render: (_, r) =>
        r.target ? (
          r.target.metric
        ) : (
          <Space>
            <Typography.Text type="secondary">{t.noTarget}</Typography.Text>
            <LinkButton onClick={() => open(r)} data-testid="figure-narrative">
              {t.narrativeOnly}
            </LinkButton>
          </Space>
        ),
    },
    {
      title: t.goal,
      key: 'goal',
      width: 100,
      align: 'right',
      onCell: (r) => figureCell(r),
      render: (_, r) => r.target && `${formatFigure(r.target.value)} ${r.target.unit}`,
    },
    {
      title: t.actual,
      key: 'actual',
      width: 90,
      align: 'right',
      onCell: (r) => figureCell(r),
      render: (_, r) =>
        r.target && (
          <LinkButton onClick={() => open(r)} title={t.clickHint} data-testid="figure-actual">
            {formatFigure(r.target.actual)}
          </LinkButton>
        ),
    },
    {
      title: t.completion,
      key: 'completion',
      width: 170,
      onCell: (r) => figureCell(r),
      render: (_, r) => r.target && <CompletionBar share={r.target.actualShare} status={r.target.status} />,
    },
    {
      title: t.expected,
      key: 'expected',
      width: 90,
      align: 'right',
      onCell: (r) => figureCell(r),
      render: (_, r) => r.target && formatPercent(r.target.expectedShare),
    },
    {
      title: t.status,
      key: 'status',
      width: 90,
      onCell: (r) => figureCell(r),
      render: (_, r) => r.target && <ProgressStatusTag status={r.target.status} />,
    },
    {
      title: t.comments,
      key: 'comments',
      width: 90,
      onCell: taskCell,
      render: (_, r) => <LinkButton onClick={() => onOpenComments(r.task)}>{t.comments}</LinkButton>,
    },
  ];

  return (
    <Table<Row>
      rowKey="key"
      size="small"
      bordered
      columns={columns}
      dataSource={rowsOf(tasks)}
      pagination={false}
      scroll={{ x: 1000 }}
      data-testid="task-progress"
    />
  );
}
