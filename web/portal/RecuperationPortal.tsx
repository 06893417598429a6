import {
  Button,
  Checkbox,
  Dialog,
  ErrorBlock,
  Form,
  Input,
  List,
  NavBar,
  Popup,
  Skeleton,
  Tag,
  TextArea,
  Toast,
} from 'antd-mobile';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { fenToYuanText } from '../../shared/money';
import { ApiError } from '../api/client';
import {
  type ApplicationStatus,
  type ApplicationView,
  type PortalBatchView,
  usePortalApplications,
  usePortalApply,
  usePortalBatches,
  usePortalCancel,
  usePortalConfirm,
} from '../api/recuperation';
import { formatTime } from '../components/format';
import { applicationStatusLabels, channelLabels, recuperationPortal as t } from '../locales/recuperation.zh-CN';
import { common } from '../locales/zh-CN';

const tagColors: Record<ApplicationStatus, string> = {
  accepted: 'primary',
  waitlisted: 'warning',
  confirmed: 'success',
  attended: 'success',
  absent: 'default',
  cancelled: 'default',
  rejected: 'danger',
};

function StatusTag({ status }: { status: ApplicationStatus }) {
  return (
    <Tag
      color={tagColors[status]}
      fill="outline"
      style={{ fontSize: 13, padding: '3px 6px' }}
      data-testid="recup-status"
    >
      {applicationStatusLabels[status]}
    </Tag>
  );
}

