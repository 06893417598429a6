import { roleCodes } from '../permissions';
import { passwordProblem } from '../validators/password';
import { text, timestamp, z } from './common';

export { passwordProblem };

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
