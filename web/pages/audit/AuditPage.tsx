import { Card, DatePicker, Form, Input, Select, Table, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { type AuditResult, auditActions, auditResults, auditTargetTypes } from '../../../shared/enums';
import { type AuditEntry, type AuditQuery, useAuditLog } from '../../api/audit';
import { FilterBar } from '../../components/FilterBar';
import { formatTimeExact, orDash } from '../../components/format';
import { CursorPager, usePagedFilters } from '../../components/paging';
import { audit, common } from '../../locales/zh-CN';
import { AuditDetailDrawer } from './AuditDetailDrawer';
import { actionLabel, actorLabel, ResultTag, roleLabel, targetLabel } from './auditLabels';

type AuditFilters = Omit<AuditQuery, 'cursor' | 'limit'>;
type AuditFormValues = Omit<AuditFilters, 'from' | 'to'> & { dates?: [Dayjs | null, Dayjs | null] | null };

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

function toFilters({ dates, ...rest }: AuditFormValues): AuditFilters {
  return { ...rest, from: dates?.[0]?.format('YYYY-MM-DD'), to: dates?.[1]?.format('YYYY-MM-DD') };
}

const columns: TableColumnsType<AuditEntry> = [
  { title: audit.at, dataIndex: 'at', width: 170, render: formatTimeExact },
  { title: audit.actor, key: 'actor', width: 120, render: (_, entry) => actorLabel(entry) },
  { title: audit.role, dataIndex: 'role', width: 120, render: (role: string | null) => orDash(roleLabel(role)) },
  { title: audit.action, dataIndex: 'action', width: 130, render: actionLabel },
  { title: audit.target, key: 'target', ellipsis: true, render: (_, entry) => targetLabel(entry) },
  {
    title: audit.result,
    dataIndex: 'result',
    width: 80,
    render: (result: AuditResult) => <ResultTag result={result} />,
  },
  { title: audit.ip, dataIndex: 'ip', width: 130, render: orDash },
];

/** 审计日志: who did what to which object, newest first; a row opens its details. */
export default function AuditPage() {
  const paging = usePagedFilters<AuditFilters>({});
  const log = useAuditLog({ ...paging.filters, cursor: paging.cursor, limit: 20 });
  const [open, setOpen] = useState<AuditEntry | null>(null);

  return (
    <Card title={audit.pageTitle}>
      <FilterBar<AuditFormValues> onSearch={(values) => paging.setFilters(toFilters(values))}>
        <Form.Item name="actor" label={audit.actor}>
          <Input placeholder={audit.actorPlaceholder} allowClear style={{ width: 150 }} />
        </Form.Item>
        <Form.Item name="action" label={audit.action}>
          <Select
            options={options(auditActions)}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={common.all}
            style={{ width: 170 }}
          />
        </Form.Item>
        <Form.Item name="result" label={audit.result}>
          <Select options={options(auditResults)} allowClear placeholder={common.all} style={{ width: 100 }} />
        </Form.Item>
        <Form.Item name="targetType" label={audit.targetType}>
          <Select options={options(auditTargetTypes)} allowClear placeholder={common.all} style={{ width: 110 }} />
        </Form.Item>
        <Form.Item name="targetId" label={audit.targetId}>
          <Input allowClear style={{ width: 110 }} />
        </Form.Item>
        <Form.Item name="dates" label={audit.dateRange}>
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
      </FilterBar>
      <Table<AuditEntry>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={log.data?.items}
        loading={log.isFetching}
        pagination={false}
        onRow={(entry) => ({ onClick: () => setOpen(entry), style: { cursor: 'pointer' } })}
        data-testid="audit-table"
      />
      <CursorPager
        page={paging.page}
        nextCursor={log.data?.nextCursor}
        loading={log.isFetching}
        onPrev={paging.prev}
        onNext={paging.next}
      />
      <AuditDetailDrawer entry={open} onClose={() => setOpen(null)} />
    </Card>
  );
}
