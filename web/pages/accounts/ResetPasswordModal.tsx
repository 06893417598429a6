import { type AccountView, useResetPassword } from '../../api/accounts';
import { FormModal } from '../../components/FormModal';
import { accounts, auth } from '../../locales/zh-CN';
import { PasswordField } from './PasswordField';

/** Sets a new password the user must change at the next login. */
export function ResetPasswordModal({ account, onClose }: { account: AccountView; onClose: () => void }) {
  const reset = useResetPassword();

  return (
    <FormModal<{ password: string }>
      title={accounts.resetTitle(account.displayName)}
      name="resetPassword"
      submit={({ password }) => reset.mutateAsync({ id: account.id, password })}
      successMessage={accounts.resetDone}
      pending={reset.isPending}
      onClose={onClose}
    >
      <PasswordField name="password" label={auth.newPassword} />
    </FormModal>
  );
}
