import { Breadcrumb, Descriptions, type DescriptionsProps, Drawer, Result, Skeleton, Typography } from 'antd';
import { federationTypes, orgTypes } from '../../../shared/enums';
import { type OrgDetail, useOrg } from '../../api/orgs';
import { formatTime, orDash } from '../../components/format';
import { LinkButton } from '../../components/LinkButton';
import { common, orgs } from '../../locales/zh-CN';
import { DepartmentsPanel } from './DepartmentsPanel';
import { OrgActions } from './OrgActions';
import { OrgStatusTag } from './OrgStatusTag';

interface OrgDetailDrawerProps {
  orgId: number | null;
  onClose: () => void;
  /** Opens another org (a breadcrumb or the merge target) in the page. */
  onOpenOrg: (orgId: number) => void;
  onChanged: (parentIds: (number | null)[]) => void;
}

function fields(org: OrgDetail, onOpenOrg: (id: number) => void): DescriptionsProps['items'] {
  const term = org.termStart || org.termEnd ? orgs.termRange(org.termStart ?? '—', org.termEnd ?? '—') : null;
  const items: DescriptionsProps['items'] = [
    { key: 'name', label: orgs.name, children: org.name, span: 2 },
    { key: 'shortName', label: orgs.shortName, children: orDash(org.shortName) },
    { key: 'type', label: orgs.type, children: orgTypes[org.type] },
    { key: 'status', label: orgs.status, children: <OrgStatusTag status={org.status} /> },
    { key: 'childCount', label: orgs.childCount, children: org.childCount },
    { key: 'creditCode', label: orgs.creditCode, children: orDash(org.creditCode), span: 2 },
    { key: 'areaCode', label: orgs.areaCode, children: orDash(org.areaCode) },
    { key: 'term', label: orgs.term, children: orDash(term) },
    { key: 'address', label: orgs.address, children: orDash(org.address), span: 2 },
    { key: 'contactName', label: orgs.contactName, children: orDash(org.contactName) },
    { key: 'contactPhone', label: orgs.contactPhone, children: orDash(org.contactPhone) },
    { key: 'createdAt', label: orgs.createdAt, children: formatTime(org.createdAt) },
    { key: 'updatedAt', label: orgs.updatedAt, children: formatTime(org.updatedAt) },
  ];
  if (org.status !== 'active') {
    items.push(
      { key: 'statusReason', label: orgs.statusReason, children: orDash(org.statusReason), span: 2 },
      { key: 'statusChangedAt', label: orgs.statusChangedAt, children: formatTime(org.statusChangedAt) },
    );
    if (org.mergedIntoId) {
      const target = org.mergedIntoId;
      items.push({
        key: 'mergedInto',
        label: orgs.mergedInto,
        children: <LinkButton onClick={() => onOpenOrg(target)}>{common.details}</LinkButton>,
      });
    }
  }
  return items;
}

/** Every field of one org, its place in the tree, its departments and its actions. */
export function OrgDetailDrawer({ orgId, onClose, onOpenOrg, onChanged }: OrgDetailDrawerProps) {
  const org = useOrg(orgId);
  return (
    <Drawer
      open={orgId !== null}
      onClose={onClose}
      size={640}
      title={org.data?.name ?? common.details}
      destroyOnHidden
      footer={org.data && <OrgActions org={org.data} onChanged={onChanged} />}
      data-testid="org-drawer"
    >
      {org.isPending && <Skeleton active paragraph={{ rows: 10 }} />}
      {org.error && <Result status="warning" title={org.error.message} />}
      {org.data && (
        <>
          <Typography.Text type="secondary">{orgs.breadcrumbs}</Typography.Text>
          <Breadcrumb
            style={{ margin: '4px 0 16px' }}
            items={org.data.breadcrumbs.map((crumb) => ({
              title:
                crumb.id === org.data.id ? (
                  crumb.name
                ) : (
                  <LinkButton onClick={() => onOpenOrg(crumb.id)}>{crumb.name}</LinkButton>
                ),
            }))}
          />
          <Descriptions bordered size="small" column={2} items={fields(org.data, onOpenOrg)} />
          {federationTypes.includes(org.data.type) && <DepartmentsPanel org={org.data} />}
        </>
      )}
    </Drawer>
  );
}
