import {
  educationLevels,
  ethnicities,
  genderCodes,
  memberStatusCodes,
  politicalStatuses,
  workerCategoryCodes,
} from '../memberEnums';
import { idSchema, isoDate, pageOf, pageQuery, text, timestamp, z } from './common';
import { creditCodeField, idNumberField, mobileField } from './fields';

/** A person's name: Chinese characters (with the middle dot of some ethnic names) or Latin letters. */
const personName = text(30).refine((v) => /^[\u4e00-\u9fa5·•A-Za-z\s]+$/.test(v), {
  error: '姓名只能包含汉字、字母和间隔号',
});

const profileFields = {
  name: personName,
  gender: z.enum(genderCodes),
  ethnicity: z.enum(ethnicities).default('汉族'),
  birthDate: isoDate.optional().describe('must agree with the ID number; derived when left out'),
  mobile: mobileField.nullable().optional(),
  education: z.enum(educationLevels).nullable().optional(),
  politicalStatus: z.enum(politicalStatuses).nullable().optional(),
  employerName: text(100).nullable().optional(),
  employerCreditCode: creditCodeField.nullable().optional(),
  position: text(50).nullable().optional(),
  workerCategory: z.enum(workerCategoryCodes).default('regular'),
  joinedDate: isoDate,
};

export const createMemberBody = z.strictObject({ ...profileFields, orgId: idSchema, idNumber: idNumberField });

export const updateMemberBody = z.strictObject({
  name: profileFields.name.optional(),
  gender: profileFields.gender.optional(),
  ethnicity: z.enum(ethnicities).optional(),
  birthDate: isoDate.optional(),
  idNumber: idNumberField.optional(),
  mobile: profileFields.mobile,
  education: profileFields.education,
  politicalStatus: profileFields.politicalStatus,
  employerName: profileFields.employerName,
  employerCreditCode: profileFields.employerCreditCode,
  position: profileFields.position,
  workerCategory: z.enum(workerCategoryCodes).optional(),
  joinedDate: isoDate.optional(),
});

export const memberStatusBody = z.strictObject({
  status: z.enum(memberStatusCodes),
  date: isoDate,
  reason: text(200).optional(),
});

export const revealBody = z.strictObject({ field: z.enum(['idNumber', 'mobile']) });
export const revealResponse = z.object({ field: z.enum(['idNumber', 'mobile']), value: z.string().nullable() });

export const memberSorts = ['newest', 'name', 'joined'] as const;

export const memberListQuery = z.strictObject({
  ...pageQuery,
  q: z.string().trim().max(50).optional().describe('姓名、拼音、拼音首字母、手机号或身份证号'),
  orgId: idSchema.optional().describe('members of this org’s subtree'),
  status: z.enum(memberStatusCodes).optional(),
  category: z.enum(workerCategoryCodes).optional(),
  gender: z.enum(genderCodes).optional(),
  ageMin: z.coerce.number().int().min(0).max(150).optional(),
  ageMax: z.coerce.number().int().min(0).max(150).optional(),
  joinedFrom: isoDate.optional(),
  joinedTo: isoDate.optional(),
  sort: z.enum(memberSorts).default('newest'),
});

export const memberView = z.object({
  id: z.number().int(),
  org: z.object({ id: z.number().int(), name: z.string() }),
  name: z.string(),
  gender: z.enum(genderCodes),
  ethnicity: z.string(),
  birthDate: z.string(),
  age: z.number().int(),
  idNumber: z.string().describe('masked'),
  mobile: z.string().nullable().describe('masked'),
  education: z.string().nullable(),
  politicalStatus: z.string().nullable(),
  employerName: z.string().nullable(),
  employerCreditCode: z.string().nullable(),
  position: z.string().nullable(),
  workerCategory: z.enum(workerCategoryCodes),
  status: z.enum(memberStatusCodes),
  statusDate: z.string().nullable(),
  joinedDate: z.string(),
  cardNo: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const memberPage = pageOf(memberView);

export const memberHistoryView = z.object({
  id: z.number().int(),
  at: timestamp,
  actorName: z.string().nullable(),
  action: z.string(),
  changes: z.unknown(),
});
export const memberHistoryList = z.object({ items: z.array(memberHistoryView) });

/** The roster filter that lists the records behind one figure of the statistics. */
const figureFilter = z.record(z.string(), z.union([z.string(), z.number()]));
const bucket = z.object({ code: z.string(), label: z.string(), count: z.number().int(), filter: figureFilter });

export const memberStatsQuery = z.strictObject({
  orgId: idSchema.optional().describe('default: the caller’s top org'),
});

export const memberStatsResponse = z.object({
  org: z.object({ id: z.number().int(), name: z.string() }),
  total: z.number().int().describe('active members of the subtree (maintained counts)'),
  children: z.array(
    z.object({ org: z.object({ id: z.number().int(), name: z.string(), type: z.string() }), total: z.number().int() }),
  ),
  byCategory: z.array(bucket),
  byGender: z.array(bucket),
  byAgeBand: z.array(bucket),
  growth: z.array(bucket).describe('members joined per month over the last 24 months'),
});

export const cardVerifyQuery = z.strictObject({ token: z.string().min(1).max(500) });
export const cardVerifyResponse = z.object({
  valid: z.boolean(),
  reason: z.string().nullable().describe('why not valid, in Chinese'),
  name: z.string().nullable().describe('masked'),
  union: z.string().nullable(),
});

export const portalCardResponse = z.object({
  name: z.string(),
  union: z.string(),
  cardNo: z.string(),
  joinedDate: z.string(),
  status: z.enum(memberStatusCodes),
  token: z.string(),
  expiresAt: timestamp,
});

/** A member's own record as the portal shows it: their own numbers in full. */
export const selfMemberView = memberView.extend({
  idNumberFull: z.string(),
  mobileFull: z.string().nullable(),
});

export const correctionStatuses = { pending: '待审核', approved: '已通过', rejected: '未通过' } as const;
const correctionStatusCodes = Object.keys(correctionStatuses) as [
  keyof typeof correctionStatuses,
  ...(keyof typeof correctionStatuses)[],
];

/** What a member may ask to correct; the ID number itself is corrected by the union after checking the card. */
export const correctionRequestBody = z.strictObject({
  changes: z
    .strictObject({
      name: profileFields.name.optional(),
      ethnicity: z.enum(ethnicities).optional(),
      mobile: mobileField.optional(),
      education: z.enum(educationLevels).optional(),
      politicalStatus: z.enum(politicalStatuses).optional(),
      employerName: text(100).optional(),
      employerCreditCode: creditCodeField.optional(),
      position: text(50).optional(),
      workerCategory: z.enum(workerCategoryCodes).optional(),
    })
    .refine((c) => Object.values(c).some((v) => v !== undefined), { error: '请至少填写一项要更正的信息' }),
  note: text(200).optional(),
});

export const correctionView = z.object({
  id: z.number().int(),
  member: z.object({ id: z.number().int(), name: z.string() }),
  union: z.string(),
  changes: z.record(z.string(), z.object({ before: z.string().nullable(), after: z.string().nullable() })),
  note: z.string().nullable(),
  status: z.enum(correctionStatusCodes),
  createdAt: timestamp,
  reviewerName: z.string().nullable(),
  reviewedAt: timestamp.nullable(),
  reviewComment: z.string().nullable(),
});
export const correctionList = z.object({ items: z.array(correctionView) });
export const correctionPage = pageOf(correctionView);
export const correctionListQuery = z.strictObject({ ...pageQuery, status: z.enum(correctionStatusCodes).optional() });
export const correctionRejectBody = z.strictObject({ comment: text(200) });
