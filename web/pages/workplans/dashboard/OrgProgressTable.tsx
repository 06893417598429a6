import { Empty, Flex, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { type ProgressStatus, progressStatuses } from '../../../../shared/schemas/workplans';
import type { DashboardTask } from '../../../api/workplans';
import { LinkButton } from '../../../components/LinkButton';
import { workplanDetail as t } from '../../../locales/zh-CN';
import { ProgressStatusTag, progressColors } from '../ProgressStatusTag';
import { formatFigure, formatPercent, progressStatusOrder } from '../progressFormat';
import type { RecordsFilter } from '../records/ReportsDrawer';
import { CompletionBar } from './CompletionBar';
import { type OrgCell, type OrgRow, orgRowsOf } from './orgRows';

interface OrgProgressTableProps {
  documentId: number;
  tasks: DashboardTask[];
  /** Whether the table shows an org's children (empty means it has not split its share). */
  drilled: boolean;
  onDrill: (orgId: number) => void;
  onOpenRecords: (filter: RecordsFilter) => void;
}

function StatusCounts({ counts }: { counts: OrgRow['counts'] }) {
  return (
    <Flex gap={4} wrap>
      {progressStatusOrder
        .filter((s) => counts[s])
        .map((s: ProgressStatus) => (
          <Tag key={s} color={progressColors[s].tag} style={{ marginInlineEnd: 0 }}>
            {progressStatuses[s]} {counts[s]}
          </Tag>
        ))}
    </Flex>
  );
}

/** 按单位: each assigned org with its targets' completion; expand for the figures, drill into its children. */
export function OrgProgressTable({ documentId, tasks, drilled, onDrill, onOpenRecords }: OrgProgressTableProps) {
  const rows = orgRowsOf(tasks);
  const openCell = (org: OrgRow, c: OrgCell) =>
    onOpenRecords({
      title: `${org.orgName} · ${c.task.number}. ${c.target.metric}`,
      documentId,
      taskId: c.task.taskId,
      targetId: c.target.targetId,
      orgId: org.orgId,
    });

  const cellColumns = (org: OrgRow): TableColumnsType<OrgCell> => [
    { title: t.task, key: 'task', render: (_, c) => `${c.task.number}. ${c.task.title}`, ellipsis: true },
    { title: t.metric, key: 'metric', width: 140, render: (_, c) => c.target.metric },
    {
      title: t.goal,
      key: 'goal',
      width: 100,
      align: 'right',
      render: (_, c) => `${formatFigure(c.cell.goal)} ${c.target.unit}`,
    },
    {
      title: t.actual,
      key: 'actual',
      width: 110,
      align: 'right',
      render: (_, c) => (
        <Space direction="vertical" size={0} style={{ alignItems: 'flex-end' }}>
          <LinkButton onClick={() => openCell(org, c)} title={t.clickHint} data-testid="org-figure-actual">
            {formatFigure(c.cell.actual)}
          </LinkButton>
          {c.cell.pending > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t.pending(formatFigure(c.cell.pending))}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t.completion,
      key: 'completion',
      width: 160,
      render: (_, c) => <CompletionBar share={c.cell.actualShare} status={c.cell.status} width={100} />,
    },
    {
      title: t.expected,
      key: 'expected',
      width: 84,
      align: 'right',
      render: (_, c) => formatPercent(c.cell.expectedShare),
    },
    { title: t.status, key: 'status', width: 84, render: (_, c) => <ProgressStatusTag status={c.cell.status} /> },
    { title: t.reports, key: 'reports', width: 64, align: 'right', render: (_, c) => t.reportsOf(c.cell.reports) },
  ];

  const columns: TableColumnsType<OrgRow> = [
    { title: t.org, dataIndex: 'orgName', width: 220 },
    { title: t.orgTargets, key: 'targets', width: 76, align: 'right', render: (_, r) => r.cells.length },
    {
      title: t.orgCompletion,
      key: 'completion',
      width: 170,
      sorter: (a, b) => a.completion - b.completion,
      render: (_, r) => <CompletionBar share={r.completion} status={r.status} />,
    },
    { title: t.status, key: 'counts', render: (_, r) => <StatusCounts counts={r.counts} /> },
    { title: t.orgStatus, key: 'status', width: 90, render: (_, r) => <ProgressStatusTag status={r.status} /> },
    {
      title: t.reports,
      key: 'actions',
      width: 170,
      render: (_, r) => (
        <Space size="middle">
          <LinkButton onClick={() => onOpenRecords({ title: r.orgName, documentId, orgId: r.orgId })}>
            {t.narrativeOnly}
          </LinkButton>
          <LinkButton onClick={() => onDrill(r.orgId)} title={t.drillHint} data-testid="org-drill">
            {t.drill}
          </LinkButton>
        </Space>
      ),
    },
  ];

  return (
    <Table<OrgRow>
      rowKey="orgId"
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
      expandable={{
        expandedRowRender: (org) => (
          <Table<OrgCell>
            rowKey={(c) => `${c.task.taskId}-${c.target.targetId}`}
            size="small"
            columns={cellColumns(org)}
            dataSource={org.cells}
            pagination={false}
          />
        ),
      }}
      locale={{
        emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={drilled ? t.drillEmpty : t.noFigures} />,
      }}
      data-testid="org-progress"
    />
  );
}
