import { App, Flex, Tag } from 'antd';
import { type AccountView, useRevokeGrant } from '../../api/accounts';
import { useCan } from '../../app/session';
import { useShowError } from '../../components/formErrors';
import { accounts, common } from '../../locales/zh-CN';

type Grant = AccountView['grants'][number];

function grantLabel(grant: Grant): string {
  const where = grant.department ? `${grant.org.name} · ${grant.department.name}` : grant.org.name;
  return `${grant.roleName}@${where}`;
}

/** An account's grants as role@org tags; holders of accounts.manage can revoke one after confirming. */
export function GrantTags({ account }: { account: AccountView }) {
  const can = useCan();
  const revoke = useRevokeGrant();
  const showError = useShowError();
  const { modal, message } = App.useApp();
  const canRevoke = can('accounts.manage');

  const confirmRevoke = (grant: Grant) =>
    modal.confirm({
      title: accounts.revokeConfirm(grantLabel(grant)),
      okText: common.ok,
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await revoke.mutateAsync({ id: account.id, grantId: grant.id });
          message.success(accounts.revoked);
        } catch (error) {
          showError(error);
        }
      },
    });

  if (account.grants.length === 0) return <span>—</span>;
  return (
    <Flex wrap gap={4}>
      {account.grants.map((grant) => (
        <Tag
          key={grant.id}
          color={grant.role === 'member' ? 'default' : 'blue'}
          closable={canRevoke}
          onClose={(event) => {
            // The tag must stay until the revoke is confirmed and done.
            event.preventDefault();
            confirmRevoke(grant);
          }}
          // Long union names wrap inside the cell instead of running into the next column.
          style={{ marginInlineEnd: 0, whiteSpace: 'normal', maxWidth: '100%' }}
        >
          {grantLabel(grant)}
        </Tag>
      ))}
    </Flex>
  );
}
