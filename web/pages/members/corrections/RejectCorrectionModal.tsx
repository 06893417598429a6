import { Form, Input } from 'antd';
import { correctionRejectBody } from '../../../../shared/schemas/members';
import type { CorrectionView } from '../../../api/corrections';
import { FormModal, notSent } from '../../../components/FormModal';
import { checkWithSchema } from '../../../components/formErrors';
import { memberCorrections as t } from '../../../locales/zh-CN';
import { CorrectionChanges } from './CorrectionsTable';

interface RejectValues {
  comment?: string;
}

interface RejectCorrectionModalProps {
  correction: CorrectionView;
  pending: boolean;
  /** Sends the rejection; resolves to the decided request. */
  reject: (comment: string) => Promise<CorrectionView>;
  onClose: () => void;
}

/** 驳回: the reason is required, since the member reads it in the portal. */
export function RejectCorrectionModal({ correction, pending, reject, onClose }: RejectCorrectionModalProps) {
  const [form] = Form.useForm<RejectValues>();

  const submit = async (values: RejectValues) => {
    const body = { comment: values.comment?.trim() ?? '' };
    if (!checkWithSchema(correctionRejectBody, body, form)) return notSent;
    return reject(body.comment);
  };

  return (
    <FormModal<RejectValues, CorrectionView>
      title={t.rejectTitle(correction.member.name)}
      name="rejectCorrection"
      form={form}
      width={520}
      testId="reject-correction-form"
      submit={submit}
      successMessage={t.rejected}
      pending={pending}
      okText={t.reject}
      onClose={onClose}
    >
      <Form.Item label={t.changes}>
        <CorrectionChanges correction={correction} />
      </Form.Item>
      <Form.Item
        name="comment"
        label={t.rejectComment}
        rules={[{ required: true, whitespace: true, message: t.rejectCommentRequired }]}
      >
        <Input.TextArea maxLength={200} showCount rows={3} placeholder={t.rejectCommentPlaceholder} />
      </Form.Item>
    </FormModal>
  );
}
