import { Dialog, ErrorBlock, List, Skeleton, Toast } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { useLogout, useMe } from '../api/auth';
import { ApiError } from '../api/client';
import { type PortalHome as PortalHomeData, usePortalHome } from '../api/portal';
import { assistancePortal } from '../locales/assistance.zh-CN';
import { recuperationPortal } from '../locales/recuperation.zh-CN';
import { common, memberCard, myInfo, portal, shell, transferPortal } from '../locales/zh-CN';
import { JoinHome } from './JoinHome';

function UnionCard({ union }: { union: NonNullable<PortalHomeData['union']> }) {
  const chain = union.breadcrumbs.slice(0, -1).map((b) => b.name);
  return (
    <div className="portal-card" data-testid="union-card">
      <div className="portal-muted">{portal.myUnion}</div>
      <div style={{ fontSize: 19, fontWeight: 600, margin: '6px 0 4px' }}>{union.name}</div>
      {chain.length > 0 && <div className="portal-muted">{chain.join(' / ')}</div>}
      <List
        style={{
          marginTop: 12,
          '--border-top': 'none',
          '--border-bottom': 'none',
          '--padding-left': '0',
          '--padding-right': '0',
        }}
      >
        {union.address && <List.Item extra={union.address}>{portal.address}</List.Item>}
        {union.contactName && <List.Item extra={union.contactName}>{portal.contact}</List.Item>}
        {union.contactPhone && (
          <List.Item extra={<a href={`tel:${union.contactPhone}`}>{union.contactPhone}</a>}>{portal.phone}</List.Item>
        )}
      </List>
    </div>
  );
}

/**
 * The portal's home: a worker who holds no role yet (registered, not yet a member) sees where their
 * join application stands; a member sees the member home.
 */
export function PortalHome() {
  const me = useMe();
  if (me.data && me.data.permissions.length === 0) return <JoinHome me={me.data} />;
  return <MemberHome />;
}

/** The member's home: greeting, their union card, and the services that exist today. */
function MemberHome() {
  const home = usePortalHome();
  const logout = useLogout();
  const navigate = useNavigate();

  const confirmLogout = async () => {
    if (!(await Dialog.confirm({ content: portal.logoutConfirm }))) return;
    await logout.mutateAsync().catch(() => undefined);
    Toast.show({ content: shell.loggedOut });
    navigate('/login', { replace: true });
  };

  if (home.error) {
    const noAccess = home.error instanceof ApiError && home.error.code === 'auth/forbidden';
    return (
      <ErrorBlock
        status="default"
        fullPage
        title={noAccess ? portal.noPortalAccess : common.loadFailed}
        description={noAccess ? <a href="/">{portal.openAdmin}</a> : home.error.message}
      />
    );
  }

  return (
    <>
      <div className="portal-hero">
        <h1 data-testid="greeting">{home.data ? portal.greeting(home.data.displayName) : common.loading}</h1>
        <p>{portal.greetingHint}</p>
      </div>
      <div className="portal-body">
        {!home.data ? (
          <div className="portal-card">
            <Skeleton.Title animated />
            <Skeleton.Paragraph lineCount={3} animated />
          </div>
        ) : home.data.union ? (
          <UnionCard union={home.data.union} />
        ) : (
          <div className="portal-card portal-muted">{portal.noUnion}</div>
        )}
        <div className="portal-card" style={{ padding: 0, overflow: 'hidden' }}>
          <List header={portal.services}>
            <List.Item onClick={() => navigate('/card')}>{memberCard.entry}</List.Item>
            <List.Item onClick={() => navigate('/me')}>{myInfo.entry}</List.Item>
            <List.Item onClick={() => navigate('/transfer')}>{transferPortal.entry}</List.Item>
            <List.Item onClick={() => navigate('/assistance/apply')}>{assistancePortal.entry}</List.Item>
            <List.Item onClick={() => navigate('/assistance')}>{assistancePortal.mine}</List.Item>
            <List.Item onClick={() => navigate('/recuperation')} data-testid="recup-entry">
              {recuperationPortal.entry}
            </List.Item>
            <List.Item onClick={() => navigate('/password')}>{shell.changePassword}</List.Item>
            <List.Item onClick={confirmLogout}>{shell.logout}</List.Item>
          </List>
        </div>
      </div>
    </>
  );
}
