/**
 * Enumerations and limits of assistance (帮扶救助) with their Chinese labels, free of zod so the portal's
 * first chunk can show them (the schemas in shared/schemas/assistance.ts re-export them).
 */

export const assistanceTypes = {
  living: '生活救助',
  medical: '医疗救助',
  education: '金秋助学',
  temporary: '临时救助',
  insurance: '代缴保险',
} as const;
export type AssistanceType = keyof typeof assistanceTypes;
export const assistanceTypeCodes = Object.keys(assistanceTypes) as [AssistanceType, ...AssistanceType[]];

export const caseStatuses = {
  submitted: '待基层审核',
  reviewed: '待县级审批',
  approved: '待发放',
  in_batch: '发放中',
  paid: '已发放',
  rejected: '已驳回',
  withdrawn: '已撤回',
} as const;
export type CaseStatus = keyof typeof caseStatuses;
export const caseStatusCodes = Object.keys(caseStatuses) as [CaseStatus, ...CaseStatus[]];
/** Statuses that count as granted (the duplicate guard and the metrics count these). */
export const grantedStatuses = ['approved', 'in_batch', 'paid'] as const satisfies readonly CaseStatus[];
/** Statuses of an application still under way (one per member, type and year). */
export const openStatuses = ['submitted', 'reviewed'] as const satisfies readonly CaseStatus[];

export const channels = { portal: '职工申请', cadre: '工会代办' } as const;
export type Channel = keyof typeof channels;
export const channelCodes = Object.keys(channels) as [Channel, ...Channel[]];

export const fundStatuses = { open: '使用中', closed: '已关闭' } as const;
export type FundStatus = keyof typeof fundStatuses;
export const fundStatusCodes = Object.keys(fundStatuses) as [FundStatus, ...FundStatus[]];

/** Common sources of a fund, offered as suggestions (the field itself is free text). */
export const fundSourceSuggestions = [
  '工会经费',
  '上级工会补助',
  '财政专项拨款',
  '社会捐赠',
  '送温暖专项资金',
] as const;

export const batchStatuses = {
  draft: '待导出',
  exported: '已导出待确认',
  paid: '已发放',
  cancelled: '已作废',
} as const;
export type BatchStatus = keyof typeof batchStatuses;
export const batchStatusCodes = Object.keys(batchStatuses) as [BatchStatus, ...BatchStatus[]];

/** The steps of a case's history. */
export const stepKinds = {
  apply: '提交申请',
  review: '基层审核',
  approve: '县级审批',
  withdraw: '撤回申请',
  batch: '编入发放批次',
  unbatch: '批次作废',
  pay: '确认发放',
} as const;
export type StepKind = keyof typeof stepKinds;
export const stepKindCodes = Object.keys(stepKinds) as [StepKind, ...StepKind[]];

export const stepDecisions = {
  submit: '提交',
  pass: '通过',
  approve: '批准',
  reject: '驳回',
  withdraw: '撤回',
  batch: '编入',
  cancel: '退回待发放',
  paid: '已发放',
} as const;
export type StepDecision = keyof typeof stepDecisions;
export const stepDecisionCodes = Object.keys(stepDecisions) as [StepDecision, ...StepDecision[]];

/** The most one case may ask for or be granted: 100万元. */
export const maxCaseFen = 100_000_000;
/** The largest fund budget: 1亿元 (10^10 fen). */
export const maxBudgetFen = 10_000_000_000;
/** Documents per application and the size of each. */
export const maxCaseFiles = 9;
export const maxCaseFileBytes = 10 * 1024 * 1024;
