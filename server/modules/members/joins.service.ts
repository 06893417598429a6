import { and, asc, eq, isNull, or } from 'drizzle-orm';
import type { z } from 'zod';
import type { joinRequestBody, registerBody } from '../../../shared/schemas/joins';
import type { createMemberBody } from '../../../shared/schemas/members';
import { parseIdNumber } from '../../../shared/validators/idNumber';
import { maskMobile } from '../../../shared/validators/mobile';
import type { Config } from '../../config';
import type { Ctx, RequestMeta } from '../../context';
import type { Db } from '../../db/client';
import { chinaDate } from '../../lib/dates';
import { uniqueViolation, withUniqueErrors } from '../../lib/pg-errors';
import { decryptField, encryptField } from '../../lib/pii';
import { AppError } from '../../plugins/errors';
import { pathIds } from '../../plugins/scope';
import { accounts, grants } from '../accounts/accounts.tables';
import { accountTarget, appendAudit, audit } from '../audit/audit.service';
import { hashPassword } from '../auth/passwords';
import { hitRateLimit } from '../auth/rate-limit';
import { createSession } from '../auth/sessions';
import { orgs } from '../orgs/orgs.tables';
import { employerOptional, getJoinableUnion, getJoinInScope, toJoinView } from './joins.queries';
import { memberJoins } from './joins.tables';
import { checkIdentity, duplicateIdError, insertMember, sealIdNumber, unionFor } from './members.service';
import { members } from './members.tables';

interface PublicDeps {
  db: Db;
  config: Config;
  now: Date;
  meta: RequestMeta;
}

/** The org an applicant's account belongs to until a union takes them in: the top of the union's tree. */
async function applicantHome(db: Db, unionId: number | undefined) {
  if (unionId) {
    const union = await getJoinableUnion(db, unionId);
    const [root] = await db
      .select()
      .from(orgs)
      .where(eq(orgs.id, pathIds(union.path)[0] ?? 0));
    if (root) return root;
  }
  const [first] = await db
    .select()
    .from(orgs)
    .where(and(isNull(orgs.parentId), eq(orgs.status, 'active')))
    .orderBy(asc(orgs.id))
    .limit(1);
  if (!first) throw new AppError('joins/union_unavailable');
  return first;
}

/**
 * A worker registers their own portal account with a mobile number and password (rate-limited like
 * logins, per IP and per number) and is signed in. The account holds no role until a union approves.
 */
