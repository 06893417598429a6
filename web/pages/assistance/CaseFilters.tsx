import { DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { assistanceTypeCodes, assistanceTypes, channelCodes, channels } from '../../../shared/schemas/assistance';
import { OrgPicker, type PickedOrg } from '../../components/OrgPicker';
import { assistanceCommon as c, assistanceCases as t } from '../../locales/assistance.zh-CN';
import { common } from '../../locales/zh-CN';
import type { CaseFilters } from './assistanceLinks';
import { FundSelect } from './FundSelect';

/** The filter form's values: the submission dates as one range; the status is the tabs' business. */
export type CaseFilterValues = Omit<CaseFilters, 'status' | 'from' | 'to'> & {
  submitted?: [Dayjs | null, Dayjs | null] | null;
};

/** The query the filter form stands for (empty fields left out). */
export function toCaseFilters({ submitted, q, ...rest }: CaseFilterValues): Omit<CaseFilters, 'status'> {
  return {
    ...rest,
    q: q?.trim() || undefined,
    from: submitted?.[0]?.format('YYYY-MM-DD'),
    to: submitted?.[1]?.format('YYYY-MM-DD'),
  };
}

/** The form's values for a query (the reverse of toCaseFilters). */
export function toCaseFormValues({ from, to, status: _status, ...rest }: CaseFilters): CaseFilterValues {
  const day = (v: string | undefined) => (v ? dayjs(v) : null);
  return { ...rest, submitted: from || to ? [day(from), day(to)] : undefined };
}

const typeOptions = assistanceTypeCodes.map((value) => ({ value, label: assistanceTypes[value] }));
const channelOptions = channelCodes.map((value) => ({ value, label: channels[value] }));

/** The fields of the cases' filter bar (姓名/编号, 帮扶类型, 资金, 所属组织, 申请日期, 申请渠道). */
export function CaseFilterFields({ initialOrg }: { initialOrg?: PickedOrg | null }) {
  return (
    <>
      <Form.Item name="q" label={t.keyword}>
        <Input placeholder={t.keywordPlaceholder} allowClear style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="type" label={c.type}>
        <Select options={typeOptions} allowClear placeholder={common.all} style={{ width: 120 }} />
      </Form.Item>
      <Form.Item name="fundId" label={c.fund}>
        <FundSelect includeClosed allowClear placeholder={common.all} style={{ width: 240 }} />
      </Form.Item>
      <Form.Item name="orgId" label={t.orgFilter}>
        <OrgPicker allowClear initialOrg={initialOrg} style={{ width: 240 }} />
      </Form.Item>
      <Form.Item name="submitted" label={t.dateRange}>
        <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: 240 }} />
      </Form.Item>
      <Form.Item name="channel" label={t.channel}>
        <Select options={channelOptions} allowClear placeholder={common.all} style={{ width: 110 }} />
      </Form.Item>
    </>
  );
}
