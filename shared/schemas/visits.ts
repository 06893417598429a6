/** Care visits (送温暖、送清凉、三送): campaigns with a period and a budget, visits with goods, cash and photos. */
import { idSchema, isoDate, pageOf, pageQuery, text, timestamp, z } from './common';

export const campaignKinds = {
  winter: '送温暖',
  summer: '送清凉',
  three: '三送（送政策、送温暖、送服务）',
  festival: '节日慰问',
  other: '其他',
} as const;
export type CampaignKind = keyof typeof campaignKinds;
export const campaignKindCodes = Object.keys(campaignKinds) as [CampaignKind, ...CampaignKind[]];

export const campaignStatuses = { active: '进行中', closed: '已结束' } as const;
export type CampaignStatus = keyof typeof campaignStatuses;
export const campaignStatusCodes = Object.keys(campaignStatuses) as [CampaignStatus, ...CampaignStatus[]];

export const visitTargetKinds = { enterprise: '企业', worker: '职工' } as const;
export type VisitTargetKind = keyof typeof visitTargetKinds;
export const visitTargetKindCodes = Object.keys(visitTargetKinds) as [VisitTargetKind, ...VisitTargetKind[]];

/** The largest amount one field may hold: 1 亿元 in fen. */
export const maxFen = 10_000_000_000;
export const maxPhotos = 9;
export const maxPhotoBytes = 10 * 1024 * 1024;

/** An amount in fen: a whole number, 0 or more, at most 1 亿元. */
export const fen = z.coerce
  .number({ error: '金额必须是数字（单位：分）' })
  .int({ error: '金额必须精确到分' })
  .min(0, { error: '金额不能为负数' })
  .max(maxFen, { error: '金额过大（单笔不超过 1 亿元）' });

const positiveFen = fen.refine((v) => v > 0, { error: '预算必须大于 0' });

export const campaignInput = z.strictObject({
  orgId: idSchema.optional().describe("the owner federation or union (default: the caller's own org)"),
  kind: z.enum(campaignKindCodes, { error: '请选择活动类型' }),
  title: text(100),
  startDate: isoDate,
  endDate: isoDate,
  budgetFen: positiveFen,
  description: z.string().trim().max(2000, { error: '不能超过 2000 个字符' }).default(''),
});
export type CampaignInput = z.output<typeof campaignInput>;

export const campaignUpdate = campaignInput.omit({ orgId: true }).partial();
export type CampaignUpdate = z.output<typeof campaignUpdate>;

/** Sums of a set of visits. */
export const visitTotals = z.object({
  visits: z.number().int(),
  enterprises: z.number().int().describe('distinct target enterprises'),
  workers: z.number().int().describe('workers reached (人次)'),
  goodsFen: z.number().int(),
  cashFen: z.number().int(),
  totalFen: z.number().int(),
});
export type VisitTotals = z.infer<typeof visitTotals>;

export const campaignView = z.object({
  id: z.number().int(),
  org: z.object({ id: z.number().int(), name: z.string() }),
  kind: z.enum(campaignKindCodes),
  title: z.string(),
  startDate: isoDate,
  endDate: isoDate,
  budgetFen: z.number().int(),
  spentFen: z.number().int(),
  description: z.string(),
  status: z.enum(campaignStatusCodes),
  createdByName: z.string(),
  createdAt: timestamp,
  closedAt: timestamp.nullable(),
  totals: visitTotals.describe('the visits of the campaign the caller sees'),
  canManage: z.boolean().describe('the caller may edit or close it'),
});
export type CampaignView = z.infer<typeof campaignView>;
export const campaignPage = pageOf(campaignView);

export const campaignListQuery = z.strictObject({
  ...pageQuery,
  kind: z.enum(campaignKindCodes).optional(),
  status: z.enum(campaignStatusCodes).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional().describe('period overlapping this year'),
});

