import { App, Form, Modal } from 'antd';
import { type AccountView, type GrantInput, useGrantRole } from '../../api/accounts';
import { useShowError } from '../../components/formErrors';
import { accounts } from '../../locales/zh-CN';
import { GrantFields } from './GrantFields';

/** Grants one more role at an org (and optionally a department of that org). */
export function GrantModal({ account, onClose }: { account: AccountView; onClose: () => void }) {
  const [form] = Form.useForm<GrantInput>();
  const grant = useGrantRole();
  const showError = useShowError();
  const { message } = App.useApp();

  const onFinish = async (body: GrantInput) => {
    try {
      await grant.mutateAsync({ id: account.id, body: { ...body, departmentId: body.departmentId ?? null } });
      message.success(accounts.granted);
      onClose();
    } catch (error) {
      showError(error, form);
    }
  };

  return (
    <Modal
      open
      title={accounts.grantTitle(account.displayName)}
      width={600}
      okButtonProps={{ htmlType: 'submit', loading: grant.isPending }}
      onCancel={onClose}
      destroyOnHidden
      modalRender={(dom) => (
        <Form form={form} name="grant" layout="vertical" onFinish={onFinish} initialValues={{ orgId: account.org.id }}>
          {dom}
        </Form>
      )}
    >
      <GrantFields initialOrg={account.org} />
    </Modal>
  );
}