export async function registerApplicant(deps: PublicDeps, input: z.output<typeof registerBody>) {
  const { db, config, now, meta } = deps;
  const window = config.loginLimitWindowSeconds;
  const withinIp = await hitRateLimit(db, `register:ip:${meta.ip}`, config.loginLimitPerIp, window, now);
  const withinMobile = await hitRateLimit(
    db,
    `register:mobile:${input.mobile}`,
    config.loginLimitPerAccount,
    window,
    now,
  );
  if (!withinIp || !withinMobile) throw new AppError('common/rate_limited', undefined, '注册过于频繁，请稍后再试');
  // Checked first so a taken number costs no password hashing; the unique indexes still decide races.
  const [taken] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(or(eq(accounts.mobile, input.mobile), eq(accounts.username, input.mobile)))
    .limit(1);
  if (taken) throw new AppError('joins/mobile_registered');
  const home = await applicantHome(db, input.unionId);
  const passwordHash = await hashPassword(input.password);
  const taken409 = {
    accounts_username_uq: 'joins/mobile_registered',
    accounts_mobile_uq: 'joins/mobile_registered',
  } as const;
  return withUniqueErrors(taken409, () =>
    db.transaction(async (tx) => {
      const [account] = await tx
        .insert(accounts)
        .values({
          username: input.mobile,
          displayName: input.name,
          mobile: input.mobile,
          passwordHash,
          mustChangePassword: false,
          orgId: home.id,
          orgPath: home.path,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (!account) throw new Error('insert returned no row');
      const session = await createSession(tx, account.id, meta, now, config);
      await appendAudit(
        tx,
        { actor: { accountId: account.id, displayName: account.displayName }, grant: null, meta, at: now },
        { action: 'accounts.register', ...accountTarget(account), details: { mobile: maskMobile(input.mobile) } },
      );
      return session;
    }),
  );
}

/** The account behind the request, which must not be a member yet. */
async function applicantAccount(ctx: Ctx) {
  const [account] = await ctx.db.select().from(accounts).where(eq(accounts.id, ctx.actor.accountId));
  if (!account) throw new AppError('auth/unauthenticated');
  if (account.memberId) throw new AppError('joins/already_member');
  return account;
}

/**
 * A worker applies to join a grassroots union. The roster's own checks apply (ID number, gender, age
 * 16–100 today); a person who is a member anywhere is refused and pointed to a transfer instead.
 */
export async function submitJoin(ctx: Ctx, input: z.output<typeof joinRequestBody>) {
  const today = chinaDate(ctx.now);
  checkIdentity(input.idNumber, { gender: input.gender, joinedDate: today }, today);
  const account = await applicantAccount(ctx);
  const union = await getJoinableUnion(ctx.db, input.orgId);
  if (!input.employerName && !employerOptional(input.workerCategory, union.type)) {
    throw new AppError('joins/employer_required', [{ field: 'employerName', message: '请填写工作单位' }]);
  }
  const sealed = sealIdNumber(ctx, input.idNumber.value);
  const [member] = await ctx.db
    .select({ id: members.id })
    .from(members)
    .where(eq(members.idNumberIndex, sealed.idNumberIndex));
  // Platform-wide on purpose (one person, one membership); the answer says only that, not where.
  if (member) throw new AppError('joins/id_number_member', { transferPossible: true });
  const { idNumber, orgId: _o, ...profile } = input;
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(memberJoins)
        .values({
          ...profile,
          ...sealed,
          accountId: account.id,
          orgId: union.id,
          orgPath: union.path,
          birthDate: idNumber.birthDate,
          mobileEnc: account.mobile ? encryptField(ctx.pii, account.mobile) : null,
          mobileMasked: account.mobile ? maskMobile(account.mobile) : null,
          note: input.note ?? null,
          createdAt: ctx.now,
        })
        .returning();
      if (!row) throw new Error('insert returned no row');
      await audit(
        { ...ctx, db: tx },
        {
          action: 'members.join_request',
          targetType: 'member_join',
          targetId: row.id,
          targetName: row.name,
          orgPath: union.path,
          details: { orgName: union.name, idNumber: row.idNumberMasked },
        },
      );
      return toJoinView({ ...row, orgName: union.name }, today);
    });
  } catch (err) {
    const constraint = uniqueViolation(err);
    if (constraint === 'member_joins_pending_account_uq') throw new AppError('joins/pending_exists');
    if (constraint === 'member_joins_pending_id_number_uq') throw new AppError('joins/id_number_pending');
    throw err;
  }
}

type MemberInput = Omit<z.output<typeof createMemberBody>, 'orgId'>;

/** The roster input of an approved application: its stored values, numbers decrypted, joined today. */
function memberInputOf(ctx: Ctx, row: typeof memberJoins.$inferSelect, today: string): MemberInput {
  const id = parseIdNumber(decryptField(ctx.pii, row.idNumberEnc), today);
  if (!id.ok) throw new AppError('common/invalid_input', undefined, id.message);
  return {
    name: row.name,
    gender: row.gender,
    ethnicity: row.ethnicity,
    idNumber: id,
    mobile: row.mobileEnc ? decryptField(ctx.pii, row.mobileEnc) : null,
    education: row.education,
    politicalStatus: row.politicalStatus,
    employerName: row.employerName,
    employerCreditCode: row.employerCreditCode,
    position: row.position,
    workerCategory: row.workerCategory,
    joinedDate: today,
    // Stored values were validated by joinRequestBody when submitted.
  } as MemberInput;
}

