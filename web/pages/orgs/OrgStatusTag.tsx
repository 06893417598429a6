import { Tag } from 'antd';
import { type OrgStatus, orgStatuses } from '../../../shared/enums';

const colors: Record<OrgStatus, string> = { active: 'success', merged: 'warning', dissolved: 'default' };

/** 正常 / 已合并 / 已撤销 as a coloured tag. */
export function OrgStatusTag({ status }: { status: OrgStatus }) {
  return <Tag color={colors[status]}>{orgStatuses[status]}</Tag>;
}
