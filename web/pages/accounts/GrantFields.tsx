import { Col, Form, Row, Select } from 'antd';
import { useDepartments } from '../../api/orgs';
import { useSession } from '../../app/session';
import { OrgPicker, type PickedOrg } from '../../components/OrgPicker';
import { accounts } from '../../locales/zh-CN';
import { grantableRoleOptions } from './roleOptions';

/**
 * Role, org and optional department of one grant. `prefix` places the fields in the form (e.g.
 * ['grants', 0] in the create form) so the server's field names ("grants.0.role") map onto them.
 */
export function GrantFields({ prefix = [], initialOrg }: { prefix?: (string | number)[]; initialOrg?: PickedOrg }) {
  const me = useSession();
  const form = Form.useFormInstance();
  const orgId: number | undefined = Form.useWatch([...prefix, 'orgId'], form);
  const departments = useDepartments(orgId);
  const departmentOptions = (departments.data ?? []).map((d) => ({ value: d.id, label: d.name }));

  return (
    <Row gutter={16}>
      <Col span={10}>
        <Form.Item
          name={[...prefix, 'role']}
          label={accounts.role}
          rules={[{ required: true, message: accounts.roleRequired }]}
        >
          <Select
            options={grantableRoleOptions(me)}
            optionRender={(o) => <span title={o.data.title}>{o.label}</span>}
          />
        </Form.Item>
      </Col>
      <Col span={14}>
        <Form.Item
          name={[...prefix, 'orgId']}
          label={accounts.grantOrg}
          tooltip={accounts.grantOrgHint}
          rules={[{ required: true, message: accounts.orgRequired }]}
        >
          <OrgPicker
            initialOrg={initialOrg}
            onChange={() => form.setFieldValue([...prefix, 'departmentId'], undefined)}
          />
        </Form.Item>
      </Col>
      {departmentOptions.length > 0 && (
        <Col span={24}>
          <Form.Item name={[...prefix, 'departmentId']} label={accounts.department}>
            <Select options={departmentOptions} allowClear />
          </Form.Item>
        </Col>
      )}
    </Row>
  );
}
