import { passwordProblem } from '../../shared/validators/password';
import { auth } from '../locales/zh-CN';

// Plain validators rather than antd rule objects: the admin (antd) and the portal (antd-mobile) share them.

/** Form rule for the password policy, from the same function the server applies. */
export const passwordPolicyRule = {
  validator: (_rule: unknown, value: string | undefined) => {
    const problem = passwordProblem(value ?? '');
    return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
  },
};

/** Form rule for "confirm new password": it must equal what `newPassword()` returns. */
export function sameAsRule(newPassword: () => unknown) {
  return {
    validator: (_rule: unknown, value: string | undefined) =>
      !value || value === newPassword() ? Promise.resolve() : Promise.reject(new Error(auth.confirmMismatch)),
  };
}

const alphabets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '@#%&*+=?'];

function pick(chars: string): string {
  const [n = 0] = crypto.getRandomValues(new Uint32Array(1));
  return chars[n % chars.length] ?? '';
}

/**
 * A random 12-character password with every character class, avoiding look-alikes (0/O, 1/l/I) so
 * it can be read out over the phone to the new user.
 */
export function generatePassword(): string {
  const all = alphabets.join('');
  const chars = [...alphabets.map(pick), ...Array.from({ length: 8 }, () => pick(all))];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = Number(crypto.getRandomValues(new Uint32Array(1))[0]) % (i + 1);
    [chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? ''];
  }
  return chars.join('');
}
