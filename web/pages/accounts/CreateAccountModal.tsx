import { Col, Divider, Form, Input, Row } from 'antd';
import { type CreateAccountInput, type GrantInput, useCreateAccount } from '../../api/accounts';
import { FormModal } from '../../components/FormModal';
import { OrgPicker } from '../../components/OrgPicker';
import { accounts } from '../../locales/zh-CN';
import { DisplayNameField } from './DisplayNameField';
import { GrantFields } from './GrantFields';
import { PasswordField } from './PasswordField';

type CreateAccountForm = Omit<CreateAccountInput, 'grants'> & { grants: [GrantInput] };

/** New account: identity, its org, an initial password it must change, and its first role grant. */
export function CreateAccountModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<CreateAccountForm>();
  const create = useCreateAccount();

  return (
    <FormModal<CreateAccountForm>
      title={accounts.create}
      name="createAccount"
      form={form}
      width={680}
      testId="create-account-form"
      submit={(values) => create.mutateAsync({ ...values, mobile: values.mobile?.trim() || null })}
      successMessage={accounts.created}
      pending={create.isPending}
      onClose={onClose}
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
          <DisplayNameField />
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
    </FormModal>
  );
}
