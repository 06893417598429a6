import { ArrowLeftOutlined, DownloadOutlined, EditOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  Popconfirm,
  Result,
  Select,
  Skeleton,
  Space,
  Tag,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { moneyText } from '../../../shared/money';
import { campaignKinds, campaignStatuses, visitTargetKinds } from '../../../shared/schemas/visits';
import { isNotFound } from '../../api/client';
import { type CampaignView, campaignExportUrl, useCampaign, useCloseCampaign } from '../../api/visits';
import { useCan } from '../../app/session';
import { FilterBar } from '../../components/FilterBar';
import { formatCount } from '../../components/format';
import { useShowError } from '../../components/formErrors';
import { visits as t } from '../../locales/visits.zh-CN';
import { common } from '../../locales/zh-CN';
import { CampaignFormModal } from './CampaignFormModal';
import { BudgetBar } from './CampaignsPage';
import { CoverageCard, type FigureFilter } from './CoverageCard';
import { VisitFormModal } from './VisitFormModal';
import { VisitsList } from './VisitsList';

interface ListFilters {
  targetKind?: 'enterprise' | 'worker';
  range?: [Dayjs, Dayjs];
  q?: string;
}

/** One campaign: its budget and totals, coverage by child org with a chart, and its visits. */
export default function CampaignPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const orgId = params.get('orgId') ? Number(params.get('orgId')) : undefined;
  const campaign = useCampaign(id);
  const can = useCan();
  const close = useCloseCampaign();
  const showError = useShowError();
  const { message } = App.useApp();
  const [recording, setRecording] = useState(false);
  const [editing, setEditing] = useState(false);
  const [figure, setFigure] = useState<FigureFilter | null>(null);
  const [filters, setFilters] = useState<ListFilters>({});

  if (campaign.isError && isNotFound(campaign.error)) {
    return (
      <Result
        status="404"
        title="慰问活动不存在"
        extra={<Button onClick={() => navigate('/visits')}>{t.back}</Button>}
      />
    );
  }
  const c: CampaignView | undefined = campaign.data;
  if (!c) return <Skeleton active paragraph={{ rows: 10 }} />;
  const active = c.status === 'active';

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/visits')} aria-label={t.back} />
            <span data-testid="campaign-title">{c.title}</span>
            <Tag color={active ? 'green' : 'default'}>{campaignStatuses[c.status]}</Tag>
          </Space>
        }
        extra={
          <Space wrap>
            {active && can('welfare.manage') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setRecording(true)}
                data-testid="visit-record"
              >
                {t.record}
              </Button>
            )}
            <Button icon={<DownloadOutlined />} href={campaignExportUrl(c.id, orgId)} data-testid="campaign-export">
              {t.export}
            </Button>
            {c.canManage && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t.edit}
              </Button>
            )}
            {c.canManage && active && (
              <Popconfirm
                title={t.closeConfirm}
                okButtonProps={{ danger: true }}
                onConfirm={() =>
                  close
                    .mutateAsync(c.id)
                    .then(() => message.success(t.closed))
                    .catch(showError)
                }
              >
                <Button danger icon={<StopOutlined />} loading={close.isPending}>
                  {t.close}
                </Button>
              </Popconfirm>
            )}
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t.owner}>{c.org.name}</Descriptions.Item>
          <Descriptions.Item label={t.kind}>{campaignKinds[c.kind]}</Descriptions.Item>
          <Descriptions.Item label={t.period}>{`${c.startDate} 至 ${c.endDate}`}</Descriptions.Item>
          <Descriptions.Item label={t.budgetUsed}>
            <BudgetBar campaign={c} width={260} />
          </Descriptions.Item>
          <Descriptions.Item label={t.enterprises}>{formatCount(c.totals.enterprises)}</Descriptions.Item>
          <Descriptions.Item label={t.workers}>
            <span data-testid="campaign-workers">{formatCount(c.totals.workers)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t.amount}>{moneyText(c.totals.totalFen)}</Descriptions.Item>
          {c.description && (
            <Descriptions.Item label={t.description} span={3}>
              {c.description}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <CoverageCard
        campaignId={c.id}
        orgId={orgId}
        onDrill={(next) => setParams(next === c.org.id ? {} : { orgId: String(next) })}
        onOpen={setFigure}
      />
      <Card title={t.visitsTitle}>
        <FilterBar<ListFilters>
          onSearch={(v) =>
            setFilters({
              targetKind: v.targetKind ?? undefined,
              range: v.range ?? undefined,
              q: v.q?.trim() || undefined,
            })
          }
        >
          <Form.Item name="targetKind" label={t.targetKind}>
            <Select
              allowClear
              placeholder={common.all}
              style={{ width: 100 }}
              options={Object.entries(visitTargetKinds).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
          <Form.Item name="range" label={t.dateRange}>
            <DatePicker.RangePicker />
          </Form.Item>
          <Form.Item name="q" label={t.search}>
            <Input allowClear placeholder={t.searchPlaceholder} style={{ width: 180 }} />
          </Form.Item>
        </FilterBar>
        <VisitsList
          filter={{
            campaignId: c.id,
            orgId,
            targetKind: filters.targetKind,
            from: filters.range?.[0].format('YYYY-MM-DD'),
            to: filters.range?.[1].format('YYYY-MM-DD'),
            q: filters.q,
          }}
          emptyHint={active ? t.visitsEmptyHint : undefined}
        />
      </Card>
      <Drawer
        open={figure !== null}
        onClose={() => setFigure(null)}
        size={900}
        title={figure ? t.visitsOf(figure.title) : t.visitsTitle}
        destroyOnHidden
        data-testid="figure-drawer"
      >
        {figure ? (
          <VisitsList
            filter={{
              campaignId: c.id,
              orgId: figure.orgId,
              ownOnly: figure.ownOnly,
              targetOrgId: figure.targetOrgId,
              targetKind: figure.targetKind,
            }}
          />
        ) : (
          <Empty />
        )}
      </Drawer>
      {recording && <VisitFormModal campaign={c} onClose={() => setRecording(false)} />}
      {editing && <CampaignFormModal campaign={c} onClose={() => setEditing(false)} />}
    </Space>
  );
}
