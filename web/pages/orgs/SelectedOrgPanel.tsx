import { Breadcrumb, Button, Card, Empty, Flex, Result, Skeleton, Tag, Typography } from 'antd';
import { orgTypes } from '../../../shared/enums';
import { useOrg } from '../../api/orgs';
import { LinkButton } from '../../components/LinkButton';
import { common, orgs } from '../../locales/zh-CN';
import { OrgActions } from './OrgActions';
import { OrgChildrenTable } from './OrgChildrenTable';
import { OrgStatusTag } from './OrgStatusTag';

interface SelectedOrgPanelProps {
  orgId: number | null;
  onSelect: (orgId: number) => void;
  onOpenDetail: (orgId: number) => void;
  onChanged: (parentIds: (number | null)[]) => void;
}

/** The selected org: where it sits, its actions, and its children table. */
export function SelectedOrgPanel({ orgId, onSelect, onOpenDetail, onChanged }: SelectedOrgPanelProps) {
  const org = useOrg(orgId);
  if (!orgId)
    return (
      <Card>
        <Empty description={orgs.pickHint} />
      </Card>
    );
  if (org.isPending)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  if (org.error)
    return (
      <Card>
        <Result status="warning" title={org.error.message} />
      </Card>
    );
  const detail = org.data;

  return (
    <Card data-testid="selected-org">
      <Breadcrumb
        items={detail.breadcrumbs.map((crumb) => ({
          title:
            crumb.id === detail.id ? (
              crumb.name
            ) : (
              <LinkButton onClick={() => onSelect(crumb.id)}>{crumb.name}</LinkButton>
            ),
        }))}
      />
      <Flex justify="space-between" align="center" wrap gap={12} style={{ margin: '12px 0 20px' }}>
        <Flex align="center" gap={8} wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {detail.name}
          </Typography.Title>
          <Tag color="blue">{orgTypes[detail.type]}</Tag>
          <OrgStatusTag status={detail.status} />
          <Button type="link" onClick={() => onOpenDetail(detail.id)} data-testid="open-org-detail">
            {common.details}
          </Button>
        </Flex>
        <OrgActions org={detail} onChanged={onChanged} />
      </Flex>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {orgs.childrenOf(detail.name)}
      </Typography.Title>
      <OrgChildrenTable parentId={detail.id} onOpenDetail={onOpenDetail} onEnter={onSelect} />
    </Card>
  );
}
