import { Steps, Tag } from 'antd-mobile';
import { type CaseStatus, caseStatuses, type StepKind } from '../../shared/schemas/assistance';
import { assistancePortal as t } from '../locales/assistance.zh-CN';

type StageStatus = 'wait' | 'process' | 'finish' | 'error';

const stages = [t.stepApply, t.stepReview, t.stepApprove, t.stepPay];

/** Where a case stands on the four stages a worker knows: applied, union review, county approval, paid. */
function stageStatuses(status: CaseStatus, rejectedAt: StepKind | null): StageStatus[] {
  switch (status) {
    case 'submitted':
      return ['finish', 'process', 'wait', 'wait'];
    case 'reviewed':
      return ['finish', 'finish', 'process', 'wait'];
    case 'approved':
    case 'in_batch':
      return ['finish', 'finish', 'finish', 'process'];
    case 'paid':
      return ['finish', 'finish', 'finish', 'finish'];
    case 'rejected':
      return rejectedAt === 'approve' ? ['finish', 'finish', 'error', 'wait'] : ['finish', 'error', 'wait', 'wait'];
    case 'withdrawn':
      return ['finish', 'wait', 'wait', 'wait'];
  }
}

/** The case's progress as horizontal steps, the current one marked, a rejection in red. */
export function AssistanceSteps({
  status,
  rejectedAt,
  descriptions = [],
}: {
  status: CaseStatus;
  rejectedAt: StepKind | null;
  descriptions?: (string | undefined)[];
}) {
  const statuses = stageStatuses(status, rejectedAt);
  const current = Math.max(
    0,
    statuses.findIndex((s) => s === 'process' || s === 'error'),
  );
  return (
    <Steps
      current={statuses.every((s) => s === 'finish') ? 3 : current}
      style={{ '--title-font-size': '13px', '--description-font-size': '11px', padding: '8px 0 0' }}
      data-testid="assistance-steps"
    >
      {stages.map((title, i) => (
        <Steps.Step key={title} title={title} status={statuses[i]} description={descriptions[i]} />
      ))}
    </Steps>
  );
}

const tagColors: Record<CaseStatus, string> = {
  submitted: 'warning',
  reviewed: 'warning',
  approved: 'primary',
  in_batch: 'primary',
  paid: 'success',
  rejected: 'danger',
  withdrawn: 'default',
};

/** The case's status in words, coloured as the steps are. */
export function AssistanceTag({ status }: { status: CaseStatus }) {
  return (
    <Tag
      color={tagColors[status]}
      fill="outline"
      style={{ fontSize: 13, padding: '3px 6px' }}
      data-testid="assistance-status"
    >
      {caseStatuses[status]}
    </Tag>
  );
}
