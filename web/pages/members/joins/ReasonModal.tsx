import { Form, Input } from 'antd';
import type { ReactNode } from 'react';
import { joinRejectBody } from '../../../../shared/schemas/joins';
import { FormModal, notSent } from '../../../components/FormModal';
import { checkWithSchema } from '../../../components/formErrors';

interface ReasonValues {
  comment?: string;
}

interface ReasonModalProps {
  title: ReactNode;
  /** The words of the form: field label, placeholder, required message, OK button, success toast. */
  words: { label: string; placeholder: string; required: string; ok: string; done: string };
  /** What the decision is about, shown above the reason. */
  summary?: ReactNode;
  pending: boolean;
  /** Sends the decision with its reason. */
  send: (comment: string) => Promise<unknown>;
  onClose: () => void;
  testId: string;
}

/** 驳回 / 不同意 with a required reason that the other party reads (joins and transfers alike). */
export function ReasonModal({ title, words, summary, pending, send, onClose, testId }: ReasonModalProps) {
  const [form] = Form.useForm<ReasonValues>();

  const submit = async (values: ReasonValues) => {
    const body = { comment: values.comment?.trim() ?? '' };
    // Both endpoints take the same { comment } body.
    if (!checkWithSchema(joinRejectBody, body, form)) return notSent;
    return send(body.comment);
  };

  return (
    <FormModal<ReasonValues>
      title={title}
      name={testId}
      form={form}
      width={520}
      testId={testId}
      submit={submit}
      successMessage={words.done}
      pending={pending}
      okText={words.ok}
      onClose={onClose}
    >
      {summary}
      <Form.Item
        name="comment"
        label={words.label}
        rules={[{ required: true, whitespace: true, message: words.required }]}
      >
        <Input.TextArea maxLength={200} showCount rows={3} placeholder={words.placeholder} />
      </Form.Item>
    </FormModal>
  );
}
