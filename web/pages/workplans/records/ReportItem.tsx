import { Button, Flex, Popconfirm, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { evidenceUrl, type ReportView } from '../../../api/workplans';
import { formatTime } from '../../../components/format';
import { StoredFiles } from '../../../components/StoredFiles';
import { workplanReports as t } from '../../../locales/zh-CN';
import { formatFigure } from '../progressFormat';
import { ReportStatusTag } from '../ReportStatusTag';

interface ReportItemProps {
  report: ReportView;
  /** 通过 / 退回 on a submitted report, for the lead department. */
  onAccept?: (report: ReportView) => Promise<unknown>;
  onReturn?: (report: ReportView) => void;
  /** An action of the reporting unit (e.g. 重新填报 on a returned report). */
  extra?: ReactNode;
  accepting?: boolean;
}

/** One progress report: unit, figure, narrative, evidence, review; with the review actions when allowed. */
export function ReportItem({ report, onAccept, onReturn, extra, accepting }: ReportItemProps) {
  const r = report;
  return (
    <div
      data-testid="report-item"
      style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '12px 16px', marginBottom: 12 }}
    >
      <Flex justify="space-between" align="start" gap={12}>
        <Space size={8} wrap>
          <Typography.Text strong>{r.orgName}</Typography.Text>
          <ReportStatusTag status={r.status} />
          <Typography.Text type="secondary">{r.reportDate}</Typography.Text>
        </Space>
        <Typography.Text strong style={{ fontSize: 16, whiteSpace: 'nowrap' }} data-testid="report-value">
          {r.value === null ? (
            <Typography.Text type="secondary">{t.noValue}</Typography.Text>
          ) : (
            `${formatFigure(r.value)} ${r.unit ?? ''}`
          )}
        </Typography.Text>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {r.taskNumber}. {r.taskTitle}
        {r.metric && ` · ${r.metric}`}
      </Typography.Text>
      {r.narrative && (
        <Typography.Paragraph style={{ margin: '8px 0', whiteSpace: 'pre-wrap' }}>{r.narrative}</Typography.Paragraph>
      )}
      {r.files.length > 0 && (
        <div style={{ margin: '8px 0' }}>
          <StoredFiles files={r.files} urlOf={evidenceUrl} testId="evidence" photoTestId="evidence-photo" />
        </div>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t.author}：{r.createdByName} · {t.createdAt}：{formatTime(r.createdAt)}
      </Typography.Text>
      {r.reviewerName && (
        <div
          style={{
            marginTop: 8,
            padding: '6px 10px',
            borderRadius: 6,
            background: r.status === 'returned' ? '#fff2f0' : '#f6ffed',
          }}
          data-testid="review-comment"
        >
          <Typography.Text style={{ fontSize: 13 }}>
            {t.reviewer}：{r.reviewerName}（{formatTime(r.reviewedAt)}）
            {r.reviewComment && `　${t.reviewComment}：${r.reviewComment}`}
          </Typography.Text>
        </div>
      )}
      {(extra || (r.status === 'submitted' && (onAccept || onReturn))) && (
        <Flex justify="flex-end" gap={8} style={{ marginTop: 8 }}>
          {extra}
          {r.status === 'submitted' && onReturn && (
            <Button danger size="small" onClick={() => onReturn(r)} data-testid="report-return">
              {t.return}
            </Button>
          )}
          {r.status === 'submitted' && onAccept && (
            <Popconfirm title={t.acceptConfirm} onConfirm={() => onAccept(r)}>
              <Button type="primary" size="small" loading={accepting} data-testid="report-accept">
                {t.accept}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      )}
    </div>
  );
}
