import { useQueryClient } from '@tanstack/react-query';
import { Button, ErrorBlock, SpinLoading } from 'antd-mobile';
import { useEffect } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { meKey, useMe } from '../api/auth';
import { ApiError, onSessionProblem } from '../api/client';
import { common } from '../locales/zh-CN';

/** Pages below need a signed-in member; a forced password change comes first. */
export function PortalSession() {
  const me = useMe();
  const { pathname } = useLocation();
  if (me.isPending) {
    return (
      <div style={{ display: 'grid', placeItems: 'center', height: '60vh' }}>
        <SpinLoading color="primary" />
      </div>
    );
  }
  if (me.error) {
    if (me.error instanceof ApiError && me.error.status === 401) return <Navigate to="/login" replace />;
    return (
      <ErrorBlock status="default" title={common.loadFailed} description={me.error.message}>
        <Button color="primary" onClick={() => void me.refetch()}>
          {common.retry}
        </Button>
      </ErrorBlock>
    );
  }
  if (me.data.account.mustChangePassword && pathname !== '/password') return <Navigate to="/password" replace />;
  return <Outlet />;
}

/** An expired session anywhere sends the member back to the login screen. */
export function PortalSessionWatcher() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      onSessionProblem((problem) => {
        if (problem === 'password_change_required') {
          navigate('/password', { replace: true });
          return;
        }
        queryClient.removeQueries({ queryKey: meKey });
        navigate('/login', { replace: true });
      }),
    [navigate, queryClient],
  );
  return <Outlet />;
}
