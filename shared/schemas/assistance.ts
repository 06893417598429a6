/**
 * Assistance (帮扶救助): funds, cases with their review/approval steps, disbursement batches, statistics
 * and the worker's own applications in the portal. Amounts are integer fen everywhere.
 */

import {
  assistanceTypeCodes,
  batchStatusCodes,
  caseStatusCodes,
  channelCodes,
  fundStatusCodes,
  maxBudgetFen,
  maxCaseFen,
  stepDecisionCodes,
  stepKindCodes,
} from '../assistanceEnums';
import { idSchema, isoDate, pageOf, pageQuery, text, timestamp, z } from './common';

export * from '../assistanceEnums';

// ---------------------------------------------------------------------------------------------------------
// Fields

/** An amount in fen from JSON or a form field: a positive whole number of fen up to 100万元. */
export const caseAmountFen = z.coerce
  .number({ error: '金额必须是数字' })
  .int({ error: '金额必须精确到分（以分为单位的整数）' })
  .positive({ error: '金额必须大于 0' })
  .max(maxCaseFen, { error: '单笔帮扶金额不能超过 100 万元' });

export const budgetFen = z
  .number({ error: '预算必须是数字' })
  .int({ error: '预算必须精确到分（以分为单位的整数）' })
  .positive({ error: '预算必须大于 0' })
  .max(maxBudgetFen, { error: '预算不能超过 1 亿元' });

export const yearField = z.coerce
  .number({ error: '年度必须是数字' })
  .int({ error: '年度必须是整数' })
  .min(2000, { error: '年度不能早于 2000 年' })
  .max(2100, { error: '年度不能晚于 2100 年' });

/** A bank account number: 8–32 digits (spaces and dashes typed for readability are removed). */
export const bankAccountField = z
  .string()
  .transform((v) => v.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^\d{8,32}$/, { error: '银行账号应为 8 至 32 位数字' }));

/** People a case covers (代缴保险 for a worker's household), 1 by default. */
export const coveredPeopleField = z.coerce
  .number({ error: '受益人数必须是数字' })
  .int({ error: '受益人数必须是整数' })
  .min(1, { error: '受益人数至少为 1' })
  .max(20, { error: '受益人数不能超过 20' })
  .default(1);

const personName = text(30).refine((v) => /^[\u4e00-\u9fa5·•A-Za-z\s]+$/.test(v), {
  error: '姓名只能包含汉字、字母和间隔号',
});

// ---------------------------------------------------------------------------------------------------------
// Funds

export const fundView = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  name: z.string(),
  year: z.number().int(),
  source: z.string(),
  budgetFen: z.number().int(),
  committedFen: z.number().int().describe('approved and not yet paid'),
  paidFen: z.number().int(),
  balanceFen: z.number().int().describe('budget − committed − paid: what may still be approved'),
  status: z.enum(fundStatusCodes),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type FundView = z.infer<typeof fundView>;
export const fundList = z.object({ items: z.array(fundView) });

export const fundListQuery = z.strictObject({
  orgId: idSchema.optional().describe('funds owned by this org or above it that serve it; default: all in scope'),
  year: yearField.optional(),
  status: z.enum(fundStatusCodes).optional(),
});

export const createFundBody = z.strictObject({
  orgId: idSchema.describe('the federation that owns the fund'),
  name: text(60),
  year: yearField,
  source: text(60),
  budgetFen,
});

