import { DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { yuanToFen } from '../../../shared/money';
import { type CampaignKind, campaignKinds } from '../../../shared/schemas/visits';
import { type CampaignView, useCreateCampaign, useUpdateCampaign } from '../../api/visits';
import { FormModal } from '../../components/FormModal';
import { OrgPicker } from '../../components/OrgPicker';
import { visits as t } from '../../locales/visits.zh-CN';

interface Values {
  orgId?: number;
  kind: CampaignKind;
  title: string;
  period: [Dayjs, Dayjs];
  budgetYuan: string;
  description?: string;
}

const kindOptions = Object.entries(campaignKinds).map(([value, label]) => ({ value, label }));
const yuanRule = {
  validator: (_: unknown, v: string) =>
    v && yuanToFen(v) !== null && (yuanToFen(v) ?? 0) > 0
      ? Promise.resolve()
      : Promise.reject(new Error(t.yuanInvalid)),
};

/** 新建 / 编辑 a campaign: kind, title, owner (new only), period, budget in yuan (sent as exact fen). */
export function CampaignFormModal({ campaign, onClose }: { campaign?: CampaignView; onClose: () => void }) {
  const navigate = useNavigate();
  const create = useCreateCampaign();
  const update = useUpdateCampaign(campaign?.id ?? 0);
  const initialValues: Partial<Values> = campaign
    ? {
        kind: campaign.kind,
        title: campaign.title,
        period: [dayjs(campaign.startDate), dayjs(campaign.endDate)],
        budgetYuan: (campaign.budgetFen / 100).toFixed(2),
        description: campaign.description,
      }
    : { kind: 'summer' };
  return (
    <FormModal<Values, CampaignView>
      title={campaign ? t.editCampaign : t.newCampaign}
      name="campaign"
      initialValues={initialValues}
      pending={create.isPending || update.isPending}
      successMessage={campaign ? t.saved : t.created}
      okText={campaign ? undefined : t.newCampaign}
      onClose={onClose}
      onDone={(saved) => {
        onClose();
        if (!campaign) navigate(`/visits/${saved.id}`);
      }}
      fieldMap={{ budgetFen: 'budgetYuan', startDate: 'period', endDate: 'period' }}
      testId="campaign-form"
      submit={(v) => {
        const body = {
          kind: v.kind,
          title: v.title,
          startDate: v.period[0].format('YYYY-MM-DD'),
          endDate: v.period[1].format('YYYY-MM-DD'),
          budgetFen: yuanToFen(v.budgetYuan) ?? 0,
          description: v.description ?? '',
        };
        return campaign ? update.mutateAsync(body) : create.mutateAsync({ ...body, orgId: v.orgId });
      }}
    >
      <Form.Item name="kind" label={t.kind} rules={[{ required: true, message: t.required }]}>
        <Select options={kindOptions} />
      </Form.Item>
      <Form.Item name="title" label={t.title} rules={[{ required: true, message: t.required }]}>
        <Input maxLength={100} placeholder="如：海门区总工会2026年“送清凉”活动" />
      </Form.Item>
      {!campaign && (
        <Form.Item name="orgId" label={t.owner} extra={t.ownerHint}>
          <OrgPicker placeholder="默认本单位" allowClear />
        </Form.Item>
      )}
      <Form.Item name="period" label={t.period} rules={[{ required: true, message: t.required }]}>
        <DatePicker.RangePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="budgetYuan" label={t.budget} rules={[{ required: true, message: t.required }, yuanRule]}>
        <Input inputMode="decimal" suffix="元" placeholder="如 1900000.00" />
      </Form.Item>
      <Form.Item name="description" label={t.description}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}
