import { DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { HardshipFile, ResolveInput, ReviewInput } from '../../api/hardship';
import { useResolveHardshipFile, useReviewHardshipFile } from '../../api/hardship';
import { FormModal } from '../../components/FormModal';
import { hardship as t } from '../../locales/hardship.zh-CN';
import { levelOptions, resolveReasonOptions, reviewOutcomeOptions } from './hardshipOptions';

/** Dates a review or resolution may carry: from the filing (or last review) date to today. */
function allowedDates(file: HardshipFile) {
  const earliest = file.reviews[0]?.reviewedOn ?? file.filedOn;
  return (d: Dayjs) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs(earliest), 'day');
}

interface ReviewValues {
  reviewedOn: Dayjs;
  outcome: ReviewInput['outcome'];
  level?: ReviewInput['level'];
  reason?: ReviewInput['reason'];
  reasonNote?: string;
  comment: string;
}

/** 年度复核: keep the level, change it, or resolve (confirmed before it is sent). */
export function ReviewModal({ file, onClose }: { file: HardshipFile; onClose: () => void }) {
  const r = t.review;
  const review = useReviewHardshipFile();
  const [form] = Form.useForm<ReviewValues>();
  const outcome = Form.useWatch('outcome', form);
  return (
    <FormModal<ReviewValues>
      title={r.title}
      name="hardshipReview"
      form={form}
      initialValues={{ reviewedOn: dayjs(), outcome: 'keep' }}
      submit={(v) =>
        review.mutateAsync({
          id: file.id,
          body: {
            reviewedOn: v.reviewedOn.format('YYYY-MM-DD'),
            outcome: v.outcome,
            comment: v.comment,
            ...(v.outcome === 'change_level' ? { level: v.level } : {}),
            ...(v.outcome === 'resolve' ? { reason: v.reason, reasonNote: v.reasonNote || undefined } : {}),
          },
        })
      }
      successMessage={r.saved}
      pending={review.isPending}
      onClose={onClose}
      okText={r.title}
      confirm={outcome === 'resolve' ? r.confirmResolve : undefined}
      testId="hardship-review-form"
    >
      <Form.Item name="reviewedOn" label={r.reviewedOn} rules={[{ required: true }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={allowedDates(file)} />
      </Form.Item>
      <Form.Item name="outcome" label={r.outcome} rules={[{ required: true }]}>
        <Select options={reviewOutcomeOptions} data-testid="review-outcome" />
      </Form.Item>
      {outcome === 'change_level' && (
        <Form.Item name="level" label={r.newLevel} rules={[{ required: true }]}>
          <Select options={levelOptions.filter((o) => o.value !== file.level)} />
        </Form.Item>
      )}
      {outcome === 'resolve' && (
        <Form.Item name="reason" label={r.reason} rules={[{ required: true }]}>
          <Select options={resolveReasonOptions} />
        </Form.Item>
      )}
      {outcome === 'resolve' && (
        <Form.Item name="reasonNote" label={r.reasonNote}>
          <Input maxLength={200} />
        </Form.Item>
      )}
      <Form.Item name="comment" label={r.comment} rules={[{ required: true, message: r.commentPlaceholder }]}>
        <Input.TextArea rows={3} maxLength={500} placeholder={r.commentPlaceholder} data-testid="review-comment" />
      </Form.Item>
    </FormModal>
  );
}

interface ResolveValues {
  resolvedOn: Dayjs;
  reason: ResolveInput['reason'];
  reasonNote?: string;
}

/** 解困脱困: date and reason, confirmed before it is sent. */
export function ResolveModal({ file, onClose }: { file: HardshipFile; onClose: () => void }) {
  const r = t.resolve;
  const resolve = useResolveHardshipFile();
  const [form] = Form.useForm<ResolveValues>();
  const reason = Form.useWatch('reason', form);
  return (
    <FormModal<ResolveValues>
      title={r.title}
      name="hardshipResolve"
      form={form}
      initialValues={{ resolvedOn: dayjs() }}
      submit={(v) =>
        resolve.mutateAsync({
          id: file.id,
          body: {
            resolvedOn: v.resolvedOn.format('YYYY-MM-DD'),
            reason: v.reason,
            reasonNote: v.reasonNote || undefined,
          },
        })
      }
      successMessage={r.saved}
      pending={resolve.isPending}
      onClose={onClose}
      okText={r.title}
      confirm={r.confirm}
      testId="hardship-resolve-form"
    >
      <Form.Item name="resolvedOn" label={r.resolvedOn} rules={[{ required: true }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={allowedDates(file)} />
      </Form.Item>
      <Form.Item name="reason" label={r.reason} rules={[{ required: true }]}>
        <Select options={resolveReasonOptions} />
      </Form.Item>
      <Form.Item
        name="reasonNote"
        label={r.reasonNote}
        rules={[{ required: reason === 'other', message: r.reasonNote }]}
      >
        <Input maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}
