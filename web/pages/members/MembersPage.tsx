import { DownloadOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Skeleton, Space } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { type MemberView, memberExportUrl, useMembers } from '../../api/members';
import { useOrg } from '../../api/orgs';
import { useCan, useSession } from '../../app/session';
import { FilterBar } from '../../components/FilterBar';
import { CursorPager, usePagedFilters } from '../../components/paging';
import { memberImports, members } from '../../locales/zh-CN';
import { CreateMemberModal } from './CreateMemberModal';
import { MemberDialogs } from './MemberDialogs';
import { MemberDrawer } from './MemberDrawer';
import {
  MemberFilterFields,
  type MemberFilters,
  type MemberFilterValues,
  toFilters,
  toFormValues,
} from './MemberFilters';
import { type MemberDialog, MembersTable } from './MembersTable';
import { filtersFromQuery, queryFromFilters } from './rosterQuery';

const hasFilters = (filters: MemberFilters) =>
  Object.entries(filters).some(([key, value]) => key !== 'sort' && value !== undefined && value !== '');

/**
 * 会员管理: the roster of the caller's scope with filters and keyset paging, a detail drawer, and
 * register, edit and status actions. The filters live in the address (/members?orgId=…&category=…), so
 * the home page and the statistics open the roster already filtered, and a reload keeps the same list.
 */
export default function MembersPage() {
  const navigate = useNavigate();
  const can = useCan();
  const { account } = useSession();
  const [params, setParams] = useSearchParams();
  const addressKey = params.toString();
  // The address last applied to the filters; `form` remounts the filter form when it changes from outside.
  const [applied, setApplied] = useState({ key: addressKey, form: 0 });
  const paging = usePagedFilters<MemberFilters>(filtersFromQuery(params));
  if (addressKey !== applied.key) {
    // A link, the menu or back/forward changed the address: follow it.
    setApplied({ key: addressKey, form: applied.form + 1 });
    paging.setFilters(filtersFromQuery(params));
  }
  const linkedOrgId = Number(paging.filters.orgId) || undefined;
  const linkedOrg = useOrg(linkedOrgId);
  const list = useMembers({ ...paging.filters, cursor: paging.cursor, limit: 20 });
  const [creating, setCreating] = useState(false);
  const [dialog, setDialog] = useState<{ kind: MemberDialog; member: MemberView } | null>(null);
  const [detailId, setDetailId] = useState<number | null>(null);
  const canManage = can('members.manage');

  const search = (values: MemberFilterValues) => {
    const filters = toFilters(values);
    paging.setFilters(filters);
    const next = queryFromFilters(filters);
    setApplied((current) => ({ ...current, key: next.toString() }));
    setParams(next, { replace: true });
  };

  const openMember = (id: number) => {
    setCreating(false);
    setDialog(null);
    setDetailId(id);
  };

  const createButton = canManage && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
      {members.create}
    </Button>
  );
  const importButton = canManage && (
    <Button icon={<ImportOutlined />} onClick={() => navigate('/members/imports')}>
      {memberImports.menu}
    </Button>
  );
  // A plain link: the server streams the file, so the browser shows its own download progress.
  const exportButton = (
    <Button icon={<DownloadOutlined />} href={memberExportUrl(paging.filters)} data-testid="member-export">
      {members.export}
    </Button>
  );

  const empty = hasFilters(paging.filters) ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={members.emptyFiltered} />
  ) : (
    <Empty description={members.emptyRoster}>
      <Space>
        {createButton}
        {importButton}
      </Space>
    </Empty>
  );

  return (
    <Card
      title={members.pageTitle}
      extra={
        <Space>
          {exportButton}
          {importButton}
          {createButton}
        </Space>
      }
    >
      <FilterBar<MemberFilterValues> key={applied.form} onSearch={search} initialValues={toFormValues(paging.filters)}>
        <MemberFilterFields initialOrg={linkedOrg.data} />
      </FilterBar>
      {list.isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <MembersTable
          rows={list.data?.items}
          loading={list.isFetching}
          empty={empty}
          onOpenDetail={(member) => setDetailId(member.id)}
          onOpenDialog={(kind, member) => setDialog({ kind, member })}
        />
      )}
      <CursorPager
        page={paging.page}
        nextCursor={list.data?.nextCursor}
        loading={list.isFetching}
        onPrev={paging.prev}
        onNext={paging.next}
      />
      <MemberDrawer
        memberId={detailId}
        onClose={() => setDetailId(null)}
        onOpenDialog={(kind, member) => setDialog({ kind, member })}
      />
      {creating && (
        <CreateMemberModal
          union={linkedOrg.data ?? account.org}
          onClose={() => setCreating(false)}
          onOpenMember={openMember}
        />
      )}
      <MemberDialogs dialog={dialog} onClose={() => setDialog(null)} onOpenMember={openMember} />
    </Card>
  );
}
