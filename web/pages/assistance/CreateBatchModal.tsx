import { Alert, App, Empty, Flex, Form, Skeleton, Table, Typography } from 'antd';
import { useState } from 'react';
import { fenToYuanText, sumFen } from '../../../shared/money';
import { assistanceTypes } from '../../../shared/schemas/assistance';
import { type BatchItem, type CaseItem, useCases, useCreateBatch } from '../../api/assistance';
import { FormModal, notSent } from '../../components/FormModal';
import { assistanceCommon as c, assistanceBatches as t } from '../../locales/assistance.zh-CN';
import { FundSelect } from './FundSelect';
import { Yuan } from './money';

const pageSize = 200;

interface CreateBatchModalProps {
  /** A fund and cases to start with (from a case's 新建发放批次). */
  initialFundId?: number;
  initialCaseIds?: number[];
  onClose: () => void;
  onCreated: (batch: BatchItem) => void;
}

/**
 * 新建发放批次: the approved (待发放) cases of one fund, ticked to go into the batch, with the count and
 * the total to the fen. Creating it moves them to 发放中.
 */
export function CreateBatchModal({ initialFundId, initialCaseIds, onClose, onCreated }: CreateBatchModalProps) {
  const create = useCreateBatch();
  const { message } = App.useApp();
  const [fundId, setFundId] = useState<number | undefined>(initialFundId);
  const cases = useCases({ status: 'approved', fundId, limit: pageSize }, !!fundId);
  const [picked, setPicked] = useState<number[] | null>(initialCaseIds ?? null);
  const rows = cases.data?.items ?? [];
  // Until the cadre ticks otherwise, every approved case of the fund is in.
  const selectedIds = picked ?? rows.map((r) => r.id);
  const selected = rows.filter((r) => selectedIds.includes(r.id));
  const total = sumFen(selected.map((r) => r.amountApprovedFen ?? 0));

  const submit = async () => {
    if (!fundId || selected.length === 0) {
      message.error(t.pickCases);
      return notSent;
    }
    return create.mutateAsync({ fundId, caseIds: selected.map((r) => r.id) });
  };

  return (
    <FormModal<Record<string, never>, BatchItem>
      title={t.createTitle}
      name="batch-create"
      testId="batch-create-form"
      width={860}
      submit={submit}
      pending={create.isPending}
      okText={t.createOk}
      onClose={onClose}
      onDone={(batch) => {
        message.success(t.created(batch.batchNo));
        onCreated(batch);
      }}
    >
      <Form.Item label={c.fund} required>
        <FundSelect
          includeClosed
          value={fundId}
          onChange={(id) => {
            setFundId(id);
            setPicked(null);
          }}
          style={{ width: 360 }}
          placeholder={t.pickFund}
        />
      </Form.Item>
      {fundId &&
        (cases.isPending ? (
          <Skeleton active paragraph={{ rows: 4 }} />
        ) : rows.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.noApproved} />
        ) : (
          <>
            <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
              <Typography.Text>{t.pickCases}</Typography.Text>
              <Typography.Text strong data-testid="batch-selected-total">
                {t.selectedTotal(selected.length, fenToYuanText(total))}
              </Typography.Text>
            </Flex>
            <Table<CaseItem>
              rowKey="id"
              size="small"
              dataSource={rows}
              pagination={false}
              scroll={{ y: 320 }}
              rowSelection={{ selectedRowKeys: selectedIds, onChange: (keys) => setPicked(keys.map(Number)) }}
              columns={[
                { title: c.caseNo, dataIndex: 'caseNo', width: 150 },
                { title: c.member, dataIndex: 'memberName', width: 90 },
                { title: c.org, dataIndex: 'orgName', ellipsis: true },
                { title: c.type, dataIndex: 'type', width: 90, render: (v: CaseItem['type']) => assistanceTypes[v] },
                {
                  title: `${t.total}`,
                  dataIndex: 'amountApprovedFen',
                  width: 120,
                  align: 'right',
                  render: (fen: number | null) => <Yuan fen={fen} />,
                },
              ]}
              data-testid="batch-cases-picker"
            />
            {cases.data?.nextCursor && (
              <Alert type="info" showIcon style={{ marginTop: 8 }} title={t.moreCases(rows.length)} />
            )}
          </>
        ))}
    </FormModal>
  );
}
