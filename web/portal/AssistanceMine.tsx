import { Button, Dialog, ErrorBlock, NavBar, Skeleton, Toast } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { fenToYuanText } from '../../shared/money';
import { assistanceTypes } from '../../shared/schemas/assistance';
import { type PortalCase, usePortalCases, useWithdrawAssistance } from '../api/assistance';
import { ApiError } from '../api/client';
import { formatTime } from '../components/format';
import { assistancePortal as t } from '../locales/assistance.zh-CN';
import { common } from '../locales/zh-CN';
import { AssistanceSteps, AssistanceTag } from './AssistanceSteps';

/** One application: type, amounts, status as steps, the rejection reason, and 撤回 while it is reviewed. */
function CaseCard({ item }: { item: PortalCase }) {
  const navigate = useNavigate();
  const withdraw = useWithdrawAssistance();
  const confirmWithdraw = async () => {
    if (!(await Dialog.confirm({ content: t.withdrawConfirm }))) return;
    try {
      await withdraw.mutateAsync(item.id);
      Toast.show({ icon: 'success', content: t.withdrawn });
    } catch (error) {
      Toast.show({ icon: 'fail', content: error instanceof ApiError ? error.message : common.loadFailed });
    }
  };
  return (
    <div className="portal-card" data-testid="my-assistance">
      <button
        type="button"
        onClick={() => navigate(`/assistance/${item.id}`)}
        style={{ all: 'unset', display: 'block', width: '100%', cursor: 'pointer' }}
      >
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
          <div style={{ fontSize: 17, fontWeight: 600 }}>{assistanceTypes[item.type]}</div>
          <AssistanceTag status={item.status} />
        </div>
        <div className="join-status-line" style={{ marginTop: 6 }}>
          <div>{t.requested(fenToYuanText(item.amountRequestedFen))}</div>
          {item.amountApprovedFen !== null && (
            <div style={{ color: '#389e0d', fontWeight: 600 }} data-testid="my-assistance-approved">
              {t.approvedAmount(fenToYuanText(item.amountApprovedFen))}
            </div>
          )}
          <div className="portal-muted">
            {t.caseNo(item.caseNo)} · {t.submittedAt(formatTime(item.submittedAt))}
          </div>
          {item.status === 'paid' && <div className="portal-muted">{t.paidAt(formatTime(item.updatedAt))}</div>}
          {item.rejection && (
            <div className="portal-rejection" data-testid="my-assistance-rejection">
              {t.rejected(item.rejection.reason)}
            </div>
          )}
        </div>
        <AssistanceSteps status={item.status} rejectedAt={item.rejection?.step ?? null} />
      </button>
      {item.canWithdraw && (
        <Button
          size="small"
          fill="outline"
          style={{ marginTop: 12 }}
          loading={withdraw.isPending}
          onClick={confirmWithdraw}
          data-testid="assistance-withdraw"
        >
          {t.withdraw}
        </Button>
      )}
    </div>
  );
}

/** 我的帮扶: the worker's own applications, newest first, and 申请帮扶. */
export function AssistanceMine() {
  const navigate = useNavigate();
  const cases = usePortalCases();
  let body: ReactNode = (
    <div className="portal-card">
      <Skeleton.Paragraph lineCount={5} animated />
    </div>
  );
  if (cases.error) {
    body = (
      <ErrorBlock
        status="default"
        title={
          cases.error instanceof ApiError && cases.error.code === 'members/not_linked' ? t.notLinked : common.loadFailed
        }
        description={cases.error.message}
      />
    );
  } else if (cases.data) {
    body =
      cases.data.length === 0 ? (
        <ErrorBlock status="empty" title={t.empty} description="" />
      ) : (
        cases.data.map((item) => <CaseCard key={item.id} item={item} />)
      );
  }
  return (
    <>
      <NavBar back={common.back} onBack={() => navigate('/')}>
        {t.mineTitle}
      </NavBar>
      <div className="portal-body" style={{ marginTop: 12 }} data-testid="my-assistance-list">
        {body}
        <Button
          block
          color="primary"
          size="large"
          onClick={() => navigate('/assistance/apply')}
          data-testid="assistance-apply-now"
        >
          {t.applyNow}
        </Button>
      </div>
    </>
  );
}
