import {
  AccountBookOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CarryOutOutlined,
  CoffeeOutlined,
  FileTextOutlined,
  FolderOpenOutlined,
  FormOutlined,
  FundOutlined,
  GiftOutlined,
  HeartOutlined,
  HomeOutlined,
  IdcardOutlined,
  ImportOutlined,
  PieChartOutlined,
  SwapOutlined,
  TeamOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { ReactNode } from 'react';
import type { PermissionCode } from '../../shared/permissions';
import { assistanceMenu } from '../locales/assistance.zh-CN';
import { hardship } from '../locales/hardship.zh-CN';
import { recuperation } from '../locales/recuperation.zh-CN';
import { visits } from '../locales/visits.zh-CN';
import {
  memberCorrections,
  memberImports,
  memberJoins,
  memberTransfers,
  shell,
  workplans,
  workplanTodo,
} from '../locales/zh-CN';

export interface MenuEntry {
  path: string;
  label: string;
  icon: ReactNode;
  /** The permission code that shows the entry; none means every signed-in account. */
  permission?: PermissionCode;
  /** The heading the entry sits under (entries of one group are listed together). */
  group?: MenuGroup;
}

export type MenuGroup = keyof typeof shell.menuGroups;
type ItemType = Required<MenuProps>['items'][number];

/** The left menu: the same permission codes guard the routes and the API. */
export const menuEntries: MenuEntry[] = [
  { path: '/', label: shell.menuHome, icon: <HomeOutlined /> },
  { path: '/orgs', label: shell.menuOrgs, icon: <ApartmentOutlined />, permission: 'orgs.read' },
  {
    path: '/members',
    label: shell.menuMembers,
    icon: <IdcardOutlined />,
    permission: 'members.read',
    group: 'members',
  },
  {
    path: '/members/stats',
    label: shell.menuMemberStats,
    icon: <BarChartOutlined />,
    permission: 'members.read',
    group: 'members',
  },
  {
    path: '/members/imports',
    label: memberImports.menu,
    icon: <ImportOutlined />,
    permission: 'members.manage',
    group: 'members',
  },
  {
    path: '/members/corrections',
    label: memberCorrections.menu,
    icon: <FormOutlined />,
    permission: 'members.manage',
    group: 'members',
  },
  {
    path: '/members/joins',
    label: memberJoins.menu,
    icon: <UserAddOutlined />,
    permission: 'members.manage',
    group: 'members',
  },
  {
    path: '/members/transfers',
    label: memberTransfers.menu,
    icon: <SwapOutlined />,
    permission: 'members.manage',
    group: 'members',
  },
  {
    path: '/workplans',
    label: workplans.menu,
    icon: <FileTextOutlined />,
    permission: 'workplans.read',
    group: 'work',
  },
  {
    path: '/workplans/todo',
    label: workplanTodo.menu,
    icon: <CarryOutOutlined />,
    permission: 'workplans.report',
    group: 'work',
  },
  {
    path: '/hardship',
    label: hardship.menu,
    icon: <FolderOpenOutlined />,
    permission: 'welfare.read',
    group: 'services',
  },
  {
    path: '/assistance',
    label: assistanceMenu.cases,
    icon: <HeartOutlined />,
    permission: 'welfare.read',
    group: 'services',
  },
  {
    path: '/assistance/funds',
    label: assistanceMenu.funds,
    icon: <FundOutlined />,
    permission: 'welfare.read',
    group: 'services',
  },
  {
    path: '/assistance/batches',
    label: assistanceMenu.batches,
    icon: <AccountBookOutlined />,
    permission: 'welfare.read',
    group: 'services',
  },
  {
    path: '/assistance/stats',
    label: assistanceMenu.stats,
    icon: <PieChartOutlined />,
    permission: 'welfare.read',
    group: 'services',
  },
  { path: '/visits', label: visits.menu, icon: <GiftOutlined />, permission: 'welfare.read', group: 'services' },
  {
    path: '/recuperation',
    label: recuperation.menu,
    icon: <CoffeeOutlined />,
    permission: 'welfare.read',
    group: 'services',
  },
  {
    path: '/accounts',
    label: shell.menuAccounts,
    icon: <TeamOutlined />,
    permission: 'accounts.read',
    group: 'system',
  },
  { path: '/audit', label: shell.menuAudit, icon: <AuditOutlined />, permission: 'audit.read', group: 'system' },
];

const within = (pathname: string, path: string) =>
  path === '/' ? pathname === '/' : pathname === path || pathname.startsWith(`${path}/`);

/** The menu entry of a location (the longest matching path), for the selected menu item and the breadcrumb. */
export function entryOf(pathname: string): MenuEntry | undefined {
  return menuEntries
    .filter((e) => within(pathname, e.path))
    .reduce<MenuEntry | undefined>((best, e) => (!best || e.path.length > best.path.length ? e : best), undefined);
}

/** The antd menu items of the permitted entries: ungrouped entries first-level, the others under their heading. */
export function menuItems(entries: MenuEntry[]): ItemType[] {
  const items: ItemType[] = [];
  let group: { key: string; children: ItemType[] } | null = null;
  for (const e of entries) {
    const item = { key: e.path, icon: e.icon, label: e.label };
    if (!e.group) {
      items.push(item);
      group = null;
    } else if (group?.key === `group:${e.group}`) {
      group.children.push(item);
    } else {
      group = { key: `group:${e.group}`, children: [item] };
      items.push({ ...group, type: 'group', label: shell.menuGroups[e.group] });
    }
  }
  return items;
}
