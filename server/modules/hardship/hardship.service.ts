/**
 * Filing and editing hardship files. Health and income (the household's health, notes and incomes, and
 * the per-capita income computed from them) are written only when a consent is on file or recorded in
 * the same request; otherwise nothing at all is written (hardship/consent_required). Every change goes
 * to the file's history with before/after and to the audit log (without the sensitive values), in one
 * transaction.
 */
import { randomBytes } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { createFileBody, updateFileBody } from '../../../shared/schemas/hardship';
import { maskMobile } from '../../../shared/validators/mobile';
import type { Ctx } from '../../context';
import type { DbOrTx } from '../../db/client';
import { chinaDate } from '../../lib/dates';
import { uniqueViolation } from '../../lib/pg-errors';
import { decryptField, encryptField } from '../../lib/pii';
import { AppError } from '../../plugins/errors';
import { inScope } from '../../plugins/scope';
import { audit } from '../audit/audit.service';
import { members } from '../members/members.tables';
import { type FileRow, getFileInScope, nextYear, withoutSensitive } from './hardship.queries';
import { hardshipConsents, hardshipFiles, hardshipHistory, type StoredHouseholdMember } from './hardship.tables';

type CreateInput = z.output<typeof createFileBody>;
type UpdateInput = z.output<typeof updateFileBody>;
type HouseholdInput = NonNullable<UpdateInput['household']>;
type ConsentInput = NonNullable<UpdateInput['consent']>;
type Changes = Record<string, { before: unknown; after: unknown }>;

const invalidDate = (field: string, message: string) =>
  new AppError('hardship/invalid_date', [{ field, message }], message);

/** Monthly income per head, rounded half up to the fen; null unless every listed member's income is known. */
export function perCapita(household: StoredHouseholdMember[], size: number) {
  if (household.length === 0 || household.some((m) => m.incomeFen === null)) {
    return { householdIncomeFen: null, perCapitaIncomeFen: null };
  }
  const total = household.reduce((sum, m) => sum + (m.incomeFen ?? 0), 0);
  // Integer half-up: floor((2·total + size) / (2·size)); totals stay below 2^53 (20 × 10^10 fen).
  return { householdIncomeFen: total, perCapitaIncomeFen: Math.floor((2 * total + size) / (2 * size)) };
}

/**
 * The household as it will be stored. A member sent with the `key` of one on file keeps the health and
 * income on file where they are left out (a caller without welfare.sensitive never sees them, so cannot
 * send them back); null clears a value. `writesSensitive` tells whether new health or income is written.
 */
export function mergeHousehold(input: HouseholdInput, previous: StoredHouseholdMember[]) {
  const byKey = new Map(previous.map((m) => [m.key, m]));
  let writesSensitive = false;
  const household = input.map((m): StoredHouseholdMember => {
    const prev = m.key ? byKey.get(m.key) : undefined;
    const pick = <K extends 'health' | 'healthNote' | 'incomeFen'>(k: K): StoredHouseholdMember[K] => {
      const sent = m[k];
      if (sent === undefined) return prev ? prev[k] : null;
      if (sent !== null && sent !== (prev?.[k] ?? null)) writesSensitive = true;
      return sent as StoredHouseholdMember[K];
    };
    return {
      key: prev ? prev.key : randomBytes(5).toString('hex'),
      relation: m.relation,
      name: m.name,
      age: m.age,
      employment: m.employment ?? null,
      health: pick('health'),
      healthNote: pick('healthNote'),
      incomeFen: pick('incomeFen'),
    };
  });
  return { household, writesSensitive };
}

function checkHousehold(household: StoredHouseholdMember[], size: number) {
  if (household.filter((m) => m.relation === 'self').length > 1) {
    throw new AppError(
      'hardship/invalid_household',
      [{ field: 'household', message: '“本人”只能有一位' }],
      '家庭成员中“本人”只能有一位',
    );
  }
  if (size < household.length) {
    const message = `家庭人口（${size}）不能少于登记的家庭成员人数（${household.length}）`;
    throw new AppError('hardship/invalid_household', [{ field: 'householdSize', message }], message);
  }
}

function checkCauses(causes: string[], causeOther: string | null | undefined) {
  if (causes.includes('other') && !causeOther) throw new AppError('hardship/cause_other_required');
}

function checkConsent(consent: ConsentInput | undefined, today: string) {
  if (consent && consent.consentedOn > today) throw invalidDate('consent.consentedOn', '授权日期不能晚于今天');
}

