import { DatePicker, Form, Input, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type MemberStatus, memberStatuses } from '../../../shared/memberEnums';
import { memberStatusBody } from '../../../shared/schemas/members';
import { type MemberStatusInput, type MemberView, useChangeMemberStatus } from '../../api/members';
import { FormModal, notSent } from '../../components/FormModal';
import { checkWithSchema } from '../../components/formErrors';
import { members } from '../../locales/zh-CN';
import { MemberStatusTag } from './MemberStatusTag';
import { statusOptions } from './memberOptions';

type StatusFormValues = Omit<Partial<MemberStatusInput>, 'date'> & { date?: Dayjs | null };

/** Changes a member's status (在册, 转出, 退会, 去世) on a date, asking once more before saving. */
export function MemberStatusModal({ member, onClose }: { member: MemberView; onClose: () => void }) {
  const [form] = Form.useForm<StatusFormValues>();
  const change = useChangeMemberStatus();
  const chosen: MemberStatus | undefined = Form.useWatch('status', form);

  const submit = async (values: StatusFormValues) => {
    const body = {
      status: values.status ?? member.status,
      date: values.date?.format('YYYY-MM-DD') ?? '',
      reason: values.reason?.trim() || undefined,
    };
    if (!checkWithSchema(memberStatusBody, body, form)) return notSent;
    return change.mutateAsync({ id: member.id, body });
  };

  return (
    <FormModal<StatusFormValues, MemberView>
      title={members.statusTitle(member.name)}
      name="memberStatus"
      form={form}
      width={520}
      testId="member-status-form"
      initialValues={{ date: dayjs() }}
      submit={submit}
      successMessage={members.statusChanged}
      pending={change.isPending}
      okText={members.changeStatus}
      confirm={chosen ? members.statusConfirm(member.name, memberStatuses[chosen]) : undefined}
      onClose={onClose}
    >
      <Form.Item label={members.currentStatus}>
        <MemberStatusTag status={member.status} />
      </Form.Item>
      <Form.Item name="status" label={members.newStatus} rules={[{ required: true, message: members.statusRequired }]}>
        <Radio.Group options={statusOptions.filter((o) => o.value !== member.status)} />
      </Form.Item>
      <Form.Item name="date" label={members.statusDate} rules={[{ required: true, message: members.dateRequired }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item name="reason" label={members.statusReason}>
        <Input.TextArea maxLength={200} showCount rows={3} />
      </Form.Item>
    </FormModal>
  );
}
