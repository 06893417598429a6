import { Col, DatePicker, Form, Input, Radio, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { parseCreditCode } from '../../../shared/validators/creditCode';
import { parseIdNumber } from '../../../shared/validators/idNumber';
import { parseMobile } from '../../../shared/validators/mobile';
import type { CreateMemberInput } from '../../api/members';
import { members } from '../../locales/zh-CN';
import { categoryOptions, educationOptions, ethnicityOptions, genderOptions, politicalOptions } from './memberOptions';

/** The member form's values: the API's fields, with dates as picker values. */
export type MemberFormValues = Partial<Omit<CreateMemberInput, 'birthDate' | 'joinedDate'>> & {
  birthDate?: Dayjs | null;
  joinedDate?: Dayjs | null;
};

const f = members.fields;

/** A rule from a shared parser: blank passes (required-ness is a separate rule), else its message. */
function parserRule(parse: (v: string) => { ok: true } | { ok: false; message: string }) {
  return {
    validator: (_rule: unknown, value: string | undefined) => {
      if (!value?.trim()) return Promise.resolve();
      const parsed = parse(value);
      return parsed.ok ? Promise.resolve() : Promise.reject(new Error(parsed.message));
    },
  };
}

interface MemberFieldsProps {
  /** The 所属工会 field, only when registering. */
  orgField?: ReactNode;
  /** When editing: the masked numbers, shown as placeholders of the fields that start empty. */
  masked?: { idNumber: string; mobile: string | null };
  /** Called when the ID number is edited (e.g. to clear a duplicate warning). */
  onIdNumberChange?: () => void;
}

/**
 * The fields of the register and edit forms. A valid ID number fills in the birth date and gender,
 * which stay visible so the cadre can compare them with the paper form.
 */
export function MemberFields({ orgField, masked, onIdNumberChange }: MemberFieldsProps) {
  const form = Form.useFormInstance<MemberFormValues>();
  const idNumber: string | undefined = Form.useWatch('idNumber', form);
  const derived = !!idNumber && parseIdNumber(idNumber).ok;

  const fillFromIdNumber = (value: string) => {
    onIdNumberChange?.();
    const parsed = parseIdNumber(value);
    if (parsed.ok) form.setFieldsValue({ gender: parsed.gender, birthDate: dayjs(parsed.birthDate) });
  };

  return (
    <Row gutter={16}>
      {orgField && <Col span={24}>{orgField}</Col>}
      <Col span={8}>
        <Form.Item
          name="name"
          label={f.name}
          rules={[{ required: true, whitespace: true, message: members.nameRequired }]}
        >
          <Input maxLength={30} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col span={16}>
        <Form.Item
          name="idNumber"
          label={f.idNumber}
          extra={masked ? members.idNumberKeep : undefined}
          rules={[
            ...(masked ? [] : [{ required: true, message: members.idNumberRequired }]),
            parserRule(parseIdNumber),
          ]}
        >
          <Input
            maxLength={18}
            autoComplete="off"
            placeholder={masked?.idNumber}
            style={{ fontFamily: 'monospace' }}
            onChange={(e) => fillFromIdNumber(e.target.value)}
          />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name="gender" label={f.gender} rules={[{ required: true, message: members.genderRequired }]}>
          <Radio.Group options={genderOptions} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name="birthDate" label={f.birthDate} extra={derived ? members.fromIdNumber : undefined}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name="ethnicity" label={f.ethnicity}>
          <Select options={ethnicityOptions} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item
          name="mobile"
          label={f.mobile}
          extra={masked?.mobile ? members.mobileKeep : undefined}
          rules={[parserRule(parseMobile)]}
        >
          <Input maxLength={13} autoComplete="off" placeholder={masked?.mobile ?? undefined} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name="education" label={f.education}>
          <Select options={educationOptions} allowClear />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name="politicalStatus" label={f.politicalStatus}>
          <Select options={politicalOptions} allowClear />
        </Form.Item>
      </Col>
      <Col span={16}>
        <Form.Item name="employerName" label={f.employerName}>
          <Input maxLength={100} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name="position" label={f.position}>
          <Input maxLength={50} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name="employerCreditCode" label={f.employerCreditCode} rules={[parserRule(parseCreditCode)]}>
          <Input maxLength={18} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name="workerCategory" label={f.workerCategory}>
          <Select options={categoryOptions} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name="joinedDate" label={f.joinedDate} rules={[{ required: true, message: members.joinedRequired }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** Blank text becomes null, so an edit can clear an optional field. */
export const blankToNull = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

/** The profile fields of both bodies, from the form's values. */
export function profilePayload(values: MemberFormValues) {
  return {
    name: values.name?.trim() ?? '',
    gender: values.gender,
    ethnicity: values.ethnicity,
    birthDate: values.birthDate?.format('YYYY-MM-DD'),
    education: values.education ?? null,
    politicalStatus: values.politicalStatus ?? null,
    employerName: blankToNull(values.employerName),
    employerCreditCode: blankToNull(values.employerCreditCode),
    position: blankToNull(values.position),
    workerCategory: values.workerCategory,
    joinedDate: values.joinedDate?.format('YYYY-MM-DD') ?? '',
  };
}
