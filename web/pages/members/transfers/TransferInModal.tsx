import { Alert, App, Form, Input } from 'antd';
import type { OrgType } from '../../../../shared/enums';
import { transferInBody } from '../../../../shared/schemas/transfers';
import { type TransferView, useStartTransfer } from '../../../api/transfers';
import { FormModal, notSent } from '../../../components/FormModal';
import { checkWithSchema } from '../../../components/formErrors';
import { OrgPicker, type PickedOrg } from '../../../components/OrgPicker';
import { memberTransfers as t } from '../../../locales/zh-CN';
import { memberUnionTypes } from '../memberOptions';

interface Values {
  idNumber?: string;
  toOrgId?: number;
  reason?: string;
}

interface TransferInModalProps {
  /** Known when opened from the duplicate-ID answer of a registration. */
  idNumber?: string;
  /** The receiving union: an org already named in another picker, or the caller's own union. */
  toOrgId?: number;
  union?: PickedOrg | null;
  onClose: () => void;
}

/**
 * 发起转入: a person who is a member elsewhere, by ID number, into a union of the caller's subtree.
 * The answer names only the masked name and the sending union.
 */
export function TransferInModal({ idNumber, toOrgId, union, onClose }: TransferInModalProps) {
  const [form] = Form.useForm<Values>();
  const own = union?.type && memberUnionTypes.includes(union.type as OrgType) ? union : null;
  const start = useStartTransfer();
  const { message } = App.useApp();

  const submit = async (values: Values) => {
    const body = {
      idNumber: values.idNumber?.trim() ?? '',
      toOrgId: values.toOrgId ?? 0,
      reason: values.reason?.trim() || undefined,
    };
    if (!checkWithSchema(transferInBody, body, form)) return notSent;
    return start.mutateAsync({ direction: 'in', body });
  };

  return (
    <FormModal<Values, TransferView>
      title={t.startInTitle}
      name="transferIn"
      form={form}
      width={560}
      testId="transfer-in-form"
      initialValues={{ idNumber, toOrgId: toOrgId ?? own?.id }}
      submit={submit}
      pending={start.isPending}
      onClose={onClose}
      onDone={(done) => {
        message.success(t.started({ status: done.status, name: done.member.name, from: done.from.name }));
        onClose();
      }}
    >
      <Alert type="info" showIcon title={t.startInHint} style={{ marginBottom: 16 }} />
      <Form.Item name="idNumber" label={t.idNumber} rules={[{ required: true, message: t.idNumberRequired }]}>
        <Input maxLength={18} style={{ fontFamily: 'monospace' }} />
      </Form.Item>
      <Form.Item name="toOrgId" label={t.receiving} rules={[{ required: true, message: t.receivingRequired }]}>
        <OrgPicker initialOrg={own} onlyTypes={memberUnionTypes} />
      </Form.Item>
      <Form.Item name="reason" label={t.reason}>
        <Input maxLength={200} placeholder={t.reasonPlaceholder} />
      </Form.Item>
    </FormModal>
  );
}
