import {
  Alert,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Result,
  Skeleton,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { fenToYuanText } from '../../../shared/money';
import {
  assistanceTypes,
  channels,
  type StepDecision,
  stepDecisions,
  stepKinds,
} from '../../../shared/schemas/assistance';
import { type CaseDetail, caseFileUrl, type RevealCaseField, useCase, useRevealCaseField } from '../../api/assistance';
import { isNotFound } from '../../api/client';
import { useCan } from '../../app/session';
import { formatTime, orDash } from '../../components/format';
import { StoredFiles } from '../../components/StoredFiles';
import { assistanceBatches as b, assistanceCommon as c, assistanceCase as t } from '../../locales/assistance.zh-CN';
import { common } from '../../locales/zh-CN';
import { type Revealer, RevealValue } from '../members/RevealValue';
import { CaseStatusTag } from './CaseStatusTag';
import { type Decision, DecisionModal } from './DecisionModals';

const yuan = (fen: number | null) => (fen === null ? '—' : `${fenToYuanText(fen)} ${c.yuan}`);

const stepColors: Partial<Record<StepDecision, string>> = {
  reject: 'red',
  withdraw: 'gray',
  paid: 'green',
  cancel: 'gray',
};

function detailItems(item: CaseDetail, reveal: Revealer<RevealCaseField>) {
  return [
    {
      key: 'member',
      label: t.member,
      children: (
        <Space size="small">
          {item.memberName}
          {item.hardship && <Tag color="volcano">{t.hardshipYes}</Tag>}
        </Space>
      ),
    },
    { key: 'caseNo', label: c.caseNo, children: <span style={{ fontFamily: 'monospace' }}>{item.caseNo}</span> },
    {
      key: 'idNumber',
      label: t.idNumber,
      span: 2,
      children: <RevealValue memberId={item.id} field="idNumber" masked={item.idNumberMasked} via={reveal} />,
    },
    { key: 'union', label: t.union, span: 2, children: item.orgName },
    { key: 'type', label: t.type, children: assistanceTypes[item.type] },
    { key: 'period', label: t.period, children: item.period },
    { key: 'requested', label: t.amountRequested, children: <strong>{yuan(item.amountRequestedFen)}</strong> },
    {
      key: 'approved',
      label: t.amountApproved,
      children: <strong data-testid="case-approved-amount">{yuan(item.amountApprovedFen)}</strong>,
    },
    { key: 'fund', label: t.fund, span: 2, children: orDash(item.fundName) },
    ...(item.batch
      ? [
          {
            key: 'batch',
            label: t.batch,
            span: 2,
            children: <Link to={`/assistance/batches?open=${item.batch.id}`}>{item.batch.batchNo}</Link>,
          },
        ]
      : []),
    {
      key: 'reason',
      label: t.reason,
      span: 2,
      children: <span style={{ whiteSpace: 'pre-wrap' }}>{item.reason}</span>,
    },
    { key: 'bankName', label: t.bankName, children: item.bank.bankName },
    { key: 'payee', label: t.payee, children: item.bank.payeeName },
    {
      key: 'bankAccount',
      label: t.bankAccount,
      span: 2,
      children: <RevealValue memberId={item.id} field="bankAccount" masked={item.bank.accountMasked} via={reveal} />,
    },
    { key: 'channel', label: t.channel, children: channels[item.channel] },
    { key: 'createdBy', label: t.createdBy, children: item.createdByName },
    { key: 'submittedAt', label: t.submittedAt, children: formatTime(item.submittedAt) },
    { key: 'approvedAt', label: t.approvedAt, children: orDash(formatTime(item.approvedAt)) },
    ...(item.paidAt ? [{ key: 'paidAt', label: t.paidAt, span: 2, children: formatTime(item.paidAt) }] : []),
  ];
}

/** The documents: photos as thumbnails that open full size, PDFs and other files as links. */
function Documents({ files }: { files: CaseDetail['files'] }) {
  if (!files.length) return <Typography.Text type="secondary">{t.noDocuments}</Typography.Text>;
  return (
    <StoredFiles
      files={files}
      urlOf={caseFileUrl}
      thumb={{ width: 88, height: 88 }}
      testId="case-documents"
      photoTestId="case-photo"
    />
  );
}

/** Who did what and when, oldest first, with comments and approved amounts. */
function Steps({ steps }: { steps: CaseDetail['steps'] }) {
  return (
    <Timeline
      data-testid="case-steps"
      items={steps.map((s, i) => ({
        key: i,
        color: stepColors[s.decision] ?? 'blue',
        content: (
          <Space orientation="vertical" size={2}>
            <Space size="middle" wrap>
              <Typography.Text strong>
                {stepKinds[s.step]} · {stepDecisions[s.decision]}
              </Typography.Text>
              <Typography.Text type="secondary">{formatTime(s.at)}</Typography.Text>
            </Space>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {s.actorName}
              {s.orgName ? `（${s.orgName}）` : ''}
            </Typography.Text>
            {s.amountFen !== null && <Typography.Text style={{ fontSize: 13 }}>{yuan(s.amountFen)}</Typography.Text>}
            {s.comment && (
              <Typography.Text style={{ fontSize: 13, whiteSpace: 'pre-wrap' }}>{s.comment}</Typography.Text>
            )}
          </Space>
        ),
      }))}
    />
  );
}

/** The decisions the caller may take now, as the server's `can` says. */
function Actions({ item, onDecide }: { item: CaseDetail; onDecide: (d: Decision) => void }) {
  const can = useCan();
  const navigate = useNavigate();
  return (
    <Space>
      {item.can.review && (
        <>
          <Button danger onClick={() => onDecide('reviewReject')} data-testid="case-review-reject">
            {t.reviewReject}
          </Button>
          <Button type="primary" onClick={() => onDecide('pass')} data-testid="case-review-pass">
            {t.reviewPass}
          </Button>
        </>
      )}
      {item.can.approve && (
        <>
          <Button danger onClick={() => onDecide('approveReject')} data-testid="case-approve-reject">
            {t.approveReject}
          </Button>
          <Button type="primary" onClick={() => onDecide('approve')} data-testid="case-approve">
            {t.approve}
          </Button>
        </>
      )}
      {item.can.disburse && can('assistance.disburse') && (
        <Button
          onClick={() => navigate(`/assistance/batches?create=${item.fundId ?? ''}&case=${item.id}`)}
          data-testid="case-to-batch"
        >
          {b.create}
        </Button>
      )}
    </Space>
  );
}

interface CaseDrawerProps {
  caseId: number | null;
  onClose: () => void;
}

/** One case in full (audited view): member, amounts, reason, masked numbers, documents, steps and decisions. */
export function CaseDrawer({ caseId, onClose }: CaseDrawerProps) {
  const detail = useCase(caseId);
  const can = useCan();
  const item = detail.data;
  const reveal = useRevealCaseField();
  const [decision, setDecision] = useState<Decision | null>(null);
  return (
    <Drawer
      open={caseId !== null}
      onClose={onClose}
      size={760}
      title={
        <Flex gap={8} align="center">
          <span>{item ? `${item.memberName} · ${assistanceTypes[item.type]}` : t.detailTitle}</span>
          {item && <CaseStatusTag status={item.status} />}
        </Flex>
      }
      extra={item && <Actions item={item} onDecide={setDecision} />}
      destroyOnHidden
      data-testid="case-drawer"
    >
      {detail.isPending && caseId !== null && <Skeleton active paragraph={{ rows: 12 }} />}
      {detail.error && (
        <Result
          status="warning"
          title={isNotFound(detail.error) ? t.notFound : common.loadFailed}
          subTitle={isNotFound(detail.error) ? undefined : detail.error.message}
        />
      )}
      {item && (
        <Flex vertical gap={20}>
          {item.rejection && (
            <Alert
              type="error"
              showIcon
              title={t.rejectedAt(stepKinds[item.rejection.step])}
              description={<span data-testid="case-rejection">{item.rejection.reason}</span>}
            />
          )}
          <Descriptions
            bordered
            size="small"
            column={2}
            styles={{ label: { width: 110, whiteSpace: 'nowrap' } }}
            items={detailItems(item, reveal)}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12, marginTop: -12 }}>
            {can('members.reveal') ? c.auditedViewReveal : c.auditedView}
          </Typography.Text>
          <div>
            <Typography.Title level={5}>{t.documents}</Typography.Title>
            <Documents files={item.files} />
          </div>
          <div>
            <Typography.Title level={5}>{t.steps}</Typography.Title>
            {item.steps.length ? <Steps steps={item.steps} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          </div>
        </Flex>
      )}
      {item && decision && <DecisionModal decision={decision} item={item} onClose={() => setDecision(null)} />}
    </Drawer>
  );
}
