import { Progress, Space, Tag, Typography } from 'antd';
import type { ApplicationStatus, ProgrammeStatus, ProgrammeSummary } from '../../api/recuperation';
import { applicationStatusLabels, programmeStatusLabels, recuperation as t } from '../../locales/recuperation.zh-CN';

const programmeColors: Record<ProgrammeStatus, string> = { draft: 'default', open: 'processing', closed: 'default' };
const applicationColors: Record<ApplicationStatus, string> = {
  accepted: 'blue',
  waitlisted: 'orange',
  confirmed: 'cyan',
  attended: 'green',
  absent: 'default',
  cancelled: 'default',
  rejected: 'red',
};

export function ProgrammeStatusTag({ status }: { status: ProgrammeStatus }) {
  return <Tag color={programmeColors[status]}>{programmeStatusLabels[status]}</Tag>;
}

export function ApplicationStatusTag({ status }: { status: ApplicationStatus }) {
  return (
    <Tag color={applicationColors[status]} data-testid="recup-status">
      {applicationStatusLabels[status]}
    </Tag>
  );
}

/** The eligibility rules of a programme as short labels. */
export function ruleTexts(p: Pick<ProgrammeSummary, 'frontLineOnly' | 'modelWorkerOnly' | 'recentYears'>): string[] {
  const rules: string[] = [];
  if (p.frontLineOnly) rules.push(t.frontLineOnly);
  if (p.modelWorkerOnly) rules.push(t.modelWorkerOnly);
  if (p.recentYears > 0) rules.push(t.ruleRecent(p.recentYears));
  return rules.length ? rules : [t.noRule];
}

/** Seats taken of a capacity as a bar with the figures. */
export function SeatsBar({ taken, capacity, testId }: { taken: number; capacity: number; testId?: string }) {
  const percent = capacity > 0 ? Math.round((taken / capacity) * 100) : 0;
  return (
    <Space size={8} style={{ whiteSpace: 'nowrap' }} data-testid={testId}>
      <Progress
        percent={percent}
        size="small"
        showInfo={false}
        status={taken >= capacity && capacity > 0 ? 'success' : 'normal'}
        style={{ width: 100, margin: 0 }}
      />
      <Typography.Text>{t.seatsBar(taken, capacity)}</Typography.Text>
    </Space>
  );
}
