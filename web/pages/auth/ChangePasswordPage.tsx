import { Alert, App, Button, Form, Input } from 'antd';
import { Link, useNavigate } from 'react-router';
import { type ChangePasswordInput, useChangePassword } from '../../api/auth';
import { useSession } from '../../app/session';
import { useShowError } from '../../components/formErrors';
import { passwordPolicyRule, sameAsRule } from '../../components/passwords';
import { auth, common } from '../../locales/zh-CN';
import { AuthFrame } from './AuthFrame';

type ChangePasswordForm = ChangePasswordInput & { confirmPassword: string };

/** The caller's own password change; forced after first login or a reset by an administrator. */
export default function ChangePasswordPage() {
  const { account } = useSession();
  const [form] = Form.useForm<ChangePasswordForm>();
  const change = useChangePassword();
  const navigate = useNavigate();
  const showError = useShowError();
  const { message } = App.useApp();

  const onFinish = async ({ currentPassword, newPassword }: ChangePasswordForm) => {
    try {
      await change.mutateAsync({ currentPassword, newPassword });
      message.success(auth.passwordChanged);
      navigate('/', { replace: true });
    } catch (error) {
      showError(error, form);
    }
  };

  return (
    <AuthFrame title={auth.changeTitle}>
      {account.mustChangePassword && (
        <Alert type="warning" showIcon title={auth.mustChangeHint} style={{ marginBottom: 16 }} />
      )}
      <Form form={form} name="changePassword" layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item
          name="currentPassword"
          label={auth.currentPassword}
          rules={[{ required: true, message: auth.passwordRequired }]}
        >
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item name="newPassword" label={auth.newPassword} extra={auth.policyHint} rules={[passwordPolicyRule]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={auth.confirmPassword}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: auth.confirmRequired },
            sameAsRule(() => form.getFieldValue('newPassword')),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={change.isPending}>
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
