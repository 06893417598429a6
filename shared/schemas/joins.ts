import { orgTypeCodes } from '../enums';
import { genderCodes, joinStatusCodes, workerCategoryCodes } from '../memberEnums';
import { newPassword } from './auth';
import { idSchema, pageOf, pageQuery, text, timestamp, z } from './common';
import { mobileField } from './fields';
import { createMemberBody } from './members';

/** A worker's own account for the portal: mobile number and password (the policy of every account). */
export const registerBody = z.strictObject({
  name: createMemberBody.shape.name,
  mobile: mobileField,
  password: newPassword,
  unionId: idSchema
    .optional()
    .describe('the union the worker means to join, if known (places the account in its city)'),
});

/** An application to join: the roster's own fields and checks, with the union chosen and a note. */
export const joinRequestBody = createMemberBody
  .pick({
    orgId: true,
    name: true,
    gender: true,
    ethnicity: true,
    idNumber: true,
    education: true,
    politicalStatus: true,
    employerName: true,
    employerCreditCode: true,
    position: true,
    workerCategory: true,
  })
  .extend({ note: text(200).optional() });

/** A union as an applicant sees it: name, type and the chain above it, nothing of its roster. */
export const joinUnionView = z.object({
  id: z.number().int(),
  name: z.string(),
  type: z.enum(orgTypeCodes),
  breadcrumbs: z.array(z.string()).describe('names of the orgs above, top first'),
});

export const joinUnionSearchQuery = z.strictObject({
  q: z.string().trim().min(1, { error: '请输入工会名称' }).max(50),
  kind: z
    .enum(['any', 'joint_or_trade'])
    .default('any')
    .describe('joint_or_trade: only joint unions (联合工会) and trade unions (行业工会)'),
});
export const joinUnionList = z.object({ items: z.array(joinUnionView) });

export const joinTokenParams = z.strictObject({ token: z.string().min(3).max(100) });

/** The join link of a union, for its QR code: /m/join?union=<token>. */
export const joinLinkResponse = z.object({
  union: z.object({ id: z.number().int(), name: z.string() }),
  token: z.string(),
  path: z.string(),
});

/** An application as the union and the applicant see it (personal numbers masked). */
export const joinView = z.object({
  id: z.number().int(),
  union: z.object({ id: z.number().int(), name: z.string() }),
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
  note: z.string().nullable(),
  status: z.enum(joinStatusCodes),
  createdAt: timestamp,
  reviewerName: z.string().nullable(),
  reviewedAt: timestamp.nullable(),
  reviewComment: z.string().nullable(),
  memberId: z.number().int().nullable(),
});
export const joinList = z.object({ items: z.array(joinView) });
export const joinPage = pageOf(joinView);

export const joinListQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(joinStatusCodes).optional(),
  q: z.string().trim().max(30).optional().describe('part of the applicant’s name'),
  orgId: idSchema.optional().describe('applications to this org’s subtree'),
});

export const joinRejectBody = z.strictObject({ comment: text(200) });
