import { accountStatusCodes } from '../enums';
import { roleCodes } from '../permissions';
import { grantView, newPassword, orgRef } from './auth';
import { idSchema, pageOf, pageQuery, text, timestamp, z } from './common';
import { mobileField } from './fields';

const username = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{2,31}$/, {
    error: '用户名为 3–32 位字母、数字、下划线、点或连字符，以字母开头',
  });

export const grantInput = z.strictObject({
  role: z.enum(roleCodes),
  orgId: idSchema,
  departmentId: idSchema.nullable().optional(),
});

export const createAccountBody = z.strictObject({
  username,
  displayName: text(30),
  mobile: mobileField.nullable().optional(),
  orgId: idSchema.describe('the org the account belongs to'),
  initialPassword: newPassword,
  grants: z.array(grantInput).max(20).default([]),
});

export const updateAccountBody = z.strictObject({
  displayName: text(30).optional(),
  mobile: mobileField.nullable().optional(),
});

export const resetPasswordBody = z.strictObject({ password: newPassword });

export const accountListQuery = z.strictObject({
  ...pageQuery,
  q: z.string().trim().max(50).optional().describe('用户名、姓名或手机号'),
  orgId: idSchema.optional().describe('accounts of this org’s subtree'),
  status: z.enum(accountStatusCodes).optional(),
  role: z.enum(roleCodes).optional(),
});

export const accountView = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  mobile: z.string().nullable().describe('masked'),
  org: orgRef,
  status: z.enum(accountStatusCodes),
  lockedUntil: timestamp.nullable(),
  mustChangePassword: z.boolean(),
  lastLoginAt: timestamp.nullable(),
  createdAt: timestamp,
  grants: z.array(grantView),
  activeSessions: z.number().int(),
});

export const accountPage = pageOf(accountView);

export const sessionView = z.object({
  id: z.string().describe('a short public id, not the cookie'),
  createdAt: timestamp,
  lastSeenAt: timestamp,
  expiresAt: timestamp,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export const sessionList = z.object({ items: z.array(sessionView) });
export const endSessionsResponse = z.object({ ended: z.number().int() });

export const grantParams = z.strictObject({ id: idSchema, grantId: idSchema });
