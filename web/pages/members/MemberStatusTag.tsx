import { Tag } from 'antd';
import { type MemberStatus, memberStatuses } from '../../../shared/memberEnums';

const colors: Record<MemberStatus, string> = {
  active: 'success',
  transferred_out: 'processing',
  left: 'default',
  deceased: 'default',
};

/** 在册 / 转出 / 退会 / 去世 as a coloured tag. */
export function MemberStatusTag({ status }: { status: MemberStatus }) {
  return (
    <Tag color={colors[status]} data-testid="member-status">
      {memberStatuses[status]}
    </Tag>
  );
}
