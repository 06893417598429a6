import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Form, InputNumber, Progress, Select, Skeleton, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { fenToYuanText, moneyText } from '../../../shared/money';
import { campaignKinds, campaignStatuses } from '../../../shared/schemas/visits';
import { type CampaignListQuery, type CampaignView, useCampaigns } from '../../api/visits';
import { useCan } from '../../app/session';
import { FilterBar } from '../../components/FilterBar';
import { formatCount } from '../../components/format';
import { CursorPager, usePagedFilters } from '../../components/paging';
import { visits as t } from '../../locales/visits.zh-CN';
import { common } from '../../locales/zh-CN';
import { CampaignFormModal } from './CampaignFormModal';

type Filters = Omit<CampaignListQuery, 'cursor' | 'limit'>;
const kindOptions = Object.entries(campaignKinds).map(([value, label]) => ({ value, label }));
const statusOptions = Object.entries(campaignStatuses).map(([value, label]) => ({ value, label }));

/** The budget bar of a campaign: spent of budget, red when nearly used up. */
export function BudgetBar({ campaign, width }: { campaign: CampaignView; width?: number }) {
  const percent = campaign.budgetFen > 0 ? (campaign.spentFen / campaign.budgetFen) * 100 : 0;
  return (
    <div style={{ width: width ?? 220 }} data-testid="budget-bar">
      <Progress percent={Math.round(percent * 10) / 10} size="small" status={percent >= 95 ? 'exception' : 'normal'} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t.spentOf(fenToYuanText(campaign.spentFen), fenToYuanText(campaign.budgetFen))}
      </Typography.Text>
    </div>
  );
}

/** 走访慰问: the campaigns the caller's union started or takes part in, with budget bars and totals. */
export default function CampaignsPage() {
  const can = useCan();
  const canManage = can('welfare.manage');
  const paging = usePagedFilters<Filters>({});
  const list = useCampaigns({ ...paging.filters, cursor: paging.cursor, limit: 20 });
  const [creating, setCreating] = useState(false);
  const filtered = Object.values(paging.filters).some((v) => v !== undefined);

  const createButton = canManage && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="campaign-create">
      {t.newCampaign}
    </Button>
  );

  return (
    <Card title={t.pageTitle} extra={createButton}>
      <FilterBar<Filters>
        onSearch={(v) =>
          paging.setFilters({ kind: v.kind ?? undefined, status: v.status ?? undefined, year: v.year ?? undefined })
        }
      >
        <Form.Item name="kind" label={t.kind}>
          <Select options={kindOptions} allowClear placeholder={common.all} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="year" label={t.year}>
          <InputNumber min={2000} max={2100} precision={0} placeholder={t.yearPlaceholder} style={{ width: 110 }} />
        </Form.Item>
        <Form.Item name="status" label={t.status}>
          <Select options={statusOptions} allowClear placeholder={common.all} style={{ width: 110 }} />
        </Form.Item>
      </FilterBar>
      {list.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <Table<CampaignView>
          rowKey="id"
          dataSource={list.data?.items}
          loading={list.isFetching}
          pagination={false}
          scroll={{ x: 1100 }}
          data-testid="campaigns-table"
          locale={{
            emptyText: filtered ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.emptyFiltered} />
            ) : (
              <Empty description={t.empty}>
                {canManage && <p style={{ color: 'rgba(0,0,0,0.45)' }}>{t.emptyHint}</p>}
                {createButton}
              </Empty>
            ),
          }}
          columns={[
            {
              title: t.title,
              key: 'title',
              width: 260,
              render: (_, c) => (
                <div>
                  <Link to={`/visits/${c.id}`}>{c.title}</Link>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {c.org.name}
                    </Typography.Text>
                  </div>
                </div>
              ),
            },
            { title: t.kind, dataIndex: 'kind', width: 90, render: (k: CampaignView['kind']) => campaignKinds[k] },
            { title: t.period, key: 'period', width: 190, render: (_, c) => `${c.startDate} 至 ${c.endDate}` },
            {
              title: t.budgetUsed,
              key: 'budget',
              width: 230,
              render: (_, c) => <BudgetBar campaign={c} width={200} />,
            },
            {
              title: t.enterprises,
              key: 'e',
              width: 90,
              align: 'right',
              render: (_, c) => formatCount(c.totals.enterprises),
            },
            { title: t.workers, key: 'w', width: 100, align: 'right', render: (_, c) => formatCount(c.totals.workers) },
            { title: t.amount, key: 'a', width: 130, align: 'right', render: (_, c) => moneyText(c.totals.totalFen) },
            {
              title: t.status,
              dataIndex: 'status',
              width: 90,
              render: (s: CampaignView['status']) => (
                <Tag color={s === 'active' ? 'green' : 'default'}>{campaignStatuses[s]}</Tag>
              ),
            },
          ]}
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
      {creating && <CampaignFormModal onClose={() => setCreating(false)} />}
    </Card>
  );
}
