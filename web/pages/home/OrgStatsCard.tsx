import { BarChartOutlined, RightOutlined } from '@ant-design/icons';
import { Card, Col, Divider, Flex, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { type OrgType, orgTypes } from '../../../shared/enums';
import { type OrgView, useOrgStats } from '../../api/orgs';
import { useCan } from '../../app/session';
import { home } from '../../locales/zh-CN';
import { memberStatsLink, membersPageLink } from '../members/memberLinks';
import { orgPageLink } from '../orgs/orgLinks';

const headline = [
  { key: 'members', label: home.members },
  { key: 'orgs', label: home.orgs },
  { key: 'grassroots', label: home.grassroots },
  { key: 'children', label: home.children },
  { key: 'accounts', label: home.accounts },
] as const;

const statsLinkStyle = { position: 'absolute', top: 8, right: 20, fontSize: 12 } as const;

/** One root org's subtree totals as statistic cards; the card links to the org page. */
export function OrgStatsCard({ org }: { org: OrgView }) {
  const stats = useOrgStats(org.id);
  const can = useCan();
  // The member count opens the roster of this org's subtree; the org counts open the org page.
  const canReadMembers = can('members.read');
  const linkOf = (key: (typeof headline)[number]['key']) =>
    key === 'members' && canReadMembers ? membersPageLink(org.id) : orgPageLink(org.id);
  return (
    <Card
      title={
        <Flex gap={8} align="center">
          <span>{org.name}</span>
          <Tag>{orgTypes[org.type]}</Tag>
        </Flex>
      }
      extra={
        <Link to={orgPageLink(org.id)}>
          {home.openOrg} <RightOutlined />
        </Link>
      }
      data-testid={`org-stats-${org.id}`}
    >
      {stats.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : (
        <>
          <Row gutter={[16, 16]}>
            {headline.map(({ key, label }) => (
              <Col key={key} flex="1 1 160px" style={{ position: 'relative' }}>
                <Link to={linkOf(key)} data-testid={`stat-${key}`}>
                  <Card size="small" hoverable style={{ background: '#fafafa' }}>
                    <Statistic title={label} value={stats.data?.[key] ?? 0} />
                  </Card>
                </Link>
                {key === 'members' && canReadMembers && (
                  // Beside the card, not inside it: the card itself is a link to the roster.
                  <Link to={memberStatsLink(org.id)} data-testid="stat-members-stats" style={statsLinkStyle}>
                    <BarChartOutlined /> {home.memberStats}
                  </Link>
                )}
              </Col>
            ))}
          </Row>
          <Divider titlePlacement="start" plain>
            <Typography.Text type="secondary">{home.byType}</Typography.Text>
          </Divider>
          <Row gutter={[16, 8]}>
            {(Object.keys(orgTypes) as OrgType[])
              .filter((type) => stats.data?.byType[type])
              .map((type) => (
                <Col key={type} xs={12} md={8} lg={6}>
                  <Statistic
                    title={orgTypes[type]}
                    value={stats.data?.byType[type] ?? 0}
                    styles={{ content: { fontSize: 20 } }}
                  />
                </Col>
              ))}
          </Row>
        </>
      )}
    </Card>
  );
}
