import { Breadcrumb, Flex, Layout, Menu } from 'antd';
import { useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { shell } from '../locales/zh-CN';
import { BrandTitle } from './BrandTitle';
import { entryOf, menuEntries, menuItems } from './menu';
import { NotificationBell } from './NotificationBell';
import { useCan } from './session';
import { UserMenu } from './UserMenu';

/** The admin frame: brand and account in the top bar, the permitted menu on the left, breadcrumbs. */
export function AdminLayout() {
  const can = useCan();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const current = entryOf(pathname);
  const items = menuItems(menuEntries.filter((e) => !e.permission || can(e.permission)));

  return (
    <Layout style={{ flex: 1 }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
        <BrandTitle />
        <Flex align="center" gap={16}>
          <NotificationBell />
          <UserMenu />
        </Flex>
      </Layout.Header>
      <Layout>
        <Layout.Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          width={200}
          theme="light"
          style={{ borderRight: '1px solid #f0f0f0' }}
        >
          <Menu
            mode="inline"
            selectedKeys={current ? [current.path] : []}
            items={items}
            onClick={({ key }) => navigate(key)}
            style={{ borderInlineEnd: 'none', paddingTop: 8 }}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: '12px 24px 24px', minWidth: 0 }}>
          <Breadcrumb
            style={{ marginBottom: 12 }}
            items={[
              { title: <Link to="/">{shell.menuHome}</Link> },
              ...(current && current.path !== '/' ? [{ title: current.label }] : []),
            ]}
          />
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
