import { Alert, App, Button, Form, Input } from 'antd';
import { Link } from 'react-router';
import { useSession } from '../../app/session';
import { useShowError } from '../../components/formErrors';
import { type PasswordChangeValues, usePasswordChange } from '../../components/usePasswordChange';
import { auth, common } from '../../locales/zh-CN';
import { AuthFrame } from './AuthFrame';

/** The caller's own password change; forced after first login or a reset by an administrator. */
export default function ChangePasswordPage() {
  const { account } = useSession();
  const [form] = Form.useForm<PasswordChangeValues>();
  const showError = useShowError();
  const { message } = App.useApp();
  const { fields, onFinish, pending } = usePasswordChange(() => form.getFieldValue('newPassword'), {
    success: (text) => message.success(text),
    failure: (error) => showError(error, form),
  });

  return (
    <AuthFrame title={auth.changeTitle}>
      {account.mustChangePassword && (
        <Alert type="warning" showIcon title={auth.mustChangeHint} style={{ marginBottom: 16 }} />
      )}
      <Form form={form} name="changePassword" layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item {...fields.currentPassword}>
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item {...fields.newPassword} extra={auth.policyHint}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item {...fields.confirmPassword}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={pending}>
          {common.submit}
        </Button>
      </Form>
      {!account.mustChangePassword && (
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <Link to="/">{common.backHome}</Link>
        </div>
      )}
    </AuthFrame>
  );
}
