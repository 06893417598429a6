import { Button, Form, Input } from 'antd';
import { generatePassword, passwordPolicyRule } from '../../components/passwords';
import { accounts, auth } from '../../locales/zh-CN';

/**
 * A password set by an administrator for someone else (initial or reset): shown in clear so it can
 * be passed on, with the policy hint and a generator. The user must change it at first login.
 */
export function PasswordField({ name, label }: { name: string; label: string }) {
  const form = Form.useFormInstance();
  return (
    <Form.Item
      name={name}
      label={label}
      required
      extra={`${auth.policyHint}；${accounts.initialPasswordHint}`}
      rules={[passwordPolicyRule]}
    >
      <Input
        autoComplete="new-password"
        style={{ fontFamily: 'monospace' }}
        suffix={
          <Button
            type="link"
            size="small"
            style={{ height: 'auto', padding: 0 }}
            onClick={() => {
              form.setFieldValue(name, generatePassword());
              void form.validateFields([name]);
            }}
          >
            {accounts.generate}
          </Button>
        }
      />
    </Form.Item>
  );
}
