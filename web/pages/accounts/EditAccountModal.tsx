import { App, Form, Input, Modal } from 'antd';
import { type AccountView, type UpdateAccountInput, useUpdateAccount } from '../../api/accounts';
import { useShowError } from '../../components/formErrors';
import { accounts, common } from '../../locales/zh-CN';

/** Edits the name and mobile of an account (the mobile is shown masked, so it starts empty). */
export function EditAccountModal({ account, onClose }: { account: AccountView; onClose: () => void }) {
  const [form] = Form.useForm<UpdateAccountInput>();
  const update = useUpdateAccount();
  const showError = useShowError();
  const { message } = App.useApp();

  const onFinish = async (values: UpdateAccountInput) => {
    // An untouched mobile field keeps the stored number; the API only sees what changed.
    const body: UpdateAccountInput = { displayName: values.displayName };
    if (values.mobile?.trim()) body.mobile = values.mobile.trim();
    try {
      await update.mutateAsync({ id: account.id, body });
      message.success(common.saved);
      onClose();
    } catch (error) {
      showError(error, form);
    }
  };

  return (
    <Modal
      open
      title={accounts.editTitle(account.displayName)}
      okButtonProps={{ htmlType: 'submit', loading: update.isPending }}
      onCancel={onClose}
      destroyOnHidden
      modalRender={(dom) => (
        <Form
          form={form}
          name="editAccount"
          layout="vertical"
          onFinish={onFinish}
          initialValues={{ displayName: account.displayName }}
        >
          {dom}
        </Form>
      )}
    >
      <Form.Item
        name="displayName"
        label={accounts.displayName}
        rules={[{ required: true, whitespace: true, message: accounts.displayNameRequired }]}
      >
        <Input maxLength={30} />
      </Form.Item>
      <Form.Item name="mobile" label={accounts.mobile} extra={account.mobile ? accounts.mobileKeep : undefined}>
        <Input maxLength={13} placeholder={account.mobile ?? ''} />
      </Form.Item>
    </Modal>
  );
}
