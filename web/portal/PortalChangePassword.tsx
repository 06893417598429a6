import { Button, Form, Input, NavBar, NoticeBar, Toast } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { useMe } from '../api/auth';
import { ApiError } from '../api/client';
import { type PasswordChangeValues, usePasswordChange } from '../components/usePasswordChange';
import { auth, common } from '../locales/zh-CN';

/** The member's own password change; the only way forward while an initial password is unchanged. */
export function PortalChangePassword() {
  const [form] = Form.useForm<PasswordChangeValues>();
  const me = useMe();
  const navigate = useNavigate();
  const forced = me.data?.account.mustChangePassword ?? false;
  const { fields, onFinish, pending } = usePasswordChange(() => form.getFieldValue('newPassword'), {
    success: (content) => Toast.show({ icon: 'success', content }),
    failure: (error) =>
      Toast.show({ icon: 'fail', content: error instanceof ApiError ? error.message : common.serverUnavailable }),
  });

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
          <Button block type="submit" color="primary" size="large" loading={pending}>
            {common.submit}
          </Button>
        }
      >
        <Form.Item {...fields.currentPassword}>
          <Input type="password" autoComplete="current-password" placeholder={auth.currentPasswordPlaceholder} />
        </Form.Item>
        <Form.Item {...fields.newPassword} description={auth.policyHint}>
          <Input type="password" autoComplete="new-password" placeholder={auth.newPasswordPlaceholder} />
        </Form.Item>
        <Form.Item {...fields.confirmPassword}>
          <Input type="password" autoComplete="new-password" placeholder={auth.confirmPasswordPlaceholder} />
        </Form.Item>
      </Form>
    </>
  );
}
