import { Alert, App, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { fenToYuanText, sumFen } from '../../../shared/money';
import { type BulkFailure, bulkFailures, type CaseItem, useBulkApprove, useFunds } from '../../api/assistance';
import { FormModal, notSent } from '../../components/FormModal';
import { assistanceCommon as c, assistanceBulk as t } from '../../locales/assistance.zh-CN';
import { FundSelect } from './FundSelect';

interface BulkValues {
  fundId?: number;
  comment?: string;
}

interface BulkApproveModalProps {
  cases: CaseItem[];
  onClose: () => void;
  onDone: () => void;
}

/**
 * 批量审批: the ticked reviewed cases approved at their requested amounts from one fund, after a
 * confirmation naming the count and the total. All or nothing: a 409 lists why each failing case failed.
 */
export function BulkApproveModal({ cases, onClose, onDone }: BulkApproveModalProps) {
  const bulk = useBulkApprove();
  const { modal, message } = App.useApp();
  const [form] = Form.useForm<BulkValues>();
  const fundId = Form.useWatch('fundId', form);
  const funds = useFunds();
  const fund = funds.data?.find((f) => f.id === fundId);
  const [failures, setFailures] = useState<BulkFailure[]>([]);
  const total = sumFen(cases.map((item) => item.amountRequestedFen));
  const totalText = fenToYuanText(total);
  const balance = fund ? Math.max(0, fund.balanceFen) : undefined;

  const submit = async (values: BulkValues) => {
    if (!values.fundId || !fund) return notSent;
    const ok = await modal.confirm({ title: c.confirmTitle, content: t.confirm(cases.length, totalText, fund.name) });
    if (!ok) return notSent;
    setFailures([]);
    try {
      const result = await bulk.mutateAsync({
        ids: cases.map((item) => item.id),
        fundId: values.fundId,
        comment: values.comment?.trim() ?? '',
      });
      message.success(t.done(result.approved, fenToYuanText(result.totalFen)));
      return result;
    } catch (error) {
      setFailures(bulkFailures(error));
      throw error;
    }
  };

  return (
    <FormModal<BulkValues>
      title={t.title}
      name="bulk-approve"
      testId="bulk-approve-form"
      form={form}
      width={600}
      submit={submit}
      pending={bulk.isPending}
      okText={t.ok}
      onClose={onClose}
      onDone={onDone}
    >
      <Typography.Paragraph strong data-testid="bulk-total">
        {t.summary(cases.length, totalText)}
      </Typography.Paragraph>
      <Form.Item
        name="fundId"
        label={c.fund}
        extra={t.fundHint}
        rules={[
          { required: true, message: c.fundPlaceholder },
          {
            validator: () =>
              balance !== undefined && total > balance
                ? Promise.reject(new Error(t.overBalance(fenToYuanText(balance))))
                : Promise.resolve(),
          },
        ]}
      >
        <FundSelect />
      </Form.Item>
      <Form.Item name="comment" label={t.comment}>
        <Input.TextArea maxLength={500} showCount rows={2} />
      </Form.Item>
      {failures.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={t.refused}
          data-testid="bulk-failures"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {failures.map((f) => {
                const item = cases.find((x) => x.id === f.id);
                return (
                  <li key={f.id}>
                    {f.caseNo ?? item?.caseNo ?? f.id}
                    {item ? ` ${item.memberName}` : ''}：{f.message}
                  </li>
                );
              })}
            </ul>
          }
        />
      )}
    </FormModal>
  );
}
