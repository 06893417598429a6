/** Recuperation trips (职工疗休养): programmes, batches (期), quotas, applications, portal sign-up. */
import { idSchema, isoDate, pageOf, pageQuery, text, timestamp, z } from './common';

export const programmeStatuses = { draft: '草稿', open: '报名中', closed: '已结束' } as const;
export type ProgrammeStatus = keyof typeof programmeStatuses;
const programmeStatusCodes = Object.keys(programmeStatuses) as [ProgrammeStatus, ...ProgrammeStatus[]];

export const applicationStatuses = {
  accepted: '已录取',
  waitlisted: '候补',
  confirmed: '已确认',
  attended: '已参加',
  absent: '未参加',
  cancelled: '已取消',
  rejected: '未通过',
} as const;
export type ApplicationStatus = keyof typeof applicationStatuses;
export const applicationStatusCodes = Object.keys(applicationStatuses) as [ApplicationStatus, ...ApplicationStatus[]];
/** The statuses that hold a seat of the batch. */
export const seatStatuses: readonly ApplicationStatus[] = ['accepted', 'confirmed', 'attended', 'absent'];

export const applicationChannels = { self: '本人报名', nominated: '工会推荐' } as const;
export type ApplicationChannel = keyof typeof applicationChannels;

/** Money in fen: a non-negative integer, at most 10^10 fen (1 亿元). */
const fen = z
  .number({ error: '金额必须是整数（分）' })
  .int({ error: '金额必须是整数（分）' })
  .nonnegative({ error: '费用不能为负数' })
  .max(10_000_000_000, { error: '金额过大' });

const programmeFields = {
  year: z.number().int().min(2000, { error: '年度无效' }).max(2100, { error: '年度无效' }),
  title: text(100),
  description: z.string().trim().max(2000, { error: '不能超过 2000 个字符' }),
  frontLineOnly: z.boolean(),
  modelWorkerOnly: z.boolean(),
  recentYears: z.number().int().min(0, { error: '年限不能为负数' }).max(10, { error: '年限最多 10 年' }),
  status: z.enum(programmeStatusCodes),
};
export const programmeInput = z.strictObject({
  orgId: idSchema.optional().describe("the owner union (default: the caller's own)"),
  ...programmeFields,
  description: programmeFields.description.default(''),
  frontLineOnly: programmeFields.frontLineOnly.default(false),
  modelWorkerOnly: programmeFields.modelWorkerOnly.default(false),
  recentYears: programmeFields.recentYears.default(0),
  status: programmeFields.status.default('draft'),
});
export type ProgrammeInput = z.input<typeof programmeInput>;
/** An edit: only the fields sent change (no defaults, or a status change would reset the rules). */
export const programmePatch = z.strictObject(programmeFields).partial();

export const programmeListQuery = z.strictObject({
  ...pageQuery,
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  status: z.enum(programmeStatusCodes).optional(),
  q: z.string().trim().max(50).optional(),
});

export const programmeSummary = z.object({
  id: z.number().int(),
  org: z.object({ id: z.number().int(), name: z.string() }),
  year: z.number().int(),
  title: z.string(),
  description: z.string(),
  frontLineOnly: z.boolean(),
  modelWorkerOnly: z.boolean(),
  recentYears: z.number().int(),
  status: z.enum(programmeStatusCodes),
  batches: z.number().int(),
  capacity: z.number().int(),
  seatsTaken: z.number().int(),
  createdAt: timestamp,
  /** Whether the caller may edit it (welfare.manage over the owner). */
  canManage: z.boolean(),
});
export type ProgrammeSummary = z.infer<typeof programmeSummary>;
export const programmePage = pageOf(programmeSummary);

const batchFields = {
  name: text(40),
  startDate: isoDate,
  endDate: isoDate,
  signupDeadline: isoDate,
  destination: text(100),
  theme: z.string().trim().max(100, { error: '不能超过 100 个字符' }),
  capacity: z
    .number({ error: '名额必须是整数' })
    .int({ error: '名额必须是整数' })
    .positive({ error: '名额必须大于 0' })
    .max(10_000, { error: '名额过大' }),
  costFen: fen,
};
export const batchInput = z.strictObject({ ...batchFields, theme: batchFields.theme.default('') });
export type BatchInput = z.input<typeof batchInput>;
/** An edit: only the fields sent change. */
export const batchPatch = z.strictObject(batchFields).partial();

export const quotaView = z.object({
  id: z.number().int(),
  org: z.object({ id: z.number().int(), name: z.string() }),
  quota: z.number().int(),
  used: z.number().int(),
});
export type QuotaView = z.infer<typeof quotaView>;

export const batchView = z.object({
  id: z.number().int(),
  programmeId: z.number().int(),
  name: z.string(),
  startDate: isoDate,
  endDate: isoDate,
  signupDeadline: isoDate,
  destination: z.string(),
  theme: z.string(),
  capacity: z.number().int(),
  costFen: z.number().int(),
  seatsTaken: z.number().int(),
  quotaTotal: z.number().int(),
  poolTaken: z.number().int(),
  waitlisted: z.number().int(),
  attended: z.number().int(),
  quotas: z.array(quotaView),
});
export type BatchView = z.infer<typeof batchView>;

