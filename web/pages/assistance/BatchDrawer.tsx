import { DownloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Descriptions, Drawer, Flex, Form, Input, Result, Skeleton, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { fenToYuanText } from '../../../shared/money';
import { assistanceTypes } from '../../../shared/schemas/assistance';
import {
  assistanceKeys,
  type BatchDetail,
  batchExportUrl,
  useBatch,
  useCancelBatch,
  useConfirmBatch,
} from '../../api/assistance';
import { isNotFound } from '../../api/client';
import { useCan } from '../../app/session';
import { FormModal } from '../../components/FormModal';
import { formatTime, orDash } from '../../components/format';
import { assistanceCommon as c, assistanceCase as d, assistanceBatches as t } from '../../locales/assistance.zh-CN';
import { common } from '../../locales/zh-CN';
import { BatchStatusTag, CaseStatusTag } from './CaseStatusTag';
import { Yuan } from './money';

type BatchCase = BatchDetail['cases'][number];

function detailItems(batch: BatchDetail) {
  return [
    {
      key: 'batchNo',
      label: t.batchNo,
      children: (
        <span style={{ fontFamily: 'monospace' }} data-testid="batch-no">
          {batch.batchNo}
        </span>
      ),
    },
    { key: 'status', label: t.status, children: <BatchStatusTag status={batch.status} /> },
    { key: 'fund', label: t.fund, span: 2, children: `${batch.fundName}（${batch.orgName}）` },
    { key: 'count', label: t.caseCount, children: batch.caseCount },
    {
      key: 'total',
      label: t.total,
      children: (
        <Typography.Text strong data-testid="batch-total">
          {fenToYuanText(batch.totalFen)}
        </Typography.Text>
      ),
    },
    { key: 'createdBy', label: t.createdBy, children: `${batch.createdByName} · ${formatTime(batch.createdAt)}` },
    { key: 'exportedAt', label: t.exportedAt, children: orDash(formatTime(batch.exportedAt)) },
    ...(batch.confirmedAt
      ? [
          {
            key: 'confirmed',
            label: t.confirmedBy,
            span: 2,
            children: `${batch.confirmedByName ?? ''} · ${formatTime(batch.confirmedAt)}${batch.comment ? `（${batch.comment}）` : ''}`,
          },
        ]
      : []),
    ...(batch.cancelledAt
      ? [
          {
            key: 'cancelled',
            label: t.cancelReason,
            span: 2,
            children: `${batch.cancelReason ?? ''}（${formatTime(batch.cancelledAt)}）`,
          },
        ]
      : []),
  ];
}

function ConfirmModal({ batch, onClose }: { batch: BatchDetail; onClose: () => void }) {
  const confirm = useConfirmBatch();
  return (
    <FormModal<{ comment?: string }>
      title={t.confirmTitle(batch.batchNo)}
      name="batch-confirm"
      testId="batch-confirm-form"
      submit={(values) => confirm.mutateAsync({ id: batch.id, comment: values.comment?.trim() || undefined })}
      successMessage={t.confirmed}
      pending={confirm.isPending}
      okText={t.confirm}
      confirm={t.confirmText(batch.caseCount, fenToYuanText(batch.totalFen))}
      onClose={onClose}
    >
      <Typography.Paragraph>{t.confirmText(batch.caseCount, fenToYuanText(batch.totalFen))}</Typography.Paragraph>
      <Form.Item name="comment" label={t.comment}>
        <Input maxLength={500} placeholder={t.confirmCommentPlaceholder} />
      </Form.Item>
    </FormModal>
  );
}

function CancelModal({ batch, onClose }: { batch: BatchDetail; onClose: () => void }) {
  const cancel = useCancelBatch();
  return (
    <FormModal<{ reason?: string }>
      title={t.cancelTitle(batch.batchNo)}
      name="batch-cancel"
      testId="batch-cancel-form"
      submit={(values) => cancel.mutateAsync({ id: batch.id, reason: values.reason?.trim() ?? '' })}
      successMessage={t.cancelled}
      pending={cancel.isPending}
      okText={t.cancel}
      confirm={t.cancelTitle(batch.batchNo)}
      onClose={onClose}
    >
      <Form.Item
        name="reason"
        label={t.cancelReason2}
        rules={[{ required: true, whitespace: true, message: t.cancelReasonRequired }]}
      >
        <Input.TextArea maxLength={500} showCount rows={3} placeholder={t.cancelReasonPlaceholder} />
      </Form.Item>
    </FormModal>
  );
}

/** What the caller may do with the batch: export the bank file, confirm it paid, cancel it. */
function Actions({ batch, onDialog }: { batch: BatchDetail; onDialog: (d: 'confirm' | 'cancel') => void }) {
  const can = useCan();
  const queryClient = useQueryClient();
  // The export marks the batch exported: refresh once the browser has fetched the file.
  const afterExport = () =>
    setTimeout(() => void queryClient.invalidateQueries({ queryKey: assistanceKeys.batches }), 1500);
  // The creator may not confirm; the button stays so the server says why.
  const showConfirm = batch.can.confirm || (batch.status === 'exported' && can('assistance.disburse'));
  return (
    <Space wrap>
      {batch.can.cancel && (
        <Button danger onClick={() => onDialog('cancel')} data-testid="batch-cancel">
          {t.cancel}
        </Button>
      )}
      {batch.can.export && (
        <Button
          icon={<DownloadOutlined />}
          href={batchExportUrl(batch.id)}
          onClick={afterExport}
          title={t.exportHint}
          data-testid="batch-export"
        >
          {t.export}
        </Button>
      )}
      {showConfirm && (
        <Button type="primary" onClick={() => onDialog('confirm')} data-testid="batch-confirm">
          {t.confirm}
        </Button>
      )}
    </Space>
  );
}

interface BatchDrawerProps {
  batchId: number | null;
  onClose: () => void;
  onOpenCase: (id: number) => void;
}

/** One batch: its figures, who made, exported and confirmed it, its cases, and the actions. */
export function BatchDrawer({ batchId, onClose, onOpenCase }: BatchDrawerProps) {
  const detail = useBatch(batchId);
  const batch = detail.data;
  const [dialog, setDialog] = useState<'confirm' | 'cancel' | null>(null);
  return (
    <Drawer
      open={batchId !== null}
      onClose={onClose}
      size={860}
      title={batch ? t.detailTitle(batch.batchNo) : t.pageTitle}
      extra={batch && <Actions batch={batch} onDialog={setDialog} />}
      destroyOnHidden
      data-testid="batch-drawer"
    >
      {detail.isPending && batchId !== null && <Skeleton active paragraph={{ rows: 10 }} />}
      {detail.error && (
        <Result
          status="warning"
          title={isNotFound(detail.error) ? t.notFound : common.loadFailed}
          subTitle={isNotFound(detail.error) ? undefined : detail.error.message}
        />
      )}
      {batch && (
        <Flex vertical gap={16}>
          <Descriptions bordered size="small" column={2} items={detailItems(batch)} />
          {batch.status === 'exported' && !batch.can.confirm && (
            <Typography.Text type="secondary">{t.confirmByOther}</Typography.Text>
          )}
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t.cases}
          </Typography.Title>
          <Table<BatchCase>
            rowKey="id"
            size="small"
            dataSource={batch.cases}
            pagination={batch.cases.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            columns={[
              {
                title: c.caseNo,
                dataIndex: 'caseNo',
                width: 150,
                render: (no: string, row) => (
                  <Typography.Link onClick={() => onOpenCase(row.id)} style={{ fontFamily: 'monospace' }}>
                    {no}
                  </Typography.Link>
                ),
              },
              { title: c.member, dataIndex: 'memberName', width: 80 },
              { title: c.org, dataIndex: 'orgName', ellipsis: true },
              { title: c.type, dataIndex: 'type', width: 80, render: (v: BatchCase['type']) => assistanceTypes[v] },
              { title: d.bankName, dataIndex: 'bankName', width: 150, ellipsis: true },
              {
                title: d.bankAccount,
                dataIndex: 'accountMasked',
                width: 170,
                render: (v: string) => <span style={{ fontFamily: 'monospace', fontSize: 12 }}>{v}</span>,
              },
              {
                title: t.total,
                dataIndex: 'amountFen',
                width: 110,
                align: 'right',
                render: (fen: number) => <Yuan fen={fen} />,
              },
              {
                title: c.status,
                dataIndex: 'status',
                width: 90,
                render: (s: BatchCase['status']) => <CaseStatusTag status={s} />,
              },
            ]}
            data-testid="batch-cases"
          />
        </Flex>
      )}
      {batch && dialog === 'confirm' && <ConfirmModal batch={batch} onClose={() => setDialog(null)} />}
      {batch && dialog === 'cancel' && <CancelModal batch={batch} onClose={() => setDialog(null)} />}
    </Drawer>
  );
}