/** Records a consent for a file in the caller's transaction; returns its id. */
async function insertConsent(ctx: Ctx, tx: DbOrTx, file: Pick<FileRow, 'id' | 'orgPath'>, consent: ConsentInput) {
  const [row] = await tx
    .insert(hardshipConsents)
    .values({
      fileId: file.id,
      orgPath: file.orgPath,
      method: consent.method,
      consentedOn: consent.consentedOn,
      recordedBy: ctx.actor.accountId,
      recordedByName: ctx.actor.displayName,
      recordedAt: ctx.now,
    })
    .returning({ id: hardshipConsents.id });
  if (!row) throw new Error('consent insert returned no row');
  return row.id;
}

/** The stored forms of a contact phone (nothing when it is not being changed). */
function sealPhone(ctx: Ctx, phone: string | null | undefined) {
  if (phone === undefined) return {};
  if (phone === null) return { phoneEnc: null, phoneMasked: null };
  return { phoneEnc: encryptField(ctx.pii, phone), phoneMasked: maskMobile(phone) };
}

/** Changes as the audit log keeps them: household without health and income, no income figures. */
function auditChanges(changes: Changes, sensitive: boolean) {
  const shown: Record<string, unknown> = {};
  for (const [key, c] of Object.entries(changes)) {
    if (key === 'householdIncomeFen' || key === 'perCapitaIncomeFen') continue;
    if (key === 'household') {
      const strip = (v: unknown) => (Array.isArray(v) ? withoutSensitive(v as StoredHouseholdMember[]) : v);
      shown[key] = { before: strip(c.before), after: strip(c.after) };
    } else shown[key] = c;
  }
  return sensitive ? { ...shown, sensitive: true } : shown;
}

/** Writes a change to the file's history and the audit log, in the caller's transaction. */
export async function recordFileChange(
  ctx: Ctx,
  tx: DbOrTx,
  file: { id: number; orgPath: string; memberName: string },
  action: 'hardship.create' | 'hardship.update' | 'hardship.consent' | 'hardship.review' | 'hardship.resolve',
  changes: Changes,
  extra: { sensitive?: boolean; details?: Record<string, unknown> } = {},
) {
  await tx.insert(hardshipHistory).values({
    fileId: file.id,
    orgPath: file.orgPath,
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
      targetType: 'hardship_file',
      targetId: file.id,
      targetName: file.memberName,
      orgPath: file.orgPath,
      details: { ...auditChanges(changes, extra.sensitive ?? false), ...extra.details },
    },
  );
}

