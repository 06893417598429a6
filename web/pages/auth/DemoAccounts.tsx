import { Button, Flex, Typography } from 'antd';
import { useSystemInfo } from '../../api/auth';
import { auth } from '../../locales/zh-CN';

/** The demo accounts, shown only when the server runs in demo mode; a click fills the form. */
export function DemoAccounts({ onPick }: { onPick: (account: { username: string; password: string }) => void }) {
  const info = useSystemInfo();
  if (!info.data?.demo) return null;
  const passwords = [...new Set(info.data.demoAccounts.map((a) => a.password))];
  return (
    <div style={{ marginTop: 24 }} data-testid="demo-accounts">
      <Typography.Text strong>{auth.demoAccounts}</Typography.Text>
      <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
        {auth.demoHint}
      </Typography.Text>
      {passwords.length === 1 && (
        <div style={{ fontSize: 12, marginTop: 4 }}>
          <Typography.Text type="secondary">{auth.demoPassword}</Typography.Text>
          <Typography.Text code copyable>
            {passwords[0]}
          </Typography.Text>
        </div>
      )}
      <Flex vertical gap={6} style={{ marginTop: 8 }}>
        {info.data.demoAccounts.map((account) => (
          <Button
            key={account.username}
            block
            onClick={() => onPick({ username: account.username, password: account.password })}
            style={{ justifyContent: 'space-between', height: 'auto', padding: '6px 12px' }}
          >
            <Typography.Text code>{account.username}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {account.description}
            </Typography.Text>
          </Button>
        ))}
      </Flex>
    </div>
  );
}
