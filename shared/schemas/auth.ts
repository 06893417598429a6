import { roleCodes } from '../permissions';
import { text, timestamp, z } from './common';

/** Password policy: ≥10 characters of ≥3 of the 4 classes (upper, lower, digit, symbol). */
export function passwordProblem(password: string): string | null {
  if (password.length < 10) return '密码至少 10 位';
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、符号中的至少三类';
  return null;
}

export const newPassword = z
  .string()
  .max(128, { error: '密码不能超过 128 位' })
  .superRefine((v, ctx) => {
    const problem = passwordProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const loginBody = z.strictObject({
  username: text(64).describe('用户名或手机号'),
  password: z.string().min(1, { error: '请输入密码' }).max(128),
});

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1, { error: '请输入当前密码' }).max(128),
  newPassword,
});

export const orgRef = z.object({ id: z.number().int(), name: z.string(), type: z.string() });

export const grantView = z.object({
  id: z.number().int(),
  role: z.enum(roleCodes),
  roleName: z.string(),
  org: orgRef,
  department: z.object({ id: z.number().int(), name: z.string() }).nullable(),
});

export const meResponse = z.object({
  account: z.object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    mobile: z.string().nullable().describe('masked'),
    mustChangePassword: z.boolean(),
    org: orgRef,
  }),
  grants: z.array(grantView),
  permissions: z.array(z.string()),
  csrfToken: z.string(),
  session: z.object({ idleTimeoutSeconds: z.number().int(), expiresAt: timestamp }),
});

export const systemInfoResponse = z.object({
  name: z.string(),
  demo: z.boolean(),
  demoAccounts: z.array(z.object({ username: z.string(), password: z.string(), description: z.string() })),
});
