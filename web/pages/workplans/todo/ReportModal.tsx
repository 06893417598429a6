import { Alert, DatePicker, Form, Input, InputNumber, Select, Typography, type UploadFile } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReportView, type TodoItem, useSubmitReport } from '../../../api/workplans';
import { FilesUpload } from '../../../components/FilesUpload';
import { FormModal } from '../../../components/FormModal';
import { workplanReports as t } from '../../../locales/zh-CN';
import { formatFigure } from '../progressFormat';

interface ReportValues {
  targetId?: number | 'none';
  value?: number | null;
  reportDate?: Dayjs;
  narrative?: string;
  files?: UploadFile[];
}

interface ReportModalProps {
  item: TodoItem;
  /** A returned report being reported again: its reviewer's comment shows, its values fill the form. */
  again?: ReportView | null;
  onClose: () => void;
}

/** 填报进度: this time's figure for one target (or only the work done), the date, a narrative and evidence. */
export function ReportModal({ item, again, onClose }: ReportModalProps) {
  const [form] = Form.useForm<ReportValues>();
  const submitReport = useSubmitReport();
  const reportable = item.targets.filter((g) => g.reported);
  const targetId = Form.useWatch('targetId', form);
  const target = reportable.find((g) => g.targetId === targetId);
  const options = [
    ...reportable.map((g) => ({ value: g.targetId, label: `${g.metric}（${g.unit}）` })),
    { value: 'none' as const, label: t.targetNone },
  ];

  const submit = (values: ReportValues) =>
    submitReport.mutateAsync({
      taskId: item.taskId,
      orgId: item.orgId,
      targetId: typeof values.targetId === 'number' ? values.targetId : undefined,
      value: typeof values.targetId === 'number' ? (values.value ?? undefined) : undefined,
      narrative: values.narrative?.trim() ?? '',
      reportDate: (values.reportDate ?? dayjs()).format('YYYY-MM-DD'),
      files: (values.files ?? []).flatMap((f) => (f.originFileObj ? [f.originFileObj] : [])),
    });

  return (
    <FormModal<ReportValues>
      title={t.formTitle(`${item.taskNumber}. ${item.taskTitle}`)}
      name="report"
      form={form}
      width={640}
      testId="report-form"
      initialValues={{
        targetId: again?.targetId ?? reportable[0]?.targetId ?? 'none',
        value: again?.value ?? null,
        narrative: again?.narrative ?? '',
        reportDate: dayjs(),
        files: [],
      }}
      submit={submit}
      successMessage={t.submitted}
      pending={submitReport.isPending}
      okText={t.submit}
      onClose={onClose}
    >
      {again?.reviewComment && (
        <Alert type="error" showIcon message={t.returnedNote(again.reviewComment)} style={{ marginBottom: 16 }} />
      )}
      <Form.Item name="targetId" label={t.target} rules={[{ required: true, message: t.targetRequired }]}>
        <Select options={options} />
      </Form.Item>
      {target && (
        <Form.Item
          name="value"
          label={t.valueLabel(target.unit)}
          rules={[{ required: true, message: t.valueRequired }]}
          extra={t.valueHint(
            `${formatFigure(target.goal)} ${target.unit}`,
            `${formatFigure(target.actual)} ${target.unit}`,
          )}
        >
          <InputNumber min={0} max={1e12} style={{ width: 200 }} suffix={target.unit} />
        </Form.Item>
      )}
      <Form.Item name="reportDate" label={t.date} rules={[{ required: true, message: t.dateRequired }]}>
        <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} allowClear={false} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item
        name="narrative"
        label={t.narrativeLabel}
        rules={[{ required: !target, whitespace: true, message: t.narrativeRequired }]}
      >
        <Input.TextArea rows={4} maxLength={5000} showCount placeholder={t.narrativePlaceholder} />
      </Form.Item>
      <Form.Item
        name="files"
        label={t.evidenceLabel}
        valuePropName="value"
        extra={
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t.evidenceHint}
          </Typography.Text>
        }
        style={{ marginBottom: 0 }}
      >
        <FilesUpload kind="evidence" maxFiles={9} maxBytes={10 * 1024 * 1024} testId="evidence-upload" />
      </Form.Item>
    </FormModal>
  );
}
