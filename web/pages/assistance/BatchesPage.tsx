import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Segmented, Skeleton, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { type BatchStatus, batchStatusCodes, batchStatuses } from '../../../shared/schemas/assistance';
import { type BatchItem, useBatches } from '../../api/assistance';
import { useCan } from '../../app/session';
import { formatTime } from '../../components/format';
import { LinkButton } from '../../components/LinkButton';
import { CursorPager, usePagedFilters } from '../../components/paging';
import { assistanceCommon as c, assistanceBatches as t } from '../../locales/assistance.zh-CN';
import { common } from '../../locales/zh-CN';
import { BatchDrawer } from './BatchDrawer';
import { CaseDrawer } from './CaseDrawer';
import { BatchStatusTag } from './CaseStatusTag';
import { CreateBatchModal } from './CreateBatchModal';
import { FundSelect } from './FundSelect';
import { Yuan } from './money';

type StatusChoice = BatchStatus | 'all';
const statusChoices: { value: StatusChoice; label: string }[] = [
  { value: 'all', label: common.all },
  ...batchStatusCodes.map((value) => ({ value, label: batchStatuses[value] })),
];

interface Filters {
  status?: BatchStatus;
  fundId?: number;
}

const positive = (v: string | null) => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};

/**
 * 发放批次: disbursement batches with their status, count and total; 新建发放批次 from a fund's approved
 * cases; a batch's drawer exports the bank file, confirms it paid (not by its creator) or cancels it.
 * `?open=<id>` opens a batch, `?create=<fundId>&case=<id>` starts a batch from a case's drawer.
 */
export default function BatchesPage() {
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const paging = usePagedFilters<Filters>({});
  const list = useBatches({ ...paging.filters, cursor: paging.cursor, limit: 20 });
  const [openId, setOpenId] = useState<number | null>(positive(params.get('open')) ?? null);
  const [caseId, setCaseId] = useState<number | null>(null);
  const [creating, setCreating] = useState<{ fundId?: number; caseIds?: number[] } | null>(
    params.has('create')
      ? {
          fundId: positive(params.get('create')),
          caseIds: positive(params.get('case')) ? [Number(params.get('case'))] : undefined,
        }
      : null,
  );
  const forgetAddress = () => params.size > 0 && setParams({}, { replace: true });

  const columns: TableColumnsType<BatchItem> = [
    {
      title: t.batchNo,
      dataIndex: 'batchNo',
      width: 170,
      render: (no: string, batch) => (
        <LinkButton onClick={() => setOpenId(batch.id)} style={{ fontFamily: 'monospace' }}>
          {no}
        </LinkButton>
      ),
    },
    {
      title: t.fund,
      dataIndex: 'fundName',
      render: (name: string, batch) => (
        <Flex vertical>
          <span>{name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {batch.orgName}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t.status, dataIndex: 'status', width: 120, render: (s: BatchStatus) => <BatchStatusTag status={s} /> },
    { title: t.caseCount, dataIndex: 'caseCount', width: 70, align: 'right' },
    { title: t.total, dataIndex: 'totalFen', width: 140, align: 'right', render: (fen: number) => <Yuan fen={fen} /> },
    {
      title: t.createdBy,
      key: 'created',
      width: 170,
      render: (_, b) => (
        <Flex vertical>
          <span>{b.createdByName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatTime(b.createdAt)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t.confirmedBy,
      key: 'confirmed',
      width: 170,
      render: (_, b) =>
        b.confirmedAt ? (
          <Flex vertical>
            <span>{b.confirmedByName}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatTime(b.confirmedAt)}
            </Typography.Text>
          </Flex>
        ) : (
          '—'
        ),
    },
    {
      title: common.actions,
      key: 'actions',
      width: 70,
      fixed: 'right',
      render: (_, b) => <LinkButton onClick={() => setOpenId(b.id)}>{t.open}</LinkButton>,
    },
  ];

  const createButton = can('assistance.disburse') && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating({})} data-testid="batch-create">
      {t.create}
    </Button>
  );

  return (
    <Card title={t.pageTitle} extra={createButton} data-testid="batches-page">
      <Flex align="center" gap={16} wrap style={{ marginBottom: 16 }}>
        <Segmented<StatusChoice>
          options={statusChoices}
          value={paging.filters.status ?? 'all'}
          onChange={(value) => paging.setFilters({ ...paging.filters, status: value === 'all' ? undefined : value })}
        />
        <Flex align="center" gap={8}>
          <Typography.Text>{c.fund}</Typography.Text>
          <FundSelect
            includeClosed
            allowClear
            placeholder={common.all}
            value={paging.filters.fundId}
            onChange={(fundId) => paging.setFilters({ ...paging.filters, fundId })}
            style={{ width: 280 }}
          />
        </Flex>
      </Flex>
      {list.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <Table<BatchItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          pagination={false}
          scroll={{ x: 1100 }}
          locale={{
            emptyText: (
              <Empty description={t.empty}>
                <Typography.Paragraph type="secondary">{t.emptyHint}</Typography.Paragraph>
                {createButton}
              </Empty>
            ),
          }}
          data-testid="batches-table"
        />
      )}
      <CursorPager
        page={paging.page}
        nextCursor={list.data?.nextCursor}
        total={list.data?.total}
        loading={list.isFetching}
        onPrev={paging.prev}
        onNext={paging.next}
      />
      <BatchDrawer
        batchId={openId}
        onClose={() => {
          setOpenId(null);
          forgetAddress();
        }}
        onOpenCase={setCaseId}
      />
      <CaseDrawer caseId={caseId} onClose={() => setCaseId(null)} />
      {creating && (
        <CreateBatchModal
          initialFundId={creating.fundId}
          initialCaseIds={creating.caseIds}
          onClose={() => {
            setCreating(null);
            forgetAddress();
          }}
          onCreated={(batch) => {
            setCreating(null);
            forgetAddress();
            setOpenId(batch.id);
          }}
        />
      )}
    </Card>
  );
}
