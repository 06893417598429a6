import { Button, Form, Input, List, NavBar, NoticeBar, Skeleton, Tag, Toast } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { type TransferStatus, transferStatuses } from '../../shared/memberEnums';
import { ApiError } from '../api/client';
import { usePortalHome } from '../api/portal';
import { type TransferView, useOwnTransfers, useRequestTransfer } from '../api/transfers';
import { formatTime } from '../components/format';
import { common, joinPortal, transferPortal as t } from '../locales/zh-CN';
import { type ChosenUnion, JoinUnionField } from './JoinUnionField';

const tagColors: Record<TransferStatus, string> = { pending: 'warning', accepted: 'success', declined: 'danger' };

interface Values {
  union: ChosenUnion | null;
  reason: string;
}

function Details({ transfer: x }: { transfer: TransferView }) {
  return (
    <div className="join-status-line">
      <div>{t.requestedAt(formatTime(x.createdAt))}</div>
      {x.reason && <div>{x.reason}</div>}
      {x.deciderName && x.decidedAt && <div>{t.decidedBy(x.deciderName, formatTime(x.decidedAt))}</div>}
      {x.status === 'declined' && x.decisionComment && (
        <div className="portal-rejection" data-testid="transfer-comment">
          {t.declinedReason(x.decisionComment)}
        </div>
      )}
    </div>
  );
}

/** 申请转会: the member picks the union to move to; the receiving union decides; past requests below. */
export function PortalTransfer() {
  const [form] = Form.useForm<Values>();
  const home = usePortalHome();
  const own = useOwnTransfers();
  const send = useRequestTransfer();
  const navigate = useNavigate();
  const pending = own.data?.some((x) => x.status === 'pending') ?? false;

  const onFinish = async (values: Values) => {
    try {
      await send.mutateAsync({ toOrgId: values.union?.id ?? 0, reason: values.reason?.trim() || undefined });
      Toast.show({ icon: 'success', content: t.submitted });
      form.resetFields();
    } catch (error) {
      Toast.show({ icon: 'fail', content: error instanceof ApiError ? error.message : common.serverUnavailable });
    }
  };

  return (
    <>
      <NavBar back={common.back} onBack={() => navigate('/')}>
        {t.title}
      </NavBar>
      {pending && <NoticeBar content={t.pendingNotice} color="alert" wrap />}
      <div className="card-page">
        <div className="portal-card" data-testid="transfer-current">
          <div className="portal-muted">{t.current}</div>
          <div style={{ fontSize: 17, fontWeight: 600, margin: '6px 0' }}>
            {home.data?.union?.name ?? <Skeleton.Title animated />}
          </div>
          <div className="portal-muted">{t.hint}</div>
        </div>
        <div className="portal-card" style={{ padding: 0, overflow: 'hidden' }}>
          <Form
            form={form}
            layout="vertical"
            requiredMarkStyle="asterisk"
            onFinish={onFinish}
            data-testid="transfer-form"
            footer={
              <Button block type="submit" color="primary" size="large" loading={send.isPending} disabled={pending}>
                {t.submit}
              </Button>
            }
          >
            <Form.Item name="union" label={t.target} rules={[{ required: true, message: joinPortal.unionRequired }]}>
              <JoinUnionField />
            </Form.Item>
            <Form.Item name="reason" label={t.reason}>
              <Input maxLength={200} clearable placeholder={t.reasonPlaceholder} />
            </Form.Item>
          </Form>
        </div>
        {!!own.data?.length && (
          <List mode="card" header={t.requests} style={{ margin: 0 }} data-testid="my-transfers">
            {own.data.map((x) => (
              <List.Item
                key={x.id}
                extra={
                  <Tag color={tagColors[x.status]} fill="outline" style={{ fontSize: 13, padding: '3px 6px' }}>
                    {transferStatuses[x.status]}
                  </Tag>
                }
                description={<Details transfer={x} />}
              >
                <span className="portal-change-line">{t.route(x.from.name, x.to.name)}</span>
              </List.Item>
            ))}
          </List>
        )}
      </div>
    </>
  );
}
