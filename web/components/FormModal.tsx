import { App, Button, Form, type FormInstance, Modal, Popconfirm } from 'antd';
import { type ReactNode, useState } from 'react';
import { common } from '../locales/zh-CN';
import { type FieldMap, useShowError } from './formErrors';

/** What `submit` returns when it checked the values itself and put the problems on the form. */
export const notSent = Symbol('notSent');

interface FormModalProps<T, R> {
  title: ReactNode;
  /** The form's name; antd prefixes the field ids with it, which the labels point at. */
  name: string;
  /** Pass one when the fields need the form (e.g. to fill one field from another). */
  form?: FormInstance<T>;
  initialValues?: Partial<T>;
  /** Sends the validated values; resolves to what `onDone` gets, or `notSent`. */
  submit: (values: T) => Promise<R | typeof notSent>;
  successMessage?: string;
  pending: boolean;
  onClose: () => void;
  /** Runs after a successful submit instead of `onClose`, with what `submit` resolved to. */
  onDone?: (result: R) => void;
  okText?: ReactNode;
  /** Asks this question in a Popconfirm after validation, on a red OK button: for acts that cannot be undone. */
  confirm?: ReactNode;
  /** Where the server's field names differ from the form's (see formErrors.ts). */
  fieldMap?: FieldMap;
  width?: number;
  testId?: string;
  children: ReactNode;
}

/**
 * A modal whose body is a vertical form: its OK button submits, a success shows `successMessage`,
 * and a failure puts the server's field problems on the fields and its message on the screen.
 */
export function FormModal<T, R = unknown>(props: FormModalProps<T, R>) {
  const { title, name, initialValues, submit, successMessage, pending, onClose, onDone, okText, confirm } = props;
  const [form] = Form.useForm<T>(props.form);
  const showError = useShowError();
  const { message } = App.useApp();
  const [confirming, setConfirming] = useState(false);

  const send = async (values: T) => {
    setConfirming(false);
    try {
      const result = await submit(values);
      if (result === notSent) return;
      if (successMessage) message.success(successMessage);
      (onDone ?? onClose)(result);
    } catch (error) {
      showError(error, form, props.fieldMap);
    }
  };

  // The form validates before onFinish runs, so the question is never asked about an incomplete form.
  const onFinish = confirm ? () => setConfirming(true) : send;

  const footer = confirm
    ? [
        <Button key="cancel" onClick={onClose}>
          {common.cancel}
        </Button>,
        <Popconfirm
          key="ok"
          open={confirming}
          title={confirm}
          onConfirm={() => send(form.getFieldsValue())}
          onCancel={() => setConfirming(false)}
          okButtonProps={{ danger: true }}
        >
          <Button type="primary" danger htmlType="submit" loading={pending}>
            {okText}
          </Button>
        </Popconfirm>,
      ]
    : undefined;

  return (
    <Modal
      open
      title={title}
      width={props.width}
      okText={okText}
      okButtonProps={{ htmlType: 'submit', loading: pending }}
      footer={footer}
      onCancel={onClose}
      destroyOnHidden
      modalRender={(dom) => (
        <Form<T>
          form={form}
          name={name}
          layout="vertical"
          initialValues={initialValues}
          onFinish={onFinish}
          data-testid={props.testId}
        >
          {dom}
        </Form>
      )}
    >
      {props.children}
    </Modal>
  );
}
