import { DeleteOutlined, FlagOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { Badge, Button, DatePicker, Flex, Form, Input, InputNumber, Select, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { targetUnits } from '../../../../shared/schemas/workplans';
import { workplanEditor as t } from '../../../locales/zh-CN';
import { AllotmentsEditor } from './AllotmentsEditor';
import { blankTarget } from './editorForm';
import { MetricSelect } from './MetricSelect';
import { MilestonesEditor } from './MilestonesEditor';

const unitOptions = targetUnits.map((u) => ({ value: u, label: u }));
const item = { style: { marginBottom: 0 } } as const;
// The fixed columns of a target row; the metric's name takes what is left.
const widths = { value: 96, unit: 76, dueDate: 128, metricCode: 132, actions: 108 } as const;

interface TargetRowProps {
  taskPath: (string | number)[];
  name: number;
  onRemove: () => void;
}

/** One target: what is counted, how many, in which unit, by when, how, and optional shares per org. */
function TargetRow({ taskPath, name, onRemove }: TargetRowProps) {
  const form = Form.useFormInstance();
  const path = [...taskPath, 'targets', name];
  const allotments = (Form.useWatch([...path, 'allotments'], form) ?? []) as unknown[];
  const [showAllotments, setShowAllotments] = useState(allotments.length > 0);
  const milestones = (Form.useWatch([...path, 'milestones'], form) ?? []) as unknown[];
  const [showMilestones, setShowMilestones] = useState(milestones.length > 0);

  return (
    <div data-testid="target-row">
      <Flex gap={8} align="start" style={{ marginBottom: 8 }}>
        <Form.Item
          name={[name, 'metric']}
          rules={[{ required: true, whitespace: true, message: t.metricRequired }]}
          style={{ marginBottom: 0, flex: 1, minWidth: 0 }}
        >
          <Input aria-label={t.metric} placeholder={t.metric} maxLength={100} />
        </Form.Item>
        <Form.Item
          {...item}
          name={[name, 'value']}
          rules={[
            { required: true, message: t.valueRequired },
            { type: 'number', min: 0.000001, message: t.valuePositive },
          ]}
        >
          <InputNumber aria-label={t.value} placeholder={t.value} min={0} style={{ width: widths.value }} />
        </Form.Item>
        <Form.Item {...item} name={[name, 'unit']} rules={[{ required: true, message: t.unitRequired }]}>
          <Select
            aria-label={t.unit}
            placeholder={t.unit}
            options={unitOptions}
            showSearch
            style={{ width: widths.unit }}
          />
        </Form.Item>
        <Form.Item {...item} name={[name, 'dueDate']}>
          <DatePicker aria-label={t.dueDate} placeholder={t.dueDate} style={{ width: widths.dueDate }} />
        </Form.Item>
        <Form.Item {...item} name={[name, 'metricCode']}>
          <MetricSelect
            style={{ width: widths.metricCode }}
            onChange={(code, metric) => {
              form.setFieldValue([...path, 'metricCode'], code);
              if (metric?.unit) form.setFieldValue([...path, 'unit'], metric.unit);
              if (metric && !form.getFieldValue([...path, 'metric']))
                form.setFieldValue([...path, 'metric'], metric.name);
            }}
          />
        </Form.Item>
        <Flex style={{ width: widths.actions }} justify="flex-end">
          <Tooltip title={t.allotmentsCount(allotments.length)}>
            <Badge count={allotments.length} size="small" color="#1677ff">
              <Button
                type={showAllotments ? 'link' : 'text'}
                icon={<TeamOutlined />}
                aria-label={t.allotments}
                aria-expanded={showAllotments}
                onClick={() => setShowAllotments((v) => !v)}
              />
            </Badge>
          </Tooltip>
          <Tooltip title={t.milestonesCount(milestones.length)}>
            <Badge count={milestones.length} size="small" color="#1677ff">
              <Button
                type={showMilestones ? 'link' : 'text'}
                icon={<FlagOutlined />}
                aria-label={t.milestones}
                aria-expanded={showMilestones}
                onClick={() => setShowMilestones((v) => !v)}
              />
            </Badge>
          </Tooltip>
          <Tooltip title={t.removeTarget}>
            <Button type="text" danger icon={<DeleteOutlined />} aria-label={t.removeTarget} onClick={onRemove} />
          </Tooltip>
        </Flex>
      </Flex>
      {showMilestones && <MilestonesEditor listName={[name, 'milestones']} />}
      {showAllotments && <AllotmentsEditor targetPath={path} listName={[name, 'allotments']} />}
    </div>
  );
}

const head = (text: string, width?: number) => (
  <Typography.Text type="secondary" style={{ fontSize: 12, width, flex: width ? 'none' : 1 }}>
    {text}
  </Typography.Text>
);

/** The targets of a task as rows under one line of column names, with 添加目标. */
export function TargetRows({ taskPath, taskName }: { taskPath: (string | number)[]; taskName: number }) {
  return (
    <Form.List name={[taskName, 'targets']}>
      {(fields, { add, remove }) => (
        <div>
          {fields.length === 0 ? (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8, fontSize: 13 }}>
              {t.noTargets}
            </Typography.Paragraph>
          ) : (
            <Flex gap={8} style={{ marginBottom: 2 }}>
              {head(t.metric)}
              {head(t.value, widths.value)}
              {head(t.unit, widths.unit)}
              {head(t.dueDate, widths.dueDate)}
              {head(t.metricCode, widths.metricCode)}
              {head(`${t.milestones} · ${t.allotmentShort}`, widths.actions)}
            </Flex>
          )}
          {fields.map((field) => (
            <TargetRow key={field.key} taskPath={taskPath} name={field.name} onRemove={() => remove(field.name)} />
          ))}
          <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => add(blankTarget())}>
            {t.addTarget}
          </Button>
        </div>
      )}
    </Form.List>
  );
}
