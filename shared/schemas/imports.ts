import { idSchema, pageOf, pageQuery, timestamp, z } from './common';

export const importStatuses = {
  validating: '校验中',
  ready: '待提交',
  committing: '提交中',
  committed: '已导入',
  failed: '失败',
} as const;
export type ImportStatusCode = keyof typeof importStatuses;
const importStatusCodes = Object.keys(importStatuses) as [ImportStatusCode, ...ImportStatusCode[]];

/** The multipart fields beside the file (the file itself is the part named `file`). */
export const importUploadFields = z.strictObject({
  orgId: idSchema.optional().describe('the union rows go to when the file names none'),
  progressKey: z
    .string()
    .regex(/^[A-Za-z0-9-]{8,64}$/, { error: '进度标识格式不正确' })
    .optional()
    .describe('a key the page polls GET /api/members/imports/progress with while the file is checked'),
});

export const importRowError = z.object({
  row: z.number().int().describe('the row number the spreadsheet program shows'),
  column: z.string(),
  reason: z.string(),
});

export const importPreview = z.object({
  id: z.number().int(),
  fileName: z.string(),
  total: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  errorCount: z.number().int().describe('all cell errors; `errors` lists the first 500'),
  errors: z.array(importRowError),
});

export const importCommitResponse = z.object({
  added: z.number().int(),
  skipped: z.number().int().describe('valid rows whose person joined the roster after the preview'),
});

export const importView = z.object({
  id: z.number().int(),
  org: z.object({ id: z.number().int(), name: z.string() }),
  fileName: z.string(),
  fileKind: z.enum(['xlsx', 'csv']),
  status: z.enum(importStatusCodes),
  total: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  added: z.number().int().nullable(),
  createdByName: z.string(),
  createdAt: timestamp,
  committedAt: timestamp.nullable(),
  progress: z.object({ phase: z.string(), done: z.number().int(), total: z.number().int().nullable() }).nullable(),
});

export const importListQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(importStatusCodes).optional(),
});
export const importPage = pageOf(importView);

export const importErrorsQuery = z.strictObject({ ...pageQuery });
export const importErrorPage = pageOf(
  z.object({ row: z.number().int(), errors: z.array(z.object({ column: z.string(), reason: z.string() })) }),
);

export const progressQuery = z.strictObject({ key: importUploadFields.shape.progressKey.unwrap() });
export const progressResponse = z.object({
  progress: z.object({ phase: z.string(), done: z.number().int(), total: z.number().int().nullable() }).nullable(),
});
