import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Skeleton, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { fenToYuanText, sumFen } from '../../../shared/money';
import type { CaseStatus } from '../../../shared/schemas/assistance';
import { type CaseItem, useCases } from '../../api/assistance';
import { useOrg } from '../../api/orgs';
import { useCan } from '../../app/session';
import { FilterBar } from '../../components/FilterBar';
import { CursorPager, usePagedFilters } from '../../components/paging';
import { assistanceCases as t } from '../../locales/assistance.zh-CN';
import { type CaseFilters, caseFiltersFromQuery, queryFromCaseFilters } from './assistanceLinks';
import { BulkApproveModal } from './BulkApproveModal';
import { CaseDrawer } from './CaseDrawer';
import { CaseFilterFields, type CaseFilterValues, toCaseFilters, toCaseFormValues } from './CaseFilters';
import { CasesTable } from './CasesTable';
import { CreateCaseModal } from './CreateCaseModal';

type Tab = CaseStatus | 'all';
const tabs: Tab[] = ['submitted', 'reviewed', 'approved', 'in_batch', 'paid', 'rejected', 'all'];

const hasFilters = (filters: CaseFilters) =>
  Object.entries(filters).some(([key, value]) => key !== 'status' && value !== undefined && value !== '');

/**
 * 帮扶救助: the cases of the caller's scope by status (tabs) with filters and keyset paging, the detail
 * drawer with the decisions the caller may take, bulk approval of reviewed cases, and 登记帮扶申请.
 * The filters live in the address, so the statistics and the funds open this list already filtered.
 */
export default function AssistancePage() {
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const addressKey = params.toString();
  // The address last applied; `form` remounts the filter form when a link changes it from outside.
  const [applied, setApplied] = useState({ key: addressKey, form: 0 });
  const paging = usePagedFilters<CaseFilters>(caseFiltersFromQuery(params));
  const [selected, setSelected] = useState<Map<number, CaseItem>>(new Map());
  if (addressKey !== applied.key) {
    setApplied({ key: addressKey, form: applied.form + 1 });
    paging.setFilters(caseFiltersFromQuery(params));
    setSelected(new Map());
  }
  const filters = paging.filters;
  const linkedOrg = useOrg(filters.orgId ? Number(filters.orgId) : undefined);
  const list = useCases({ ...filters, cursor: paging.cursor, limit: 20 });
  const [openId, setOpenId] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const [bulk, setBulk] = useState(false);
  const tab: Tab = filters.status ?? 'all';
  const bulkMode = tab === 'reviewed' && can('assistance.approve');

  const apply = (next: CaseFilters) => {
    paging.setFilters(next);
    setSelected(new Map());
    const query = queryFromCaseFilters(next);
    setApplied((current) => ({ ...current, key: query.toString() }));
    setParams(query, { replace: true });
  };

  const search = (values: CaseFilterValues) => apply({ ...toCaseFilters(values), status: filters.status });

  const rows = list.data?.items;
  const selectedRows = [...selected.values()];
  const selectedTotal = sumFen(selectedRows.map((r) => r.amountRequestedFen));

  const createButton = can('welfare.manage') && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="case-create">
      {t.create}
    </Button>
  );

  const empty = hasFilters(filters) ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.emptyFiltered} />
  ) : (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.empty}>
      {createButton}
    </Empty>
  );

  return (
    <Card title={t.pageTitle} extra={createButton} data-testid="assistance-page">
      <Tabs
        activeKey={tab}
        onChange={(key) => apply({ ...filters, status: key === 'all' ? undefined : (key as CaseStatus) })}
        items={tabs.map((key) => ({ key, label: t.tabs[key as keyof typeof t.tabs] }))}
        data-testid="case-tabs"
        style={{ marginTop: -12 }}
      />
      <FilterBar<CaseFilterValues> key={applied.form} onSearch={search} initialValues={toCaseFormValues(filters)}>
        <CaseFilterFields initialOrg={linkedOrg.data} />
      </FilterBar>
      {bulkMode && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={
            selected.size ? (
              <Flex align="center" justify="space-between" gap={12} wrap>
                <Typography.Text data-testid="bulk-summary">
                  {t.selected(selected.size, fenToYuanText(selectedTotal))}
                </Typography.Text>
                <Space>
                  <Button size="small" onClick={() => setSelected(new Map())}>
                    {t.clearSelection}
                  </Button>
                  <Button size="small" type="primary" onClick={() => setBulk(true)} data-testid="bulk-approve">
                    {t.bulkApprove}
                  </Button>
                </Space>
              </Flex>
            ) : (
              t.bulkHint
            )
          }
        />
      )}
      {list.isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <CasesTable
          rows={rows}
          loading={list.isFetching}
          empty={empty}
          onOpen={(item) => setOpenId(item.id)}
          selection={
            bulkMode
              ? {
                  selectedRowKeys: [...selected.keys()],
                  preserveSelectedRowKeys: true,
                  getCheckboxProps: (row) => ({ disabled: !row.can.approve }),
                  onChange: (_keys, picked) => {
                    // Keep the rows ticked on other pages; replace this page's part.
                    const next = new Map([...selected].filter(([id]) => !rows?.some((r) => r.id === id)));
                    for (const row of picked) if (row) next.set(row.id, row);
                    setSelected(next);
                  },
                }
              : undefined
          }
        />
      )}
      <CursorPager
        page={paging.page}
        nextCursor={list.data?.nextCursor}
        total={list.data?.total}
        loading={list.isFetching}
        onPrev={paging.prev}
        onNext={paging.next}
      />
      <CaseDrawer caseId={openId} onClose={() => setOpenId(null)} />
      {creating && <CreateCaseModal onClose={() => setCreating(false)} onCreated={(id) => setOpenId(id)} />}
      {bulk && (
        <BulkApproveModal
          cases={selectedRows}
          onClose={() => setBulk(false)}
          onDone={() => {
            setBulk(false);
            setSelected(new Map());
          }}
        />
      )}
    </Card>
  );
}
