import { Space, Tag } from 'antd';
import dayjs from 'dayjs';
import { accountStatuses } from '../../../shared/enums';
import type { AccountView } from '../../api/accounts';
import { accounts } from '../../locales/zh-CN';

/** 正常 / 已锁定 / 临时锁定至 …, plus 待改密 while the initial password is unchanged. */
export function AccountStatusTags({ account }: { account: AccountView }) {
  return (
    <Space size={4} wrap>
      {account.status === 'locked' ? (
        <Tag color="error">{accountStatuses.locked}</Tag>
      ) : account.lockedUntil ? (
        <Tag color="warning">{accounts.lockedUntil(dayjs(account.lockedUntil).format('MM-DD HH:mm'))}</Tag>
      ) : (
        <Tag color="success">{accountStatuses.active}</Tag>
      )}
      {account.mustChangePassword && <Tag color="gold">{accounts.mustChange}</Tag>}
    </Space>
  );
}
