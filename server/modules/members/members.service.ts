import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { grassrootsTypes } from '../../../shared/enums';
import type { MemberStatus } from '../../../shared/memberEnums';
import type { createMemberBody, memberStatusBody, updateMemberBody } from '../../../shared/schemas/members';
import { maskIdNumber } from '../../../shared/validators/idNumber';
import { maskMobile } from '../../../shared/validators/mobile';
import type { Ctx } from '../../context';
import type { DbOrTx } from '../../db/client';
import { ageOn, chinaDate } from '../../lib/dates';
import { uniqueViolation } from '../../lib/pg-errors';
import { blindIndex, decryptField, encryptField } from '../../lib/pii';
import { personNamePinyin } from '../../lib/pinyin';
import { AppError } from '../../plugins/errors';
import { inScope } from '../../plugins/scope';
import { audit } from '../audit/audit.service';
import { getOrgInScope } from '../orgs/orgs.queries';
import { getMemberInScope, type MemberRow, toMemberView } from './members.queries';
import { memberHistory, memberProfileColumns, members, orgMemberCounts } from './members.tables';

type ParsedId = { value: string; birthDate: string; gender: 'male' | 'female' };

/** Adds `delta` active members to an org's maintained count, in the caller's transaction. */
export async function bumpMemberCount(tx: DbOrTx, org: { id: number; path: string }, delta: number) {
  if (delta === 0) return;
  await tx
    .insert(orgMemberCounts)
    .values({ orgId: org.id, orgPath: org.path, active: delta })
    .onConflictDoUpdate({ target: orgMemberCounts.orgId, set: { active: sql`${orgMemberCounts.active} + ${delta}` } });
}

/** The ID number's facts must agree with what was entered, and the age at joining must be 16–100. */
export function checkIdentity(
  id: ParsedId,
  entered: { gender?: string; birthDate?: string; joinedDate?: string },
  today: string,
) {
  if (entered.gender && entered.gender !== id.gender) throw new AppError('members/gender_mismatch');
  if (entered.birthDate && entered.birthDate !== id.birthDate) throw new AppError('members/birth_date_mismatch');
  if (entered.joinedDate) {
    if (entered.joinedDate > today) throw new AppError('members/joined_in_future');
    const age = ageOn(id.birthDate, entered.joinedDate);
    if (age < 16 || age > 100) throw new AppError('members/age_out_of_range', { age });
  }
}

/** The stored forms of an ID number: ciphertext, blind index, masked text. */
export function sealIdNumber(ctx: Ctx, idNumber: string) {
  return {
    idNumberEnc: encryptField(ctx.pii, idNumber),
    idNumberIndex: blindIndex(ctx.pii, 'id_number', idNumber),
    idNumberMasked: maskIdNumber(idNumber),
  };
}

/** The stored forms of a mobile number (all null to clear it; nothing when it is not being changed). */
function sealMobile(ctx: Ctx, mobile: string | null | undefined) {
  if (mobile === undefined) return {};
  if (mobile === null) return { mobileEnc: null, mobileIndex: null, mobileMasked: null };
  return {
    mobileEnc: encryptField(ctx.pii, mobile),
    mobileIndex: blindIndex(ctx.pii, 'mobile', mobile),
    mobileMasked: maskMobile(mobile),
  };
}

/** A unique violation on the ID index means the person is already a member somewhere. */
export async function duplicateIdError(ctx: Ctx, idIndex: string) {
  const [existing] = await ctx.rootDb
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.idNumberIndex, idIndex), inScope(members.orgPath, ctx.scope)));
  // Inside the caller's subtree the record can be opened; elsewhere only a transfer is offered.
  return new AppError('members/duplicate_id_number', { memberId: existing?.id ?? null, transferPossible: true });
}

/** Writes a roster change to the member's history and the audit log, in the caller's transaction. */
export async function recordChange(
  ctx: Ctx,
  tx: DbOrTx,
  member: Pick<MemberRow, 'id' | 'orgPath' | 'name'>,
  action: 'members.create' | 'members.update' | 'members.status' | 'members.transfer',
  changes: Record<string, unknown>,
) {
  await tx.insert(memberHistory).values({
    memberId: member.id,
    orgPath: member.orgPath,
    at: ctx.now,
    actorId: ctx.actor.accountId,
    actorName: ctx.actor.displayName,
    action,
    changes,
  });
  await audit(
    { ...ctx, db: tx },
    {
      action,
      targetType: 'member',
      targetId: member.id,
      targetName: member.name,
      orgPath: member.orgPath,
      details: changes,
    },
  );
}

/** An active org of the caller's scope that can hold members (a grassroots union or a group below one). */
export async function unionFor(ctx: Ctx, tx: DbOrTx, orgId: number) {
  const org = await getOrgInScope(tx, ctx.scope, orgId);
  if (org.status !== 'active') throw new AppError('orgs/not_active');
  if (!grassrootsTypes.includes(org.type) && org.type !== 'union_group') throw new AppError('members/invalid_union');
  return org;
}

/**
 * Inserts a member into `org` in the caller's transaction, as every registration does: card number from
 * the sequence, the org's maintained count, history and audit. The caller has checked the org and identity.
 */