export const programmeView = programmeSummary.extend({ batchList: z.array(batchView) });
export type ProgrammeView = z.infer<typeof programmeView>;

export const quotaInput = z.strictObject({
  orgId: idSchema,
  quota: z.number().int({ error: '名额必须是整数' }).min(0, { error: '名额不能为负数' }).max(10_000),
});

export const declarations = {
  frontLine: z.boolean().default(false).describe('一线职工 (declared)'),
  honour: z
    .string()
    .trim()
    .max(60, { error: '不能超过 60 个字符' })
    .optional()
    .describe('劳模、先进工作者 honour, e.g. 市劳动模范'),
  note: z.string().trim().max(300, { error: '不能超过 300 个字符' }).optional(),
};

export const nominationInput = z.strictObject({ memberId: idSchema, ...declarations });
export const portalApplyInput = z.strictObject({ batchId: idSchema, ...declarations });
export const reasonInput = z.strictObject({ reason: text(200) });
export const attendanceInput = z.strictObject({
  items: z
    .array(z.strictObject({ applicationId: idSchema, attended: z.boolean() }))
    .min(1, { error: '请选择报名记录' })
    .max(500),
});

export const applicationListQuery = z.strictObject({
  ...pageQuery,
  programmeId: idSchema.optional(),
  batchId: idSchema.optional(),
  orgId: idSchema.optional().describe("applications of members of this org's subtree"),
  status: z.enum(applicationStatusCodes).optional(),
  q: z.string().trim().max(30).optional().describe('member name fragment'),
});

export const applicationView = z.object({
  id: z.number().int(),
  programmeId: z.number().int(),
  programmeTitle: z.string(),
  batch: z.object({
    id: z.number().int(),
    name: z.string(),
    startDate: isoDate,
    endDate: isoDate,
    destination: z.string(),
  }),
  member: z.object({ id: z.number().int(), name: z.string(), gender: z.string(), mobile: z.string().nullable() }),
  org: z.object({ id: z.number().int(), name: z.string() }),
  channel: z.enum(['self', 'nominated']),
  frontLine: z.boolean(),
  honour: z.string().nullable(),
  note: z.string().nullable(),
  status: z.enum(applicationStatusCodes),
  /** 1-based place on the batch's waiting list (waitlisted only). */
  waitlistPosition: z.number().int().nullable(),
  appliedByName: z.string(),
  appliedAt: timestamp,
  checkedByName: z.string().nullable(),
  confirmedAt: timestamp.nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: timestamp.nullable(),
  reason: z.string().nullable(),
  attendanceAt: timestamp.nullable(),
});
export type ApplicationView = z.infer<typeof applicationView>;
export const applicationPage = pageOf(applicationView);

export const nomineeQuery = z.strictObject({
  batchId: idSchema,
  q: z.string().trim().min(1).max(30),
});
export const nomineeList = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      gender: z.string(),
      org: z.object({ id: z.number().int(), name: z.string() }),
      /** Why the member cannot be nominated now (already applied, recent trip), or null. */
      blocked: z.string().nullable(),
    }),
  ),
});

export const statsQuery = z.strictObject({
  programmeId: idSchema,
  orgId: idSchema.optional().describe('break down by the children of this org (default: the programme owner)'),
});
export const statsView = z.object({
  programme: z.object({ id: z.number().int(), title: z.string(), year: z.number().int() }),
  org: z.object({ id: z.number().int(), name: z.string() }),
  totals: z.object({
    batches: z.number().int(),
    capacity: z.number().int(),
    seatsTaken: z.number().int(),
    attended: z.number().int(),
    waitlisted: z.number().int(),
  }),
  byBatch: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      startDate: isoDate,
      capacity: z.number().int(),
      seatsTaken: z.number().int(),
      attended: z.number().int(),
    }),
  ),
  byOrg: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      seats: z.number().int(),
      attended: z.number().int(),
    }),
  ),
});
export type StatsView = z.infer<typeof statsView>;

export const rosterQuery = z.strictObject({ status: z.enum(applicationStatusCodes).optional() });

/** A batch as the portal offers it to a member. */
export const portalBatchView = z.object({
  id: z.number().int(),
  programmeId: z.number().int(),
  programmeTitle: z.string(),
  ownerName: z.string(),
  name: z.string(),
  startDate: isoDate,
  endDate: isoDate,
  signupDeadline: isoDate,
  destination: z.string(),
  theme: z.string(),
  costFen: z.number().int(),
  capacity: z.number().int(),
  seatsLeft: z.number().int(),
  /** The eligibility rules in words (一线职工、劳模、近 N 年未参加). */
  rules: z.array(z.string()),
  frontLineOnly: z.boolean(),
  modelWorkerOnly: z.boolean(),
  /** Why the member may not sign up (already applied, recent trip), or null. */
  blocked: z.string().nullable(),
});
export type PortalBatchView = z.infer<typeof portalBatchView>;
export const portalBatchList = z.object({ items: z.array(portalBatchView) });
export const portalApplicationList = z.object({ items: z.array(applicationView) });
