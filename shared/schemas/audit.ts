import { auditActionCodes, auditResultCodes } from '../enums';
import { idSchema, isoDate, pageOf, pageQuery, timestamp, z } from './common';

export const auditQuery = z.strictObject({
  ...pageQuery,
  actor: z.string().trim().max(64).optional().describe('用户名或姓名'),
  actorId: idSchema.optional(),
  action: z.enum(auditActionCodes).optional(),
  targetType: z.string().max(40).optional(),
  targetId: z.string().max(64).optional(),
  result: z.enum(auditResultCodes).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

export const auditView = z.object({
  id: z.number().int(),
  at: timestamp,
  actorId: z.number().int().nullable(),
  actorName: z.string().nullable(),
  grantId: z.number().int().nullable(),
  role: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  targetName: z.string().nullable(),
  result: z.enum(auditResultCodes),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  details: z.unknown().nullable(),
});

export const auditPage = pageOf(auditView);