/** Opens a file for an active member of the caller's welfare.manage scope (one active file per member). */
export async function createFile(ctx: Ctx, input: CreateInput): Promise<number> {
  const today = chinaDate(ctx.now);
  if (input.filedOn > today) throw invalidDate('filedOn', '建档日期不能晚于今天');
  checkConsent(input.consent, today);
  checkCauses(input.causes, input.causeOther);
  const { household, writesSensitive } = mergeHousehold(input.household, []);
  checkHousehold(household, input.householdSize);
  if (writesSensitive && !input.consent) throw new AppError('hardship/consent_required');
  try {
    return await ctx.db.transaction(async (tx) => {
      const [member] = await tx
        .select({ id: members.id, orgId: members.orgId, orgPath: members.orgPath, name: members.name })
        .from(members)
        .where(and(eq(members.id, input.memberId), eq(members.status, 'active'), inScope(members.orgPath, ctx.scope)));
      if (!member) throw new AppError('members/not_found');
      const [existing] = await tx
        .select({ id: hardshipFiles.id })
        .from(hardshipFiles)
        .where(and(eq(hardshipFiles.memberId, member.id), eq(hardshipFiles.status, 'active')));
      if (existing) throw new AppError('hardship/duplicate_active', { fileId: existing.id });
      const causeOther = input.causes.includes('other') ? (input.causeOther ?? null) : null;
      const [row] = await tx
        .insert(hardshipFiles)
        .values({
          memberId: member.id,
          orgId: member.orgId,
          orgPath: member.orgPath,
          level: input.level,
          causes: input.causes,
          causeOther,
          household,
          householdSize: input.householdSize,
          ...perCapita(household, input.householdSize),
          address: input.address,
          ...sealPhone(ctx, input.phone ?? null),
          filedOn: input.filedOn,
          status: 'active',
          nextReviewOn: nextYear(input.filedOn),
          createdBy: ctx.actor.accountId,
          createdByName: ctx.actor.displayName,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning();
      if (!row) throw new Error('file insert returned no row');
      const consentId = input.consent ? await insertConsent(ctx, tx, row, input.consent) : null;
      const after: Record<string, unknown> = {
        level: row.level,
        causes: row.causes,
        causeOther: row.causeOther,
        household: row.household,
        householdSize: row.householdSize,
        householdIncomeFen: row.householdIncomeFen,
        perCapitaIncomeFen: row.perCapitaIncomeFen,
        address: row.address,
        phone: row.phoneMasked,
        filedOn: row.filedOn,
        nextReviewOn: row.nextReviewOn,
      };
      const changes: Changes = {};
      for (const [k, v] of Object.entries(after)) if (v !== null) changes[k] = { before: null, after: v };
      if (input.consent) changes.consentMethod = { before: null, after: input.consent.method };
      await recordFileChange(ctx, tx, { ...row, memberName: member.name }, 'hardship.create', changes, {
        sensitive: writesSensitive,
        details: { memberId: member.id, ...(consentId ? { consentId } : {}) },
      });
      return row.id;
    });
  } catch (err) {
    if (uniqueViolation(err) === 'hardship_files_active_member_uq') {
      throw new AppError('hardship/duplicate_active');
    }
    throw err;
  }
}

const plainFields = ['level', 'causes', 'causeOther', 'householdSize', 'address'] as const;

/** Edits an active file; health and income need a consent on file or one recorded with this edit. */
export async function updateFile(ctx: Ctx, id: number, input: UpdateInput): Promise<number> {
  const today = chinaDate(ctx.now);
  checkConsent(input.consent, today);
  return ctx.db.transaction(async (tx) => {
    const current = await getFileInScope(tx, ctx.scope, id, { lock: true });
    if (current.status !== 'active') throw new AppError('hardship/resolved');
    const causes = input.causes ?? current.causes;
    const causeOther = causes.includes('other')
      ? input.causeOther === undefined
        ? current.causeOther
        : input.causeOther
      : null;
    checkCauses(causes, causeOther);
    const size = input.householdSize ?? current.householdSize;
    const merged = input.household
      ? mergeHousehold(input.household, current.household)
      : { household: current.household, writesSensitive: false };
    checkHousehold(merged.household, size);
    if (merged.writesSensitive && !input.consent) {
      const [onFile] = await tx.select({ n: count() }).from(hardshipConsents).where(eq(hardshipConsents.fileId, id));
      if (!Number(onFile?.n)) throw new AppError('hardship/consent_required');
    }
    const next = {
      level: input.level ?? current.level,
      causes,
      causeOther,
      householdSize: size,
      address: input.address ?? current.address,
    };
    const changes: Changes = {};
    for (const key of plainFields) {
      const before = current[key];
      const after = next[key];
      if (JSON.stringify(before) !== JSON.stringify(after)) changes[key] = { before, after };
    }
    if (JSON.stringify(merged.household) !== JSON.stringify(current.household)) {
      changes.household = { before: current.household, after: merged.household };
    }
    const figures = perCapita(merged.household, size);
    for (const key of ['householdIncomeFen', 'perCapitaIncomeFen'] as const) {
      if (figures[key] !== current[key]) changes[key] = { before: current[key], after: figures[key] };
    }
    const phone = sealPhone(ctx, input.phone);
    const currentPhone = current.phoneEnc ? decryptField(ctx.pii, current.phoneEnc) : null;
    if (input.phone !== undefined && input.phone !== currentPhone) {
      changes.phone = { before: current.phoneMasked, after: phone.phoneMasked ?? null };
    }
    const consentId = input.consent ? await insertConsent(ctx, tx, current, input.consent) : null;
    if (input.consent) changes.consentMethod = { before: null, after: input.consent.method };
    if (Object.keys(changes).length === 0) return id;
    await tx
      .update(hardshipFiles)
      .set({
        ...next,
        household: merged.household,
        ...figures,
        ...(changes.phone ? phone : {}),
        updatedAt: ctx.now,
      })
      .where(eq(hardshipFiles.id, id));
    const sensitiveChanged = merged.writesSensitive || 'householdIncomeFen' in changes;
    await recordFileChange(ctx, tx, current, 'hardship.update', changes, {
      sensitive: sensitiveChanged,
      details: consentId ? { consentId } : {},
    });
    return id;
  });
}
