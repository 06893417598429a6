/**
 * Hardship files (困难职工档案): one active file per member, household and income, causes, level, consent
 * for the sensitive part (health and income), annual reviews and resolution. Labels are the UI's words.
 */
import { idSchema, isoDate, pageOf, pageQuery, text, timestamp, z } from './common';
import { mobileField } from './fields';

export const hardshipLevels = { deep: '深度困难', relative: '相对困难', accident: '意外致困' } as const;
export type HardshipLevel = keyof typeof hardshipLevels;
export const hardshipLevelCodes = Object.keys(hardshipLevels) as [HardshipLevel, ...HardshipLevel[]];

export const hardshipCauses = {
  illness: '因病',
  disability: '因残',
  schooling: '子女就学',
  unemployment: '失业',
  disaster: '因灾',
  accident: '意外事故',
  other: '其他',
} as const;
export type HardshipCause = keyof typeof hardshipCauses;
export const hardshipCauseCodes = Object.keys(hardshipCauses) as [HardshipCause, ...HardshipCause[]];

export const hardshipStatuses = { active: '在档', resolved: '解困脱困' } as const;
export type HardshipStatus = keyof typeof hardshipStatuses;
export const hardshipStatusCodes = Object.keys(hardshipStatuses) as [HardshipStatus, ...HardshipStatus[]];

export const householdRelations = {
  self: '本人',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  other: '其他',
} as const;
export type HouseholdRelation = keyof typeof householdRelations;
const relationCodes = Object.keys(householdRelations) as [HouseholdRelation, ...HouseholdRelation[]];

export const healthStates = { healthy: '健康', chronic: '慢性病', serious: '大病', disabled: '残疾' } as const;
export type HealthState = keyof typeof healthStates;
const healthCodes = Object.keys(healthStates) as [HealthState, ...HealthState[]];

export const consentMethods = { written: '书面授权', in_person: '本人当面确认', online: '线上授权' } as const;
export type ConsentMethod = keyof typeof consentMethods;
const consentMethodCodes = Object.keys(consentMethods) as [ConsentMethod, ...ConsentMethod[]];

export const resolveReasons = { income: '收入提高', employment: '就业', recovered: '病愈', other: '其他' } as const;
export type ResolveReason = keyof typeof resolveReasons;
const resolveReasonCodes = Object.keys(resolveReasons) as [ResolveReason, ...ResolveReason[]];

export const reviewOutcomes = { keep: '维持原等级', change_level: '调整等级', resolve: '解困脱困' } as const;
export type ReviewOutcome = keyof typeof reviewOutcomes;
const reviewOutcomeCodes = Object.keys(reviewOutcomes) as [ReviewOutcome, ...ReviewOutcome[]];

/** A review is due when the next review date lies within this many days (or has passed). */
export const reviewDueDays = 30;

/** Monthly income in fen: 0 to 10^10 fen (one hundred million yuan). */
const incomeFen = z
  .number({ error: '月收入应为整数（分）' })
  .int({ error: '月收入应为整数（分）' })
  .min(0, { error: '月收入不能为负数' })
  .max(10_000_000_000, { error: '月收入超出范围' });

/** A household member; `health`, `healthNote` and `incomeFen` are the sensitive part. */
export const householdMemberInput = z.strictObject({
  key: z
    .string()
    .regex(/^[a-z0-9]{1,16}$/)
    .optional()
    .describe('stable key of a member already on file (keeps hidden sensitive values when left out)'),
  relation: z.enum(relationCodes),
  name: text(30),
  age: z.number().int().min(0, { error: '年龄不能为负数' }).max(120, { error: '年龄不能超过 120 岁' }),
  employment: text(50).nullable().optional(),
  health: z.enum(healthCodes).nullable().optional().describe('sensitive; undefined keeps the value on file'),
  healthNote: text(200).nullable().optional().describe('sensitive'),
  incomeFen: incomeFen.nullable().optional().describe('sensitive: monthly income in fen'),
});

const consentInput = z.strictObject({
  method: z.enum(consentMethodCodes),
  consentedOn: isoDate,
});

const fileFields = {
  level: z.enum(hardshipLevelCodes),
  causes: z
    .array(z.enum(hardshipCauseCodes))
    .min(1, { error: '至少选择一项致困原因' })
    .max(7)
    .refine((a) => new Set(a).size === a.length, { error: '致困原因不能重复' }),
  causeOther: text(100).nullable().optional(),
  household: z.array(householdMemberInput).max(20, { error: '家庭成员最多 20 人' }),
  householdSize: z.number().int().min(1, { error: '家庭人口至少 1 人' }).max(20, { error: '家庭人口不能超过 20 人' }),
  address: text(200),
  phone: mobileField.nullable().optional(),
  /** A consent recorded with this save (required when health or income is saved and none is on file). */
  consent: consentInput.optional(),
};

export const createFileBody = z.strictObject({ memberId: idSchema, filedOn: isoDate, ...fileFields });

export const updateFileBody = z.strictObject({
  level: fileFields.level.optional(),
  causes: fileFields.causes.optional(),
  causeOther: fileFields.causeOther,
  household: fileFields.household.optional(),
  householdSize: fileFields.householdSize.optional(),
  address: fileFields.address.optional(),
  phone: fileFields.phone,
  consent: consentInput.optional(),
});

