import { Button, Card, Result, Skeleton } from 'antd';
import { useMemo } from 'react';
import { useNavigate, useParams } from 'react-router';
import { isNotFound } from '../../api/client';
import { useDocument } from '../../api/workplans';
import { rememberOrgs } from '../../components/OrgPicker';
import { common, workplanEditor as t, workplans } from '../../locales/zh-CN';
import { DocumentEditor } from './editor/DocumentEditor';
import { documentInputFromView } from './editor/editorForm';
import { workplanLinks } from './workplanLinks';

/** 编辑工作计划草稿: the review form over a saved draft; a published document cannot change. */
export default function EditDocumentPage() {
  const id = Number(useParams().id) || null;
  const navigate = useNavigate();
  const doc = useDocument(id);
  const initial = useMemo(() => {
    if (!doc.data) return null;
    // The chosen orgs and allotments show by name before any search.
    for (const task of doc.data.sections.flatMap((s) => s.tasks)) {
      rememberOrgs(task.assignedOrgs);
      for (const target of task.targets) rememberOrgs(target.allotments.map((a) => ({ id: a.orgId, name: a.orgName })));
    }
    return documentInputFromView(doc.data);
  }, [doc.data]);

  if (doc.isPending) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 12 }} />
      </Card>
    );
  }
  if (doc.error || !doc.data || !initial) {
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
  if (!doc.data.can.edit) {
    return (
      <Card>
        <Result
          status="info"
          title={t.notDraft}
          extra={
            <Button type="primary" onClick={() => navigate(workplanLinks.detail(doc.data.id))}>
              {workplans.open}
            </Button>
          }
        />
      </Card>
    );
  }
  return (
    <DocumentEditor key={doc.data.id} initial={initial} documentId={doc.data.id} issuerOrgId={doc.data.issuerOrgId} />
  );
}
