import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Flex, Form, Input, Skeleton, Tag, Typography } from 'antd';
import { type OrgView, useCreateDepartment, useDepartments } from '../../api/orgs';
import { useCan } from '../../app/session';
import { useShowError } from '../../components/formErrors';
import { orgs } from '../../locales/zh-CN';

/** A federation's departments (部室), with 新建部室 for holders of orgs.update. */
export function DepartmentsPanel({ org }: { org: OrgView }) {
  const departments = useDepartments(org.id);
  const create = useCreateDepartment();
  const can = useCan();
  const showError = useShowError();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();

  const onFinish = async ({ name }: { name: string }) => {
    try {
      await create.mutateAsync({ orgId: org.id, name });
      message.success(orgs.departmentCreated);
      form.resetFields();
    } catch (error) {
      showError(error, form);
    }
  };

  return (
    <div style={{ marginTop: 24 }} data-testid="departments">
      <Typography.Title level={5}>{orgs.departments}</Typography.Title>
      {departments.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : departments.data?.length ? (
        <Flex wrap gap={8}>
          {departments.data.map((d) => (
            <Tag key={d.id} style={{ padding: '2px 10px', fontSize: 13 }}>
              {d.name}
            </Tag>
          ))}
        </Flex>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={orgs.noDepartments} />
      )}
      {can('orgs.update') && org.status === 'active' && (
        <Form form={form} name="department" layout="inline" onFinish={onFinish} style={{ marginTop: 16 }}>
          <Form.Item name="name" rules={[{ required: true, whitespace: true, message: orgs.departmentName }]}>
            <Input placeholder={orgs.departmentName} maxLength={30} />
          </Form.Item>
          <Button htmlType="submit" icon={<PlusOutlined />} loading={create.isPending}>
            {orgs.addDepartment}
          </Button>
        </Form>
      )}
    </div>
  );
}