export const reviewBody = z.strictObject({
  reviewedOn: isoDate,
  outcome: z.enum(reviewOutcomeCodes),
  level: z.enum(hardshipLevelCodes).optional().describe('the new level when the outcome is change_level'),
  reason: z.enum(resolveReasonCodes).optional().describe('when the outcome is resolve'),
  reasonNote: text(200).optional(),
  comment: text(500),
});

export const resolveBody = z.strictObject({
  resolvedOn: isoDate,
  reason: z.enum(resolveReasonCodes),
  reasonNote: text(200).optional().describe('required when the reason is other'),
});

export const consentFields = z.strictObject({
  method: z.enum(consentMethodCodes),
  consentedOn: isoDate,
});

export const hardshipSorts = ['newest', 'review', 'filed'] as const;

const boolish = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();

export const fileListQuery = z.strictObject({
  ...pageQuery,
  orgId: idSchema.optional().describe('files of this org’s subtree'),
  level: z.enum(hardshipLevelCodes).optional(),
  cause: z.enum(hardshipCauseCodes).optional(),
  status: z.enum(hardshipStatusCodes).optional(),
  reviewDue: boolish.describe('复核到期: active files due within 30 days or overdue'),
  resolvedFrom: isoDate.optional(),
  resolvedTo: isoDate.optional(),
  q: z.string().trim().max(30).optional().describe('姓名'),
  sort: z.enum(hardshipSorts).default('newest'),
});

const orgRef = z.object({ id: z.number().int(), name: z.string() });

export const fileListItem = z.object({
  id: z.number().int(),
  member: z.object({ id: z.number().int(), name: z.string(), gender: z.string(), age: z.number().int() }),
  org: orgRef,
  level: z.enum(hardshipLevelCodes),
  causes: z.array(z.enum(hardshipCauseCodes)),
  householdSize: z.number().int(),
  phone: z.string().nullable().describe('masked'),
  filedOn: z.string(),
  status: z.enum(hardshipStatusCodes),
  resolvedOn: z.string().nullable(),
  nextReviewOn: z.string().nullable(),
  reviewDue: z.boolean(),
});
export const filePage = pageOf(fileListItem);

export const householdMemberView = z.object({
  key: z.string(),
  relation: z.enum(relationCodes),
  name: z.string(),
  age: z.number().int(),
  employment: z.string().nullable(),
  health: z.enum(healthCodes).nullable().optional(),
  healthNote: z.string().nullable().optional(),
  incomeFen: z.number().int().nullable().optional(),
});

export const consentView = z.object({
  id: z.number().int(),
  method: z.enum(consentMethodCodes),
  consentedOn: z.string(),
  recordedByName: z.string().nullable(),
  recordedAt: timestamp,
  form: z.object({ fileName: z.string(), mime: z.string(), size: z.number().int() }).nullable(),
});

export const reviewView = z.object({
  id: z.number().int(),
  reviewedOn: z.string(),
  outcome: z.enum(reviewOutcomeCodes),
  levelBefore: z.enum(hardshipLevelCodes),
  levelAfter: z.enum(hardshipLevelCodes),
  comment: z.string(),
  reviewerName: z.string().nullable(),
  createdAt: timestamp,
});

export const historyView = z.object({
  id: z.number().int(),
  at: timestamp,
  actorName: z.string().nullable(),
  action: z.string(),
  changes: z.record(z.string(), z.unknown()),
});

export const fileView = fileListItem.extend({
  member: fileListItem.shape.member.extend({ idNumber: z.string().describe('masked') }),
  causeOther: z.string().nullable(),
  address: z.string(),
  resolveReason: z.enum(resolveReasonCodes).nullable(),
  resolveNote: z.string().nullable(),
  household: z.array(householdMemberView),
  /** Whether health and income were left out because the caller lacks welfare.sensitive over the union. */
  sensitiveHidden: z.boolean(),
  hasSensitive: z.boolean().describe('health or income is on file'),
  householdIncomeFen: z.number().int().nullable().optional(),
  perCapitaIncomeFen: z.number().int().nullable().optional(),
  consents: z.array(consentView),
  reviews: z.array(reviewView),
  history: z.array(historyView),
  createdByName: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
  can: z.object({ manage: z.boolean() }),
});

export const candidateQuery = z.strictObject({ q: z.string().trim().min(1).max(30) });
export const candidateList = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      gender: z.string(),
      age: z.number().int(),
      idNumber: z.string().describe('masked'),
      org: orgRef,
      activeFileId: z.number().int().nullable(),
    }),
  ),
});

export const statsQuery = z.strictObject({ orgId: idSchema.optional().describe('default: the caller’s top org') });

/** The list filter that shows the files behind one figure. */
const figureFilter = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
const bucket = z.object({ code: z.string(), label: z.string(), count: z.number().int(), filter: figureFilter });

export const statsResponse = z.object({
  org: orgRef,
  year: z.string(),
  totals: z.object({
    active: bucket,
    reviewDue: bucket,
    resolvedThisYear: bucket,
    people: z.number().int().describe("people in the active files' households"),
  }),
  byLevel: z.array(bucket),
  byCause: z.array(bucket),
  byChild: z.array(bucket),
});

export const consentCreated = z.object({ id: z.number().int() });
