import {
  Button,
  Form,
  Input,
  NavBar,
  NoticeBar,
  Picker,
  type PickerRef,
  Selector,
  Skeleton,
  TextArea,
  Toast,
} from 'antd-mobile';
import type { RefObject } from 'react';
import { useNavigate } from 'react-router';
import { parseCreditCode } from '../../shared/validators/creditCode';
import { parseMobile } from '../../shared/validators/mobile';
import { ApiError } from '../api/client';
import { usePortalCorrections, useRequestCorrection } from '../api/corrections';
import { type SelfMember, usePortalMember } from '../api/portal';
import { common, myInfo } from '../locales/zh-CN';
import {
  type CorrectionFormValues,
  choices,
  correctionChanges,
  hasChanges,
  initialCorrectionValues,
} from './correctionForm';
import { MemberDataUnavailable } from './MemberDataUnavailable';

const f = myInfo.fields;
const t = myInfo.correction;

/** A rule from a shared parser: blank passes (it means "leave it"), else the parser's message. */
function parserRule(parse: (v: string) => { ok: true } | { ok: false; message: string }) {
  return {
    validator: (_rule: unknown, value: string | undefined) => {
      if (!value?.trim()) return Promise.resolve();
      const parsed = parse(value);
      return parsed.ok ? Promise.resolve() : Promise.reject(new Error(parsed.message));
    },
  };
}

// Narrower padding keeps six-character choices (中共预备党员, 其他灵活就业) on one line of a phone.
const selectorStyle = { '--padding': '8px 4px', '--border-radius': '6px' } as const;

const openPicker = (_event: unknown, picker: RefObject<PickerRef | null>) => picker.current?.open();

function CorrectionForm({ member, blocked }: { member: SelfMember; blocked: boolean }) {
  const [form] = Form.useForm<CorrectionFormValues>();
  const send = useRequestCorrection();
  const navigate = useNavigate();

  const onFinish = async (values: CorrectionFormValues) => {
    const changes = correctionChanges(values, member);
    if (!hasChanges(changes)) {
      Toast.show({ content: t.nothingChanged });
      return;
    }
    try {
      await send.mutateAsync({ changes, note: values.note?.trim() || undefined });
      Toast.show({ icon: 'success', content: t.submitted });
      navigate('/me', { replace: true });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // The server names the fields of the request body, e.g. changes.mobile.
      form.setFields(
        error.fieldProblems.map((p) => ({ name: p.field.replace(/^changes\./, ''), errors: [p.message] })),
      );
      Toast.show({ icon: 'fail', content: error.message });
    }
  };

  return (
    <Form
      form={form}
      name="correction"
      layout="vertical"
      mode="card"
      requiredMarkStyle="none"
      initialValues={initialCorrectionValues(member)}
      onFinish={onFinish}
      data-testid="correction-form"
      footer={
        <>
          <Button block type="submit" color="primary" size="large" loading={send.isPending} disabled={blocked}>
            {blocked ? myInfo.correctPending : t.submit}
          </Button>
          <p className="portal-muted">{t.idNumberHint}</p>
        </>
      }
    >
      <Form.Header>{t.hint}</Form.Header>
      <Form.Item name="name" label={f.name} rules={[{ required: true, whitespace: true, message: t.nameRequired }]}>
        <Input maxLength={30} clearable />
      </Form.Item>
      <Form.Item name="ethnicity" label={f.ethnicity} trigger="onConfirm" onClick={openPicker} arrow>
        <Picker columns={[choices.ethnicity]} title={f.ethnicity}>
          {(items) => items[0]?.label ?? <span className="portal-muted">{t.choose}</span>}
        </Picker>
      </Form.Item>
      <Form.Item name="mobile" label={t.mobileLabel} rules={[parserRule(parseMobile)]}>
        <Input type="tel" maxLength={13} clearable placeholder={t.mobilePlaceholder(member.mobile)} />
      </Form.Item>
      <Form.Item name="education" label={f.education}>
        <Selector columns={3} options={choices.education} style={selectorStyle} />
      </Form.Item>
      <Form.Item name="politicalStatus" label={f.politicalStatus}>
        <Selector columns={3} options={choices.politicalStatus} style={selectorStyle} />
      </Form.Item>
      <Form.Item name="employerName" label={f.employerName}>
        <Input maxLength={100} clearable placeholder={t.blank} />
      </Form.Item>
      <Form.Item name="employerCreditCode" label={f.employerCreditCode} rules={[parserRule(parseCreditCode)]}>
        <Input maxLength={18} clearable className="portal-mono" placeholder={t.blank} />
      </Form.Item>
      <Form.Item name="position" label={f.position}>
        <Input maxLength={50} clearable placeholder={t.blank} />
      </Form.Item>
      <Form.Item name="workerCategory" label={f.workerCategory}>
        <Selector columns={3} options={choices.workerCategory} style={selectorStyle} />
      </Form.Item>
      <Form.Item name="note" label={t.note}>
        <TextArea maxLength={200} showCount rows={3} placeholder={t.notePlaceholder} />
      </Form.Item>
    </Form>
  );
}

/** 申请更正信息: the member's record as a form; only what they change is sent to their union. */
export function PortalCorrect() {
  const member = usePortalMember();
  const corrections = usePortalCorrections();
  const navigate = useNavigate();
  const blocked = corrections.data?.some((c) => c.status === 'pending') ?? false;

  let body = <Skeleton.Paragraph lineCount={12} animated />;
  if (member.data) {
    body = <CorrectionForm member={member.data} blocked={blocked} />;
  } else if (member.error) {
    body = (
      <MemberDataUnavailable
        error={member.error}
        notLinkedTitle={myInfo.notLinkedTitle}
        onRetry={() => void member.refetch()}
      />
    );
  }
  return (
    <>
      <NavBar back={common.back} onBack={() => navigate('/me')}>
        {t.title}
      </NavBar>
      {blocked && <NoticeBar content={t.pendingNotice} color="alert" wrap />}
      {body}
    </>
  );
}
