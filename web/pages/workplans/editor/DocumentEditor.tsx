import { SaveOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Flex, Form, Row, Space, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { type DocumentInput, documentInput } from '../../../../shared/schemas/workplans';
import { useDepartments } from '../../../api/orgs';
import { useCreateDocument, usePublishDocument, useUpdateDocument } from '../../../api/workplans';
import { useCan, useSession } from '../../../app/session';
import { checkWithSchema, useShowError } from '../../../components/formErrors';
import { workplanEditor as t } from '../../../locales/zh-CN';
import { workplanLinks } from '../workplanLinks';
import { BatchAssignment } from './BatchAssignment';
import { type EditorValues, toDocumentInput, toEditorValues } from './editorForm';
import { HeaderFields } from './HeaderFields';
import { SectionCard } from './SectionCard';
import { useUnsavedGuard } from './useUnsavedGuard';

interface DocumentEditorProps {
  /** The document to review: a parsed draft, or a saved draft being edited. */
  initial: DocumentInput;
  /** The saved draft's id; none for a document not saved yet. */
  documentId?: number;
  /** The issuing org (default: the caller's own), whose departments and subtree the form offers. */
  issuerOrgId?: number;
  /** What sits above the form (e.g. what the parser found). */
  notice?: ReactNode;
  /** Actions beside the save buttons (e.g. 重新粘贴). */
  extraActions?: ReactNode;
}

const scrollToFirstError = { behavior: 'smooth', block: 'center' } as const;

/**
 * The review form of a draft: header, tasks by section with months, departments, assigned orgs and
 * targets, and the notice's text beside it. 保存草稿 saves; 发布 saves, asks, then publishes.
 */
export function DocumentEditor({ initial, documentId, issuerOrgId, notice, extraActions }: DocumentEditorProps) {
  const [form] = Form.useForm<EditorValues>();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const showError = useShowError();
  const can = useCan();
  const { account } = useSession();
  const issuer = issuerOrgId ?? account.org.id;
  const departments = useDepartments(issuer, can('orgs.read'));
  const departmentOptions = useMemo(
    () => (departments.data ?? []).map((d) => ({ value: d.name, label: d.name })),
    [departments.data],
  );
  const create = useCreateDocument();
  const update = useUpdateDocument();
  const publish = usePublishDocument();
  const guard = useUnsavedGuard();
  const [savedId, setSavedId] = useState(documentId);
  const initialValues = useMemo(() => toEditorValues(initial), [initial]);
  const extras = { preamble: initial.preamble, fullText: initial.fullText, attachments: initial.attachments };
  const busy = create.isPending || update.isPending || publish.isPending;

  /** Checks the form as the server will, then saves; the id of the saved draft, or null. */
  const save = async (): Promise<number | null> => {
    try {
      await form.validateFields({ recursive: true });
    } catch {
      message.error(t.invalid);
      form.scrollToField(form.getFieldsError().find((f) => f.errors.length)?.name ?? 'title', scrollToFirstError);
      return null;
    }
    const input = toDocumentInput(form.getFieldsValue(true), extras);
    if (!checkWithSchema(documentInput, input, form)) {
      message.error(t.invalid);
      return null;
    }
    try {
      const doc = savedId ? await update.mutateAsync({ id: savedId, body: input }) : await create.mutateAsync(input);
      setSavedId(doc.id);
      guard.markSaved();
      return doc.id;
    } catch (error) {
      showError(error, form);
      return null;
    }
  };

  const onSave = async () => {
    const id = await save();
    if (id === null) return;
    message.success(t.saved);
    if (!documentId) {
      guard.allowLeave();
      navigate(workplanLinks.edit(id), { replace: true });
    }
  };

  const onPublish = async () => {
    const id = await save();
    if (id === null) return;
    const tasks = toDocumentInput(form.getFieldsValue(true), extras).sections.flatMap((s) => s.tasks).length;
    modal.confirm({
      title: t.publishConfirm(tasks),
      onOk: async () => {
        try {
          const published = await publish.mutateAsync(id);
          message.success(t.published(published.assignedOrgs));
          guard.allowLeave();
          navigate(workplanLinks.detail(id));
        } catch (error) {
          showError(error);
        }
      },
      onCancel: () => {
        // The draft is saved either way; stay on its own address.
        if (!documentId) {
          guard.allowLeave();
          navigate(workplanLinks.edit(id), { replace: true });
        }
      },
    });
  };

  return (
    <Form<EditorValues>
      form={form}
      name="document"
      layout="vertical"
      initialValues={initialValues}
      onValuesChange={guard.markDirty}
      data-testid="document-editor"
    >
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          {notice}
          <Card title={t.header} size="small" style={{ marginBottom: 16 }}>
            <HeaderFields />
          </Card>
          <Card title={t.sections} size="small" style={{ marginBottom: 16 }}>
            <BatchAssignment issuerOrgId={issuer} />
          </Card>
          <Form.List name="sections">
            {(fields) =>
              fields.map((field) => (
                <SectionCard
                  key={field.key}
                  name={field.name}
                  departmentOptions={departmentOptions}
                  issuerOrgId={issuer}
                />
              ))
            }
          </Form.List>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t.fullText} size="small" style={{ position: 'sticky', top: 12 }}>
            <Typography.Paragraph
              style={{
                whiteSpace: 'pre-wrap',
                maxHeight: 'calc(100vh - 200px)',
                overflow: 'auto',
                fontSize: 13,
                marginBottom: 0,
              }}
              data-testid="document-fulltext"
            >
              {initial.fullText || '—'}
            </Typography.Paragraph>
          </Card>
        </Col>
      </Row>
      <Flex
        justify="flex-end"
        style={{
          position: 'sticky',
          bottom: 0,
          zIndex: 10,
          background: '#fff',
          padding: '12px 16px',
          margin: '0 -24px -24px',
          boxShadow: '0 -2px 8px rgba(0,0,0,0.06)',
        }}
      >
        <Space>
          {extraActions}
          <Button
            icon={<SaveOutlined />}
            loading={create.isPending || update.isPending}
            disabled={busy}
            onClick={onSave}
            data-testid="document-save"
          >
            {t.save}
          </Button>
          <Button
            type="primary"
            icon={<SendOutlined />}
            loading={publish.isPending}
            disabled={busy}
            onClick={onPublish}
            data-testid="document-publish"
          >
            {t.saveAndPublish}
          </Button>
        </Space>
      </Flex>
    </Form>
  );
}
