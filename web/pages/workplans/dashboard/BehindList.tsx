import { Badge, Collapse, Empty, Table } from 'antd';
import type { DashboardView } from '../../../api/workplans';
import { LinkButton } from '../../../components/LinkButton';
import { workplanDetail as t } from '../../../locales/zh-CN';
import { ProgressStatusTag } from '../ProgressStatusTag';
import type { RecordsFilter } from '../records/ReportsDrawer';

type Unit = DashboardView['behindByDepartment'][number]['units'][number];

interface BehindListProps {
  documentId: number;
  departments: DashboardView['behindByDepartment'];
  onOpenRecords: (filter: RecordsFilter) => void;
}

/** 滞后、逾期单位: per lead department, the units behind schedule or overdue, each opening its reports. */
export function BehindList({ documentId, departments, onOpenRecords }: BehindListProps) {
  if (departments.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.behindNone} />;
  }
  return (
    <Collapse
      size="small"
      defaultActiveKey={departments.length === 1 ? [departments[0]?.department ?? ''] : []}
      data-testid="behind-list"
      items={departments.map((d) => ({
        key: d.department,
        label: (
          <span>
            {d.department}{' '}
            <Badge count={d.units.length} color="#fa8c16" overflowCount={999} style={{ marginInlineStart: 6 }} />
          </span>
        ),
        children: (
          <Table<Unit>
            size="small"
            rowKey={(u) => `${u.orgId}-${u.targetId}`}
            dataSource={d.units}
            pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
            columns={[
              {
                title: t.org,
                dataIndex: 'orgName',
                render: (name: string, u) => (
                  <LinkButton
                    onClick={() =>
                      onOpenRecords({
                        title: `${name} · ${u.taskNumber}. ${u.metric}`,
                        documentId,
                        taskId: u.taskId,
                        targetId: u.targetId,
                        orgId: u.orgId,
                      })
                    }
                  >
                    {name}
                  </LinkButton>
                ),
              },
              { title: t.task, key: 'task', width: 80, render: (_, u) => u.taskNumber },
              { title: t.metric, dataIndex: 'metric' },
              { title: t.status, key: 'status', width: 84, render: (_, u) => <ProgressStatusTag status={u.status} /> },
            ]}
          />
        ),
      }))}
    />
  );
}
