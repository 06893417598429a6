/** Reporting on work plans: progress reports and their review, supervision comments, splits, to-do lists. */
import { idSchema, isoDate, pageOf, pageQuery, text, timestamp, z } from './common';
import { planFigure, progressCell, progressStatusCodes } from './workplans';
import { yearMonth } from './workplans.draft';

export const reportStatuses = { submitted: '待审核', accepted: '已采纳', returned: '已退回' } as const;
export type ReportStatus = keyof typeof reportStatuses;
const reportStatusCodes = Object.keys(reportStatuses) as [ReportStatus, ...ReportStatus[]];

export const reportFileView = z.object({
  id: z.number().int(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number().int(),
});

export const reportView = z.object({
  id: z.number().int(),
  documentId: z.number().int(),
  taskId: z.number().int(),
  taskNumber: z.string(),
  taskTitle: z.string(),
  targetId: z.number().int().nullable(),
  metric: z.string().nullable(),
  unit: z.string().nullable(),
  orgId: z.number().int(),
  orgName: z.string(),
  value: z.number().nullable(),
  narrative: z.string(),
  reportDate: isoDate,
  status: z.enum(reportStatusCodes),
  reviewComment: z.string().nullable(),
  reviewerName: z.string().nullable(),
  reviewedAt: timestamp.nullable(),
  createdByName: z.string(),
  createdAt: timestamp,
  files: z.array(reportFileView),
});
export type ReportView = z.infer<typeof reportView>;
export const reportPage = pageOf(reportView);

export const reportListQuery = z.strictObject({
  ...pageQuery,
  documentId: idSchema.optional(),
  taskId: idSchema.optional(),
  targetId: idSchema.optional(),
  orgId: idSchema.optional().describe('reports of this org and its subtree'),
  status: z.enum(reportStatusCodes).optional(),
});

/** A progress report: multipart fields (value, narrative, reportDate) with photos or files. */
export const reportFields = z.strictObject({
  taskId: idSchema,
  targetId: idSchema.optional(),
  orgId: idSchema.optional().describe("the reporting org (default: the caller's own)"),
  value: z.coerce
    .number({ error: '完成数值必须是数字' })
    .finite({ error: '完成数值必须是数字' })
    .nonnegative({ error: '完成数值不能为负数' })
    .max(1e12, { error: '完成数值过大' })
    .optional(),
  narrative: z.string().trim().max(5000, { error: '情况说明不能超过 5000 字' }).default(''),
  reportDate: isoDate,
});

export const reviewBody = z.strictObject({
  decision: z.enum(['accept', 'return']),
  comment: z.string().trim().max(1000, { error: '意见不能超过 1000 字' }).default(''),
});

export const commentBody = z.strictObject({
  orgId: idSchema.optional().describe('the unit the comment is about, if any'),
  body: text(2000),
});
export const commentView = z.object({
  id: z.number().int(),
  taskId: z.number().int(),
  orgId: z.number().int().nullable(),
  orgName: z.string().nullable(),
  body: z.string(),
  authorName: z.string(),
  createdAt: timestamp,
});
export const commentList = z.object({ items: z.array(commentView) });

/** An allotment split among the assigned org's own children (层层分解). */
export const splitBody = z.strictObject({
  targetId: idSchema,
  orgId: idSchema.describe('the assigned org whose share is split'),
  parts: z
    .array(z.strictObject({ orgId: idSchema, value: planFigure }))
    .min(1, { error: '请至少分配给一个下级单位' })
    .max(2000),
});

/** The to-do list of an org: the tasks assigned to it (or to orgs in the caller's subtree). */
export const todoQuery = z.strictObject({
  orgId: idSchema.optional(),
  status: z.enum(progressStatusCodes).optional(),
});
export const todoItem = z.object({
  documentId: z.number().int(),
  documentTitle: z.string(),
  docNumber: z.string().nullable(),
  taskId: z.number().int(),
  taskNumber: z.string(),
  taskTitle: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  startMonth: yearMonth.nullable(),
  endMonth: yearMonth.nullable(),
  leadDepartments: z.array(z.string()),
  targets: z.array(progressCell.extend({ metric: z.string(), unit: z.string(), reported: z.boolean() })),
  status: z.enum(progressStatusCodes),
  returnedReports: z.number().int(),
});
export const todoList = z.object({ items: z.array(todoItem), asOf: isoDate });
