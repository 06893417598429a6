import { useNavigate } from 'react-router';
import { useChangePassword } from '../api/auth';
import { auth } from '../locales/zh-CN';
import { passwordPolicyRule, sameAsRule } from './passwords';

// No antd here: the admin (antd) and the portal (antd-mobile, whose bundle stays antd-free) share it.

/** The fields of a password-change form. */
export interface PasswordChangeValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

interface Feedback {
  /** Shows the success message in the caller's UI kit. */
  success: (text: string) => void;
  /** Shows a failed call in the caller's UI kit. */
  failure: (error: unknown) => void;
}

/**
 * The caller's own password change: the Form.Item props of its three fields (both kits' Form.Item
 * take them) and the submit, after which the user goes home. `newPassword` reads the form's new
 * password, which the confirmation must equal.
 */
export function usePasswordChange(newPassword: () => unknown, feedback: Feedback) {
  const change = useChangePassword();
  const navigate = useNavigate();

  const fields = {
    currentPassword: {
      name: 'currentPassword',
      label: auth.currentPassword,
      rules: [{ required: true, message: auth.passwordRequired }],
    },
    newPassword: { name: 'newPassword', label: auth.newPassword, rules: [passwordPolicyRule] },
    confirmPassword: {
      name: 'confirmPassword',
      label: auth.confirmPassword,
      dependencies: ['newPassword'],
      rules: [{ required: true, message: auth.confirmRequired }, sameAsRule(newPassword)],
    },
  };

  const onFinish = async ({ currentPassword, newPassword }: PasswordChangeValues) => {
    try {
      await change.mutateAsync({ currentPassword, newPassword });
      feedback.success(auth.passwordChanged);
      navigate('/', { replace: true });
    } catch (error) {
      feedback.failure(error);
    }
  };

  return { fields, onFinish, pending: change.isPending };
}
