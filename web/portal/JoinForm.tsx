import { Button, Dialog, Form, Input, Picker, type PickerRef, Selector, TextArea, Toast } from 'antd-mobile';
import type { RefObject } from 'react';
import { useNavigate } from 'react-router';
import { genderCodes, genders } from '../../shared/memberEnums';
import { parseCreditCode } from '../../shared/validators/creditCode';
import { parseIdNumber } from '../../shared/validators/idNumber';
import { ApiError } from '../api/client';
import { type JoinView, useSubmitJoin } from '../api/joins';
import { myInfo, joinPortal as t } from '../locales/zh-CN';
import { choices } from './correctionForm';
import { type ChosenUnion, JoinUnionField } from './JoinUnionField';
import { errorFields, initialJoinValues, isFlexible, type JoinFormValues, joinBody } from './joinForm';

const f = myInfo.fields;
const genderChoices = genderCodes.map((value) => ({ value, label: genders[value] }));
// Narrower padding keeps six-character choices (中共预备党员, 其他灵活就业) on one line of a phone.
const selectorStyle = { '--padding': '8px 4px', '--border-radius': '6px' } as const;
const openPicker = (_event: unknown, picker: RefObject<PickerRef | null>) => picker.current?.open();

/** A rule from a shared parser; blank passes unless `required` says otherwise. */
function parserRule(parse: (v: string) => { ok: true } | { ok: false; message: string }) {
  return {
    validator: (_rule: unknown, value: string | undefined) => {
      if (!value?.trim()) return Promise.resolve();
      const parsed = parse(value);
      return parsed.ok ? Promise.resolve() : Promise.reject(new Error(parsed.message));
    },
  };
}

interface JoinFormProps {
  name?: string;
  union?: ChosenUnion | null;
  previous?: JoinView | null;
}

/** 填写入会申请: the union, identity and work; the ID number fills in the gender. */
export function JoinForm({ name, union, previous }: JoinFormProps) {
  const [form] = Form.useForm<JoinFormValues>();
  const send = useSubmitJoin();
  const navigate = useNavigate();
  const category = Form.useWatch('workerCategory', form)?.[0];

  const onValuesChange = (changed: Partial<JoinFormValues>) => {
    if (changed.idNumber === undefined) return;
    const id = parseIdNumber(changed.idNumber);
    if (id.ok) form.setFieldValue('gender', [id.gender]);
  };

  const onFinish = async (values: JoinFormValues) => {
    try {
      await send.mutateAsync(joinBody(values));
      Toast.show({ icon: 'success', content: t.submitted });
      navigate('/join/status', { replace: true });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === 'joins/id_number_member') {
        await Dialog.alert({ content: `${error.message}` });
        return;
      }
      const field = errorFields[error.code];
      const problems = error.fieldProblems.length
        ? error.fieldProblems.map((p) => ({ name: p.field === 'orgId' ? 'union' : p.field, errors: [p.message] }))
        : field
          ? [{ name: field, errors: [error.message] }]
          : [];
      form.setFields(problems);
      Toast.show({ icon: 'fail', content: error.message });
    }
  };

  return (
    <Form
      form={form}
      name="join"
      layout="vertical"
      requiredMarkStyle="asterisk"
      initialValues={initialJoinValues({ name, union, previous })}
      onValuesChange={onValuesChange}
      onFinish={onFinish}
      data-testid="join-form"
      footer={
        <>
          <Button block type="submit" color="primary" size="large" loading={send.isPending}>
            {t.submit}
          </Button>
          <p className="portal-muted">{t.transferInstead}</p>
        </>
      }
    >
      <Form.Header>{t.formHint}</Form.Header>
      <Form.Item
        name="union"
        label={t.union}
        rules={[{ required: true, message: t.unionRequired }]}
        description={isFlexible(category) ? t.flexibleHint : undefined}
      >
        <JoinUnionField jointFirst={isFlexible(category)} />
      </Form.Item>
      <Form.Item name="name" label={f.name} rules={[{ required: true, whitespace: true, message: t.nameRequired }]}>
        <Input maxLength={30} clearable placeholder={t.namePlaceholder} />
      </Form.Item>
      <Form.Item
        name="idNumber"
        label={f.idNumber}
        rules={[{ required: true, message: t.idNumberRequired }, parserRule(parseIdNumber)]}
      >
        <Input
          maxLength={18}
          clearable
          className="portal-mono"
          placeholder={previous ? t.reenterId(previous.idNumber) : t.idNumberPlaceholder}
        />
      </Form.Item>
      <Form.Item name="gender" label={f.gender} rules={[{ required: true, message: t.genderRequired }]}>
        <Selector columns={2} options={genderChoices} style={selectorStyle} />
      </Form.Item>
      <Form.Item name="ethnicity" label={f.ethnicity} trigger="onConfirm" onClick={openPicker} arrow>
        <Picker columns={[choices.ethnicity]} title={f.ethnicity}>
          {(items) => items[0]?.label ?? <span className="portal-muted">{myInfo.correction.choose}</span>}
        </Picker>
      </Form.Item>
      <Form.Item name="workerCategory" label={f.workerCategory}>
        <Selector columns={3} options={choices.workerCategory} style={selectorStyle} />
      </Form.Item>
      <Form.Item name="employerName" label={f.employerName}>
        <Input maxLength={100} clearable placeholder={t.employerPlaceholder} />
      </Form.Item>
      <Form.Item name="position" label={f.position}>
        <Input maxLength={50} clearable placeholder={t.optional} />
      </Form.Item>
      <Form.Item name="employerCreditCode" label={f.employerCreditCode} rules={[parserRule(parseCreditCode)]}>
        <Input maxLength={18} clearable className="portal-mono" placeholder={t.optional} />
      </Form.Item>
      <Form.Item name="education" label={f.education}>
        <Selector columns={3} options={choices.education} style={selectorStyle} />
      </Form.Item>
      <Form.Item name="politicalStatus" label={f.politicalStatus}>
        <Selector columns={3} options={choices.politicalStatus} style={selectorStyle} />
      </Form.Item>
      <Form.Item name="note" label={t.note}>
        <TextArea maxLength={200} showCount rows={2} placeholder={t.notePlaceholder} />
      </Form.Item>
    </Form>
  );
}