/** One open batch: where, when, cost, seats left, the rules, and 我要报名 (or why not). */
function BatchCard({ batch: b, onSignUp }: { batch: PortalBatchView; onSignUp: () => void }) {
  return (
    <div className="portal-card" data-testid="recup-open-batch">
      <div className="portal-muted">{b.programmeTitle}</div>
      <div style={{ fontSize: 18, fontWeight: 600, margin: '6px 0 2px' }}>
        {b.name} · {b.destination}
      </div>
      {b.theme && <div className="portal-muted">{b.theme}</div>}
      <div className="join-status-line" style={{ marginTop: 8 }}>
        <div>{t.dates(b.startDate, b.endDate)}</div>
        <div>{t.deadline(b.signupDeadline)}</div>
        <div>{t.cost(fenToYuanText(b.costFen))}</div>
        <div data-testid="recup-seats-left" style={{ color: b.seatsLeft > 0 ? '#389e0d' : '#d46b08' }}>
          {t.seatsLeft(b.seatsLeft, b.capacity)}
        </div>
        <div>{t.owner(b.ownerName)}</div>
      </div>
      <div style={{ marginTop: 8 }}>
        <div className="portal-muted">{t.rules}</div>
        <ul style={{ margin: '4px 0 0', paddingLeft: 18, fontSize: 14, lineHeight: 1.7 }}>
          {b.rules.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </div>
      {b.blocked ? (
        <div style={{ marginTop: 10, color: '#d46b08' }} data-testid="recup-blocked">
          {b.blocked}
        </div>
      ) : (
        <Button
          block
          color="primary"
          size="large"
          style={{ marginTop: 12 }}
          onClick={onSignUp}
          data-testid="recup-sign-up"
        >
          {t.signUp}
        </Button>
      )}
    </div>
  );
}

interface SignUpValues {
  frontLine: boolean;
  honour?: string;
  note?: string;
}

/** The sign-up sheet: the declarations the programme asks for, then 提交报名. */
function SignUpSheet({ batch, onClose }: { batch: PortalBatchView; onClose: () => void }) {
  const apply = usePortalApply();
  const [form] = Form.useForm<SignUpValues>();
  const onFinish = async (v: SignUpValues) => {
    try {
      const res = await apply.mutateAsync({
        batchId: batch.id,
        frontLine: !!v.frontLine,
        honour: v.honour?.trim() || undefined,
        note: v.note?.trim() || undefined,
      });
      Toast.show({ icon: 'success', content: t.submitted(res.status) });
      onClose();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      Toast.show({ icon: 'fail', content: error.message });
    }
  };
  return (
    <Popup
      visible
      onMaskClick={onClose}
      bodyStyle={{ borderRadius: '12px 12px 0 0', maxHeight: '85vh', overflowY: 'auto' }}
    >
      <div data-testid="recup-sign-up-form">
        <div style={{ fontSize: 17, fontWeight: 600, padding: '16px 16px 0' }}>
          {t.signUpTitle(`${batch.name} · ${batch.destination}`)}
        </div>
        <Form
          form={form}
          name="recup-sign-up"
          layout="vertical"
          initialValues={{ frontLine: batch.frontLineOnly }}
          onFinish={onFinish}
          footer={
            <Button
              block
              type="submit"
              color="primary"
              size="large"
              loading={apply.isPending}
              data-testid="recup-submit"
            >
              {t.submit}
            </Button>
          }
        >
          <Form.Item name="frontLine" valuePropName="checked" description={t.frontLineHint}>
            <Checkbox>{t.frontLine}</Checkbox>
          </Form.Item>
          {batch.modelWorkerOnly && (
            <Form.Item name="honour" label={t.honour} rules={[{ required: true }]}>
              <Input placeholder={t.honourPlaceholder} maxLength={60} />
            </Form.Item>
          )}
          <Form.Item name="note" label={t.note}>
            <TextArea placeholder={t.notePlaceholder} maxLength={300} rows={2} />
          </Form.Item>
        </Form>
      </div>
    </Popup>
  );
}

/** One of the member's applications: status, waiting-list place, reason, confirm / cancel. */
function MyApplication({ item: a }: { item: ApplicationView }) {
  const cancel = usePortalCancel();
  const confirm = usePortalConfirm();
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const live = ['accepted', 'waitlisted', 'confirmed'].includes(a.status) && a.batch.startDate > today;
  const fail = (error: unknown) => {
    if (!(error instanceof ApiError)) throw error;
    Toast.show({ icon: 'fail', content: error.message });
  };
  const onCancel = async () => {
    if (!(await Dialog.confirm({ content: t.cancelConfirm }))) return;
    try {
      await cancel.mutateAsync({ id: a.id });
      Toast.show({ content: t.cancelledToast });
    } catch (error) {
      fail(error);
    }
  };
  return (
    <List.Item
      extra={<StatusTag status={a.status} />}
      description={
        <div className="join-status-line">
          <div>{t.dates(a.batch.startDate, a.batch.endDate)}</div>
          <div>
            {channelLabels[a.channel]} · {t.appliedAt(formatTime(a.appliedAt))}
          </div>
          {a.waitlistPosition && <div data-testid="recup-position">{t.position(a.waitlistPosition)}</div>}
          {a.status === 'accepted' && <div style={{ color: '#1677ff' }}>{t.acceptedHint}</div>}
          {a.reason && (a.status === 'rejected' || a.status === 'cancelled') && (
            <div className={a.status === 'rejected' ? 'portal-rejection' : undefined} data-testid="recup-reason">
              {t.reason(a.reason)}
            </div>
          )}
          {live && (
            <div style={{ display: 'flex', gap: 8, marginTop: 8 }}>
              {a.status === 'accepted' && (
                <Button
                  size="small"
                  color="primary"
                  loading={confirm.isPending}
                  onClick={() => {
                    confirm
                      .mutateAsync(a.id)
                      .then(() => Toast.show({ icon: 'success', content: t.confirmed }))
                      .catch(fail);
                  }}
                  data-testid="recup-confirm"
                >
                  {t.confirm}
                </Button>
              )}
              <Button size="small" loading={cancel.isPending} onClick={onCancel} data-testid="recup-cancel">
                {t.cancel}
              </Button>
            </div>
          )}
        </div>
      }
      data-testid="recup-my-application"
    >
      <div style={{ fontWeight: 600 }}>
        {a.batch.name} · {a.batch.destination}
      </div>
      <div className="portal-muted">{a.programmeTitle}</div>
    </List.Item>
  );
}

/** 职工疗休养 in the portal: batches the member may join, and the member's own applications and history. */
export function RecuperationPortal() {
  const navigate = useNavigate();
  const batches = usePortalBatches();
  const mine = usePortalApplications();
  const [signing, setSigning] = useState<PortalBatchView | null>(null);
  const error = batches.error ?? mine.error;
  return (
    <>
      <NavBar back={common.back} onBack={() => navigate('/')}>
        {t.title}
      </NavBar>
      {error ? (
        <ErrorBlock status="default" title={common.loadFailed} description={error.message} />
      ) : (
        <div style={{ padding: 12, display: 'flex', flexDirection: 'column', gap: 12 }}>
          <div style={{ fontSize: 16, fontWeight: 600, margin: '4px 4px 0' }}>{t.openBatches}</div>
          {!batches.data ? (
            <div className="portal-card">
              <Skeleton.Paragraph lineCount={4} animated />
            </div>
          ) : batches.data.length === 0 ? (
            <div className="portal-card portal-muted">{t.noBatches}</div>
          ) : (
            batches.data.map((b) => <BatchCard key={b.id} batch={b} onSignUp={() => setSigning(b)} />)
          )}
          <List mode="card" header={t.myApplications} data-testid="recup-my-applications" style={{ margin: 0 }}>
            {mine.data && mine.data.length === 0 && <List.Item>{t.noApplications}</List.Item>}
            {mine.data?.map((a) => (
              <MyApplication key={a.id} item={a} />
            ))}
          </List>
        </div>
      )}
      {signing && <SignUpSheet batch={signing} onClose={() => setSigning(null)} />}
    </>
  );
}
