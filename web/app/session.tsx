import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Result } from 'antd';
import { createContext, type ReactNode, use, useEffect } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import type { PermissionCode } from '../../shared/permissions';
import { type Me, meKey, useMe } from '../api/auth';
import { ApiError, onSessionProblem } from '../api/client';
import { FullPageSpin } from '../components/PageSkeleton';
import { common, shell } from '../locales/zh-CN';
import { Forbidden } from './StatusPages';

const SessionContext = createContext<Me | null>(null);

export const changePasswordPath = '/change-password';

/** The login page's address, remembering where to come back to. */
export function loginPath(returnTo?: string): string {
  return returnTo && returnTo !== '/' ? `/login?redirect=${encodeURIComponent(returnTo)}` : '/login';
}

/** The signed-in account; only below <RequireSession>. */
export function useSession(): Me {
  const me = use(SessionContext);
  if (!me) throw new Error('useSession() outside <RequireSession>');
  return me;
}

/** Whether the signed-in account holds a permission code: the only rule the UI applies itself. */
export function useCan(): (code: PermissionCode) => boolean {
  const { permissions } = useSession();
  return (code) => permissions.includes(code);
}

/** Renders its children only for a signed-in account; sends others to login or the forced password change. */
export function RequireSession() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <FullPageSpin />;
  if (me.error) {
    if (me.error instanceof ApiError && me.error.status === 401) {
      return <Navigate to={loginPath(location.pathname + location.search)} replace />;
    }
    return (
      <Result
        status="error"
        title={common.loadFailed}
        subTitle={me.error.message}
        extra={<Button onClick={() => me.refetch()}>{common.retry}</Button>}
      />
    );
  }
  if (me.data.account.mustChangePassword && location.pathname !== changePasswordPath) {
    return <Navigate to={changePasswordPath} replace />;
  }
  return (
    <SessionContext value={me.data}>
      <Outlet />
    </SessionContext>
  );
}

/** Shows the page only to holders of the permission code. */
export function RequirePermission({ code, children }: { code: PermissionCode; children: ReactNode }) {
  return useCan()(code) ? children : <Forbidden />;
}

/**
 * Reacts to session problems reported by any API call: an expired session goes to the login page
 * (keeping the target), a forced password change to its page.
 */
export function SessionWatcher() {
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  useEffect(
    () =>
      onSessionProblem((problem) => {
        if (problem === 'password_change_required') {
          navigate(changePasswordPath, { replace: true });
          return;
        }
        if (location.pathname === '/login') return;
        const wasSignedIn = queryClient.getQueryData(meKey) !== undefined;
        queryClient.removeQueries({ queryKey: meKey });
        if (wasSignedIn) message.warning(shell.sessionExpired);
        navigate(loginPath(location.pathname + location.search), { replace: true });
      }),
    [navigate, location, queryClient, message],
  );
  return <Outlet />;
}
