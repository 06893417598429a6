import { Button, Dialog, ErrorBlock, Image, List, NavBar, Skeleton, Space, Steps, Toast } from 'antd-mobile';
import { useNavigate, useParams } from 'react-router';
import { fenToYuanText } from '../../shared/money';
import { assistanceTypes, stepDecisions, stepKinds } from '../../shared/schemas/assistance';
import { type PortalCaseDetail, usePortalCase, useWithdrawAssistance } from '../api/assistance';
import { ApiError } from '../api/client';
import { formatTime } from '../components/format';
import { assistancePortal as t } from '../locales/assistance.zh-CN';
import { common } from '../locales/zh-CN';
import { AssistanceSteps, AssistanceTag } from './AssistanceSteps';

function Detail({ item }: { item: PortalCaseDetail }) {
  const navigate = useNavigate();
  const withdraw = useWithdrawAssistance();
  const paid = item.steps.find((s) => s.step === 'pay');
  const confirmWithdraw = async () => {
    if (!(await Dialog.confirm({ content: t.withdrawConfirm }))) return;
    try {
      await withdraw.mutateAsync(item.id);
      Toast.show({ icon: 'success', content: t.withdrawn });
      navigate('/assistance', { replace: true });
    } catch (error) {
      Toast.show({ icon: 'fail', content: error instanceof ApiError ? error.message : common.loadFailed });
    }
  };
  return (
    <div className="portal-body" style={{ marginTop: 12 }} data-testid="assistance-case">
      <div className="portal-card">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <div style={{ fontSize: 19, fontWeight: 600 }}>{assistanceTypes[item.type]}</div>
          <AssistanceTag status={item.status} />
        </div>
        <div className="join-status-line" style={{ marginTop: 6 }}>
          <div>{t.requested(fenToYuanText(item.amountRequestedFen))}</div>
          {item.amountApprovedFen !== null && (
            <div style={{ color: '#389e0d', fontWeight: 600 }}>
              {t.approvedAmount(fenToYuanText(item.amountApprovedFen))}
            </div>
          )}
          {paid && <div>{t.paidAt(formatTime(paid.at))}</div>}
          <div className="portal-muted">{t.caseNo(item.caseNo)}</div>
          {item.rejection && <div className="portal-rejection">{t.rejected(item.rejection.reason)}</div>}
        </div>
        <AssistanceSteps status={item.status} rejectedAt={item.rejection?.step ?? null} />
      </div>
      <div className="portal-card">
        <div style={{ fontWeight: 600, marginBottom: 8 }}>{t.steps}</div>
        <Steps direction="vertical" current={item.steps.length - 1} style={{ '--title-font-size': '15px' }}>
          {item.steps.map((s) => (
            <Steps.Step
              key={`${s.step}-${s.at}`}
              status={s.decision === 'reject' ? 'error' : 'finish'}
              title={`${stepKinds[s.step]} · ${stepDecisions[s.decision]}`}
              description={
                <>
                  <div>
                    {s.actorName} · {formatTime(s.at)}
                  </div>
                  {s.amountFen !== null && (
                    <div>
                      {s.step === 'apply'
                        ? t.requested(fenToYuanText(s.amountFen))
                        : t.approvedAmount(fenToYuanText(s.amountFen))}
                    </div>
                  )}
                  {s.comment && <div>{s.comment}</div>}
                </>
              }
            />
          ))}
        </Steps>
      </div>
      <List mode="card" style={{ margin: 0 }}>
        <List.Item description={<span style={{ whiteSpace: 'pre-wrap' }}>{item.reason}</span>}>{t.reason2}</List.Item>
        <List.Item extra={<span className="portal-mono">{item.accountMasked}</span>} description={item.bankName}>
          {t.bank}
        </List.Item>
        <List.Item extra={t.documentCount(item.files.length)}>{t.documents}</List.Item>
        {item.files.length > 0 && (
          <List.Item>
            <Space wrap data-testid="assistance-own-files">
              {item.files.map((f) => (
                <a key={f.id} href={`/api/portal/assistance/files/${f.id}`} target="_blank" rel="noreferrer">
                  {f.mime.startsWith('image/') ? (
                    <Image
                      src={`/api/portal/assistance/files/${f.id}`}
                      width={72}
                      height={72}
                      fit="cover"
                      alt={f.fileName}
                    />
                  ) : (
                    f.fileName
                  )}
                </a>
              ))}
            </Space>
          </List.Item>
        )}
      </List>
      {item.canWithdraw && (
        <Button block size="large" loading={withdraw.isPending} onClick={confirmWithdraw}>
          {t.withdraw}
        </Button>
      )}
    </div>
  );
}

/** One of the worker's applications: its stages, each step with the union that took it, the reason and the account. */
export function AssistanceCase() {
  const navigate = useNavigate();
  const id = Number(useParams().id) || null;
  const detail = usePortalCase(id);
  return (
    <>
      <NavBar back={common.back} onBack={() => navigate('/assistance')}>
        {t.detailTitle}
      </NavBar>
      {detail.data ? (
        <Detail item={detail.data} />
      ) : detail.error ? (
        <ErrorBlock status="default" title={common.loadFailed} description={detail.error.message} />
      ) : (
        <div className="portal-body" style={{ marginTop: 12 }}>
          <div className="portal-card">
            <Skeleton.Paragraph lineCount={6} animated />
          </div>
        </div>
      )}
    </>
  );
}
