import { Checkbox, Form, Input, Select } from 'antd';
import { OrgPicker, type PickedOrg } from '../../components/OrgPicker';
import { hardship as t } from '../../locales/hardship.zh-CN';
import type { HardshipFilters } from './hardshipLinks';
import { causeOptions, levelOptions, statusOptions } from './hardshipOptions';

/** The filter form's values: 复核到期 as a checkbox. */
export type HardshipFilterValues = Omit<HardshipFilters, 'reviewDue'> & { reviewDue?: boolean };

export function toFilters({ reviewDue, ...rest }: HardshipFilterValues): HardshipFilters {
  return { ...rest, reviewDue: reviewDue ? 'true' : undefined };
}

export function toFormValues({ reviewDue, ...rest }: HardshipFilters): HardshipFilterValues {
  return { ...rest, reviewDue: reviewDue === 'true' || reviewDue === '1' };
}

const sortOptions = Object.entries(t.sorts).map(([value, label]) => ({ value, label }));

/** 姓名, 所属组织, 困难等级, 致困原因, 状态, 复核到期, 排序. */
export function HardshipFilterFields({ initialOrg }: { initialOrg?: PickedOrg | null }) {
  return (
    <>
      <Form.Item name="q" label={t.keyword}>
        <Input placeholder={t.keywordPlaceholder} allowClear style={{ width: 180 }} />
      </Form.Item>
      <Form.Item name="orgId" label={t.org}>
        <OrgPicker allowClear initialOrg={initialOrg} style={{ width: 240 }} />
      </Form.Item>
      <Form.Item name="level" label={t.level}>
        <Select options={levelOptions} allowClear placeholder={t.all} style={{ width: 110 }} />
      </Form.Item>
      <Form.Item name="cause" label={t.cause}>
        <Select options={causeOptions} allowClear placeholder={t.all} style={{ width: 110 }} />
      </Form.Item>
      <Form.Item name="status" label={t.status}>
        <Select options={statusOptions} allowClear placeholder={t.all} style={{ width: 110 }} />
      </Form.Item>
      <Form.Item name="reviewDue" valuePropName="checked">
        <Checkbox data-testid="filter-review-due">{t.reviewDueOnly}</Checkbox>
      </Form.Item>
      <Form.Item name="sort" label={t.sort}>
        <Select options={sortOptions} placeholder={t.sorts.newest} allowClear style={{ width: 110 }} />
      </Form.Item>
    </>
  );
}
