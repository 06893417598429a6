import { DownOutlined } from '@ant-design/icons';
import { App, Dropdown, type MenuProps, Space } from 'antd';
import { type AccountView, useEndSessions, useSetLocked } from '../../api/accounts';
import { useCan } from '../../app/session';
import { useShowError } from '../../components/formErrors';
import { LinkButton } from '../../components/LinkButton';
import { accounts, common } from '../../locales/zh-CN';

export type AccountDialog = 'grant' | 'reset' | 'edit';

interface AccountRowActionsProps {
  account: AccountView;
  onOpenDialog: (dialog: AccountDialog, account: AccountView) => void;
}

/** 授权 and 重置密码 inline, the rarer actions under 更多; each behind its permission code. */
export function AccountRowActions({ account, onOpenDialog }: AccountRowActionsProps) {
  const can = useCan();
  const setLocked = useSetLocked();
  const endSessions = useEndSessions();
  const showError = useShowError();
  const { modal, message } = App.useApp();
  const canManage = can('accounts.manage');
  const canEndSessions = can('sessions.manage');
  const isLocked = account.status === 'locked';

  const confirmLock = () =>
    modal.confirm({
      title: accounts.lockConfirm(account.displayName),
      okButtonProps: { danger: true },
      onOk: () =>
        setLocked
          .mutateAsync({ id: account.id, locked: true })
          .then(() => message.success(accounts.lockedDone))
          .catch(showError),
    });

  const unlock = () =>
    setLocked
      .mutateAsync({ id: account.id, locked: false })
      .then(() => message.success(accounts.unlockedDone))
      .catch(showError);

  const confirmEndSessions = () =>
    modal.confirm({
      title: accounts.endSessionsConfirm(account.displayName),
      okButtonProps: { danger: true },
      onOk: () =>
        endSessions
          .mutateAsync(account.id)
          .then(({ ended }) => message.success(accounts.endedSessions(ended)))
          .catch(showError),
    });

  const moreItems: MenuProps['items'] = [
    ...(canManage
      ? [
          { key: 'edit', label: accounts.edit, onClick: () => onOpenDialog('edit', account) },
          isLocked
            ? { key: 'unlock', label: accounts.unlock, onClick: unlock }
            : { key: 'lock', label: accounts.lock, danger: true, onClick: confirmLock },
        ]
      : []),
    ...(canEndSessions ? [{ key: 'end', label: accounts.endSessions, danger: true, onClick: confirmEndSessions }] : []),
  ];

  if (!canManage && moreItems.length === 0) return null;
  return (
    <Space size="small">
      {canManage && (
        <>
          <LinkButton onClick={() => onOpenDialog('grant', account)}>{accounts.grant}</LinkButton>
          <LinkButton onClick={() => onOpenDialog('reset', account)}>{accounts.resetPassword}</LinkButton>
        </>
      )}
      {moreItems.length > 0 && (
        <Dropdown menu={{ items: moreItems }} trigger={['click']}>
          <LinkButton>
            {common.more} <DownOutlined style={{ fontSize: 10 }} />
          </LinkButton>
        </Dropdown>
      )}
    </Space>
  );
}
