import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, InputNumber, Typography } from 'antd';
import { OrgPicker } from '../../../components/OrgPicker';
import { workplanEditor as t } from '../../../locales/zh-CN';

interface AllotmentsEditorProps {
  /** The absolute path of the target in the form, e.g. ['sections', 2, 'tasks', 0, 'targets', 1]. */
  targetPath: (string | number)[];
  /** The path of the allotments list relative to the enclosing Form.List. */
  listName: (string | number)[];
}

/**
 * 分配到单位: an optional share of the target per assigned org (e.g. 1,000 team leaders split across
 * the counties), with the running sum against the target.
 */
export function AllotmentsEditor({ targetPath, listName }: AllotmentsEditorProps) {
  const form = Form.useFormInstance();
  const total = Form.useWatch([...targetPath, 'value'], form) as number | null | undefined;
  const unit = (Form.useWatch([...targetPath, 'unit'], form) as string | undefined) ?? '';
  const parts = (Form.useWatch([...targetPath, 'allotments'], form) ?? []) as { value?: number | null }[];
  const sum = parts.reduce((s, p) => s + (p?.value ?? 0), 0);
  const over = typeof total === 'number' && sum > total;

  return (
    <div style={{ background: '#fafafa', borderRadius: 6, padding: '8px 12px', marginBottom: 8 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t.allotmentsHint}
      </Typography.Text>
      <Form.List name={listName}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Flex key={field.key} gap={8} align="start" style={{ marginTop: 8 }}>
                <Form.Item
                  name={[field.name, 'orgId']}
                  rules={[{ required: true, message: t.assignmentOrgsRequired }]}
                  style={{ marginBottom: 0, flex: 1 }}
                >
                  <OrgPicker placeholder={t.allotmentOrg} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'value']}
                  rules={[{ required: true, message: t.valueRequired }]}
                  style={{ marginBottom: 0 }}
                >
                  <InputNumber
                    aria-label={t.allotmentValue}
                    min={0}
                    placeholder={t.allotmentValue}
                    suffix={unit}
                    style={{ width: 160 }}
                  />
                </Form.Item>
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={t.removeTarget}
                  onClick={() => remove(field.name)}
                />
              </Flex>
            ))}
            <Flex justify="space-between" align="center" style={{ marginTop: 8 }}>
              <Button
                size="small"
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ orgId: undefined, value: null })}
              >
                {t.allotmentAdd}
              </Button>
              {fields.length > 0 && (
                <Typography.Text type={over ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                  {over
                    ? `${t.allotmentsOver}（${t.allotmentsSum(sum, total ?? 0, unit)}）`
                    : t.allotmentsSum(sum, total ?? 0, unit)}
                </Typography.Text>
              )}
            </Flex>
          </>
        )}
      </Form.List>
    </div>
  );
}
