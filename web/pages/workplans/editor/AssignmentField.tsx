import { Flex, Form, Radio, Typography } from 'antd';
import { type AssignmentMode, assignmentModes } from '../../../../shared/schemas/workplans';
import { OrgMultiPicker } from '../../../components/OrgMultiPicker';
import { workplanEditor as t } from '../../../locales/zh-CN';

export const assignmentOptions = (Object.keys(assignmentModes) as AssignmentMode[]).map((value) => ({
  value,
  label: assignmentModes[value],
}));

interface AssignmentFieldProps {
  /** The absolute path of the assignment in the form. */
  path: (string | number)[];
  /** Its path relative to the enclosing Form.List (or the form). */
  name: (string | number)[];
  /** Search orgs only under this one (the issuer). */
  under?: number;
}

/** 承担单位: every county federation below the issuer, chosen orgs, or chosen orgs with their whole subtrees. */
export function AssignmentField({ path, name, under }: AssignmentFieldProps) {
  const mode = Form.useWatch([...path, 'mode']) as AssignmentMode | undefined;
  return (
    <Flex gap={12} align="start" wrap>
      <Form.Item name={[...name, 'mode']} style={{ marginBottom: 0 }}>
        <Radio.Group options={assignmentOptions} optionType="button" buttonStyle="solid" size="small" />
      </Form.Item>
      {mode && mode !== 'counties' ? (
        <Form.Item
          name={[...name, 'orgIds']}
          rules={[{ required: true, type: 'array', min: 1, message: t.assignmentOrgsRequired }]}
          style={{ marginBottom: 0, flex: '1 1 320px' }}
        >
          <OrgMultiPicker under={under} placeholder={t.assignmentOrgs} aria-label={t.assignmentOrgs} />
        </Form.Item>
      ) : (
        <Typography.Text type="secondary" style={{ fontSize: 12, lineHeight: '24px' }}>
          {t.assignmentHintCounties}
        </Typography.Text>
      )}
    </Flex>
  );
}
