import { App, Checkbox, DatePicker, Empty, Form, Input, InputNumber, List, Modal, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { fenToYuanText, yuanToFen } from '../../../shared/money';
import {
  type BatchView,
  type Nominee,
  useApplications,
  useAttendance,
  useCreateBatch,
  useNominate,
  useNominees,
  useSetQuota,
  useUpdateBatch,
} from '../../api/recuperation';
import { FormModal, notSent } from '../../components/FormModal';
import { useShowError } from '../../components/formErrors';
import { OrgPicker } from '../../components/OrgPicker';
import { useDebounced } from '../../components/useDebounced';
import { recuperation as t } from '../../locales/recuperation.zh-CN';

interface BatchValues {
  name: string;
  dates: [Dayjs, Dayjs];
  signupDeadline: Dayjs;
  destination: string;
  theme?: string;
  capacity: number;
  cost: string;
}

const day = (d: Dayjs) => d.format('YYYY-MM-DD');

/** 新建批次 / 编辑批次: name, dates, deadline, destination, theme, capacity, cost in yuan (sent in fen). */
export function BatchModal({
  programmeId,
  batch,
  onClose,
}: {
  programmeId: number;
  batch?: BatchView;
  onClose: () => void;
}) {
  const create = useCreateBatch(programmeId);
  const update = useUpdateBatch();
  const [form] = Form.useForm<BatchValues>();
  const initial: Partial<BatchValues> = batch
    ? {
        name: batch.name,
        dates: [dayjs(batch.startDate), dayjs(batch.endDate)],
        signupDeadline: dayjs(batch.signupDeadline),
        destination: batch.destination,
        theme: batch.theme,
        capacity: batch.capacity,
        cost: fenToYuanText(batch.costFen, { grouping: false }),
      }
    : { capacity: 40 };
  return (
    <FormModal<BatchValues>
      title={batch ? t.editBatch : t.addBatch}
      name="recup-batch"
      form={form}
      initialValues={initial}
      pending={create.isPending || update.isPending}
      successMessage={batch ? t.saved : t.batchCreated}
      fieldMap={{ startDate: 'dates', endDate: 'dates', costFen: 'cost' }}
      submit={async (v) => {
        const costFen = yuanToFen(v.cost);
        if (costFen === null) {
          form.setFields([{ name: 'cost', errors: [t.costInvalid] }]);
          return notSent;
        }
        const body = {
          name: v.name,
          startDate: day(v.dates[0]),
          endDate: day(v.dates[1]),
          signupDeadline: day(v.signupDeadline),
          destination: v.destination,
          theme: v.theme ?? '',
          capacity: v.capacity,
          costFen,
        };
        return batch ? update.mutateAsync({ id: batch.id, ...body }) : create.mutateAsync(body);
      }}
      onClose={onClose}
      testId="recup-batch-form"
    >
      <Form.Item name="name" label={t.batchName} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={40} placeholder={t.batchNamePlaceholder} />
      </Form.Item>
      <Form.Item name="dates" label={`${t.startDate} — ${t.endDate}`} rules={[{ required: true }]}>
        <DatePicker.RangePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="signupDeadline" label={t.signupDeadline} rules={[{ required: true }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="destination" label={t.destination} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={100} placeholder={t.destinationPlaceholder} />
      </Form.Item>
      <Form.Item name="theme" label={t.theme}>
        <Input maxLength={100} placeholder={t.themePlaceholder} />
      </Form.Item>
      <Space size="large">
        <Form.Item name="capacity" label={t.capacity} rules={[{ required: true }]}>
          <InputNumber min={1} max={10000} precision={0} />
        </Form.Item>
        <Form.Item name="cost" label={t.cost} rules={[{ required: true }]}>
          <Input style={{ width: 160 }} inputMode="decimal" />
        </Form.Item>
      </Space>
    </FormModal>
  );
}

/** 分配名额: an org of the programme owner's subtree and its number of seats. */
export function QuotaModal({ batch, ownerId, onClose }: { batch: BatchView; ownerId: number; onClose: () => void }) {
  const setQuota = useSetQuota();
  return (
    <FormModal<{ orgId: number; quota: number }>
      title={`${t.setQuota} · ${batch.name}`}
      name="recup-quota"
      pending={setQuota.isPending}
      successMessage={t.quotaSaved}
      submit={(v) => setQuota.mutateAsync({ batchId: batch.id, ...v })}
      onClose={onClose}
      testId="recup-quota-form"
    >
      <Form.Item name="orgId" label={t.quotaOrg} rules={[{ required: true }]} extra={t.quotaHint}>
        <OrgPicker excludeId={ownerId} />
      </Form.Item>
      <Form.Item name="quota" label={t.quotaValue} rules={[{ required: true }]}>
        <InputNumber min={0} max={batch.capacity} precision={0} />
      </Form.Item>
    </FormModal>
  );
}

/** 推荐职工: find a member of the caller's subtree by name, declare 一线职工 / honour, nominate. */
export function NominateModal({ batch, onClose }: { batch: BatchView; onClose: () => void }) {
  const [q, setQ] = useState('');
  const query = useDebounced(q, 300);
  const nominees = useNominees(batch.id, query);
  const [chosen, setChosen] = useState<Nominee | null>(null);
  const nominate = useNominate();
  return (
    <FormModal<{ frontLine: boolean; honour?: string; note?: string }>
      title={t.nominateTitle(batch.name)}
      name="recup-nominate"
      initialValues={{ frontLine: true }}
      pending={nominate.isPending}
      successMessage={t.nominated}
      submit={async (v) => {
        if (!chosen) return notSent;
        return nominate.mutateAsync({ batchId: batch.id, memberId: chosen.id, ...v });
      }}
      onClose={onClose}
      testId="recup-nominate-form"
    >
      <Form.Item label={t.searchMember} required>
        <Input.Search
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder={t.searchMemberPlaceholder}
          allowClear
          data-testid="nominee-search"
        />
      </Form.Item>
      {query && (
        <List
          size="small"
          bordered
          style={{ maxHeight: 220, overflow: 'auto', marginBottom: 16 }}
          loading={nominees.isFetching}
          dataSource={nominees.data?.items ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
          renderItem={(m) => (
            <List.Item
              onClick={() => !m.blocked && setChosen(m)}
              style={{
                cursor: m.blocked ? 'not-allowed' : 'pointer',
                background: chosen?.id === m.id ? '#fff1f0' : undefined,
              }}
              data-testid="nominee"
            >
              <Space direction="vertical" size={0}>
                <Typography.Text strong={chosen?.id === m.id}>
                  {m.name}（{m.gender}）
                </Typography.Text>
                <Typography.Text type="secondary">{m.org.name}</Typography.Text>
              </Space>
              {m.blocked && <Typography.Text type="danger">{m.blocked}</Typography.Text>}
            </List.Item>
          )}
        />
      )}
      <Form.Item name="frontLine" valuePropName="checked">
        <Checkbox>{t.frontLineConfirm}</Checkbox>
      </Form.Item>
      <Form.Item name="honour" label={t.honour}>
        <Input maxLength={60} placeholder={t.honourPlaceholder} />
      </Form.Item>
      <Form.Item name="note" label={t.note}>
        <Input maxLength={300} />
      </Form.Item>
    </FormModal>
  );
}

/** 取消报名 / 不予通过 with a reason the worker reads. */
export function ReasonModal({
  title,
  okText,
  pending,
  onSubmit,
  onClose,
}: {
  title: string;
  okText: string;
  pending: boolean;
  onSubmit: (reason: string) => Promise<unknown>;
  onClose: () => void;
}) {
  return (
    <FormModal<{ reason: string }>
      title={title}
      name="recup-reason"
      okText={okText}
      pending={pending}
      submit={(v) => onSubmit(v.reason)}
      onClose={onClose}
      testId="recup-reason-form"
    >
      <Form.Item
        name="reason"
        label={t.reason}
        rules={[{ required: true, whitespace: true, message: t.reasonRequired }]}
      >
        <Input.TextArea rows={3} maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}

/** 登记参加情况: every confirmed (or already recorded) applicant of the batch, ticked when they went. */
export function AttendanceModal({ batch, onClose }: { batch: BatchView; onClose: () => void }) {
  const confirmed = useApplications({ batchId: batch.id, status: 'confirmed', limit: 200 });
  const attended = useApplications({ batchId: batch.id, status: 'attended', limit: 200 });
  const absent = useApplications({ batchId: batch.id, status: 'absent', limit: 200 });
  const rows = [...(confirmed.data?.items ?? []), ...(attended.data?.items ?? []), ...(absent.data?.items ?? [])];
  const [ticked, setTicked] = useState<Record<number, boolean>>({});
  const save = useAttendance();
  const showError = useShowError();
  const { message } = App.useApp();
  const isTicked = (id: number, status: string) => ticked[id] ?? status !== 'absent';
  return (
    <Modal
      open
      title={t.attendanceTitle(batch.name)}
      okText={t.attendance}
      okButtonProps={{ disabled: rows.length === 0, loading: save.isPending }}
      onCancel={onClose}
      onOk={() =>
        save
          .mutateAsync({
            batchId: batch.id,
            items: rows.map((r) => ({ applicationId: r.id, attended: isTicked(r.id, r.status) })),
          })
          .then((res) => {
            message.success(t.attendanceSaved(res.attended, res.absent));
            onClose();
          })
          .catch(showError)
      }
      data-testid="recup-attendance"
    >
      <Typography.Paragraph type="secondary">{t.attendanceHint}</Typography.Paragraph>
      {rows.length === 0 ? (
        <Empty description={t.attendanceNone} />
      ) : (
        <List
          size="small"
          style={{ maxHeight: 360, overflow: 'auto' }}
          dataSource={rows}
          renderItem={(r) => (
            <List.Item>
              <Checkbox
                checked={isTicked(r.id, r.status)}
                onChange={(e) => setTicked({ ...ticked, [r.id]: e.target.checked })}
              >
                {r.member.name}
              </Checkbox>
              <Typography.Text type="secondary">{r.org.name}</Typography.Text>
            </List.Item>
          )}
        />
      )}
    </Modal>
  );
}
