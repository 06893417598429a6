import { Col, DatePicker, Form, Input, Row, Select } from 'antd';
import { documentTypes } from '../../../../shared/schemas/workplans';
import { workplanEditor as t } from '../../../locales/zh-CN';

const typeOptions = Object.entries(documentTypes).map(([value, label]) => ({ value, label }));

/** 文件信息: type, 文号, title, date and recipients (主送). */
export function HeaderFields() {
  return (
    <Row gutter={16}>
      <Col xs={24} md={6}>
        <Form.Item name="type" label={t.type} rules={[{ required: true }]}>
          <Select options={typeOptions} />
        </Form.Item>
      </Col>
      <Col xs={24} md={10}>
        <Form.Item name="docNumber" label={t.docNumber}>
          <Input placeholder={t.docNumberPlaceholder} maxLength={100} allowClear />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="issuedDate" label={t.issuedDate}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item
          name="title"
          label={t.title}
          rules={[{ required: true, whitespace: true, message: t.titleRequired }]}
        >
          <Input maxLength={500} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name="recipients" label={t.recipients} style={{ marginBottom: 0 }}>
          <Select
            mode="tags"
            open={false}
            suffixIcon={null}
            placeholder={t.recipientsPlaceholder}
            tokenSeparators={['，', ',']}
          />
        </Form.Item>
      </Col>
    </Row>
  );
}
