import { Space, Table, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { genders, type MemberStatus, workerCategories } from '../../../shared/memberEnums';
import type { MemberView } from '../../api/members';
import { useCan } from '../../app/session';
import { orDash } from '../../components/format';
import { LinkButton } from '../../components/LinkButton';
import { common, members } from '../../locales/zh-CN';
import { MemberStatusTag } from './MemberStatusTag';

/** What a row's actions open. */
export type MemberDialog = 'edit' | 'status' | 'transfer';

interface MembersTableProps {
  rows: MemberView[] | undefined;
  loading: boolean;
  empty: ReactNode;
  onOpenDetail: (member: MemberView) => void;
  onOpenDialog: (dialog: MemberDialog, member: MemberView) => void;
}

// Masked numbers line up in a fixed-width font; 13px keeps every column on a laptop screen.
const mono = { fontFamily: 'monospace', fontSize: 13, whiteSpace: 'nowrap' } as const;

/** One page of the roster: identity with masked numbers, union, category, status and card number. */
export function MembersTable({ rows, loading, empty, onOpenDetail, onOpenDialog }: MembersTableProps) {
  const can = useCan();
  const canManage = can('members.manage');
  const columns: TableColumnsType<MemberView> = [
    {
      title: members.fields.name,
      dataIndex: 'name',
      width: 80,
      fixed: 'left',
      render: (name: string, member) => <LinkButton onClick={() => onOpenDetail(member)}>{name}</LinkButton>,
    },
    { title: members.fields.gender, dataIndex: 'gender', width: 50, render: (g: MemberView['gender']) => genders[g] },
    { title: members.fields.age, dataIndex: 'age', width: 50, align: 'right' },
    {
      title: members.fields.idNumber,
      dataIndex: 'idNumber',
      width: 160,
      render: (v: string) => <span style={mono}>{v}</span>,
    },
    {
      title: members.fields.mobile,
      dataIndex: 'mobile',
      width: 110,
      render: (v: string | null) => <span style={mono}>{orDash(v)}</span>,
    },
    { title: members.fields.org, key: 'org', width: 200, render: (_, member) => member.org.name },
    {
      title: members.fields.workerCategory,
      dataIndex: 'workerCategory',
      width: 100,
      render: (c: MemberView['workerCategory']) => workerCategories[c],
    },
    {
      title: members.fields.status,
      dataIndex: 'status',
      width: 64,
      render: (status: MemberStatus) => <MemberStatusTag status={status} />,
    },
    { title: members.fields.joinedDate, dataIndex: 'joinedDate', width: 100 },
    {
      title: members.fields.cardNo,
      dataIndex: 'cardNo',
      width: 110,
      render: (v: string) => <span style={mono}>{v}</span>,
    },
    {
      title: common.actions,
      key: 'actions',
      width: canManage ? 120 : 70,
      fixed: 'right',
      render: (_, member) => (
        // The name opens the drawer too; 详情 is the only action of a read-only account.
        <Space size="middle">
          {canManage ? (
            <>
              <LinkButton onClick={() => onOpenDialog('edit', member)}>{members.edit}</LinkButton>
              <LinkButton onClick={() => onOpenDialog('status', member)}>{members.changeStatus}</LinkButton>
            </>
          ) : (
            <LinkButton onClick={() => onOpenDetail(member)}>{members.details}</LinkButton>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Table<MemberView>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      scroll={{ x: 1140 }}
      locale={{ emptyText: empty }}
      data-testid="members-table"
    />
  );
}
