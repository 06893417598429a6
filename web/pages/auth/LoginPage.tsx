import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { type LoginInput, useLogin } from '../../api/auth';
import { ApiError } from '../../api/client';
import { changePasswordPath } from '../../app/session';
import { auth, common } from '../../locales/zh-CN';
import { AuthFrame } from './AuthFrame';
import { DemoAccounts } from './DemoAccounts';

/** Only paths inside this app may be returned to: never another site. */
function safeReturnPath(raw: string | null): string {
  return raw?.startsWith('/') && !raw.startsWith('//') ? raw : '/';
}

/** Sign-in with username or mobile and password; lists the demo accounts in demo mode. */
export default function LoginPage() {
  const [form] = Form.useForm<LoginInput>();
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [problem, setProblem] = useState<string | null>(null);

  const onFinish = async (values: LoginInput) => {
    setProblem(null);
    try {
      const me = await login.mutateAsync(values);
      const target = me.account.mustChangePassword ? changePasswordPath : safeReturnPath(params.get('redirect'));
      navigate(target, { replace: true });
    } catch (error) {
      setProblem(error instanceof ApiError ? error.message : common.serverUnavailable);
    }
  };

  return (
    <AuthFrame title={auth.loginTitle}>
      {problem && (
        <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} data-testid="login-error" />
      )}
      <Form form={form} name="login" layout="vertical" size="large" onFinish={onFinish} requiredMark={false}>
        <Form.Item name="username" label={auth.username} rules={[{ required: true, message: auth.usernameRequired }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item name="password" label={auth.password} rules={[{ required: true, message: auth.passwordRequired }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={login.isPending}>
          {auth.login}
        </Button>
      </Form>
      <DemoAccounts onPick={(account) => form.setFieldsValue(account)} />
    </AuthFrame>
  );
}
