import { PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Empty,
  Form,
  Input,
  InputNumber,
  Select,
  Skeleton,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { type ProgrammeSummary, useProgrammes } from '../../api/recuperation';
import { useCan } from '../../app/session';
import { FilterBar } from '../../components/FilterBar';
import { CursorPager, usePagedFilters } from '../../components/paging';
import { programmeStatusLabels, recuperation as t } from '../../locales/recuperation.zh-CN';
import { common } from '../../locales/zh-CN';
import { ProgrammeModal } from './ProgrammeModal';
import { ProgrammeStatusTag, ruleTexts, SeatsBar } from './recuperationParts';

type Filters = { year?: number; status?: ProgrammeSummary['status']; q?: string };
const statusOptions = Object.entries(programmeStatusLabels).map(([value, label]) => ({ value, label }));

/** 职工疗休养: the programmes the caller runs or may nominate to, newest first. */
export default function RecuperationPage() {
  const can = useCan();
  const navigate = useNavigate();
  const paging = usePagedFilters<Filters>({});
  const list = useProgrammes({ ...paging.filters, cursor: paging.cursor, limit: 20 });
  const [creating, setCreating] = useState(false);
  const canManage = can('welfare.manage');

  const columns: TableColumnsType<ProgrammeSummary> = [
    { title: t.year, dataIndex: 'year', width: 72 },
    {
      title: t.title,
      dataIndex: 'title',
      render: (title: string, p) => <Link to={`/recuperation/${p.id}`}>{title}</Link>,
    },
    { title: t.owner, dataIndex: ['org', 'name'], width: 160, ellipsis: true },
    {
      title: t.rules,
      key: 'rules',
      width: 220,
      render: (_, p) => ruleTexts(p).map((r) => <Tag key={r}>{r}</Tag>),
    },
    { title: t.batches, dataIndex: 'batches', width: 64, align: 'right' },
    {
      title: t.seats,
      key: 'seats',
      width: 230,
      render: (_, p) => <SeatsBar taken={p.seatsTaken} capacity={p.capacity} />,
    },
    {
      title: t.status,
      dataIndex: 'status',
      width: 84,
      render: (s: ProgrammeSummary['status']) => <ProgrammeStatusTag status={s} />,
    },
    {
      title: common.actions,
      key: 'actions',
      width: 72,
      render: (_, p) => <Link to={`/recuperation/${p.id}`}>{t.open}</Link>,
    },
  ];

  const createButton = canManage && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="recup-create">
      {t.create}
    </Button>
  );
  const filtered = Object.values(paging.filters).some((v) => v !== undefined && v !== '');

  return (
    <Card title={t.pageTitle} extra={createButton}>
      <FilterBar<Filters>
        onSearch={(v) =>
          paging.setFilters({ year: v.year ?? undefined, status: v.status ?? undefined, q: v.q?.trim() || undefined })
        }
      >
        <Form.Item name="q" label={t.keyword}>
          <Input allowClear style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="year" label={t.year}>
          <InputNumber min={2000} max={2100} precision={0} style={{ width: 100 }} />
        </Form.Item>
        <Form.Item name="status" label={t.status}>
          <Select options={statusOptions} allowClear placeholder={common.all} style={{ width: 110 }} />
        </Form.Item>
      </FilterBar>
      {list.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <Table<ProgrammeSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          pagination={false}
          scroll={{ x: 1000 }}
          data-testid="recup-programmes"
          locale={{
            emptyText: filtered ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.emptyFiltered} />
            ) : (
              <Empty description={t.empty}>
                {canManage && <p style={{ color: 'rgba(0,0,0,0.45)' }}>{t.emptyHint}</p>}
                {createButton}
              </Empty>
            ),
          }}
        />
      )}
      <CursorPager
        page={paging.page}
        nextCursor={list.data?.nextCursor}
        loading={list.isFetching}
        onPrev={paging.prev}
        onNext={paging.next}
      />
      {creating && (
        <ProgrammeModal onClose={() => setCreating(false)} onCreated={(id) => navigate(`/recuperation/${id}`)} />
      )}
    </Card>
  );
}
