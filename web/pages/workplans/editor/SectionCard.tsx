import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Divider, Flex, Form, Input, Typography } from 'antd';
import { Fragment } from 'react';
import { workplanEditor as t } from '../../../locales/zh-CN';
import { blankTask, type SectionValues } from './editorForm';
import { TaskEditor } from './TaskEditor';

interface SectionCardProps {
  name: number;
  departmentOptions: { value: string; label: string }[];
  issuerOrgId?: number;
}

/** A 一、 section of the document: its title, then its tasks under their （一） group headings. */
export function SectionCard({ name, departmentOptions, issuerOrgId }: SectionCardProps) {
  const form = Form.useFormInstance();
  // The number and groups have no field of their own: watch the stored values.
  const number = Form.useWatch(['sections', name, 'number'], { form, preserve: true }) as string | undefined;
  const groups = (Form.useWatch(['sections', name, 'groups'], { form, preserve: true }) ??
    []) as SectionValues['groups'];
  const groupTitle = (group: string | null | undefined) => groups.find((g) => g.number === group)?.title;

  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      title={
        <Flex align="center" gap={4}>
          <span>{t.section(number ?? '')}</span>
          <Form.Item
            name={[name, 'title']}
            rules={[{ required: true, whitespace: true, message: t.titleRequired }]}
            style={{ marginBottom: 0, flex: 1 }}
          >
            <Input aria-label={t.sectionTitle} variant="borderless" style={{ fontWeight: 600, paddingInline: 0 }} />
          </Form.Item>
        </Flex>
      }
      data-testid="section-card"
    >
      <Form.List name={[name, 'tasks']}>
        {(fields, { add, remove }) => {
          const addTask = () => {
            const last = fields.at(-1);
            const lastGroup = last
              ? (form.getFieldValue(['sections', name, 'tasks', last.name, 'group']) as string | null)
              : null;
            add({ ...blankTask(String(fields.length + 1)), group: lastGroup });
          };
          if (fields.length === 0) {
            // A section of principles or measures: one quiet line, tasks can still be added.
            return (
              <Flex justify="space-between" align="center">
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {t.noTasksInSection}
                </Typography.Text>
                <Button type="link" size="small" icon={<PlusOutlined />} onClick={addTask}>
                  {t.addTask}
                </Button>
              </Flex>
            );
          }
          return (
            <>
              {fields.map((field, i) => {
                const group = form.getFieldValue(['sections', name, 'tasks', field.name, 'group']) as string | null;
                const previous =
                  i > 0
                    ? (form.getFieldValue(['sections', name, 'tasks', fields[i - 1]?.name ?? 0, 'group']) as
                        | string
                        | null)
                    : undefined;
                const heading = group && group !== previous ? groupTitle(group) : undefined;
                return (
                  <Fragment key={field.key}>
                    {heading && (
                      <Divider titlePlacement="start" plain style={{ margin: '4px 0 12px' }}>
                        <Typography.Text strong>
                          {group}
                          {heading}
                        </Typography.Text>
                      </Divider>
                    )}
                    <TaskEditor
                      sectionIndex={name}
                      name={field.name}
                      departmentOptions={departmentOptions}
                      issuerOrgId={issuerOrgId}
                      onRemove={() => remove(field.name)}
                    />
                  </Fragment>
                );
              })}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={addTask}>
                {t.addTask}
              </Button>
            </>
          );
        }}
      </Form.List>
    </Card>
  );
}
