import { App, Form, Input, Typography } from 'antd';
import { fenToYuanText } from '../../../shared/money';
import { assistanceTypes, maxCaseFen } from '../../../shared/schemas/assistance';
import { type CaseDetail, useApproveCase, useFunds, useReviewCase } from '../../api/assistance';
import { FormModal, notSent } from '../../components/FormModal';
import { assistanceCommon as c, assistanceCase as t } from '../../locales/assistance.zh-CN';
import { FundSelect } from './FundSelect';
import { fenOf, YuanInput, yuanRules } from './money';

/** Which decision a modal takes. */
export type Decision = 'pass' | 'reviewReject' | 'approve' | 'approveReject';

interface DecisionModalProps {
  decision: Decision;
  item: CaseDetail;
  onClose: () => void;
}

/** What the case is, above each decision's fields. */
function CaseSummary({ item }: { item: CaseDetail }) {
  return (
    <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
      {item.caseNo} · {item.memberName} · {assistanceTypes[item.type]} · {t.amountRequested}{' '}
      {fenToYuanText(item.amountRequestedFen)} {c.yuan}
    </Typography.Paragraph>
  );
}

/** The open decision on a case: 审核通过, 驳回 (review), 审批, 不予批准 (approval), each confirmed before it is sent. */
export function DecisionModal({ decision, item, onClose }: DecisionModalProps) {
  if (decision === 'approve') return <ApproveModal item={item} onClose={onClose} />;
  if (decision === 'pass') return <PassModal item={item} onClose={onClose} />;
  return <RejectModal item={item} step={decision === 'reviewReject' ? 'review' : 'approve'} onClose={onClose} />;
}

interface CommentValues {
  comment?: string;
}

function PassModal({ item, onClose }: { item: CaseDetail; onClose: () => void }) {
  const review = useReviewCase();
  const { modal } = App.useApp();
  const submit = async (values: CommentValues) => {
    const ok = await modal.confirm({ title: c.confirmTitle, content: t.reviewPassConfirm(item.memberName) });
    if (!ok) return notSent;
    return review.mutateAsync({ id: item.id, decision: 'pass', comment: values.comment?.trim() ?? '' });
  };
  return (
    <FormModal<CommentValues>
      title={t.reviewPassTitle(item.memberName)}
      name="case-pass"
      testId="case-pass"
      submit={submit}
      successMessage={t.reviewPassed}
      pending={review.isPending}
      okText={t.reviewPass}
      onClose={onClose}
    >
      <CaseSummary item={item} />
      <Form.Item name="comment" label={t.comment}>
        <Input.TextArea maxLength={500} showCount rows={3} placeholder={t.commentPlaceholder} />
      </Form.Item>
    </FormModal>
  );
}

function RejectModal({ item, step, onClose }: { item: CaseDetail; step: 'review' | 'approve'; onClose: () => void }) {
  const review = useReviewCase();
  const approve = useApproveCase();
  const submit = (values: CommentValues) => {
    const comment = values.comment?.trim() ?? '';
    return step === 'review'
      ? review.mutateAsync({ id: item.id, decision: 'reject', comment })
      : approve.mutateAsync({ id: item.id, decision: 'reject', comment });
  };
  return (
    <FormModal<CommentValues>
      title={t.rejectTitle(item.memberName)}
      name="case-reject"
      testId="case-reject"
      submit={submit}
      successMessage={t.rejected}
      pending={review.isPending || approve.isPending}
      okText={step === 'review' ? t.reviewReject : t.approveReject}
      confirm={t.rejectConfirm}
      onClose={onClose}
    >
      <CaseSummary item={item} />
      <Form.Item
        name="comment"
        label={t.rejectReason}
        rules={[{ required: true, whitespace: true, message: t.rejectReasonRequired }]}
      >
        <Input.TextArea maxLength={500} showCount rows={3} placeholder={t.rejectReasonPlaceholder} />
      </Form.Item>
    </FormModal>
  );
}

interface ApproveValues {
  fundId?: number;
  amount?: string;
  comment?: string;
}

function ApproveModal({ item, onClose }: { item: CaseDetail; onClose: () => void }) {
  const approve = useApproveCase();
  const { modal } = App.useApp();
  const [form] = Form.useForm<ApproveValues>();
  const fundId = Form.useWatch('fundId', form);
  // The same query as the fund select's, so the chosen fund's balance is at hand for the checks.
  const funds = useFunds({ orgId: item.orgId });
  const picked = funds.data?.find((f) => f.id === fundId);
  const balanceFen = picked ? Math.max(0, picked.balanceFen) : undefined;

  const submit = async (values: ApproveValues) => {
    const fen = fenOf(values.amount);
    const ok = await modal.confirm({
      title: c.confirmTitle,
      content: t.approveConfirm(fenToYuanText(fen), picked?.name ?? ''),
    });
    if (!ok) return notSent;
    return approve.mutateAsync({
      id: item.id,
      decision: 'approve',
      fundId: values.fundId,
      amountApprovedFen: fen,
      comment: values.comment?.trim() ?? '',
    });
  };

  return (
    <FormModal<ApproveValues>
      title={t.approveTitle(item.memberName)}
      name="case-approve"
      testId="case-approve"
      form={form}
      initialValues={{
        fundId: item.fundId ?? undefined,
        amount: fenToYuanText(item.amountRequestedFen, { grouping: false }),
      }}
      submit={submit}
      successMessage={t.approved}
      pending={approve.isPending}
      okText={t.approve}
      onClose={onClose}
      fieldMap={{ amountApprovedFen: 'amount' }}
    >
      <CaseSummary item={item} />
      <Form.Item name="fundId" label={c.fund} rules={[{ required: true, message: c.fundPlaceholder }]}>
        <FundSelect orgId={item.orgId} />
      </Form.Item>
      <Form.Item
        name="amount"
        label={t.approveAmount}
        extra={t.approveAmountHint(fenToYuanText(item.amountRequestedFen))}
        dependencies={['fundId']}
        rules={yuanRules({
          required: c.amountInvalid,
          maxFen: maxCaseFen,
          tooLarge: c.amountTooLarge,
          balance:
            balanceFen === undefined
              ? undefined
              : { fen: balanceFen, message: t.overBalance(fenToYuanText(balanceFen)) },
        })}
      >
        <YuanInput />
      </Form.Item>
      <Form.Item name="comment" label={t.comment}>
        <Input.TextArea maxLength={500} showCount rows={2} placeholder={t.commentPlaceholder} />
      </Form.Item>
    </FormModal>
  );
}
