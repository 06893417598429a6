import { App, Form, Modal } from 'antd';
import { type AccountView, useResetPassword } from '../../api/accounts';
import { useShowError } from '../../components/formErrors';
import { accounts, auth } from '../../locales/zh-CN';
import { PasswordField } from './PasswordField';

/** Sets a new password the user must change at the next login. */
export function ResetPasswordModal({ account, onClose }: { account: AccountView; onClose: () => void }) {
  const [form] = Form.useForm<{ password: string }>();
  const reset = useResetPassword();
  const showError = useShowError();
  const { message } = App.useApp();

  const onFinish = async ({ password }: { password: string }) => {
    try {
      await reset.mutateAsync({ id: account.id, password });
      message.success(accounts.resetDone);
      onClose();
    } catch (error) {
      showError(error, form);
    }
  };

  return (
    <Modal
      open
      title={accounts.resetTitle(account.displayName)}
      okButtonProps={{ htmlType: 'submit', loading: reset.isPending }}
      onCancel={onClose}
      destroyOnHidden
      modalRender={(dom) => (
        <Form form={form} name="resetPassword" layout="vertical" onFinish={onFinish}>
          {dom}
        </Form>
      )}
    >
      <PasswordField name="password" label={auth.newPassword} />
    </Modal>
  );
}
