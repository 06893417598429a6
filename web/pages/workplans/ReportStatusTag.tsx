import { Tag } from 'antd';
import { type ReportStatus, reportStatuses } from '../../../shared/schemas/workplans.reports';

const colors: Record<ReportStatus, string> = { submitted: 'orange', accepted: 'green', returned: 'red' };

/** 待审核 orange, 已采纳 green, 已退回 red. */
export function ReportStatusTag({ status }: { status: ReportStatus }) {
  return (
    <Tag color={colors[status]} data-testid="report-status">
      {reportStatuses[status]}
    </Tag>
  );
}
