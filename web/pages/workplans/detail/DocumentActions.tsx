import {
  DeleteOutlined,
  EditOutlined,
  FileExcelOutlined,
  FileWordOutlined,
  SendOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { App, Button, Popconfirm, Space } from 'antd';
import { useNavigate } from 'react-router';
import {
  type DocumentView,
  documentExportUrl,
  useCloseDocument,
  useDeleteDocument,
  usePublishDocument,
} from '../../../api/workplans';
import { useShowError } from '../../../components/formErrors';
import { workplanDetail as t, workplanEditor, workplans } from '../../../locales/zh-CN';
import { workplanLinks } from '../workplanLinks';

/** The header's actions: 编辑 / 删除 / 发布 a draft, 结束 a published one, and the two exports. */
export function DocumentActions({ doc, orgId }: { doc: DocumentView; orgId?: number }) {
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const showError = useShowError();
  const publish = usePublishDocument();
  const close = useCloseDocument();
  const remove = useDeleteDocument();
  const taskCount = doc.sections.reduce((sum, s) => sum + s.tasks.length, 0);

  const confirmPublish = () =>
    modal.confirm({
      title: workplanEditor.publishConfirm(taskCount),
      onOk: () =>
        publish
          .mutateAsync(doc.id)
          .then((res) => message.success(workplanEditor.published(res.assignedOrgs)))
          .catch(showError),
    });

  return (
    <Space wrap>
      {doc.can.edit && (
        <>
          <Popconfirm
            title={workplans.deleteConfirm(doc.title)}
            okButtonProps={{ danger: true }}
            onConfirm={() =>
              remove
                .mutateAsync(doc.id)
                .then(() => {
                  message.success(workplans.deleted);
                  navigate(workplanLinks.list);
                })
                .catch(showError)
            }
          >
            <Button danger icon={<DeleteOutlined />}>
              {workplans.delete}
            </Button>
          </Popconfirm>
          <Button
            icon={<EditOutlined />}
            onClick={() => navigate(workplanLinks.edit(doc.id))}
            data-testid="document-edit"
          >
            {t.edit}
          </Button>
        </>
      )}
      {doc.status !== 'draft' && (
        <>
          <Button
            icon={<FileExcelOutlined />}
            href={documentExportUrl(doc.id, 'xlsx', orgId)}
            data-testid="export-xlsx"
          >
            {t.exportXlsx}
          </Button>
          <Button icon={<FileWordOutlined />} href={documentExportUrl(doc.id, 'docx', orgId)} data-testid="export-docx">
            {t.exportDocx}
          </Button>
        </>
      )}
      {doc.can.close && (
        <Popconfirm
          title={t.closeConfirm}
          okButtonProps={{ danger: true }}
          onConfirm={() =>
            close
              .mutateAsync(doc.id)
              .then(() => message.success(t.closed))
              .catch(showError)
          }
        >
          <Button icon={<StopOutlined />} loading={close.isPending} data-testid="document-close">
            {t.close}
          </Button>
        </Popconfirm>
      )}
      {doc.can.publish && (
        <Button
          type="primary"
          icon={<SendOutlined />}
          loading={publish.isPending}
          onClick={confirmPublish}
          data-testid="document-publish"
        >
          {t.publish}
        </Button>
      )}
    </Space>
  );
}
