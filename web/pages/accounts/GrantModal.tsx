import { type AccountView, type GrantInput, useGrantRole } from '../../api/accounts';
import { FormModal } from '../../components/FormModal';
import { accounts } from '../../locales/zh-CN';
import { GrantFields } from './GrantFields';

/** Grants one more role at an org (and optionally a department of that org). */
export function GrantModal({ account, onClose }: { account: AccountView; onClose: () => void }) {
  const grant = useGrantRole();

  return (
    <FormModal<GrantInput>
      title={accounts.grantTitle(account.displayName)}
      name="grant"
      width={600}
      initialValues={{ orgId: account.org.id }}
      submit={(body) =>
        grant.mutateAsync({ id: account.id, body: { ...body, departmentId: body.departmentId ?? null } })
      }
      successMessage={accounts.granted}
      pending={grant.isPending}
      onClose={onClose}
    >
      <GrantFields initialOrg={account.org} />
    </FormModal>
  );
}
