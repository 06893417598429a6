import { Form, Input, Typography } from 'antd';
import { reviewBody } from '../../../../shared/schemas/workplans.reports';
import { type ReportView, useReviewReport } from '../../../api/workplans';
import { FormModal, notSent } from '../../../components/FormModal';
import { checkWithSchema } from '../../../components/formErrors';
import { workplanReports as t } from '../../../locales/zh-CN';

interface ReturnValues {
  comment?: string;
}

/** 退回: a report goes back to its unit with a comment it must read (required). */
export function ReturnReportModal({ report, onClose }: { report: ReportView; onClose: () => void }) {
  const [form] = Form.useForm<ReturnValues>();
  const review = useReviewReport();

  const submit = async (values: ReturnValues) => {
    const body = { decision: 'return' as const, comment: values.comment?.trim() ?? '' };
    if (!checkWithSchema(reviewBody, body, form)) return notSent;
    return review.mutateAsync({ id: report.id, ...body });
  };

  return (
    <FormModal<ReturnValues>
      title={t.returnTitle}
      name="return-report"
      form={form}
      width={520}
      testId="return-report-form"
      submit={submit}
      successMessage={t.returned}
      pending={review.isPending}
      okText={t.return}
      onClose={onClose}
    >
      <Typography.Paragraph type="secondary">
        {report.orgName} · {report.taskNumber} {report.taskTitle}
        {report.value !== null && ` · ${report.metric}：${report.value} ${report.unit}`}
      </Typography.Paragraph>
      <Form.Item
        name="comment"
        label={t.returnLabel}
        rules={[{ required: true, whitespace: true, message: t.returnRequired }]}
      >
        <Input.TextArea maxLength={1000} showCount rows={4} placeholder={t.returnPlaceholder} />
      </Form.Item>
    </FormModal>
  );
}
