import { FileAddOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Form, Input, InputNumber, Select, Skeleton } from 'antd';
import { useNavigate } from 'react-router';
import { documentStatuses, documentTypes } from '../../../shared/schemas/workplans';
import { type DocumentListQuery, type DocumentSummary, useDeleteDocument, useDocuments } from '../../api/workplans';
import { useCan } from '../../app/session';
import { FilterBar } from '../../components/FilterBar';
import { useShowError } from '../../components/formErrors';
import { CursorPager, usePagedFilters } from '../../components/paging';
import { common, workplans as t } from '../../locales/zh-CN';
import { DocumentsTable } from './DocumentsTable';
import { workplanLinks } from './workplanLinks';

type Filters = Omit<DocumentListQuery, 'cursor' | 'limit'>;

const typeOptions = Object.entries(documentTypes).map(([value, label]) => ({ value, label }));
const statusOptions = Object.entries(documentStatuses).map(([value, label]) => ({ value, label }));

const hasFilters = (filters: Filters) => Object.values(filters).some((v) => v !== undefined && v !== '');

/**
 * 工作计划: the documents the caller's federation issued and those sent to it, newest first, with
 * search, filters and keyset paging; 粘贴新建 starts a new one from a pasted notice.
 */
export default function WorkplansPage() {
  const navigate = useNavigate();
  const can = useCan();
  const canManage = can('workplans.manage');
  const paging = usePagedFilters<Filters>({});
  const list = useDocuments({ ...paging.filters, cursor: paging.cursor, limit: 20 });
  const remove = useDeleteDocument();
  const showError = useShowError();
  const { message } = App.useApp();

  const onDelete = (doc: DocumentSummary) =>
    remove
      .mutateAsync(doc.id)
      .then(() => message.success(t.deleted))
      .catch(showError);

  const createButton = canManage && (
    <Button
      type="primary"
      icon={<FileAddOutlined />}
      onClick={() => navigate(workplanLinks.create)}
      data-testid="workplan-create"
    >
      {t.pasteNew}
    </Button>
  );

  const empty = hasFilters(paging.filters) ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.emptyFiltered} />
  ) : (
    <Empty description={t.empty}>
      {canManage && <p style={{ color: 'rgba(0,0,0,0.45)' }}>{t.emptyHint}</p>}
      {createButton}
    </Empty>
  );

  return (
    <Card title={t.pageTitle} extra={createButton}>
      <FilterBar<Filters>
        onSearch={(values) =>
          paging.setFilters({
            q: values.q?.trim() || undefined,
            type: values.type ?? undefined,
            status: values.status ?? undefined,
            year: values.year ?? undefined,
          })
        }
      >
        <Form.Item name="q" label={t.keyword}>
          <Input placeholder={t.keywordPlaceholder} allowClear style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="type" label={t.type}>
          <Select options={typeOptions} allowClear placeholder={common.all} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="status" label={t.status}>
          <Select options={statusOptions} allowClear placeholder={common.all} style={{ width: 100 }} />
        </Form.Item>
        <Form.Item name="year" label={t.year}>
          <InputNumber min={2000} max={2100} precision={0} placeholder={t.yearPlaceholder} style={{ width: 110 }} />
        </Form.Item>
      </FilterBar>
      {list.isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <DocumentsTable
          rows={list.data?.items}
          loading={list.isFetching}
          empty={empty}
          canManage={canManage}
          onDelete={onDelete}
        />
      )}
      <CursorPager
        page={paging.page}
        nextCursor={list.data?.nextCursor}
        loading={list.isFetching}
        onPrev={paging.prev}
        onNext={paging.next}
      />
    </Card>
  );
}
