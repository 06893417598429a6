import { Button, Form, Input } from 'antd-mobile';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { type LoginInput, useLogin } from '../api/auth';
import { ApiError } from '../api/client';
import { auth, common, joinPortal } from '../locales/zh-CN';

/** Where to go after signing in: a page of this portal named by ?next= (never another site), else home. */
function nextPath(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** Member sign-in with username or mobile; an initial password leads to the change screen. */
export function PortalLogin() {
  const login = useLogin();
  const navigate = useNavigate();
  const [problem, setProblem] = useState<string | null>(null);
  const [params] = useSearchParams();

  const onFinish = async (values: LoginInput) => {
    setProblem(null);
    try {
      const me = await login.mutateAsync(values);
      navigate(me.account.mustChangePassword ? '/password' : nextPath(params.get('next')), { replace: true });
    } catch (error) {
      setProblem(error instanceof ApiError ? error.message : common.serverUnavailable);
    }
  };

  return (
    <>
      <div className="portal-hero">
        <h1>{common.portalName}</h1>
        <p>{auth.loginTitle}</p>
      </div>
      <div className="portal-body">
        <div className="portal-card" style={{ padding: 0, overflow: 'hidden' }}>
          <Form
            layout="vertical"
            requiredMarkStyle="none"
            onFinish={onFinish}
            footer={
              <>
                {problem && (
                  <div
                    role="alert"
                    style={{ color: 'var(--adm-color-danger)', marginBottom: 12 }}
                    data-testid="login-error"
                  >
                    {problem}
                  </div>
                )}
                <Button block type="submit" color="primary" size="large" loading={login.isPending}>
                  {auth.login}
                </Button>
                <p style={{ textAlign: 'center', marginBottom: 0 }}>
                  <Link to="/join">{joinPortal.noAccount}</Link>
                </p>
              </>
            }
          >
            <Form.Item
              name="username"
              label={auth.username}
              rules={[{ required: true, message: auth.usernameRequired }]}
            >
              <Input placeholder={auth.usernameRequired} autoComplete="username" clearable />
            </Form.Item>
            <Form.Item
              name="password"
              label={auth.password}
              rules={[{ required: true, message: auth.passwordRequired }]}
            >
              <Input type="password" placeholder={auth.passwordRequired} autoComplete="current-password" />
            </Form.Item>
          </Form>
        </div>
      </div>
    </>
  );
}
