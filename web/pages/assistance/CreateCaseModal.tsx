import { App, Col, Form, Input, Row, Select, type UploadFile } from 'antd';
import {
  type AssistanceType,
  assistanceTypeCodes,
  assistanceTypes,
  maxCaseFen,
  maxCaseFileBytes,
  maxCaseFiles,
} from '../../../shared/schemas/assistance';
import { useCreateCase } from '../../api/assistance';
import { FilesUpload } from '../../components/FilesUpload';
import { FormModal } from '../../components/FormModal';
import { assistancePortal, assistanceCommon as c, assistanceCreate as t } from '../../locales/assistance.zh-CN';
import { MemberSearchSelect } from './MemberSearchSelect';
import { fenOf, YuanInput, yuanRules } from './money';

interface CreateValues {
  memberId?: number;
  type?: AssistanceType;
  amount?: string;
  reason?: string;
  bankName?: string;
  bankAccount?: string;
  payeeName?: string;
  files?: UploadFile[];
}

const typeOptions = assistanceTypeCodes.map((value) => ({
  value,
  label: `${assistanceTypes[value]}（${assistancePortal.typeHelp[value]}）`,
}));

interface CreateCaseModalProps {
  onClose: () => void;
  /** Opens the new case's drawer. */
  onCreated: (id: number) => void;
}

/**
 * 登记帮扶申请: a cadre applies on a member's behalf (工会代办) with the documents; the amount typed in
 * yuan becomes fen by its digits. The case then waits for the grassroots review like a worker's own.
 */
export function CreateCaseModal({ onClose, onCreated }: CreateCaseModalProps) {
  const create = useCreateCase();
  const [form] = Form.useForm<CreateValues>();
  const { message } = App.useApp();

  const submit = (values: CreateValues) =>
    create.mutateAsync({
      memberId: values.memberId ?? 0,
      type: values.type ?? 'living',
      amountRequestedFen: fenOf(values.amount),
      reason: values.reason?.trim() ?? '',
      bankName: values.bankName?.trim() ?? '',
      bankAccount: values.bankAccount?.trim() ?? '',
      payeeName: values.payeeName?.trim() || undefined,
      files: (values.files ?? []).flatMap((f) => (f.originFileObj ? [f.originFileObj] : [])),
    });

  return (
    <FormModal<CreateValues, { id: number; caseNo: string }>
      title={t.title}
      name="case-create"
      testId="case-create-form"
      form={form}
      width={720}
      submit={submit}
      pending={create.isPending}
      okText={t.ok}
      onClose={onClose}
      onDone={(result) => {
        message.success(t.created(result.caseNo));
        onClose();
        onCreated(result.id);
      }}
      fieldMap={{ amountRequestedFen: 'amount', files: 'files' }}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="memberId"
            label={t.member}
            extra={t.memberHint}
            rules={[{ required: true, message: t.memberPlaceholder }]}
          >
            <MemberSearchSelect />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="type" label={t.type} rules={[{ required: true, message: t.typeRequired }]}>
            <Select options={typeOptions} placeholder={t.typeRequired} popupMatchSelectWidth={false} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="amount"
            label={t.amount}
            rules={yuanRules({ required: t.amountRequired, maxFen: maxCaseFen, tooLarge: c.amountTooLarge })}
          >
            <YuanInput />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="payeeName" label={t.payeeName}>
            <Input maxLength={30} placeholder={t.payeeNamePlaceholder} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="bankName"
            label={t.bankName}
            rules={[{ required: true, whitespace: true, message: t.bankNameRequired }]}
          >
            <Input maxLength={50} placeholder={t.bankNamePlaceholder} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="bankAccount"
            label={t.bankAccount}
            rules={[
              { required: true, whitespace: true, message: t.bankAccountRequired },
              { pattern: /^[\d\s-]{8,40}$/, message: assistancePortal.bankAccountInvalid },
            ]}
          >
            <Input
              maxLength={40}
              inputMode="numeric"
              placeholder={t.bankAccountPlaceholder}
              style={{ fontFamily: 'monospace' }}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="reason"
        label={t.reason}
        rules={[{ required: true, whitespace: true, message: t.reasonRequired }]}
      >
        <Input.TextArea maxLength={2000} showCount rows={4} placeholder={t.reasonPlaceholder} />
      </Form.Item>
      <Form.Item name="files" label={t.documents} extra={t.documentsHint} valuePropName="value">
        <FilesUpload
          kind="documents"
          maxFiles={maxCaseFiles}
          maxBytes={maxCaseFileBytes}
          testId="case-documents-upload"
        />
      </Form.Item>
    </FormModal>
  );
}
