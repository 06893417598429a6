import { DatePicker, Form, Input, InputNumber, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { MemberListQuery } from '../../api/members';
import { OrgPicker, type PickedOrg } from '../../components/OrgPicker';
import { common, members } from '../../locales/zh-CN';
import { categoryOptions, genderOptions, sortOptions, statusOptions } from './memberOptions';

/** The roster query without paging. */
export type MemberFilters = Omit<MemberListQuery, 'cursor' | 'limit'>;

/** The filter form's values: ages as numbers, the joining dates as one range. */
export type MemberFilterValues = Omit<MemberFilters, 'ageMin' | 'ageMax' | 'joinedFrom' | 'joinedTo'> & {
  ageMin?: number | null;
  ageMax?: number | null;
  joined?: [Dayjs | null, Dayjs | null] | null;
};

/** The query the filter form stands for; empty fields are left out so the server applies its defaults. */
export function toFilters({ ageMin, ageMax, joined, ...rest }: MemberFilterValues): MemberFilters {
  return {
    ...rest,
    ageMin: ageMin ?? undefined,
    ageMax: ageMax ?? undefined,
    joinedFrom: joined?.[0]?.format('YYYY-MM-DD'),
    joinedTo: joined?.[1]?.format('YYYY-MM-DD'),
  };
}

/** The filter form's values for a query (the reverse of toFilters), e.g. filters taken from the address. */
export function toFormValues({ ageMin, ageMax, joinedFrom, joinedTo, ...rest }: MemberFilters): MemberFilterValues {
  const age = (v: unknown) => (typeof v === 'number' ? v : undefined);
  const day = (v: string | undefined) => (v ? dayjs(v) : null);
  return {
    ...rest,
    ageMin: age(ageMin),
    ageMax: age(ageMax),
    joined: joinedFrom || joinedTo ? [day(joinedFrom), day(joinedTo)] : undefined,
  };
}

/** The fields of the roster's filter bar (关键字, 所属组织, 状态, 职工类别, 性别, 年龄, 入会日期, 排序). */
export function MemberFilterFields({ initialOrg }: { initialOrg?: PickedOrg | null }) {
  return (
    <>
      <Form.Item name="q" label={members.keyword}>
        <Input placeholder={members.keywordPlaceholder} allowClear style={{ width: 240 }} />
      </Form.Item>
      <Form.Item name="orgId" label={members.orgFilter}>
        <OrgPicker allowClear initialOrg={initialOrg} style={{ width: 240 }} />
      </Form.Item>
      <Form.Item name="status" label={members.fields.status}>
        <Select options={statusOptions} allowClear placeholder={common.all} style={{ width: 100 }} />
      </Form.Item>
      <Form.Item name="category" label={members.fields.workerCategory}>
        <Select options={categoryOptions} allowClear placeholder={common.all} style={{ width: 130 }} />
      </Form.Item>
      <Form.Item name="gender" label={members.fields.gender}>
        <Select options={genderOptions} allowClear placeholder={common.all} style={{ width: 90 }} />
      </Form.Item>
      <Form.Item label={members.fields.age} htmlFor="filters_ageMin">
        <Space.Compact>
          <Form.Item name="ageMin" noStyle>
            <InputNumber
              min={0}
              max={150}
              precision={0}
              placeholder={members.agePlaceholderFrom}
              style={{ width: 72 }}
            />
          </Form.Item>
          <Space.Addon>–</Space.Addon>
          <Form.Item name="ageMax" noStyle>
            <InputNumber min={0} max={150} precision={0} placeholder={members.agePlaceholderTo} style={{ width: 72 }} />
          </Form.Item>
          <Space.Addon>{members.ageUnit}</Space.Addon>
        </Space.Compact>
      </Form.Item>
      <Form.Item name="joined" label={members.joinedRange}>
        <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: 240 }} />
      </Form.Item>
      <Form.Item name="sort" label={members.sort}>
        <Select options={sortOptions} placeholder={members.sorts.newest} style={{ width: 110 }} />
      </Form.Item>
    </>
  );
}
