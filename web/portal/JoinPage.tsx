import { Button, ErrorBlock, NoticeBar, Result, Skeleton, SpinLoading } from 'antd-mobile';
import type { ReactNode } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { type Me, useMe } from '../api/auth';
import { ApiError } from '../api/client';
import { type JoinUnion, useJoinLinkUnion, useOwnJoins } from '../api/joins';
import { common, joinPortal as t } from '../locales/zh-CN';
import { JoinForm } from './JoinForm';
import { JoinRegister } from './JoinRegister';

function UnionFromLink({ union }: { union: JoinUnion }) {
  return (
    <div className="portal-card join-union-card" data-testid="link-union">
      <div className="portal-muted">{t.unionFromLink}</div>
      <h2>{union.name}</h2>
      {union.breadcrumbs.length > 0 && <div className="portal-muted">{union.breadcrumbs.join(' / ')}</div>}
    </div>
  );
}

/** A signed-in worker who is not a member: the form, or their open application if there is one. */
function Applicant({ me, union, again }: { me: Me; union: JoinUnion | null; again: number | null }) {
  const own = useOwnJoins();
  if (own.isPending) return <Skeleton.Paragraph lineCount={10} animated />;
  if (own.data?.some((j) => j.status === 'pending')) return <Navigate to="/join/status" replace />;
  const previous = again ? (own.data?.find((j) => j.id === again) ?? null) : null;
  return <JoinForm name={me.account.displayName} union={union} previous={previous} />;
}

function AlreadyMember() {
  const navigate = useNavigate();
  return (
    <Result
      status="success"
      title={t.alreadyMemberTitle}
      description={
        <>
          <div>{t.alreadyMemberHint}</div>
          <Button color="primary" size="large" style={{ marginTop: 16 }} onClick={() => navigate('/card')}>
            {t.viewCard}
          </Button>
        </>
      }
    />
  );
}

/**
 * /m/join (?union=<token> from a union's QR code, ?again=<id> to resubmit): registration for a worker
 * without an account, then the application. Reachable signed out, so it handles "not signed in" itself.
 */
export function JoinPage() {
  const [params] = useSearchParams();
  const token = params.get('union');
  const again = Number(params.get('again')) || null;
  const me = useMe();
  const link = useJoinLinkUnion(token);
  const union = link.data ?? null;
  const here = `/join${params.toString() ? `?${params.toString()}` : ''}`;

  let body: ReactNode;
  if (me.isPending) {
    body = <SpinLoading color="primary" style={{ margin: '48px auto' }} />;
  } else if (me.error) {
    body =
      me.error instanceof ApiError && me.error.status === 401 ? (
        <JoinRegister unionId={union?.id} loginPath={`/login?next=${encodeURIComponent(here)}`} />
      ) : (
        <ErrorBlock status="default" title={common.loadFailed} description={me.error.message} />
      );
  } else if (me.data.permissions.includes('portal.use')) {
    body = <AlreadyMember />;
  } else {
    body = <Applicant me={me.data} union={union} again={again} />;
  }

  return (
    <>
      <div className="portal-hero">
        <h1>{t.heroTitle}</h1>
        <p>{t.heroHint}</p>
      </div>
      <div className="portal-body">
        {union && <UnionFromLink union={union} />}
        {token && link.error && <NoticeBar content={t.linkInvalid} color="alert" wrap />}
        <div className="portal-card" style={{ padding: 0, overflow: 'hidden' }}>
          {body}
        </div>
      </div>
    </>
  );
}
