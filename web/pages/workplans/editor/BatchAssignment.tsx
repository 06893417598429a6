import { App, Button, Flex, Form, Radio, Typography } from 'antd';
import { useState } from 'react';
import type { AssignmentMode } from '../../../../shared/schemas/workplans';
import { OrgMultiPicker } from '../../../components/OrgMultiPicker';
import { workplanEditor as t } from '../../../locales/zh-CN';
import { assignmentOptions } from './AssignmentField';
import type { EditorValues } from './editorForm';

/** 统一设置承担单位: gives every task of the document the same assigned orgs in one go. */
export function BatchAssignment({ issuerOrgId }: { issuerOrgId?: number }) {
  const form = Form.useFormInstance<EditorValues>();
  const { message } = App.useApp();
  const [mode, setMode] = useState<AssignmentMode>('counties');
  const [orgIds, setOrgIds] = useState<number[]>([]);

  const apply = () => {
    const sections = form.getFieldValue('sections') as EditorValues['sections'];
    form.setFieldValue(
      'sections',
      sections.map((s) => ({
        ...s,
        tasks: s.tasks.map((task) => ({ ...task, assignment: { mode, orgIds: mode === 'counties' ? [] : orgIds } })),
      })),
    );
    message.success(t.applyToAllDone);
  };

  return (
    <Flex vertical gap={8} data-testid="batch-assignment">
      <Typography.Text type="secondary">{t.applyToAll}</Typography.Text>
      <Radio.Group
        options={assignmentOptions}
        optionType="button"
        buttonStyle="solid"
        value={mode}
        onChange={(e) => setMode(e.target.value)}
      />
      {mode !== 'counties' ? (
        <OrgMultiPicker value={orgIds} onChange={setOrgIds} under={issuerOrgId} placeholder={t.assignmentOrgs} />
      ) : (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t.assignmentHintCounties}
        </Typography.Text>
      )}
      <div>
        <Button onClick={apply} disabled={mode !== 'counties' && orgIds.length === 0}>
          {t.apply}
        </Button>
      </div>
    </Flex>
  );
}
