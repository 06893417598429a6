import { Checkbox, Form, Input, InputNumber } from 'antd';
import dayjs from 'dayjs';
import { type ProgrammeView, useCreateProgramme, useUpdateProgramme } from '../../api/recuperation';
import { FormModal } from '../../components/FormModal';
import { recuperation as t } from '../../locales/recuperation.zh-CN';

interface Values {
  year: number;
  title: string;
  description?: string;
  frontLineOnly: boolean;
  modelWorkerOnly: boolean;
  recentYears: number;
}

/** 新建项目 or edit one: title, year, description and the eligibility rules. */
export function ProgrammeModal({
  programme,
  onClose,
  onCreated,
}: {
  programme?: ProgrammeView;
  onClose: () => void;
  onCreated?: (id: number) => void;
}) {
  const create = useCreateProgramme();
  const update = useUpdateProgramme(programme?.id ?? 0);
  const initial: Values = programme
    ? {
        year: programme.year,
        title: programme.title,
        description: programme.description,
        frontLineOnly: programme.frontLineOnly,
        modelWorkerOnly: programme.modelWorkerOnly,
        recentYears: programme.recentYears,
      }
    : { year: dayjs().year(), title: '', frontLineOnly: true, modelWorkerOnly: false, recentYears: 0 };
  return (
    <FormModal<Values, number>
      title={programme ? programme.title : t.create}
      name="recup-programme"
      initialValues={initial}
      pending={create.isPending || update.isPending}
      successMessage={programme ? t.saved : t.created}
      submit={async (v) => {
        const body = { ...v, description: v.description ?? '' };
        if (programme) return (await update.mutateAsync(body)).id;
        return (await create.mutateAsync(body)).id;
      }}
      onClose={onClose}
      onDone={(id) => (onCreated ? onCreated(id) : onClose())}
      testId="recup-programme-form"
    >
      <Form.Item name="title" label={t.title} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={100} placeholder="如 2026年“工会在身边·健康伴我行”一线职工疗休养" />
      </Form.Item>
      <Form.Item name="year" label={t.year} rules={[{ required: true }]}>
        <InputNumber min={2000} max={2100} precision={0} />
      </Form.Item>
      <Form.Item name="description" label={t.description}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Form.Item name="frontLineOnly" valuePropName="checked" style={{ marginBottom: 4 }}>
        <Checkbox>{t.frontLineOnly}</Checkbox>
      </Form.Item>
      <Form.Item name="modelWorkerOnly" valuePropName="checked">
        <Checkbox>{t.modelWorkerOnly}</Checkbox>
      </Form.Item>
      <Form.Item name="recentYears" label={t.recentYears} extra={t.recentYearsHint}>
        <InputNumber min={0} max={10} precision={0} addonAfter={t.yearsUnit} />
      </Form.Item>
    </FormModal>
  );
}
