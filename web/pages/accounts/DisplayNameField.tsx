import { Form, Input } from 'antd';
import { accounts } from '../../locales/zh-CN';

/** An account's name (姓名): the create and the edit form ask it the same way. */
export function DisplayNameField() {
  return (
    <Form.Item
      name="displayName"
      label={accounts.displayName}
      rules={[{ required: true, whitespace: true, message: accounts.displayNameRequired }]}
    >
      <Input maxLength={30} />
    </Form.Item>
  );
}
