import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Form, InputNumber, Typography } from 'antd';
import { workplanEditor as t } from '../../../locales/zh-CN';

/**
 * 序时节点: optional points of the schedule (by 30 June, 50 %), for targets that do not progress evenly
 * (a competition held in autumn); between them the expected share grows linearly.
 */
export function MilestonesEditor({ listName }: { listName: (string | number)[] }) {
  return (
    <div style={{ background: '#fafafa', borderRadius: 6, padding: '8px 12px', marginBottom: 8 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t.milestonesHint}
      </Typography.Text>
      <Form.List name={listName}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Flex key={field.key} gap={8} align="start" style={{ marginTop: 8 }} data-testid="milestone-row">
                <Form.Item
                  name={[field.name, 'date']}
                  rules={[{ required: true, message: t.milestoneRequired }]}
                  style={{ marginBottom: 0 }}
                >
                  <DatePicker aria-label={t.milestoneDate} placeholder={t.milestoneDate} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'percent']}
                  rules={[{ required: true, message: t.milestonePercentRequired }]}
                  style={{ marginBottom: 0 }}
                >
                  <InputNumber
                    aria-label={t.milestonePercent}
                    prefix={t.milestonePercent}
                    suffix="%"
                    min={1}
                    max={99}
                    precision={1}
                    style={{ width: 160 }}
                  />
                </Form.Item>
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t.removeMilestone}
                  onClick={() => remove(field.name)}
                />
              </Flex>
            ))}
            <Button
              size="small"
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ date: null, percent: null })}
              style={{ marginTop: 8 }}
            >
              {t.addMilestone}
            </Button>
          </>
        )}
      </Form.List>
    </div>
  );
}
