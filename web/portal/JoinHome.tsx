import { Button, Dialog, List, Toast } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { type Me, useLogout } from '../api/auth';
import { useOwnJoins } from '../api/joins';
import { portal, shell, joinPortal as t } from '../locales/zh-CN';
import { JoinTag } from './JoinStatus';

/** The home of a signed-in worker who is not a member yet: where their application stands, or how to apply. */
export function JoinHome({ me }: { me: Me }) {
  const own = useOwnJoins();
  const logout = useLogout();
  const navigate = useNavigate();
  const latest = own.data?.[0];

  const confirmLogout = async () => {
    if (!(await Dialog.confirm({ content: portal.logoutConfirm }))) return;
    await logout.mutateAsync().catch(() => undefined);
    Toast.show({ content: shell.loggedOut });
    navigate('/login', { replace: true });
  };

  return (
    <>
      <div className="portal-hero">
        <h1 data-testid="greeting">{portal.greeting(me.account.displayName)}</h1>
        <p>{portal.greetingHint}</p>
      </div>
      <div className="portal-body">
        <div className="portal-card" data-testid="join-home">
          {latest ? (
            <>
              <div className="portal-muted">{t.myApplication}</div>
              <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', margin: '8px 0' }}>
                <span style={{ fontSize: 17, fontWeight: 600 }}>{latest.union.name}</span>
                <JoinTag status={latest.status} />
              </div>
              <Button block color="primary" size="large" onClick={() => navigate('/join/status')}>
                {latest.status === 'rejected' ? t.viewRejection : t.viewProgress}
              </Button>
            </>
          ) : (
            <>
              <div style={{ fontSize: 17, fontWeight: 600, marginBottom: 6 }}>{t.notMemberTitle}</div>
              <div className="portal-muted" style={{ marginBottom: 12 }}>
                {t.notMemberHint}
              </div>
              <Button block color="primary" size="large" onClick={() => navigate('/join')} loading={own.isPending}>
                {t.entry}
              </Button>
            </>
          )}
        </div>
        <div className="portal-card" style={{ padding: 0, overflow: 'hidden' }}>
          <List header={portal.services}>
            <List.Item onClick={() => navigate('/password')}>{shell.changePassword}</List.Item>
            <List.Item onClick={confirmLogout}>{shell.logout}</List.Item>
          </List>
        </div>
      </div>
    </>
  );
}
