import { Card, Col, Empty, Flex, Result, Row, Skeleton, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { type DashboardTask, type DocumentView, useDashboard } from '../../../api/workplans';
import { common, workplanDetail as t } from '../../../locales/zh-CN';
import type { RecordsFilter } from '../records/ReportsDrawer';
import { workplanLinks } from '../workplanLinks';
import { BehindList } from './BehindList';
import { OrgProgressTable } from './OrgProgressTable';
import { involvedCells, involvedTotals } from './orgRows';
import { ScopeBreadcrumb } from './ScopeBreadcrumb';
import { StatusTotals } from './StatusTotals';
import { TargetChartCard } from './TargetChartCard';
import { TaskProgressTable } from './TaskProgressTable';

interface DashboardPanelProps {
  doc: DocumentView;
  /** The org drilled into (?orgId=), whose children's figures show. */
  orgId?: number;
  onOpenRecords: (filter: RecordsFilter) => void;
  onOpenComments: (task: DashboardTask) => void;
}

/**
 * 进度看板: totals by status, completion by task and by org, a chart per target and the units behind
 * schedule per department. Every figure opens the reports behind it.
 */
export function DashboardPanel({ doc, orgId, onOpenRecords, onOpenComments }: DashboardPanelProps) {
  const navigate = useNavigate();
  const dashboard = useDashboard(doc.id, orgId);

  if (dashboard.isPending) {
    return (
      <Flex vertical gap={16} data-testid="dashboard-loading">
        <Card>
          <Skeleton active paragraph={{ rows: 2 }} />
        </Card>
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      </Flex>
    );
  }
  if (dashboard.error) {
    return (
      <Card>
        <Result status="warning" title={common.loadFailed} subTitle={dashboard.error.message} />
      </Card>
    );
  }
  const data = dashboard.data;
  const drilled = orgId !== undefined;
  // Drilled into an org, only the targets it split among its children have figures to chart.
  const charted = data.tasks.flatMap((task) =>
    task.targets.filter((target) => !drilled || involvedCells(target).length > 0).map((target) => ({ task, target })),
  );

  return (
    <Flex vertical gap={16} data-testid="dashboard">
      <Card
        size="small"
        title={t.totals}
        extra={<Typography.Text type="secondary">{t.asOf(data.asOf)}</Typography.Text>}
      >
        <Flex vertical gap={12}>
          <Flex gap={8} align="center">
            <Typography.Text type="secondary">{t.scope}：</Typography.Text>
            <ScopeBreadcrumb documentId={doc.id} issuerOrgId={doc.issuerOrgId} orgId={orgId} />
          </Flex>
          <StatusTotals totals={involvedTotals(data.tasks)} />
        </Flex>
      </Card>
      {/* The task totals are the whole document's; drilled into an org, its children's figures stand alone. */}
      {!drilled && (
        <Card size="small" title={t.byTask}>
          {data.tasks.length ? (
            <TaskProgressTable
              documentId={doc.id}
              tasks={data.tasks}
              orgId={orgId}
              onOpenRecords={onOpenRecords}
              onOpenComments={onOpenComments}
            />
          ) : (
            <Empty description={t.noTasks} />
          )}
        </Card>
      )}
      <Card size="small" title={t.byOrg}>
        <OrgProgressTable
          documentId={doc.id}
          tasks={data.tasks}
          drilled={drilled}
          onDrill={(id) => navigate(workplanLinks.detail(doc.id, id))}
          onOpenRecords={onOpenRecords}
        />
      </Card>
      <Card size="small" title={t.behind}>
        <BehindList documentId={doc.id} departments={data.behindByDepartment} onOpenRecords={onOpenRecords} />
      </Card>
      {charted.length > 0 && (
        <div>
          <Typography.Title level={5} style={{ margin: '4px 0 12px' }}>
            {t.charts}
          </Typography.Title>
          <Row gutter={[16, 16]}>
            {charted.map(({ task, target }) => (
              <Col key={target.targetId} xs={24} xl={12}>
                <TargetChartCard
                  task={task}
                  target={target}
                  onOpenOrg={(id, name) =>
                    onOpenRecords({
                      title: `${name} · ${task.number}. ${target.metric}`,
                      documentId: doc.id,
                      taskId: task.taskId,
                      targetId: target.targetId,
                      orgId: id,
                    })
                  }
                />
              </Col>
            ))}
          </Row>
        </div>
      )}
    </Flex>
  );
}
