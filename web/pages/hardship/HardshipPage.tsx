import { BarChartOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Skeleton, Space } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { hardshipExportUrl, useHardshipFiles } from '../../api/hardship';
import { useOrg } from '../../api/orgs';
import { useCan } from '../../app/session';
import { FilterBar } from '../../components/FilterBar';
import { CursorPager, usePagedFilters } from '../../components/paging';
import { hardship as t } from '../../locales/hardship.zh-CN';
import { FileDrawer } from './FileDrawer';
import { FileFormModal } from './FileFormModal';
import { HardshipFilterFields, type HardshipFilterValues, toFilters, toFormValues } from './HardshipFilters';
import { HardshipStatsCard } from './HardshipStatsCard';
import { HardshipTable } from './HardshipTable';
import { filtersFromQuery, type HardshipFilters, hardshipLink } from './hardshipLinks';

const hasFilters = (filters: HardshipFilters) =>
  Object.entries(filters).some(([key, value]) => key !== 'sort' && value !== undefined && value !== '');

/**
 * 困难职工档案: statistics (each figure opens its files), the filtered list with keyset paging, the
 * detail drawer (?file=<id>, also the link of review reminders) and 新建档案. Filters live in the address.
 */
export default function HardshipPage() {
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const fileParam = Number(params.get('file')) || null;
  const listKey = (() => {
    const copy = new URLSearchParams(params);
    copy.delete('file');
    return copy.toString();
  })();
  const [applied, setApplied] = useState({ key: listKey, form: 0 });
  const paging = usePagedFilters<HardshipFilters>(filtersFromQuery(params));
  if (listKey !== applied.key) {
    setApplied({ key: listKey, form: applied.form + 1 });
    paging.setFilters(filtersFromQuery(params));
  }
  const linkedOrgId = Number(paging.filters.orgId) || undefined;
  const linkedOrg = useOrg(linkedOrgId);
  const list = useHardshipFiles({ ...paging.filters, cursor: paging.cursor, limit: 20 });
  const [showStats, setShowStats] = useState(true);
  const [creating, setCreating] = useState(false);
  const canManage = can('welfare.manage');
  const today = dayjs().format('YYYY-MM-DD');

  const setFile = (id: number | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('file', String(id));
    else next.delete('file');
    setParams(next, { replace: !id });
  };

  const search = (values: HardshipFilterValues) => {
    const filters = toFilters(values);
    paging.setFilters(filters);
    const next = new URLSearchParams(hardshipLink(filters).split('?')[1] ?? '');
    setApplied((current) => ({ ...current, key: next.toString() }));
    setParams(next, { replace: true });
  };

  const createButton = canManage && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="hardship-create">
      {t.create}
    </Button>
  );
  const empty = hasFilters(paging.filters) ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.emptyFiltered} />
  ) : (
    <Empty description={`${t.empty}。${t.emptyHint}`}>{createButton}</Empty>
  );

  return (
    <>
      {showStats && <HardshipStatsCard orgId={linkedOrgId} />}
      <Card
        title={t.pageTitle}
        extra={
          <Space>
            <Button icon={<BarChartOutlined />} onClick={() => setShowStats((s) => !s)}>
              {showStats ? t.stats.hide : t.stats.show}
            </Button>
            <Button icon={<DownloadOutlined />} href={hardshipExportUrl(paging.filters)} data-testid="hardship-export">
              {t.export}
            </Button>
            {createButton}
          </Space>
        }
      >
        <FilterBar<HardshipFilterValues>
          key={applied.form}
          onSearch={search}
          initialValues={toFormValues(paging.filters)}
        >
          <HardshipFilterFields initialOrg={linkedOrg.data} />
        </FilterBar>
        {list.isPending ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : (
          <HardshipTable
            rows={list.data?.items}
            loading={list.isFetching}
            empty={empty}
            today={today}
            onOpen={(f) => setFile(f.id)}
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
      </Card>
      <FileDrawer fileId={fileParam} onClose={() => setFile(null)} />
      {creating && (
        <FileFormModal
          onClose={() => setCreating(false)}
          onSaved={(file) => {
            setCreating(false);
            setFile(file.id);
          }}
        />
      )}
    </>
  );
}
