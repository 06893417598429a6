import { transferInitiatorCodes, transferStatusCodes } from '../memberEnums';
import { idSchema, pageOf, pageQuery, text, timestamp, z } from './common';
import { idNumberField } from './fields';

const reason = text(200).optional();

/** The sending union moves one of its members to another union. */
export const transferOutBody = z.strictObject({ memberId: idSchema, toOrgId: idSchema, reason });

/** The receiving union asks for a person who is a member elsewhere (known by their ID number). */
export const transferInBody = z.strictObject({ idNumber: idNumberField, toOrgId: idSchema, reason });

/** A member asks, in the portal, to move to another union. */
export const portalTransferBody = z.strictObject({ toOrgId: idSchema, reason });

const orgRef = z.object({ id: z.number().int(), name: z.string() });

export const transferView = z.object({
  id: z.number().int(),
  member: z.object({
    id: z.number().int().nullable().describe('null while the member lies outside the caller’s scope'),
    name: z.string().describe('masked while the member lies outside the caller’s scope'),
  }),
  idNumber: z.string().describe('masked'),
  from: orgRef,
  to: orgRef,
  initiatedBy: z.enum(transferInitiatorCodes),
  awaiting: z.enum(['sending', 'receiving']).describe('the side that must agree'),
  status: z.enum(transferStatusCodes),
  reason: z.string().nullable(),
  requesterName: z.string().nullable(),
  createdAt: timestamp,
  deciderName: z.string().nullable(),
  decidedAt: timestamp.nullable(),
  decisionComment: z.string().nullable(),
  canDecide: z.boolean().describe('whether the caller may accept or decline it now'),
});
export const transferList = z.object({ items: z.array(transferView) });
export const transferPage = pageOf(transferView);

export const transferListQuery = z.strictObject({
  ...pageQuery,
  direction: z.enum(['in', 'out']).optional().describe('in: to the caller’s subtree; out: from it'),
  status: z.enum(transferStatusCodes).optional(),
});

export const transferDeclineBody = z.strictObject({ comment: text(200) });