/**
 * Decides a pending application. Approving, in one transaction: the member record exactly as a
 * registration makes it, the applicant's account linked to it and given the member role at the union.
 * Two approvals at once: the conditional update lets one through; the other answers joins/decided.
 */
export async function decideJoin(
  ctx: Ctx,
  id: number,
  decision: { approve: true } | { approve: false; comment: string },
) {
  const current = await getJoinInScope(ctx.db, ctx.scope, id);
  if (current.status !== 'pending') throw new AppError('joins/decided');
  const today = chinaDate(ctx.now);
  try {
    return await ctx.db.transaction(async (tx) => {
      const [decided] = await tx
        .update(memberJoins)
        .set({
          status: decision.approve ? 'approved' : 'rejected',
          reviewedBy: ctx.actor.accountId,
          reviewerName: ctx.actor.displayName,
          reviewedAt: ctx.now,
          reviewComment: decision.approve ? null : decision.comment,
        })
        .where(and(eq(memberJoins.id, id), eq(memberJoins.status, 'pending')))
        .returning();
      if (!decided) throw new AppError('joins/decided');
      let outcome: Record<string, unknown> = decision.approve ? {} : { comment: decision.comment };
      if (decision.approve) {
        const union = await unionFor(ctx, tx, decided.orgId);
        const input = memberInputOf(ctx, decided, today);
        checkIdentity(input.idNumber, { gender: input.gender, joinedDate: today }, today);
        const member = await insertMember(ctx, tx, union, input, { joinId: id });
        const [linked] = await tx
          .update(accounts)
          .set({ memberId: member.id, orgId: union.id, orgPath: union.path, updatedAt: ctx.now })
          .where(and(eq(accounts.id, decided.accountId), isNull(accounts.memberId)))
          .returning({ id: accounts.id });
        if (!linked) throw new AppError('joins/applicant_is_member');
        await tx
          .insert(grants)
          .values({
            accountId: decided.accountId,
            role: 'member',
            orgId: union.id,
            orgPath: union.path,
            createdAt: ctx.now,
            createdBy: ctx.actor.accountId,
          })
          .onConflictDoNothing();
        await tx.update(memberJoins).set({ memberId: member.id }).where(eq(memberJoins.id, id));
        decided.memberId = member.id;
        outcome = { memberId: member.id, cardNo: member.cardNo };
      }
      await audit(
        { ...ctx, db: tx },
        {
          action: decision.approve ? 'members.join_approve' : 'members.join_reject',
          targetType: 'member_join',
          targetId: id,
          targetName: decided.name,
          orgPath: decided.orgPath,
          details: { joinId: id, ...outcome },
        },
      );
      return toJoinView({ ...decided, orgName: current.orgName }, today);
    });
  } catch (err) {
    // Someone registered the same person while the application waited: the unique index decides.
    if (uniqueViolation(err) === 'members_id_number_uq') throw await duplicateIdError(ctx, current.idNumberIndex);
    throw err;
  }
}

/** An applicant's full ID or mobile number, for a holder of members.reveal; audited like the roster's. */
export async function revealJoinField(ctx: Ctx, id: number, field: 'idNumber' | 'mobile') {
  const row = await getJoinInScope(ctx.db, ctx.scope, id);
  const token = field === 'idNumber' ? row.idNumberEnc : row.mobileEnc;
  const value = token ? decryptField(ctx.pii, token) : null;
  await audit(ctx, {
    action: 'members.join_reveal',
    targetType: 'member_join',
    targetId: id,
    targetName: row.name,
    orgPath: row.orgPath,
    details: { field },
  });
  return { field, value };
}

/** One application in the scope, audited as a view of personal data. */
export async function viewJoin(ctx: Ctx, id: number) {
  const row = await getJoinInScope(ctx.db, ctx.scope, id);
  await audit(ctx, {
    action: 'members.join_view',
    targetType: 'member_join',
    targetId: id,
    targetName: row.name,
    orgPath: row.orgPath,
  });
  return toJoinView(row, chinaDate(ctx.now));
}
