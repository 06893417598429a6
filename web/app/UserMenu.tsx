import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Dropdown, Space } from 'antd';
import { useNavigate } from 'react-router';
import { useLogout } from '../api/auth';
import { shell } from '../locales/zh-CN';
import { changePasswordPath, useSession } from './session';

/** The account's name and org in the top bar, with password change and logout. */
export function UserMenu() {
  const { account } = useSession();
  const logout = useLogout();
  const navigate = useNavigate();
  const { message } = App.useApp();

  const onLogout = async () => {
    // Signing out locally matters even when the server call fails (e.g. the session had expired).
    await logout.mutateAsync().catch(() => undefined);
    message.success(shell.loggedOut);
    navigate('/login', { replace: true });
  };

  return (
    <Dropdown
      menu={{
        items: [
          { key: 'password', icon: <KeyOutlined />, label: shell.changePassword },
          { type: 'divider' },
          { key: 'logout', icon: <LogoutOutlined />, label: shell.logout },
        ],
        onClick: ({ key }) => (key === 'logout' ? onLogout() : navigate(changePasswordPath)),
      }}
    >
      <Space style={{ color: '#fff', cursor: 'pointer' }} data-testid="user-menu">
        <Avatar size="small" icon={<UserOutlined />} style={{ background: 'rgba(255,255,255,0.25)' }} />
        <span>{account.displayName}</span>
        <span style={{ opacity: 0.75 }}>{account.org.name}</span>
        <DownOutlined style={{ fontSize: 10 }} />
      </Space>
    </Dropdown>
  );
}