export async function insertMember(
  ctx: Ctx,
  tx: DbOrTx,
  org: { id: number; path: string },
  input: Omit<z.output<typeof createMemberBody>, 'orgId'>,
  details: Record<string, unknown> = {},
) {
  const { idNumber, mobile, birthDate: _entered, ...profile } = input;
  const { full, initials } = personNamePinyin(profile.name);
  const [row] = await tx
    .insert(members)
    .values({
      ...profile,
      ...sealIdNumber(ctx, idNumber.value),
      ...sealMobile(ctx, mobile),
      orgId: org.id,
      orgPath: org.path,
      birthDate: idNumber.birthDate,
      namePinyin: full,
      nameInitials: initials,
      cardNo: sql`'GH' || lpad(nextval('member_card_seq')::text, 10, '0')`,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  await bumpMemberCount(tx, org, 1);
  await recordChange(ctx, tx, row, 'members.create', {
    orgId: org.id,
    cardNo: row.cardNo,
    idNumber: row.idNumberMasked,
    ...details,
  });
  return row;
}

/** Registers a member in a grassroots union (or a group below one) of the caller's subtree. */
export async function createMember(ctx: Ctx, input: z.output<typeof createMemberBody>) {
  const today = chinaDate(ctx.now);
  checkIdentity(input.idNumber, input, today);
  const { orgId, ...rest } = input;
  try {
    return await ctx.db.transaction(async (tx) => {
      const org = await unionFor(ctx, tx, orgId);
      const row = await insertMember(ctx, tx, org, rest);
      return toMemberView({ ...row, orgName: org.name }, today);
    });
  } catch (err) {
    if (uniqueViolation(err) === 'members_id_number_uq') {
      throw await duplicateIdError(ctx, blindIndex(ctx.pii, 'id_number', input.idNumber.value));
    }
    throw err;
  }
}

const shownFields = memberProfileColumns;

/** Edits a member's record; every changed field goes into the history with before and after. */
export async function updateMember(ctx: Ctx, id: number, input: z.output<typeof updateMemberBody>) {
  const today = chinaDate(ctx.now);
  const { idNumber, mobile, ...profile } = input;
  const personal = { ...(idNumber ? sealIdNumber(ctx, idNumber.value) : {}), ...sealMobile(ctx, mobile) };
  try {
    return await ctx.db.transaction(async (tx) => {
      const current = await getMemberInScope(tx, ctx.scope, id);
      const identity = idNumber ?? { value: '', birthDate: current.birthDate, gender: current.gender };
      checkIdentity(
        identity,
        {
          gender: profile.gender ?? current.gender,
          birthDate: profile.birthDate ?? (idNumber ? undefined : current.birthDate),
          joinedDate: profile.joinedDate ?? current.joinedDate,
        },
        today,
      );
      const changes: Record<string, { before: unknown; after: unknown }> = {};
      for (const key of shownFields) {
        const after = key === 'birthDate' ? identity.birthDate : profile[key];
        if (after !== undefined && after !== current[key]) changes[key] = { before: current[key], after };
      }
      if (personal.idNumberMasked && personal.idNumberIndex !== current.idNumberIndex) {
        changes.idNumber = { before: current.idNumberMasked, after: personal.idNumberMasked };
      }
      if (mobile !== undefined && personal.mobileIndex !== current.mobileIndex) {
        changes.mobile = { before: current.mobileMasked, after: personal.mobileMasked ?? null };
      }
      if (Object.keys(changes).length === 0) return toMemberView(current, today);
      const name = profile.name ?? current.name;
      const { full, initials } = personNamePinyin(name);
      const [row] = await tx
        .update(members)
        .set({
          ...profile,
          ...personal,
          birthDate: identity.birthDate,
          namePinyin: full,
          nameInitials: initials,
          updatedAt: ctx.now,
        })
        .where(eq(members.id, id))
        .returning();
      if (!row) throw new AppError('members/not_found');
      await recordChange(ctx, tx, row, 'members.update', changes);
      return toMemberView({ ...row, orgName: current.orgName }, today);
    });
  } catch (err) {
    if (uniqueViolation(err) === 'members_id_number_uq' && personal.idNumberIndex) {
      throw await duplicateIdError(ctx, personal.idNumberIndex);
    }
    throw err;
  }
}

/** Changes a member's status (在册, 转出, 退会, 去世), keeping the union's active count exact. */
export async function changeMemberStatus(ctx: Ctx, id: number, input: z.output<typeof memberStatusBody>) {
  const today = chinaDate(ctx.now);
  if (input.date > today)
    throw new AppError('common/invalid_input', [{ field: 'date', message: '日期不能晚于今天' }], '日期不能晚于今天');
  return ctx.db.transaction(async (tx) => {
    const current = await getMemberInScope(tx, ctx.scope, id);
    if (current.status === input.status) throw new AppError('members/same_status');
    const [row] = await tx
      .update(members)
      .set({ status: input.status, statusDate: input.date, updatedAt: ctx.now })
      .where(and(eq(members.id, id), eq(members.status, current.status)))
      .returning();
    if (!row) throw new AppError('common/conflict');
    const isActive = (s: MemberStatus) => (s === 'active' ? 1 : 0);
    await bumpMemberCount(tx, { id: row.orgId, path: row.orgPath }, isActive(input.status) - isActive(current.status));
    await recordChange(ctx, tx, row, 'members.status', {
      status: { before: current.status, after: input.status },
      date: input.date,
      reason: input.reason ?? null,
    });
    return toMemberView({ ...row, orgName: current.orgName }, today);
  });
}

/** The full ID or mobile number, for a holder of members.reveal; every reveal is audited. */
export async function revealMemberField(ctx: Ctx, id: number, field: 'idNumber' | 'mobile') {
  const member = await getMemberInScope(ctx.db, ctx.scope, id);
  const token = field === 'idNumber' ? member.idNumberEnc : member.mobileEnc;
  const value = token ? decryptField(ctx.pii, token) : null;
  await audit(ctx, {
    action: 'members.reveal',
    targetType: 'member',
    targetId: id,
    targetName: member.name,
    orgPath: member.orgPath,
    details: { field },
  });
  return { field, value };
}
