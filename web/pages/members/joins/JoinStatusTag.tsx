import { Tag } from 'antd';
import { joinStatuses, type TransferStatus, transferStatuses } from '../../../../shared/memberEnums';
import type { JoinStatus } from '../../../api/joins';

const joinColors: Record<JoinStatus, string> = { pending: 'orange', approved: 'green', rejected: 'red' };
const transferColors: Record<TransferStatus, string> = { pending: 'orange', accepted: 'green', declined: 'red' };

/** 待审核 orange, 已通过 green, 未通过 red. */
export function JoinStatusTag({ status }: { status: JoinStatus }) {
  return (
    <Tag color={joinColors[status]} data-testid="join-status">
      {joinStatuses[status]}
    </Tag>
  );
}

/** 待确认 orange, 已转入 green, 未同意 red. */
export function TransferStatusTag({ status }: { status: TransferStatus }) {
  return (
    <Tag color={transferColors[status]} data-testid="transfer-status">
      {transferStatuses[status]}
    </Tag>
  );
}
