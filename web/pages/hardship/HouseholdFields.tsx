import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Select, Table, Typography } from 'antd';
import { hardship as t } from '../../locales/hardship.zh-CN';
import { healthOptions, relationOptions } from './hardshipOptions';

/** One household row of the form: income in yuan (sent as fen). */
export interface HouseholdRow {
  key?: string;
  relation?: string;
  name?: string;
  age?: number | null;
  employment?: string | null;
  health?: string | null;
  healthNote?: string | null;
  income?: number | null;
}

interface HouseholdFieldsProps {
  /** Health and income may be entered (a consent is given or on file). */
  sensitiveEnabled: boolean;
  /** The caller cannot see health and income at all: the columns are left out (values on file are kept). */
  sensitiveHidden: boolean;
}

/** The editable table of household members (关系, 姓名, 年龄, 就业情况, and with consent 健康状况 and 月收入). */
export function HouseholdFields({ sensitiveEnabled, sensitiveHidden }: HouseholdFieldsProps) {
  const f = t.form;
  const required = { required: true, message: f.required };
  return (
    <Form.List name="household">
      {(fields, { add, remove }) => (
        <>
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={fields}
            data-testid="household-table"
            locale={{ emptyText: <Typography.Text type="secondary">{f.addPerson}</Typography.Text> }}
            columns={[
              {
                title: f.relation,
                width: 100,
                render: (_, field) => (
                  <Form.Item name={[field.name, 'relation']} rules={[required]} noStyle>
                    <Select options={relationOptions} style={{ width: 90 }} aria-label={f.relation} />
                  </Form.Item>
                ),
              },
              {
                title: f.personName,
                width: 110,
                render: (_, field) => (
                  <Form.Item name={[field.name, 'name']} rules={[required]} noStyle>
                    <Input maxLength={30} aria-label={f.personName} data-testid={`person-name-${field.name}`} />
                  </Form.Item>
                ),
              },
              {
                title: f.age,
                width: 80,
                render: (_, field) => (
                  <Form.Item name={[field.name, 'age']} rules={[required]} noStyle>
                    <InputNumber min={0} max={120} precision={0} style={{ width: 70 }} aria-label={f.age} />
                  </Form.Item>
                ),
              },
              {
                title: f.employment,
                width: 120,
                render: (_, field) => (
                  <Form.Item name={[field.name, 'employment']} noStyle>
                    <Input maxLength={50} aria-label={f.employment} />
                  </Form.Item>
                ),
              },
              ...(sensitiveHidden
                ? []
                : [
                    {
                      title: f.health,
                      width: 110,
                      render: (_: unknown, field: { name: number }) => (
                        <Form.Item name={[field.name, 'health']} noStyle>
                          <Select
                            options={healthOptions}
                            allowClear
                            disabled={!sensitiveEnabled}
                            style={{ width: 100 }}
                            aria-label={f.health}
                            data-testid={`person-health-${field.name}`}
                          />
                        </Form.Item>
                      ),
                    },
                    {
                      title: f.healthNote,
                      width: 140,
                      render: (_: unknown, field: { name: number }) => (
                        <Form.Item name={[field.name, 'healthNote']} noStyle>
                          <Input maxLength={200} disabled={!sensitiveEnabled} aria-label={f.healthNote} />
                        </Form.Item>
                      ),
                    },
                    {
                      title: f.income,
                      width: 120,
                      render: (_: unknown, field: { name: number }) => (
                        <Form.Item name={[field.name, 'income']} noStyle>
                          <InputNumber
                            min={0}
                            max={100_000_000}
                            precision={2}
                            disabled={!sensitiveEnabled}
                            style={{ width: 110 }}
                            aria-label={f.income}
                            data-testid={`person-income-${field.name}`}
                          />
                        </Form.Item>
                      ),
                    },
                  ]),
              {
                width: 48,
                render: (_, field) => (
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={f.remove}
                    onClick={() => remove(field.name)}
                  />
                ),
              },
            ]}
          />
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            block
            style={{ marginTop: 8 }}
            onClick={() => add({ relation: fields.length === 0 ? 'self' : 'child' })}
            data-testid="add-person"
          >
            {f.addPerson}
          </Button>
        </>
      )}
    </Form.List>
  );
}
