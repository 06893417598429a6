import { Descriptions, Drawer, Table, type TableColumnsType, Typography } from 'antd';
import { type AccountView, type SessionView, useAccountSessions } from '../../api/accounts';
import { useCan } from '../../app/session';
import { formatTime, orDash } from '../../components/format';
import { accounts } from '../../locales/zh-CN';
import { AccountStatusTags } from './AccountStatusTags';
import { GrantTags } from './GrantTags';

const sessionColumns: TableColumnsType<SessionView> = [
  { title: accounts.sessionStarted, dataIndex: 'createdAt', render: formatTime, width: 140 },
  { title: accounts.sessionLastSeen, dataIndex: 'lastSeenAt', render: formatTime, width: 140 },
  { title: accounts.sessionIp, dataIndex: 'ip', render: orDash, width: 120 },
  { title: accounts.sessionAgent, dataIndex: 'userAgent', render: orDash, ellipsis: true },
];

/** One account's details and, for holders of sessions.manage, its live sessions. */
export function AccountDrawer({ account, onClose }: { account: AccountView | null; onClose: () => void }) {
  const can = useCan();
  const sessions = useAccountSessions(account?.id ?? null, can('sessions.manage'));
  return (
    <Drawer open={account !== null} onClose={onClose} size={640} title={accounts.detailTitle} destroyOnHidden>
      {account && (
        <>
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              { key: 'username', label: accounts.username, children: account.username },
              { key: 'displayName', label: accounts.displayName, children: account.displayName },
              { key: 'mobile', label: accounts.mobile, children: orDash(account.mobile) },
              { key: 'org', label: accounts.org, children: account.org.name },
              { key: 'roles', label: accounts.roles, children: <GrantTags account={account} /> },
              { key: 'status', label: accounts.status, children: <AccountStatusTags account={account} /> },
              {
                key: 'lastLogin',
                label: accounts.lastLogin,
                children: account.lastLoginAt ? formatTime(account.lastLoginAt) : accounts.neverLoggedIn,
              },
              { key: 'createdAt', label: accounts.createdAt, children: formatTime(account.createdAt) },
            ]}
          />
          {can('sessions.manage') && (
            <>
              <Typography.Title level={5} style={{ marginTop: 24 }}>
                {accounts.sessionList}
              </Typography.Title>
              <Table<SessionView>
                rowKey="id"
                size="small"
                columns={sessionColumns}
                dataSource={sessions.data}
                loading={sessions.isPending}
                pagination={false}
                locale={{ emptyText: accounts.noSessions }}
              />
            </>
          )}
        </>
      )}
    </Drawer>
  );
}
