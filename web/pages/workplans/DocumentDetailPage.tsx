import { Alert, Button, Card, Flex, Result, Skeleton, Tabs } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { isNotFound } from '../../api/client';
import { type DashboardTask, useDocument } from '../../api/workplans';
import { common, workplanDetail as t, workplans } from '../../locales/zh-CN';
import { DashboardPanel } from './dashboard/DashboardPanel';
import { CommentsDrawer, type CommentsTask } from './detail/CommentsDrawer';
import { DocumentContent } from './detail/DocumentContent';
import { DocumentHeader } from './detail/DocumentHeader';
import { type RecordsFilter, ReportsDrawer } from './records/ReportsDrawer';
import { workplanLinks } from './workplanLinks';

/**
 * A work plan: its header and actions, then the progress dashboard (published) and its content. The
 * org drilled into sits in the address (?orgId=), so a link or a reload keeps the same view.
 */
export default function DocumentDetailPage() {
  const id = Number(useParams().id) || null;
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const orgId = Number(params.get('orgId')) || undefined;
  const doc = useDocument(id);
  const [records, setRecords] = useState<RecordsFilter | null>(null);
  const [comments, setComments] = useState<CommentsTask | null>(null);

  if (doc.isPending) {
    return (
      <Flex vertical gap={16}>
        <Card>
          <Skeleton active paragraph={{ rows: 3 }} />
        </Card>
        <Card>
          <Skeleton active paragraph={{ rows: 10 }} />
        </Card>
      </Flex>
    );
  }
  if (doc.error || !doc.data) {
    return (
      <Card>
        <Result
          status="warning"
          title={isNotFound(doc.error) ? workplans.notFound : common.loadFailed}
          subTitle={isNotFound(doc.error) ? undefined : doc.error?.message}
          extra={<Button onClick={() => navigate(workplanLinks.list)}>{workplans.backToList}</Button>}
        />
      </Card>
    );
  }
  const document = doc.data;
  const draft = document.status === 'draft';
  const tab = draft ? 'content' : (params.get('tab') ?? 'dashboard');

  const openComments = (task: DashboardTask) => {
    const full = document.sections.flatMap((s) => s.tasks).find((x) => x.id === task.taskId);
    setComments({ taskId: task.taskId, number: task.number, title: task.title, orgs: full?.assignedOrgs ?? [] });
  };

  return (
    <Flex vertical gap={16}>
      <DocumentHeader doc={document} orgId={orgId} />
      {draft && <Alert type="warning" showIcon message={t.draftHint} />}
      {document.status === 'closed' && <Alert type="info" showIcon message={t.closedHint} />}
      <Tabs
        activeKey={tab}
        onChange={(key) => {
          const next = new URLSearchParams(params);
          next.set('tab', key);
          setParams(next, { replace: true });
        }}
        items={[
          ...(draft
            ? []
            : [
                {
                  key: 'dashboard',
                  label: t.dashboardTab,
                  children: (
                    <DashboardPanel
                      doc={document}
                      orgId={orgId}
                      onOpenRecords={setRecords}
                      onOpenComments={openComments}
                    />
                  ),
                },
              ]),
          { key: 'content', label: t.contentTab, children: <DocumentContent doc={document} /> },
        ]}
      />
      <ReportsDrawer filter={records} canReview={document.can.review} onClose={() => setRecords(null)} />
      <CommentsDrawer task={comments} canComment={document.can.review} onClose={() => setComments(null)} />
    </Flex>
  );
}
