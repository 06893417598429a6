import { Breadcrumb, Skeleton } from 'antd';
import { Link } from 'react-router';
import { useOrg } from '../../../api/orgs';
import { workplanDetail as t } from '../../../locales/zh-CN';
import { workplanLinks } from '../workplanLinks';

interface ScopeBreadcrumbProps {
  documentId: number;
  issuerOrgId: number;
  /** The org drilled into, if any. */
  orgId?: number;
}

/** 全部承担单位 › 海门区总工会 › …: the drill path below the issuer, each level linking back up. */
export function ScopeBreadcrumb({ documentId, issuerOrgId, orgId }: ScopeBreadcrumbProps) {
  const org = useOrg(orgId);
  const top = { key: 'top', title: orgId ? <Link to={workplanLinks.detail(documentId)}>{t.allOrgs}</Link> : t.allOrgs };
  if (!orgId) return <Breadcrumb items={[top]} data-testid="scope-breadcrumbs" />;
  if (!org.data) return <Skeleton.Input active size="small" style={{ width: 240 }} />;
  const crumbs = org.data.breadcrumbs;
  const below = crumbs.slice(crumbs.findIndex((c) => c.id === issuerOrgId) + 1);
  return (
    <Breadcrumb
      data-testid="scope-breadcrumbs"
      items={[
        top,
        ...below.map((crumb, i) => ({
          key: crumb.id,
          title:
            i < below.length - 1 ? (
              <Link to={workplanLinks.detail(documentId, crumb.id)}>{crumb.name}</Link>
            ) : (
              crumb.name
            ),
        })),
      ]}
    />
  );
}