/** A visit: multipart text fields (amounts in fen) with photos `files`. */
export const visitFields = z
  .strictObject({
    campaignId: idSchema,
    orgId: idSchema.optional().describe("the visiting union (default: the caller's own org)"),
    visitDate: isoDate,
    targetKind: z.enum(visitTargetKindCodes, { error: '请选择慰问对象类型' }),
    targetOrgId: idSchema.optional().describe('an enterprise with a union: its grassroots union'),
    memberId: idSchema.optional().describe('a worker who is a member'),
    targetName: z
      .string()
      .trim()
      .max(100, { error: '不能超过 100 个字符' })
      .optional()
      .describe('an enterprise without a union, or a worker who is not a member: the name'),
    employerName: z.string().trim().max(100, { error: '不能超过 100 个字符' }).optional(),
    workersReached: z.coerce
      .number({ error: '慰问人数必须是数字' })
      .int({ error: '慰问人数必须是整数' })
      .min(1, { error: '慰问人数至少为 1' })
      .max(1_000_000, { error: '慰问人数过大' }),
    goods: z.string().trim().max(500, { error: '不能超过 500 个字符' }).default(''),
    goodsFen: fen.default(0),
    cashFen: fen.default(0),
    narrative: z.string().trim().max(2000, { error: '不能超过 2000 个字符' }).default(''),
  })
  .refine((v) => v.goodsFen + v.cashFen > 0, { error: '物资价值和慰问金至少填写一项', path: ['goodsFen'] });
export type VisitInput = z.output<typeof visitFields>;

export const visitPhotoView = z.object({
  id: z.number().int(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number().int(),
});

export const visitView = z.object({
  id: z.number().int(),
  campaign: z.object({ id: z.number().int(), title: z.string(), kind: z.enum(campaignKindCodes) }),
  org: z.object({ id: z.number().int(), name: z.string() }).describe('the visiting union'),
  visitDate: isoDate,
  targetKind: z.enum(visitTargetKindCodes),
  targetOrgId: z.number().int().nullable(),
  memberId: z.number().int().nullable(),
  targetName: z.string(),
  employerName: z.string().nullable(),
  workersReached: z.number().int(),
  goods: z.string(),
  goodsFen: z.number().int(),
  cashFen: z.number().int(),
  narrative: z.string(),
  photoCount: z.number().int(),
  createdByName: z.string(),
  createdAt: timestamp,
  canDelete: z.boolean(),
});
export type VisitView = z.infer<typeof visitView>;
export const visitDetail = visitView.extend({ photos: z.array(visitPhotoView) });
export const visitPage = pageOf(visitView).extend({ totals: visitTotals });

export const visitListQuery = z.strictObject({
  ...pageQuery,
  campaignId: idSchema.optional(),
  orgId: idSchema.optional().describe('visits made by this union and its subtree'),
  ownOnly: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('with orgId: only visits made by that org itself'),
  targetOrgId: idSchema.optional().describe('visits to enterprises in this subtree'),
  targetKind: z.enum(visitTargetKindCodes).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  q: z.string().trim().max(50).optional().describe('enterprise or worker name'),
});
export type VisitListQuery = z.output<typeof visitListQuery>;

export const coverageQuery = z.strictObject({
  orgId: idSchema.optional().describe("the org whose children are listed (default: the campaign's owner)"),
});

export const coverageRow = visitTotals.extend({
  org: z.object({ id: z.number().int(), name: z.string(), type: z.string() }),
  self: z.boolean().describe('visits made by the org itself (not by its children)'),
  hasChildren: z.boolean(),
  unions: z.number().int().describe('grassroots unions in the subtree'),
  visited: z.number().int().describe('of them, visited in this campaign'),
  coverage: z.number().nullable().describe('visited / unions in percent, 1 decimal'),
});
export const coverageView = z.object({
  campaignId: z.number().int(),
  org: z.object({ id: z.number().int(), name: z.string() }),
  breadcrumbs: z.array(z.object({ id: z.number().int(), name: z.string() })),
  rows: z.array(coverageRow),
  total: coverageRow,
  budgetFen: z.number().int(),
  spentFen: z.number().int(),
});
export type CoverageView = z.infer<typeof coverageView>;

export const targetQuery = z.strictObject({
  campaignId: idSchema,
  kind: z.enum(visitTargetKindCodes),
  q: z.string().trim().max(50).default(''),
});
export const targetOptions = z.object({
  items: z.array(
    z.object({ id: z.number().int(), name: z.string(), orgName: z.string(), detail: z.string().nullable() }),
  ),
});

export const visitingOrgOptions = z.object({
  items: z.array(z.object({ id: z.number().int(), name: z.string(), depth: z.number().int() })),
});

export const visitingOrgQuery = z.strictObject({
  campaignId: idSchema,
  q: z.string().trim().max(50).default(''),
});

export const exportQuery = z.strictObject({
  orgId: idSchema.optional().describe('only the visits made by this org and its subtree'),
});
