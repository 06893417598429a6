import { Form, Input, Select, Space, Table, type TableColumnsType } from 'antd';
import { type OrgStatus, type OrgType, orgStatuses, orgTypes } from '../../../shared/enums';
import { type OrgView, useOrgChildren } from '../../api/orgs';
import { FilterBar } from '../../components/FilterBar';
import { orDash } from '../../components/format';
import { LinkButton } from '../../components/LinkButton';
import { CursorPager, usePagedFilters } from '../../components/paging';
import { common, orgs } from '../../locales/zh-CN';
import { OrgStatusTag } from './OrgStatusTag';

interface ChildrenFilters {
  q?: string;
  type?: OrgType;
  status?: OrgStatus;
}

const typeOptions = Object.entries(orgTypes).map(([value, label]) => ({ value, label }));
const statusOptions = Object.entries(orgStatuses).map(([value, label]) => ({ value, label }));

interface OrgChildrenTableProps {
  parentId: number;
  onOpenDetail: (orgId: number) => void;
  onEnter: (orgId: number) => void;
}

/** The selected org's direct children: filters over a table paged by cursor on the server. */
export function OrgChildrenTable({ parentId, onOpenDetail, onEnter }: OrgChildrenTableProps) {
  const paging = usePagedFilters<ChildrenFilters>({});
  const children = useOrgChildren(parentId, { ...paging.filters, cursor: paging.cursor, limit: 20 });

  const columns: TableColumnsType<OrgView> = [
    {
      title: orgs.name,
      dataIndex: 'name',
      render: (name: string, org) => <LinkButton onClick={() => onOpenDetail(org.id)}>{name}</LinkButton>,
    },
    {
      title: orgs.type,
      dataIndex: 'type',
      width: 150,
      render: (type: OrgType) => orgTypes[type],
    },
    {
      title: orgs.status,
      dataIndex: 'status',
      width: 76,
      render: (status: OrgStatus) => <OrgStatusTag status={status} />,
    },
    { title: orgs.childCountShort, dataIndex: 'childCount', width: 84, align: 'right' },
    {
      title: orgs.contact,
      key: 'contact',
      width: 160,
      ellipsis: true,
      render: (_, org) => orDash([org.contactName, org.contactPhone].filter(Boolean).join(' ')),
    },
    {
      title: common.actions,
      key: 'actions',
      width: 90,
      render: (_, org) => (
        <Space size="small">
          <LinkButton onClick={() => onOpenDetail(org.id)}>{common.details}</LinkButton>
          <LinkButton onClick={() => onEnter(org.id)}>{orgs.open}</LinkButton>
        </Space>
      ),
    },
  ];

  return (
    <>
      <FilterBar<ChildrenFilters> onSearch={paging.setFilters}>
        <Form.Item name="q" label={orgs.name}>
          <Input placeholder={orgs.namePlaceholder} allowClear style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="type" label={orgs.type}>
          <Select options={typeOptions} allowClear placeholder={common.all} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="status" label={orgs.status}>
          <Select options={statusOptions} allowClear placeholder={common.all} style={{ width: 110 }} />
        </Form.Item>
      </FilterBar>
      <Table<OrgView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={children.data?.items}
        loading={children.isFetching}
        pagination={false}
        tableLayout="fixed"
        data-testid="org-children"
      />
      <CursorPager
        page={paging.page}
        nextCursor={children.data?.nextCursor}
        total={children.data?.total}
        loading={children.isFetching}
        onPrev={paging.prev}
        onNext={paging.next}
      />
    </>
  );
}
