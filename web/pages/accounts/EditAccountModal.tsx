import { Form, Input } from 'antd';
import { type AccountView, type UpdateAccountInput, useUpdateAccount } from '../../api/accounts';
import { FormModal } from '../../components/FormModal';
import { accounts, common } from '../../locales/zh-CN';
import { DisplayNameField } from './DisplayNameField';

/** Edits the name and mobile of an account (the mobile is shown masked, so it starts empty). */
export function EditAccountModal({ account, onClose }: { account: AccountView; onClose: () => void }) {
  const update = useUpdateAccount();

  const submit = (values: UpdateAccountInput) => {
    // An untouched mobile field keeps the stored number; the API only sees what changed.
    const body: UpdateAccountInput = { displayName: values.displayName };
    if (values.mobile?.trim()) body.mobile = values.mobile.trim();
    return update.mutateAsync({ id: account.id, body });
  };

  return (
    <FormModal<UpdateAccountInput>
      title={accounts.editTitle(account.displayName)}
      name="editAccount"
      initialValues={{ displayName: account.displayName }}
      submit={submit}
      successMessage={common.saved}
      pending={update.isPending}
      onClose={onClose}
    >
      <DisplayNameField />
      <Form.Item name="mobile" label={accounts.mobile} extra={account.mobile ? accounts.mobileKeep : undefined}>
        <Input maxLength={13} placeholder={account.mobile ?? ''} />
      </Form.Item>
    </FormModal>
  );
}
