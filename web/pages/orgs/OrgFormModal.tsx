import { Col, DatePicker, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { allowedParentTypes, type OrgType, orgTypeCodes, orgTypes } from '../../../shared/enums';
import { createOrgBody, updateOrgBody } from '../../../shared/schemas/orgs';
import { parseCreditCode } from '../../../shared/validators/creditCode';
import { type OrgView, useCreateOrg, useUpdateOrg } from '../../api/orgs';
import { FormModal, notSent } from '../../components/FormModal';
import { checkWithSchema, type FieldMap } from '../../components/formErrors';
import { common, orgs } from '../../locales/zh-CN';

/** The org types that may be created under a parent of this type (shared/enums.ts). */
export function childTypesOf(parentType: OrgType): OrgType[] {
  return orgTypeCodes.filter((type) => allowedParentTypes[type].includes(parentType));
}

interface OrgFormValues {
  type?: OrgType;
  name?: string;
  shortName?: string;
  areaCode?: string;
  creditCode?: string;
  address?: string;
  contactName?: string;
  contactPhone?: string;
  term?: [Dayjs | null, Dayjs | null] | null;
}

type Target = { mode: 'create'; parent: OrgView } | { mode: 'edit'; org: OrgView };

const termFields: FieldMap = { termStart: 'term', termEnd: 'term' };
const optionalText = ['shortName', 'areaCode', 'creditCode', 'address', 'contactName', 'contactPhone'] as const;

function initialValues(target: Target): OrgFormValues {
  if (target.mode === 'create') return { type: childTypesOf(target.parent.type)[0] };
  const { org } = target;
  return {
    ...Object.fromEntries(optionalText.map((key) => [key, org[key] ?? undefined])),
    name: org.name,
    term:
      org.termStart || org.termEnd
        ? [org.termStart ? dayjs(org.termStart) : null, org.termEnd ? dayjs(org.termEnd) : null]
        : null,
  };
}

/** Blank optional fields become null, so an edit can clear them and a create leaves them unset. */
function toPayload(values: OrgFormValues) {
  const blankToNull = (v: string | undefined) => (v?.trim() ? v.trim() : null);
  return {
    name: values.name?.trim() ?? '',
    ...Object.fromEntries(optionalText.map((key) => [key, blankToNull(values[key])])),
    termStart: values.term?.[0]?.format('YYYY-MM-DD') ?? null,
    termEnd: values.term?.[1]?.format('YYYY-MM-DD') ?? null,
  };
}

const creditCodeRule = {
  validator: (_rule: unknown, value: string | undefined) => {
    if (!value?.trim()) return Promise.resolve();
    const parsed = parseCreditCode(value);
    return parsed.ok ? Promise.resolve() : Promise.reject(new Error(parsed.message));
  },
};

/** Creates a child org (type limited by allowedParentTypes) or edits one, in a modal. */
export function OrgFormModal({
  target,
  onClose,
  onDone,
}: {
  target: Target;
  onClose: () => void;
  onDone: (org: OrgView) => void;
}) {
  const [form] = Form.useForm<OrgFormValues>();
  const create = useCreateOrg();
  const update = useUpdateOrg();

  // The endpoint's own schema checks first, so the form shows exactly the server's rules.
  const submit = async (values: OrgFormValues) => {
    const payload = toPayload(values);
    if (target.mode === 'create') {
      const body = { ...payload, parentId: target.parent.id, type: values.type as OrgType };
      return checkWithSchema(createOrgBody, body, form, termFields) ? create.mutateAsync(body) : notSent;
    }
    const { id } = target.org;
    return checkWithSchema(updateOrgBody, payload, form, termFields)
      ? update.mutateAsync({ id, body: payload })
      : notSent;
  };

  return (
    <FormModal<OrgFormValues, OrgView>
      title={target.mode === 'create' ? orgs.createTitle(target.parent.name) : orgs.editTitle(target.org.name)}
      name="org"
      form={form}
      width={720}
      initialValues={initialValues(target)}
      submit={submit}
      successMessage={target.mode === 'create' ? orgs.created : common.saved}
      pending={create.isPending || update.isPending}
      fieldMap={termFields}
      onClose={onClose}
      onDone={onDone}
    >
      <Row gutter={16}>
        {target.mode === 'create' && (
          <Col span={24}>
            <Form.Item name="type" label={orgs.type} rules={[{ required: true, message: orgs.typeRequired }]}>
              <Select
                options={childTypesOf(target.parent.type).map((type) => ({ value: type, label: orgTypes[type] }))}
              />
            </Form.Item>
          </Col>
        )}
        <Col span={16}>
          <Form.Item
            name="name"
            label={orgs.name}
            rules={[{ required: true, whitespace: true, message: orgs.nameRequired }]}
          >
            <Input maxLength={60} showCount />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="shortName" label={orgs.shortName}>
            <Input maxLength={20} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="creditCode" label={orgs.creditCode} rules={[creditCodeRule]}>
            <Input maxLength={18} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="areaCode" label={orgs.areaCode}>
            <Input maxLength={6} placeholder="320614" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="address" label={orgs.address}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="contactName" label={orgs.contactName}>
            <Input maxLength={30} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="contactPhone" label={orgs.contactPhone}>
            <Input maxLength={30} placeholder="0513-81234567" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="term" label={orgs.term}>
            <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
