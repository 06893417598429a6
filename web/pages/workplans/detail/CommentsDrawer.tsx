import { App, Button, Divider, Drawer, Empty, Flex, Form, Input, Select, Skeleton, Typography } from 'antd';
import { commentBody } from '../../../../shared/schemas/workplans.reports';
import { useAddComment, useComments } from '../../../api/workplans';
import { formatTime } from '../../../components/format';
import { checkWithSchema, useShowError } from '../../../components/formErrors';
import { workplanComments as t } from '../../../locales/zh-CN';

/** The task a supervision thread is about, with the orgs it went to. */
export interface CommentsTask {
  taskId: number;
  number: string;
  title: string;
  orgs: { id: number; name: string }[];
}

interface CommentValues {
  orgId?: number;
  body?: string;
}

function CommentForm({ task }: { task: CommentsTask }) {
  const [form] = Form.useForm<CommentValues>();
  const add = useAddComment();
  const showError = useShowError();
  const { message } = App.useApp();

  const send = async (values: CommentValues) => {
    const body = { orgId: values.orgId, body: values.body?.trim() ?? '' };
    if (!checkWithSchema(commentBody, body, form)) return;
    try {
      await add.mutateAsync({ taskId: task.taskId, ...body });
      message.success(t.sent);
      form.resetFields();
    } catch (error) {
      showError(error, form);
    }
  };

  return (
    <Form<CommentValues> form={form} name="comment" layout="vertical" onFinish={send} data-testid="comment-form">
      <Form.Item name="orgId" label={t.about}>
        <Select
          allowClear
          placeholder={t.aboutAll}
          options={task.orgs.map((o) => ({ value: o.id, label: o.name }))}
          showSearch={{ optionFilterProp: 'label' }}
        />
      </Form.Item>
      <Form.Item name="body" label={t.body} rules={[{ required: true, whitespace: true, message: t.bodyRequired }]}>
        <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t.bodyPlaceholder} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={add.isPending}>
        {t.submit}
      </Button>
    </Form>
  );
}

/** 督查意见: the supervision thread of a task, newest first, with a form for the lead department. */
export function CommentsDrawer({
  task,
  canComment,
  onClose,
}: {
  task: CommentsTask | null;
  canComment: boolean;
  onClose: () => void;
}) {
  const comments = useComments(task?.taskId ?? null);
  return (
    <Drawer
      open={task !== null}
      onClose={onClose}
      size={560}
      title={task ? t.title(`${task.number}. ${task.title}`) : ''}
      destroyOnHidden
      data-testid="comments-drawer"
    >
      {task && (
        <Flex vertical gap={16}>
          {canComment && <CommentForm task={task} />}
          {canComment && (
            <Divider plain style={{ margin: 0 }}>
              {t.history}
            </Divider>
          )}
          {comments.isPending ? (
            <Skeleton active paragraph={{ rows: 4 }} />
          ) : comments.data?.length ? (
            comments.data.map((c) => (
              <div
                key={c.id}
                style={{ borderInlineStart: '3px solid #c8161d', padding: '4px 12px' }}
                data-testid="comment"
              >
                <Flex justify="space-between" gap={8}>
                  <Typography.Text strong>
                    {c.authorName}
                    {c.orgName && <Typography.Text type="secondary"> → {c.orgName}</Typography.Text>}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatTime(c.createdAt)}
                  </Typography.Text>
                </Flex>
                <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>
                  {c.body}
                </Typography.Paragraph>
              </div>
            ))
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.empty} />
          )}
        </Flex>
      )}
    </Drawer>
  );
}