export const updateFundBody = z
  .strictObject({
    name: text(60).optional(),
    source: text(60).optional(),
    budgetFen: budgetFen.optional(),
    status: z.enum(fundStatusCodes).optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { error: '请至少修改一项' });

// ---------------------------------------------------------------------------------------------------------
// Cases

export const caseCan = z.object({
  review: z.boolean(),
  approve: z.boolean(),
  disburse: z.boolean().describe('may be put into a disbursement batch by the caller'),
  withdraw: z.boolean(),
});

export const caseItem = z.object({
  id: z.number().int(),
  caseNo: z.string(),
  memberId: z.number().int(),
  memberName: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  type: z.enum(assistanceTypeCodes),
  period: z.number().int().describe('the calendar year of the application'),
  amountRequestedFen: z.number().int(),
  amountApprovedFen: z.number().int().nullable(),
  coveredPeople: z.number().int().describe('people the case covers (a family’s insurance: several); usually 1'),
  fundId: z.number().int().nullable(),
  fundName: z.string().nullable(),
  batchId: z.number().int().nullable(),
  status: z.enum(caseStatusCodes),
  channel: z.enum(channelCodes),
  hardship: z.boolean().describe('the member has an active hardship file'),
  submittedAt: timestamp,
  approvedAt: timestamp.nullable(),
  paidAt: timestamp.nullable(),
  updatedAt: timestamp,
  can: caseCan,
});
export type CaseItem = z.infer<typeof caseItem>;
export const casePage = pageOf(caseItem);

export const caseListQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(caseStatusCodes).optional(),
  type: z.enum(assistanceTypeCodes).optional(),
  fundId: idSchema.optional(),
  batchId: idSchema.optional(),
  orgId: idSchema.optional().describe('cases of this org’s subtree'),
  memberId: idSchema.optional(),
  period: yearField.optional(),
  q: z.string().trim().max(30).optional().describe('part of the member’s name or the case number'),
  from: isoDate.optional().describe('submitted on or after'),
  to: isoDate.optional().describe('submitted on or before'),
  channel: z.enum(channelCodes).optional(),
  todo: z
    .enum(['review', 'approve', 'disburse'])
    .optional()
    .describe('only the cases the caller may act on now (review / approve / put into a batch)'),
});

export const caseFileView = z.object({
  id: z.number().int(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number().int(),
});

export const caseStepView = z.object({
  step: z.enum(stepKindCodes),
  decision: z.enum(stepDecisionCodes),
  actorName: z.string(),
  orgName: z.string().nullable(),
  at: timestamp,
  comment: z.string().nullable(),
  amountFen: z.number().int().nullable().describe('the amount approved at this step, if any'),
});

export const caseRejection = z.object({ step: z.enum(stepKindCodes), reason: z.string() }).nullable();

export const caseDetail = caseItem.extend({
  reason: z.string(),
  bank: z.object({ bankName: z.string(), accountMasked: z.string(), payeeName: z.string() }),
  idNumberMasked: z.string(),
  files: z.array(caseFileView),
  steps: z.array(caseStepView),
  rejection: caseRejection,
  batch: z.object({ id: z.number().int(), batchNo: z.string(), status: z.enum(batchStatusCodes) }).nullable(),
  createdByName: z.string(),
});
export type CaseDetail = z.infer<typeof caseDetail>;

/** The form fields of a cadre's application (multipart, with up to 9 files named files). */
export const createCaseFields = z.strictObject({
  memberId: idSchema,
  type: z.enum(assistanceTypeCodes, { error: '请选择帮扶类型' }),
  amountRequestedFen: caseAmountFen,
  reason: text(2000),
  bankName: text(50),
  bankAccount: bankAccountField,
  payeeName: personName.optional().describe('default: the member’s own name'),
  coveredPeople: coveredPeopleField,
});
export const createCaseResponse = z.object({ id: z.number().int(), caseNo: z.string() });

export const reviewCaseBody = z.strictObject({
  decision: z.enum(['pass', 'reject']),
  comment: z.string().trim().max(500, { error: '意见不能超过 500 字' }).default(''),
});

export const approveCaseBody = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  fundId: idSchema.optional().describe('required when approving'),
  amountApprovedFen: z
    .number({ error: '金额必须是数字' })
    .int({ error: '金额必须精确到分（以分为单位的整数）' })
    .positive({ error: '核准金额必须大于 0' })
    .max(maxCaseFen, { error: '单笔帮扶金额不能超过 100 万元' })
    .optional()
    .describe('default: the amount requested'),
  comment: z.string().trim().max(500, { error: '意见不能超过 500 字' }).default(''),
});

export const bulkApproveBody = z.strictObject({
  ids: z.array(idSchema).min(1, { error: '请至少选择一条申请' }).max(200, { error: '一次最多批准 200 条申请' }),
  fundId: idSchema,
  comment: z.string().trim().max(500, { error: '意见不能超过 500 字' }).default(''),
});
export const bulkApproveResponse = z.object({ approved: z.number().int(), totalFen: z.number().int() });
/** The details of a refused bulk approval (409 assistance/bulk_refused): why each case failed. */
export const bulkFailure = z.object({
  id: z.number().int(),
  caseNo: z.string().nullable(),
  error: z.string(),
  message: z.string(),
});

export const revealCaseBody = z.strictObject({ field: z.enum(['idNumber', 'bankAccount']) });
export const revealCaseResponse = z.object({ field: z.enum(['idNumber', 'bankAccount']), value: z.string() });

// ---------------------------------------------------------------------------------------------------------
// Batches

