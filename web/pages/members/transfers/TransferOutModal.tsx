import { Alert, App, Form, Input } from 'antd';
import { transferOutBody } from '../../../../shared/schemas/transfers';
import type { MemberView } from '../../../api/members';
import { type TransferView, useStartTransfer } from '../../../api/transfers';
import { FormModal, notSent } from '../../../components/FormModal';
import { checkWithSchema } from '../../../components/formErrors';
import { memberTransfers as t } from '../../../locales/zh-CN';
import { UnionSearchSelect } from './UnionSearchSelect';

interface Values {
  toOrgId?: number;
  reason?: string;
}

/** 转会 from a member's drawer: the receiving union (anywhere on the platform) and a reason. */
export function TransferOutModal({ member, onClose }: { member: MemberView; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const start = useStartTransfer();
  const { message } = App.useApp();

  const submit = async (values: Values) => {
    const body = { memberId: member.id, toOrgId: values.toOrgId ?? 0, reason: values.reason?.trim() || undefined };
    if (!checkWithSchema(transferOutBody, body, form)) return notSent;
    return start.mutateAsync({ direction: 'out', body });
  };

  return (
    <FormModal<Values, TransferView>
      title={t.startOutTitle(member.name)}
      name="transferOut"
      form={form}
      width={560}
      testId="transfer-out-form"
      submit={submit}
      pending={start.isPending}
      onClose={onClose}
      onDone={(done) => {
        message.success(t.started({ status: done.status, name: done.member.name, from: done.to.name }));
        onClose();
      }}
    >
      <Alert type="info" showIcon title={t.startOutHint} style={{ marginBottom: 16 }} />
      <Form.Item label={t.from}>{member.org.name}</Form.Item>
      <Form.Item name="toOrgId" label={t.target} rules={[{ required: true, message: t.targetRequired }]}>
        <UnionSearchSelect excludeId={member.org.id} />
      </Form.Item>
      <Form.Item name="reason" label={t.reason}>
        <Input maxLength={200} placeholder={t.reasonPlaceholder} />
      </Form.Item>
    </FormModal>
  );
}
