import { and, desc, eq, lt } from 'drizzle-orm';
import type { z } from 'zod';
import type { correctionListQuery, correctionRequestBody, updateMemberBody } from '../../../shared/schemas/members';
import { maskMobile } from '../../../shared/validators/mobile';
import type { Ctx } from '../../context';
import { decodeCursor, pageFrom } from '../../lib/cursor';
import { uniqueViolation } from '../../lib/pg-errors';
import { decryptField, encryptField } from '../../lib/pii';
import { AppError } from '../../plugins/errors';
import { inScope } from '../../plugins/scope';
import { audit } from '../audit/audit.service';
import { orgs } from '../orgs/orgs.tables';
import { getOwnMember } from './members.queries';
import { updateMember } from './members.service';
import { memberCorrections, members } from './members.tables';

type CorrectionRow = typeof memberCorrections.$inferSelect;
type MemberRow = typeof members.$inferSelect;

const correctionWithMember = { correction: memberCorrections, member: members, union: orgs.name };

/** A request as reviewers and the member see it: each field's value when asked beside the asked one. */
function toCorrectionView(row: { correction: CorrectionRow; member: MemberRow; union: string }) {
  const { correction: c, member: m } = row;
  return {
    id: c.id,
    member: { id: m.id, name: m.name },
    union: row.union,
    changes: c.changes,
    note: c.note,
    status: c.status,
    createdAt: c.createdAt.toISOString(),
    reviewerName: c.reviewerName,
    reviewedAt: c.reviewedAt?.toISOString() ?? null,
    reviewComment: c.reviewComment,
  };
}

function selectCorrections(ctx: Ctx) {
  return ctx.db
    .select(correctionWithMember)
    .from(memberCorrections)
    .innerJoin(members, eq(members.id, memberCorrections.memberId))
    .innerJoin(orgs, eq(orgs.id, members.orgId));
}

/** A member asks their union to correct their record; one open request at a time. */
export async function requestCorrection(ctx: Ctx, input: z.output<typeof correctionRequestBody>) {
  const member = await getOwnMember(ctx.db, ctx.actor.accountId);
  const { mobile, ...plain } = input.changes;
  const changes: CorrectionRow['changes'] = {};
  for (const [field, after] of Object.entries(plain)) {
    if (after !== undefined)
      changes[field] = { before: (member[field as keyof MemberRow] as string | null) ?? null, after };
  }
  if (mobile) changes.mobile = { before: member.mobileMasked, after: maskMobile(mobile) };
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(memberCorrections)
        .values({
          memberId: member.id,
          orgPath: member.orgPath,
          requestedBy: ctx.actor.accountId,
          changes,
          mobileEnc: mobile ? encryptField(ctx.pii, mobile) : null,
          note: input.note ?? null,
          createdAt: ctx.now,
        })
        .returning();
      if (!row) throw new Error('insert returned no row');
      const view = toCorrectionView({ correction: row, member, union: member.orgName });
      await audit(
        { ...ctx, db: tx },
        {
          action: 'members.correction_request',
          targetType: 'member',
          targetId: member.id,
          targetName: member.name,
          orgPath: member.orgPath,
          details: { correctionId: row.id, changes: view.changes },
        },
      );
      return view;
    });
  } catch (err) {
    if (uniqueViolation(err) === 'member_corrections_pending_uq') throw new AppError('members/correction_pending');
    throw err;
  }
}

/** The member's own requests, newest first. */
export async function listOwnCorrections(ctx: Ctx) {
  const member = await getOwnMember(ctx.db, ctx.actor.accountId);
  const rows = await selectCorrections(ctx)
    .where(eq(memberCorrections.memberId, member.id))
    .orderBy(desc(memberCorrections.id));
  return { items: rows.map(toCorrectionView) };
}

/** Requests of members in the reviewer's subtree, newest first. */
export async function listCorrections(ctx: Ctx, query: z.output<typeof correctionListQuery>) {
  const key = decodeCursor(query.cursor, ['number'] as const);
  const rows = await selectCorrections(ctx)
    .where(
      and(
        inScope(memberCorrections.orgPath, ctx.scope),
        query.status ? eq(memberCorrections.status, query.status) : undefined,
        key ? lt(memberCorrections.id, key[0]) : undefined,
      ),
    )
    .orderBy(desc(memberCorrections.id))
    .limit(query.limit + 1);
  const page = pageFrom(rows, query.limit, (r) => [r.correction.id]);
  return { items: page.items.map(toCorrectionView), nextCursor: page.nextCursor };
}

async function pendingInScope(ctx: Ctx, id: number) {
  const [row] = await selectCorrections(ctx)
    .where(and(eq(memberCorrections.id, id), inScope(memberCorrections.orgPath, ctx.scope)))
    .limit(1);
  if (!row) throw new AppError('members/correction_not_found');
  if (row.correction.status !== 'pending') throw new AppError('members/correction_decided');
  return row;
}

/** Decides a pending request; approving applies it through the ordinary edit (history, audit, checks). */
export async function decideCorrection(
  ctx: Ctx,
  id: number,
  decision: { approve: true } | { approve: false; comment: string },
) {
  const row = await pendingInScope(ctx, id);
  return ctx.db.transaction(async (tx) => {
    const [decided] = await tx
      .update(memberCorrections)
      .set({
        status: decision.approve ? 'approved' : 'rejected',
        reviewedBy: ctx.actor.accountId,
        reviewerName: ctx.actor.displayName,
        reviewedAt: ctx.now,
        reviewComment: decision.approve ? null : decision.comment,
      })
      .where(and(eq(memberCorrections.id, id), eq(memberCorrections.status, 'pending')))
      .returning();
    if (!decided) throw new AppError('members/correction_decided');
    if (decision.approve) {
      const { mobileEnc, changes } = row.correction;
      const asked = Object.entries(changes).filter(([field]) => field !== 'mobile');
      // Values were validated by correctionRequestBody when asked; the edit checks them once more.
      const input = {
        ...Object.fromEntries(asked.map(([field, change]) => [field, change.after])),
        ...(mobileEnc ? { mobile: decryptField(ctx.pii, mobileEnc) } : {}),
      };
      await updateMember({ ...ctx, db: tx }, row.member.id, input as z.output<typeof updateMemberBody>);
    }
    await audit(
      { ...ctx, db: tx },
      {
        action: decision.approve ? 'members.correction_approve' : 'members.correction_reject',
        targetType: 'member',
        targetId: row.member.id,
        targetName: row.member.name,
        orgPath: row.member.orgPath,
        details: { correctionId: id, ...(decision.approve ? {} : { comment: decision.comment }) },
      },
    );
    return toCorrectionView({ correction: decided, member: row.member, union: row.union });
  });
}
