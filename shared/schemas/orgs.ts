import { orgStatusCodes, orgTypeCodes } from '../enums';
import { normaliseMobile } from '../validators/mobile';
import { idSchema, isoDate, pageOf, pageQuery, text, timestamp, z } from './common';
import { creditCodeField } from './fields';

const areaCode = z.string().regex(/^\d{6}$/, { error: '行政区划代码应为 6 位数字（GB/T 2260）' });

/** A contact phone: a mainland mobile number or a landline such as 0513-81234567. */
const contactPhone = z
  .string()
  .trim()
  .max(30)
  .transform((v, ctx) => {
    const mobile = normaliseMobile(v);
    if (mobile) return mobile;
    if (/^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/.test(v)) return v;
    ctx.addIssue({ code: 'custom', message: '联系电话应为手机号或固定电话（如 0513-81234567）' });
    return z.NEVER;
  });

const orgFields = {
  name: text(60, 2),
  shortName: text(20).nullable().optional(),
  areaCode: areaCode.nullable().optional(),
  creditCode: creditCodeField.nullable().optional(),
  address: text(200).nullable().optional(),
  contactName: text(30).nullable().optional(),
  contactPhone: contactPhone.nullable().optional(),
  termStart: isoDate.nullable().optional(),
  termEnd: isoDate.nullable().optional(),
};

function termInOrder(v: { termStart?: string | null; termEnd?: string | null }) {
  return !v.termStart || !v.termEnd || v.termStart <= v.termEnd;
}
const termMessage = { error: '任期结束日期不能早于开始日期', path: ['termEnd'] };

export const createOrgBody = z
  .strictObject({ ...orgFields, parentId: idSchema, type: z.enum(orgTypeCodes) })
  .refine(termInOrder, termMessage);

export const updateOrgBody = z
  .strictObject({ ...orgFields, name: orgFields.name.optional() })
  .refine(termInOrder, termMessage);

export const moveOrgBody = z.strictObject({ newParentId: idSchema });

export const dissolveOrgBody = z.strictObject({
  reason: text(200),
  mergedIntoId: idSchema.nullable().optional().describe('set when the org is merged into another'),
});

export const orgView = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  path: z.string(),
  depth: z.number().int(),
  name: z.string(),
  shortName: z.string().nullable(),
  type: z.enum(orgTypeCodes),
  areaCode: z.string().nullable(),
  creditCode: z.string().nullable(),
  address: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  termStart: z.string().nullable(),
  termEnd: z.string().nullable(),
  status: z.enum(orgStatusCodes),
  mergedIntoId: z.number().int().nullable(),
  statusReason: z.string().nullable(),
  statusChangedAt: timestamp.nullable(),
  childCount: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const orgDetail = orgView.extend({
  breadcrumbs: z.array(z.object({ id: z.number().int(), name: z.string() })),
});

export const orgChildrenQuery = z.strictObject({
  ...pageQuery,
  q: z.string().trim().max(50).optional(),
  status: z.enum(orgStatusCodes).optional(),
  type: z.enum(orgTypeCodes).optional(),
});

export const orgSearchQuery = z.strictObject({
  ...pageQuery,
  q: text(50).describe('名称片段或拼音首字母'),
  under: idSchema.optional().describe('limit to this org’s subtree'),
});

export const orgPage = pageOf(orgView);
export const orgRootsResponse = z.object({ items: z.array(orgView) });

export const orgSearchHit = orgView.extend({
  breadcrumbs: z.array(z.object({ id: z.number().int(), name: z.string() })),
});
export const orgSearchPage = pageOf(orgSearchHit);

export const orgStats = z.object({
  orgId: z.number().int(),
  orgs: z.number().int().describe('active orgs in the subtree, itself included'),
  byType: z.record(z.string(), z.number().int()),
  grassroots: z.number().int(),
  children: z.number().int(),
  accounts: z.number().int(),
  members: z.number().int().describe('active members in the subtree, from the maintained counts'),
});

export const departmentView = z.object({ id: z.number().int(), orgId: z.number().int(), name: z.string() });
export const departmentList = z.object({ items: z.array(departmentView) });
export const createDepartmentBody = z.strictObject({ name: text(30) });
