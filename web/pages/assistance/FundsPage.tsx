import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  InputNumber,
  Progress,
  Skeleton,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { fenToYuanText, moneyText, sumFen } from '../../../shared/money';
import { fundStatuses } from '../../../shared/schemas/assistance';
import { type FundView, useFunds, useUpdateFund } from '../../api/assistance';
import { useCan } from '../../app/session';
import { useShowError } from '../../components/formErrors';
import { LinkButton } from '../../components/LinkButton';
import { assistanceFunds as t } from '../../locales/assistance.zh-CN';
import { common } from '../../locales/zh-CN';
import { casesLink } from './assistanceLinks';
import { FundFormModal } from './FundFormModal';
import { Yuan } from './money';

/** Used share of the budget: approved (committed) and paid, as one bar with the paid part darker. */
function UsageBar({ fund }: { fund: FundView }) {
  const used = fund.committedFen + fund.paidFen;
  const percent = fund.budgetFen > 0 ? Math.min(100, (used / fund.budgetFen) * 100) : 0;
  const paid = fund.budgetFen > 0 ? Math.min(100, (fund.paidFen / fund.budgetFen) * 100) : 0;
  return (
    <Tooltip title={`${t.paid} ${fenToYuanText(fund.paidFen)} · ${t.committed} ${fenToYuanText(fund.committedFen)}`}>
      <Progress
        percent={Number(percent.toFixed(1))}
        success={{ percent: Number(paid.toFixed(1)) }}
        size="small"
        status={percent >= 100 ? 'exception' : 'normal'}
        format={(p) => `${p}%`}
        style={{ minWidth: 140, margin: 0 }}
      />
    </Tooltip>
  );
}

/**
 * 帮扶资金: the funds of the caller's scope with budget, approved-not-paid, paid and balance (never shown
 * below zero), a usage bar, and 设立 / 编辑 / 关闭 for holders of assistance.approve. Each figure opens the
 * cases behind it.
 */
export default function FundsPage() {
  const can = useCan();
  const [year, setYear] = useState<number | null>(null);
  const funds = useFunds(year ? { year } : {});
  const update = useUpdateFund();
  const showError = useShowError();
  const { modal, message } = App.useApp();
  const [editing, setEditing] = useState<FundView | 'new' | null>(null);
  const manage = can('assistance.approve');
  const rows = funds.data ?? [];

  const toggle = (fund: FundView) => {
    const closing = fund.status === 'open';
    modal.confirm({
      title: closing ? t.close : t.reopen,
      content: closing ? t.closeConfirm(fund.name) : t.reopenConfirm(fund.name),
      okButtonProps: { danger: closing },
      onOk: () =>
        update
          .mutateAsync({ id: fund.id, status: closing ? 'closed' : 'open' })
          .then(() => message.success(t.updated))
          .catch(showError),
    });
  };

  const columns: TableColumnsType<FundView> = [
    {
      title: t.name,
      dataIndex: 'name',
      width: 220,
      render: (name: string, fund) => (
        <Flex vertical>
          <Link to={casesLink({ fundId: fund.id })}>{name}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {fund.orgName} · {fund.source}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t.year, dataIndex: 'year', width: 70 },
    {
      title: t.budget,
      dataIndex: 'budgetFen',
      width: 140,
      align: 'right',
      render: (fen: number) => <Yuan fen={fen} />,
    },
    {
      title: `${t.committed}（元）`,
      dataIndex: 'committedFen',
      width: 140,
      align: 'right',
      render: (fen: number, fund) => (
        <Link to={casesLink({ fundId: fund.id, status: 'approved' })} title={t.openCases}>
          <Yuan fen={fen} />
        </Link>
      ),
    },
    {
      title: `${t.paid}（元）`,
      dataIndex: 'paidFen',
      width: 130,
      align: 'right',
      render: (fen: number, fund) => (
        <Link to={casesLink({ fundId: fund.id, status: 'paid' })} title={t.openCases}>
          <Yuan fen={fen} />
        </Link>
      ),
    },
    {
      title: `${t.balance}（元）`,
      dataIndex: 'balanceFen',
      width: 130,
      align: 'right',
      render: (fen: number) => (
        <Typography.Text strong type={fen <= 0 ? 'danger' : undefined} data-testid="fund-balance">
          <Yuan fen={Math.max(0, fen)} />
        </Typography.Text>
      ),
    },
    { title: t.used, key: 'used', width: 160, render: (_, fund) => <UsageBar fund={fund} /> },
    {
      title: t.status,
      dataIndex: 'status',
      width: 80,
      render: (status: FundView['status']) => (
        <Tag color={status === 'open' ? 'green' : 'default'}>{fundStatuses[status]}</Tag>
      ),
    },
    ...(manage
      ? [
          {
            title: common.actions,
            key: 'actions',
            width: 120,
            fixed: 'right' as const,
            render: (_: unknown, fund: FundView) => (
              <Space size="middle">
                <LinkButton onClick={() => setEditing(fund)}>{t.edit}</LinkButton>
                <LinkButton onClick={() => toggle(fund)}>{fund.status === 'open' ? t.close : t.reopen}</LinkButton>
              </Space>
            ),
          },
        ]
      : []),
  ];

  const totals = {
    budget: sumFen(rows.map((f) => f.budgetFen)),
    committed: sumFen(rows.map((f) => f.committedFen)),
    paid: sumFen(rows.map((f) => f.paidFen)),
    balance: sumFen(rows.map((f) => Math.max(0, f.balanceFen))),
  };

  const createButton = manage && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="fund-create">
      {t.create}
    </Button>
  );

  return (
    <Card title={t.pageTitle} extra={createButton} data-testid="funds-page">
      <Flex align="center" gap={16} wrap style={{ marginBottom: 16 }}>
        <Space>
          <Typography.Text>{t.filterYear}</Typography.Text>
          <InputNumber
            min={2000}
            max={2100}
            precision={0}
            value={year}
            onChange={(v) => setYear(v)}
            placeholder={common.all}
            style={{ width: 110 }}
          />
        </Space>
        {rows.length > 0 && (
          <Typography.Text type="secondary" data-testid="funds-totals">
            {t.totals(rows.length)} · {t.budgetWord} {moneyText(totals.budget)} · {t.committed}{' '}
            {moneyText(totals.committed)} · {t.paid} {moneyText(totals.paid)} · {t.balance} {moneyText(totals.balance)}
          </Typography.Text>
        )}
      </Flex>
      {funds.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <Table<FundView>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          scroll={{ x: 1150 }}
          locale={{
            emptyText: (
              <Empty description={t.empty}>
                <Typography.Paragraph type="secondary">{t.emptyHint}</Typography.Paragraph>
                {createButton}
              </Empty>
            ),
          }}
          data-testid="funds-table"
        />
      )}
      {editing && <FundFormModal fund={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}
