import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { accountStatuses } from '../../../shared/enums';
import { type AccountListQuery, type AccountView, useAccounts } from '../../api/accounts';
import { useCan } from '../../app/session';
import { FilterBar } from '../../components/FilterBar';
import { OrgPicker } from '../../components/OrgPicker';
import { CursorPager, usePagedFilters } from '../../components/paging';
import { accounts, common } from '../../locales/zh-CN';
import { AccountDrawer } from './AccountDrawer';
import type { AccountDialog } from './AccountRowActions';
import { AccountsTable } from './AccountsTable';
import { CreateAccountModal } from './CreateAccountModal';
import { EditAccountModal } from './EditAccountModal';
import { GrantModal } from './GrantModal';
import { ResetPasswordModal } from './ResetPasswordModal';
import { allRoleOptions } from './roleOptions';

type AccountFilters = Pick<AccountListQuery, 'q' | 'status' | 'role' | 'orgId'>;

const statusOptions = Object.entries(accountStatuses).map(([value, label]) => ({ value, label }));

/** 账号管理: filters over the accounts table, with create, grant, reset, lock and sessions actions. */
export default function AccountsPage() {
  const can = useCan();
  const paging = usePagedFilters<AccountFilters>({});
  const list = useAccounts({ ...paging.filters, cursor: paging.cursor, limit: 20 });
  const [creating, setCreating] = useState(false);
  const [dialog, setDialog] = useState<{ kind: AccountDialog; account: AccountView } | null>(null);
  const [detailId, setDetailId] = useState<number | null>(null);
  // The drawer follows the list, so a grant or lock made from it shows at once.
  const detail = list.data?.items.find((a) => a.id === detailId) ?? null;
  const closeDialog = () => setDialog(null);

  return (
    <Card
      title={accounts.pageTitle}
      extra={
        can('accounts.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {accounts.create}
          </Button>
        )
      }
    >
      <FilterBar<AccountFilters> onSearch={paging.setFilters}>
        <Form.Item name="q" label={accounts.keyword}>
          <Input placeholder={accounts.keywordPlaceholder} allowClear style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="orgId" label={accounts.org}>
          <OrgPicker allowClear style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="role" label={accounts.role}>
          <Select options={allRoleOptions} allowClear placeholder={common.all} style={{ width: 150 }} />
        </Form.Item>
        <Form.Item name="status" label={accounts.status}>
          <Select options={statusOptions} allowClear placeholder={common.all} style={{ width: 110 }} />
        </Form.Item>
      </FilterBar>
      <AccountsTable
        accounts={list.data?.items}
        loading={list.isFetching}
        onOpenDetail={(account) => setDetailId(account.id)}
        onOpenDialog={(kind, account) => setDialog({ kind, account })}
      />
      <CursorPager
        page={paging.page}
        nextCursor={list.data?.nextCursor}
        total={list.data?.total}
        loading={list.isFetching}
        onPrev={paging.prev}
        onNext={paging.next}
      />
      <AccountDrawer account={detail} onClose={() => setDetailId(null)} />
      {creating && <CreateAccountModal onClose={() => setCreating(false)} />}
      {dialog?.kind === 'grant' && <GrantModal account={dialog.account} onClose={closeDialog} />}
      {dialog?.kind === 'reset' && <ResetPasswordModal account={dialog.account} onClose={closeDialog} />}
      {dialog?.kind === 'edit' && <EditAccountModal account={dialog.account} onClose={closeDialog} />}
    </Card>
  );
}
