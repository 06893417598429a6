import { useQueryClient } from '@tanstack/react-query';
import { Button, ErrorBlock, List, NavBar, Result, Skeleton, Tag } from 'antd-mobile';
import { type ReactNode, useEffect } from 'react';
import { useNavigate } from 'react-router';
import { joinStatuses } from '../../shared/memberEnums';
import { meKey, useMe } from '../api/auth';
import { type JoinStatus, type JoinView, useOwnJoins } from '../api/joins';
import { formatTime } from '../components/format';
import { common, joinPortal as t } from '../locales/zh-CN';

const tagColors: Record<JoinStatus, string> = { pending: 'warning', approved: 'success', rejected: 'danger' };

/** 待审核 orange, 已通过 green, 未通过 red. */
export function JoinTag({ status }: { status: JoinStatus }) {
  return (
    <Tag color={tagColors[status]} fill="outline" style={{ fontSize: 13, padding: '3px 6px' }}>
      {joinStatuses[status]}
    </Tag>
  );
}

function Details({ join: j }: { join: JoinView }) {
  return (
    <div className="join-status-line">
      <div>{t.appliedAt(formatTime(j.createdAt))}</div>
      {j.reviewerName && j.reviewedAt && <div>{t.reviewedBy(j.reviewerName, formatTime(j.reviewedAt))}</div>}
      {j.status === 'rejected' && j.reviewComment && (
        <div className="portal-rejection" data-testid="join-comment">
          {t.rejectedReason(j.reviewComment)}
        </div>
      )}
    </div>
  );
}

/** The latest application, big: what happens next. */
function Latest({ join }: { join: JoinView }) {
  const navigate = useNavigate();
  if (join.status === 'approved') {
    return (
      <Result
        status="success"
        title={t.approvedTitle}
        description={
          <>
            <div>{t.approvedHint(join.union.name)}</div>
            <Button
              color="primary"
              size="large"
              style={{ marginTop: 16 }}
              onClick={() => navigate('/card')}
              data-testid="view-card"
            >
              {t.viewCard}
            </Button>
          </>
        }
      />
    );
  }
  if (join.status === 'rejected') {
    return (
      <Result
        status="error"
        title={t.rejectedTitle}
        description={
          <>
            <div className="portal-rejection" data-testid="latest-comment">
              {t.rejectedReason(join.reviewComment ?? '')}
            </div>
            <Button
              color="primary"
              size="large"
              style={{ marginTop: 16 }}
              onClick={() => navigate(`/join?again=${join.id}`)}
            >
              {t.reapply}
            </Button>
          </>
        }
      />
    );
  }
  return <Result status="waiting" title={t.pendingTitle} description={t.pendingHint(join.union.name)} />;
}

/** 我的入会申请: the latest application's outcome and every application with its decision. */
export function JoinStatusPage() {
  const own = useOwnJoins();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const latest = own.data?.[0];
  const approvedButNoAccess = latest?.status === 'approved' && !me.data?.permissions.includes('portal.use');
  // The union has just approved: this session now holds the member role, so reload the permissions.
  useEffect(() => {
    if (approvedButNoAccess) void queryClient.invalidateQueries({ queryKey: meKey });
  }, [approvedButNoAccess, queryClient]);

  let body: ReactNode = <Skeleton.Paragraph lineCount={8} animated />;
  if (own.error) {
    body = <ErrorBlock status="default" title={common.loadFailed} description={own.error.message} />;
  } else if (own.data && !latest) {
    body = (
      <ErrorBlock status="empty" title={t.noApplication} description={t.notMemberHint}>
        <Button color="primary" size="large" onClick={() => navigate('/join')}>
          {t.entry}
        </Button>
      </ErrorBlock>
    );
  } else if (own.data && latest) {
    body = (
      <>
        <div className="portal-card" data-testid="join-latest">
          <div className="portal-muted">{latest.union.name}</div>
          <Latest join={latest} />
        </div>
        <List mode="card" header={t.history} data-testid="my-joins">
          {own.data.map((j) => (
            <List.Item key={j.id} extra={<JoinTag status={j.status} />} description={<Details join={j} />}>
              {j.union.name}
            </List.Item>
          ))}
        </List>
      </>
    );
  }
  return (
    <>
      <NavBar back={common.back} onBack={() => navigate('/')}>
        {t.statusTitle}
      </NavBar>
      <div className="card-page">{body}</div>
    </>
  );
}
