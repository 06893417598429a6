import { Button, Form, Input, NavBar, NoticeBar, Toast } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { useChangePassword, useMe } from '../api/auth';
import { ApiError } from '../api/client';
import { passwordPolicyRule, sameAsRule } from '../components/passwords';
import { auth, common } from '../locales/zh-CN';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** The member's own password change; the only way forward while an initial password is unchanged. */
export function PortalChangePassword() {
  const [form] = Form.useForm<PasswordForm>();
  const me = useMe();
  const change = useChangePassword();
  const navigate = useNavigate();
  const forced = me.data?.account.mustChangePassword ?? false;

  const onFinish = async ({ currentPassword, newPassword }: PasswordForm) => {
    try {
      await change.mutateAsync({ currentPassword, newPassword });
      Toast.show({ icon: 'success', content: auth.passwordChanged });
      navigate('/', { replace: true });
    } catch (error) {
      Toast.show({ icon: 'fail', content: error instanceof ApiError ? error.message : common.serverUnavailable });
    }
  };

  return (
    <>
      <NavBar back={forced ? null : common.back} backIcon={!forced} onBack={() => navigate('/')}>
        {auth.changeTitle}
      </NavBar>
      {forced && <NoticeBar content={auth.mustChangeHint} color="alert" wrap />}
      <Form
        form={form}
        layout="vertical"
        requiredMarkStyle="none"
        onFinish={onFinish}
        footer={
          <Button block type="submit" color="primary" size="large" loading={change.isPending}>
            {common.submit}
          </Button>
        }
      >
        <Form.Item
          name="currentPassword"
          label={auth.currentPassword}
          rules={[{ required: true, message: auth.passwordRequired }]}
        >
          <Input type="password" autoComplete="current-password" placeholder={auth.currentPasswordPlaceholder} />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={auth.newPassword}
          description={auth.policyHint}
          rules={[passwordPolicyRule]}
        >
          <Input type="password" autoComplete="new-password" placeholder={auth.newPasswordPlaceholder} />
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
          <Input type="password" autoComplete="new-password" placeholder={auth.confirmPasswordPlaceholder} />
        </Form.Item>
      </Form>
    </>
  );
}
