import { Tag } from 'antd';
import { type BatchStatus, batchStatuses, type CaseStatus, caseStatuses } from '../../../shared/schemas/assistance';

const caseColors: Record<CaseStatus, string> = {
  submitted: 'orange',
  reviewed: 'gold',
  approved: 'blue',
  in_batch: 'geekblue',
  paid: 'green',
  rejected: 'red',
  withdrawn: 'default',
};

/** A case's status: waiting steps warm, money on its way blue, paid green, rejected red. */
export function CaseStatusTag({ status }: { status: CaseStatus }) {
  return (
    <Tag color={caseColors[status]} data-testid="case-status">
      {caseStatuses[status]}
    </Tag>
  );
}

const batchColors: Record<BatchStatus, string> = {
  draft: 'orange',
  exported: 'blue',
  paid: 'green',
  cancelled: 'default',
};

/** A batch's status. */
export function BatchStatusTag({ status }: { status: BatchStatus }) {
  return (
    <Tag color={batchColors[status]} data-testid="batch-status">
      {batchStatuses[status]}
    </Tag>
  );
}
