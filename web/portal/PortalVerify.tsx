import { Button, Result } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '../api/client';
import { type CardVerification, useCardVerification } from '../api/portal';
import { formatTimeExact } from '../components/format';
import { common, memberCard } from '../locales/zh-CN';
import './card.css';

function Verdict({ check, checkedAt }: { check: CardVerification; checkedAt: number }) {
  return (
    <>
      <Result
        status={check.valid ? 'success' : 'error'}
        title={check.valid ? memberCard.valid : memberCard.invalid}
        description={check.reason}
        className="verify-result"
      />
      {check.name && (
        <dl className="verify-facts">
          <div>
            <dt>{memberCard.memberName}</dt>
            <dd className="verify-name" data-testid="verify-name">
              {check.name}
            </dd>
          </div>
          <div>
            <dt>{memberCard.union}</dt>
            <dd>{check.union}</dd>
          </div>
        </dl>
      )}
      <div className="portal-muted verify-time">
        {memberCard.checkedAt(formatTimeExact(new Date(checkedAt).toISOString()))}
      </div>
    </>
  );
}

/** Not valid, and no answer from the server to say more: the token is missing or was refused as input. */
function Refused({ reason }: { reason: string }) {
  return <Result status="error" title={memberCard.invalid} description={reason} className="verify-result" />;
}

/** What a service point sees after scanning a member's card: valid or not, with the masked name. No login needed. */
export function PortalVerify() {
  const [params] = useSearchParams();
  const token = params.get('token')?.trim() ?? '';
  const check = useCardVerification(token);

  let verdict: ReactNode;
  let tone: 'valid' | 'invalid' | 'pending' = 'invalid';
  if (!token) {
    verdict = <Refused reason={memberCard.noToken} />;
  } else if (check.data) {
    tone = check.data.valid ? 'valid' : 'invalid';
    verdict = <Verdict check={check.data} checkedAt={check.dataUpdatedAt} />;
  } else if (check.error) {
    const refused = check.error instanceof ApiError && check.error.status >= 400 && check.error.status < 500;
    tone = refused ? 'invalid' : 'pending';
    verdict = refused ? (
      <Refused reason={check.error.message} />
    ) : (
      <Result status="warning" title={common.loadFailed} description={check.error.message} className="verify-result" />
    );
  } else {
    tone = 'pending';
    verdict = <Result status="waiting" title={memberCard.verifying} className="verify-result" />;
  }

  return (
    <>
      <div className="portal-hero">
        <h1>{memberCard.verifyTitle}</h1>
        <p>{memberCard.verifySubtitle}</p>
      </div>
      <div className="portal-body">
        <section className={`portal-card verify-card verify-${tone}`} data-testid="verify-result">
          {verdict}
        </section>
        {token && (
          <Button block size="large" color="primary" loading={check.isFetching} onClick={() => void check.refetch()}>
            {memberCard.verifyAgain}
          </Button>
        )}
        <div className="portal-muted verify-privacy">{memberCard.privacyHint}</div>
      </div>
    </>
  );
}