export const batchItem = z.object({
  id: z.number().int(),
  batchNo: z.string(),
  fundId: z.number().int(),
  fundName: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  status: z.enum(batchStatusCodes),
  caseCount: z.number().int(),
  totalFen: z.number().int(),
  createdByName: z.string(),
  createdAt: timestamp,
  exportedAt: timestamp.nullable(),
  confirmedByName: z.string().nullable(),
  confirmedAt: timestamp.nullable(),
  cancelledAt: timestamp.nullable(),
  cancelReason: z.string().nullable(),
  comment: z.string().nullable(),
  can: z.object({ export: z.boolean(), confirm: z.boolean(), cancel: z.boolean() }),
});
export type BatchItem = z.infer<typeof batchItem>;
export const batchPage = pageOf(batchItem);

export const batchListQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(batchStatusCodes).optional(),
  fundId: idSchema.optional(),
});

export const batchCaseView = z.object({
  id: z.number().int(),
  caseNo: z.string(),
  memberId: z.number().int(),
  memberName: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  type: z.enum(assistanceTypeCodes),
  amountFen: z.number().int(),
  bankName: z.string(),
  accountMasked: z.string(),
  status: z.enum(caseStatusCodes),
});
export const batchDetail = batchItem.extend({ cases: z.array(batchCaseView) });

export const createBatchBody = z.strictObject({
  fundId: idSchema,
  caseIds: z
    .array(idSchema)
    .min(1, { error: '请至少选择一条待发放的帮扶' })
    .max(2000, { error: '一个批次最多 2000 条' }),
});
export const confirmBatchBody = z.strictObject({
  comment: z.string().trim().max(500, { error: '说明不能超过 500 字' }).optional(),
});
export const cancelBatchBody = z.strictObject({ reason: text(500) });

// ---------------------------------------------------------------------------------------------------------
// Statistics

export const statsQuery = z.strictObject({
  orgId: idSchema.optional().describe('default: the caller’s top org'),
  from: isoDate.optional().describe('approved on or after (default: 1 January of this year)'),
  to: isoDate.optional().describe('approved on or before (default: today)'),
});

const statsFigures = {
  cases: z.number().int(),
  people: z.number().int(),
  amountFen: z.number().int(),
};
export const statsResponse = z.object({
  org: z.object({ id: z.number().int(), name: z.string() }),
  from: isoDate,
  to: isoDate,
  totals: z.object(statsFigures),
  byType: z.array(z.object({ type: z.enum(assistanceTypeCodes), ...statsFigures })),
  byFund: z.array(z.object({ fundId: z.number().int(), fundName: z.string(), ...statsFigures })),
  byMonth: z.array(
    z.object({ month: z.string().describe('YYYY-MM'), cases: z.number().int(), amountFen: z.number().int() }),
  ),
  byChild: z.array(z.object({ orgId: z.number().int(), orgName: z.string(), ...statsFigures })),
  pending: z.object({
    submitted: z.number().int(),
    reviewed: z.number().int(),
    approved: z.number().int(),
    inBatch: z.number().int(),
  }),
  funds: z.array(fundView),
});
export type AssistanceStats = z.infer<typeof statsResponse>;

// ---------------------------------------------------------------------------------------------------------
// Portal (the worker's own cases)

export const portalCaseItem = z.object({
  id: z.number().int(),
  caseNo: z.string(),
  type: z.enum(assistanceTypeCodes),
  period: z.number().int(),
  amountRequestedFen: z.number().int(),
  amountApprovedFen: z.number().int().nullable(),
  coveredPeople: z.number().int(),
  status: z.enum(caseStatusCodes),
  submittedAt: timestamp,
  updatedAt: timestamp,
  rejection: caseRejection,
  canWithdraw: z.boolean(),
});
export const portalCaseList = z.object({ items: z.array(portalCaseItem) });

export const portalCaseDetail = portalCaseItem.extend({
  reason: z.string(),
  bankName: z.string(),
  accountMasked: z.string(),
  files: z.array(caseFileView),
  steps: z.array(caseStepView.describe('actorName is the union’s name, never an account')),
});

/** The form fields of a worker's own application (multipart, with up to 9 photos named files). */
export const portalCaseFields = z.strictObject({
  type: z.enum(assistanceTypeCodes, { error: '请选择帮扶类型' }),
  amountRequestedFen: caseAmountFen,
  reason: text(2000),
  bankName: text(50),
  bankAccount: bankAccountField,
  coveredPeople: coveredPeopleField,
});
