import { Badge, Table, type TableColumnsType } from 'antd';
import type { AccountView } from '../../api/accounts';
import { formatTime } from '../../components/format';
import { LinkButton } from '../../components/LinkButton';
import { accounts, common } from '../../locales/zh-CN';
import { type AccountDialog, AccountRowActions } from './AccountRowActions';
import { AccountStatusTags } from './AccountStatusTags';
import { GrantTags } from './GrantTags';

interface AccountsTableProps {
  accounts: AccountView[] | undefined;
  loading: boolean;
  onOpenDetail: (account: AccountView) => void;
  onOpenDialog: (dialog: AccountDialog, account: AccountView) => void;
}

/** The accounts of one page: identity, org, role@org tags, status, last login, live sessions. */
export function AccountsTable({ accounts: rows, loading, onOpenDetail, onOpenDialog }: AccountsTableProps) {
  const columns: TableColumnsType<AccountView> = [
    {
      title: accounts.username,
      dataIndex: 'username',
      width: 120,
      render: (username: string, account) => <LinkButton onClick={() => onOpenDetail(account)}>{username}</LinkButton>,
    },
    { title: accounts.displayName, dataIndex: 'displayName', width: 100 },
    { title: accounts.org, key: 'org', width: 160, render: (_, account) => account.org.name },
    { title: accounts.roles, key: 'grants', render: (_, account) => <GrantTags account={account} /> },
    {
      title: accounts.status,
      key: 'status',
      width: 100,
      render: (_, account) => <AccountStatusTags account={account} />,
    },
    {
      title: accounts.lastLogin,
      dataIndex: 'lastLoginAt',
      width: 130,
      render: (at: string | null) => (at ? formatTime(at) : accounts.neverLoggedIn),
    },
    {
      title: accounts.sessions,
      dataIndex: 'activeSessions',
      width: 80,
      align: 'center',
      render: (n: number) => <Badge count={n} showZero color={n > 0 ? 'green' : '#d9d9d9'} />,
    },
    {
      title: common.actions,
      key: 'actions',
      width: 170,
      fixed: 'right',
      render: (_, account) => <AccountRowActions account={account} onOpenDialog={onOpenDialog} />,
    },
  ];

  return (
    <Table<AccountView>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      scroll={{ x: 1100 }}
      data-testid="accounts-table"
    />
  );
}
