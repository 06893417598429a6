import { Button, Form, Input, Toast } from 'antd-mobile';
import { Link } from 'react-router';
import { parseMobile } from '../../shared/validators/mobile';
import { ApiError } from '../api/client';
import { useRegister } from '../api/joins';
import { passwordPolicyRule, sameAsRule } from '../components/passwords';
import { auth, common, joinPortal as t } from '../locales/zh-CN';

interface RegisterValues {
  name: string;
  mobile: string;
  password: string;
  confirmPassword: string;
}

const mobileRule = {
  validator: (_rule: unknown, value: string | undefined) => {
    const parsed = parseMobile(value ?? '');
    return parsed.ok ? Promise.resolve() : Promise.reject(new Error(parsed.message));
  },
};

/** 注册账号: name, mobile number and password; the worker is signed in and goes on to the application. */
export function JoinRegister({ unionId, loginPath }: { unionId?: number; loginPath: string }) {
  const [form] = Form.useForm<RegisterValues>();
  const register = useRegister();

  const onFinish = async (values: RegisterValues) => {
    try {
      await register.mutateAsync({
        name: values.name.trim(),
        mobile: values.mobile.trim(),
        password: values.password,
        unionId,
      });
      Toast.show({ icon: 'success', content: t.registered });
    } catch (error) {
      const message = error instanceof ApiError ? error.message : common.serverUnavailable;
      if (error instanceof ApiError) {
        const onMobile = error.code === 'joins/mobile_registered' ? [{ name: 'mobile', errors: [message] }] : [];
        form.setFields([...error.fieldProblems.map((p) => ({ name: p.field, errors: [p.message] })), ...onMobile]);
      }
      Toast.show({ icon: 'fail', content: message });
    }
  };

  return (
    <Form
      form={form}
      name="register"
      layout="vertical"
      requiredMarkStyle="none"
      onFinish={onFinish}
      data-testid="register-form"
      footer={
        <>
          <Button block type="submit" color="primary" size="large" loading={register.isPending}>
            {t.register}
          </Button>
          <p style={{ textAlign: 'center' }}>
            <Link to={loginPath}>{t.haveAccount}</Link>
          </p>
        </>
      }
    >
      <Form.Header>{t.registerHint}</Form.Header>
      <Form.Item name="name" label={t.name} rules={[{ required: true, whitespace: true, message: t.nameRequired }]}>
        <Input maxLength={30} clearable placeholder={t.namePlaceholder} autoComplete="name" />
      </Form.Item>
      <Form.Item name="mobile" label={t.mobile} rules={[mobileRule]}>
        <Input type="tel" maxLength={13} clearable placeholder={t.mobilePlaceholder} autoComplete="tel" />
      </Form.Item>
      <Form.Item name="password" label={t.password} rules={[passwordPolicyRule]} description={auth.policyHint}>
        <Input type="password" placeholder={t.passwordPlaceholder} autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label={t.confirmPassword}
        rules={[{ required: true, message: auth.confirmRequired }, sameAsRule(() => form.getFieldValue('password'))]}
      >
        <Input type="password" placeholder={t.confirmPlaceholder} autoComplete="new-password" />
      </Form.Item>
    </Form>
  );
}
