import { Button, Card, Col, Empty, Result, Row, Skeleton, Typography } from 'antd';
import { useOrgRoots } from '../../api/orgs';
import { useCan, useSession } from '../../app/session';
import { common, home, shell } from '../../locales/zh-CN';
import { OrgStatsCard } from './OrgStatsCard';

/** The landing page: subtree totals of each org at the top of the caller's scope. */
export default function HomePage() {
  const { account } = useSession();
  const can = useCan();

  if (!can('orgs.read')) {
    return (
      <Card variant="borderless">
        <Result
          status="info"
          title={shell.portalOnly}
          subTitle={shell.portalOnlyHint}
          extra={
            <Button type="primary" href="/m">
              {shell.openPortal}
            </Button>
          }
        />
      </Card>
    );
  }

  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {home.welcome(account.displayName)}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{home.subtitle}</Typography.Paragraph>
      <RootStats />
    </>
  );
}

function RootStats() {
  const roots = useOrgRoots();
  if (roots.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (roots.error) return <Result status="warning" title={common.loadFailed} subTitle={roots.error.message} />;
  if (!roots.data?.length) return <Empty description={home.noRoots} />;
  return (
    <Row gutter={[16, 16]}>
      {roots.data.map((org) => (
        <Col key={org.id} span={24}>
          <OrgStatsCard org={org} />
        </Col>
      ))}
    </Row>
  );
}
