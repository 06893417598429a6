import { DeleteOutlined } from '@ant-design/icons';
import { Button, Col, DatePicker, Form, Input, Popconfirm, Row, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { workplanEditor as t } from '../../../locales/zh-CN';
import { AssignmentField } from './AssignmentField';
import { TargetRows } from './TargetRows';

interface TaskEditorProps {
  sectionIndex: number;
  name: number;
  /** 部室 names offered for the lead departments (free text is accepted too). */
  departmentOptions: { value: string; label: string }[];
  issuerOrgId?: number;
  onRemove: () => void;
}

const label = (text: string) => (
  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
    {text}
  </Typography.Text>
);

/** One numbered task of the review form: title, months, departments, assigned orgs and targets. */
export function TaskEditor({ sectionIndex, name, departmentOptions, issuerOrgId, onRemove }: TaskEditorProps) {
  const form = Form.useFormInstance();
  const path = ['sections', sectionIndex, 'tasks', name];
  const title = Form.useWatch([...path, 'title'], form) as string | undefined;
  const [showContent, setShowContent] = useState(false);

  return (
    <div
      data-testid="task-editor"
      data-task-title={title}
      style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '12px 16px', marginBottom: 12 }}
    >
      <Row gutter={12} align="top">
        <Col flex="72px">
          {label(t.taskNumber)}
          <Form.Item
            name={[name, 'number']}
            rules={[{ required: true, whitespace: true, message: t.taskNumberRequired }]}
            style={{ marginBottom: 8 }}
          >
            <Input aria-label={t.taskNumber} maxLength={10} />
          </Form.Item>
        </Col>
        <Col flex="auto">
          {label(t.taskTitle)}
          <Form.Item
            name={[name, 'title']}
            rules={[{ required: true, whitespace: true, message: t.taskTitleRequired }]}
            style={{ marginBottom: 8 }}
          >
            <Input aria-label={t.taskTitle} maxLength={500} />
          </Form.Item>
        </Col>
        <Col flex="140px">
          {label(t.startMonth)}
          <Form.Item name={[name, 'startMonth']} style={{ marginBottom: 8 }}>
            <DatePicker picker="month" aria-label={t.startMonth} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col flex="140px">
          {label(t.endMonth)}
          <Form.Item
            name={[name, 'endMonth']}
            dependencies={[[...path, 'startMonth']]}
            rules={[
              {
                validator: (_, end: Dayjs | null) => {
                  const start = form.getFieldValue([...path, 'startMonth']) as Dayjs | null;
                  return end && start && end.isBefore(start, 'month')
                    ? Promise.reject(new Error(t.monthsInvalid))
                    : Promise.resolve();
                },
              },
            ]}
            style={{ marginBottom: 8 }}
          >
            <DatePicker picker="month" aria-label={t.endMonth} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col flex="32px" style={{ paddingTop: 20 }}>
          <Popconfirm title={t.removeTaskConfirm} okButtonProps={{ danger: true }} onConfirm={onRemove}>
            <Button type="text" danger icon={<DeleteOutlined />} aria-label={t.removeTask} />
          </Popconfirm>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}>
          {label(t.leadDepartments)}
          <Form.Item name={[name, 'leadDepartments']} style={{ marginBottom: 8 }}>
            <Select
              mode="tags"
              aria-label={t.leadDepartments}
              placeholder={t.leadPlaceholder}
              options={departmentOptions}
              tokenSeparators={['、', '，', ',']}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          {label(t.cooperatingUnits)}
          <Form.Item name={[name, 'cooperatingUnits']} style={{ marginBottom: 8 }}>
            <Select
              mode="tags"
              aria-label={t.cooperatingUnits}
              placeholder={t.cooperatingPlaceholder}
              open={false}
              suffixIcon={null}
              tokenSeparators={['、', '，', ',']}
            />
          </Form.Item>
        </Col>
      </Row>
      {label(t.assignment)}
      <div style={{ marginBottom: 8 }}>
        <AssignmentField path={[...path, 'assignment']} name={[name, 'assignment']} under={issuerOrgId} />
      </div>
      {label(t.targets)}
      <div style={{ marginTop: 2 }}>
        <TargetRows taskPath={path} taskName={name} />
      </div>
      <Button type="link" size="small" style={{ padding: 0, marginTop: 4 }} onClick={() => setShowContent((v) => !v)}>
        {showContent ? t.hideContent : t.showContent}
      </Button>
      <Form.Item name={[name, 'content']} hidden={!showContent} style={{ marginBottom: 0, marginTop: 4 }}>
        <Input.TextArea aria-label={t.content} autoSize={{ minRows: 2, maxRows: 10 }} />
      </Form.Item>
    </div>
  );
}
