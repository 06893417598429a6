import { App, Col, Divider, Form, Input, Modal, Row } from 'antd';
import { type CreateAccountInput, type GrantInput, useCreateAccount } from '../../api/accounts';
import { useShowError } from '../../components/formErrors';
import { OrgPicker } from '../../components/OrgPicker';
import { accounts } from '../../locales/zh-CN';
import { GrantFields } from './GrantFields';
import { PasswordField } from './PasswordField';

type CreateAccountForm = Omit<CreateAccountInput, 'grants'> & { grants: [GrantInput] };

/** New account: identity, its org, an initial password it must change, and its first role grant. */
export function CreateAccountModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<CreateAccountForm>();
  const create = useCreateAccount();
  const showError = useShowError();
  const { message } = App.useApp();

  const onFinish = async (values: CreateAccountForm) => {
    try {
      await create.mutateAsync({ ...values, mobile: values.mobile?.trim() || null });
      message.success(accounts.created);
      onClose();
    } catch (error) {
      showError(error, form);
    }
  };

  return (
    <Modal
      open
      title={accounts.create}
      width={680}
      okButtonProps={{ htmlType: 'submit', loading: create.isPending }}
      onCancel={onClose}
      destroyOnHidden
      modalRender={(dom) => (
        <Form form={form} name="createAccount" layout="vertical" onFinish={onFinish} data-testid="create-account-form">
          {dom}
        </Form>
      )}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="username"
            label={accounts.username}
            rules={[{ required: true, message: accounts.usernameRequired }]}
          >
            <Input maxLength={32} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="displayName"
            label={accounts.displayName}
            rules={[{ required: true, whitespace: true, message: accounts.displayNameRequired }]}
          >
            <Input maxLength={30} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="mobile" label={accounts.mobile}>
            <Input maxLength={13} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="orgId" label={accounts.org} rules={[{ required: true, message: accounts.orgRequired }]}>
            <OrgPicker
              onChange={(orgId) => {
                // The first grant is usually at the account's own org.
                if (orgId && !form.getFieldValue(['grants', 0, 'orgId']))
                  form.setFieldValue(['grants', 0, 'orgId'], orgId);
              }}
            />
          </Form.Item>
        </Col>
      </Row>
      <PasswordField name="initialPassword" label={accounts.initialPassword} />
      <Divider titlePlacement="start" plain>
        {accounts.firstGrant}
      </Divider>
      <GrantFields prefix={['grants', 0]} />
    </Modal>
  );
}
