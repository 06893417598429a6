import { SearchOutlined } from '@ant-design/icons';
import { Button, Form, Space } from 'antd';
import type { ReactNode } from 'react';
import { common } from '../locales/zh-CN';

interface FilterBarProps<F> {
  /** Called with the form's values on 查询 and with empty values on 重置. */
  onSearch: (values: F) => void;
  /** Values the filters start with (e.g. taken from the address); 重置 still empties every field. */
  initialValues?: Partial<F>;
  children: ReactNode;
}

/** The filter form over a list table: fields in a row, then 查询 and 重置. */
export function FilterBar<F extends object>({ onSearch, initialValues, children }: FilterBarProps<F>) {
  const [form] = Form.useForm<F>();
  return (
    <Form
      form={form}
      name="filters"
      layout="inline"
      initialValues={initialValues}
      onFinish={onSearch}
      style={{ rowGap: 12, marginBottom: 16 }}
      data-testid="filter-bar"
    >
      {children}
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
            {common.search}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              const blank = Object.fromEntries(Object.keys(form.getFieldsValue()).map((key) => [key, undefined]));
              form.setFieldsValue(blank as F);
              onSearch(form.getFieldsValue());
            }}
          >
            {common.reset}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
