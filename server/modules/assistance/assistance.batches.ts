/**
 * Disbursement batches: approved cases of one fund gathered for the bank, exported (.xlsx), confirmed paid
 * by another person than the batch's creator and the cases' approvers, or cancelled (cases back to 待发放).
 */
import { and, count, desc, eq, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { yuanText } from '../../../shared/money';
import type { BatchItem, batchListQuery, createBatchBody } from '../../../shared/schemas/assistance';
import type { Ctx, Scope } from '../../context';
import type { DbOrTx } from '../../db/client';
import { decodeCursor, pageFrom } from '../../lib/cursor';
import { AppError } from '../../plugins/errors';
import { inScope, pathInScope, scopeFor } from '../../plugins/scope';
import { accounts } from '../accounts/accounts.tables';
import { audit } from '../audit/audit.service';
import { members } from '../members/members.tables';
import { notifications } from '../notifications/notifications.tables';
import { orgs } from '../orgs/orgs.tables';
import { actingOrg } from './assistance.common';
import { getFundInScope } from './assistance.funds';
import { assistanceBatches, assistanceCases, assistanceFunds, assistanceSteps } from './assistance.tables';

export type BatchRow = typeof assistanceBatches.$inferSelect;
type Batch = BatchRow & { fundName: string; orgName: string };

const batchColumns = { b: assistanceBatches, fundName: assistanceFunds.name, orgName: orgs.name };

function batchQuery(db: DbOrTx) {
  return db
    .select(batchColumns)
    .from(assistanceBatches)
    .innerJoin(assistanceFunds, eq(assistanceFunds.id, assistanceBatches.fundId))
    .innerJoin(orgs, eq(orgs.id, assistanceBatches.orgId));
}

/** One batch whose fund's org lies in the scope, or 404. */
export async function getBatchInScope(db: DbOrTx, scope: Scope, id: number): Promise<Batch> {
  const [row] = await batchQuery(db)
    .where(and(eq(assistanceBatches.id, id), inScope(assistanceBatches.orgPath, scope)))
    .limit(1);
  if (!row) throw new AppError('assistance/batch_not_found');
  return { ...row.b, fundName: row.fundName, orgName: row.orgName };
}

/** A batch as the API shows it, with what the caller may do with it. */
export function toBatchItem(ctx: Ctx, b: Batch, confirmedByName: string | null = b.confirmedByName): BatchItem {
  const disburse = pathInScope(b.orgPath, scopeFor(ctx.actor, 'assistance.disburse'));
  return {
    id: b.id,
    batchNo: b.batchNo,
    fundId: b.fundId,
    fundName: b.fundName,
    orgId: b.orgId,
    orgName: b.orgName,
    status: b.status,
    caseCount: b.caseCount,
    totalFen: Number(b.totalFen),
    createdByName: b.createdByName,
    createdAt: b.createdAt.toISOString(),
    exportedAt: b.exportedAt?.toISOString() ?? null,
    confirmedByName,
    confirmedAt: b.confirmedAt?.toISOString() ?? null,
    cancelledAt: b.cancelledAt?.toISOString() ?? null,
    cancelReason: b.cancelReason,
    comment: b.comment,
    can: {
      export: disburse && b.status !== 'cancelled',
      confirm: disburse && b.status === 'exported' && b.createdBy !== ctx.actor.accountId,
      cancel: disburse && (b.status === 'draft' || b.status === 'exported'),
    },
  };
}

/** Batches of the caller's welfare.read scope, newest first. */
export async function listBatches(ctx: Ctx, q: z.output<typeof batchListQuery>) {
  const parts: SQL[] = [inScope(assistanceBatches.orgPath, ctx.scope)];
  if (q.status) parts.push(eq(assistanceBatches.status, q.status));
  if (q.fundId) parts.push(eq(assistanceBatches.fundId, q.fundId));
  const where = and(...parts);
  const after = decodeCursor(q.cursor, ['number'] as const);
  const [rows, [total]] = await Promise.all([
    batchQuery(ctx.db)
      .where(and(where, after ? lt(assistanceBatches.id, after[0]) : undefined))
      .orderBy(desc(assistanceBatches.id))
      .limit(q.limit + 1),
    ctx.db.select({ n: count() }).from(assistanceBatches).where(where),
  ]);
  const page = pageFrom(
    rows.map((r) => ({ ...r.b, fundName: r.fundName, orgName: r.orgName })),
    q.limit,
    (r) => [r.id],
  );
  return {
    items: page.items.map((b) => toBatchItem(ctx, b)),
    nextCursor: page.nextCursor,
    total: Number(total?.n ?? 0),
  };
}

/** The cases of a batch with their member, union and masked account, in case-number order. */
export function batchCases(db: DbOrTx, batchId: number) {
  return db
    .select({
      c: assistanceCases,
      memberName: members.name,
      idNumberEnc: members.idNumberEnc,
      orgName: orgs.name,
    })
    .from(assistanceCases)
    .innerJoin(members, eq(members.id, assistanceCases.memberId))
    .innerJoin(orgs, eq(orgs.id, assistanceCases.orgId))
    .where(eq(assistanceCases.batchId, batchId))
    .orderBy(assistanceCases.caseNo);
}

/** A batch and its cases. */
export async function batchDetail(ctx: Ctx, id: number) {
  const b = await getBatchInScope(ctx.db, ctx.scope, id);
  const rows = await batchCases(ctx.db, id);
  return {
    ...toBatchItem(ctx, b),
    cases: rows.map(({ c, memberName, orgName }) => ({
      id: c.id,
      caseNo: c.caseNo,
      memberId: c.memberId,
      memberName,
      orgId: c.orgId,
      orgName,
      type: c.type,
      amountFen: Number(c.amountApprovedFen),
      bankName: c.bankName,
      accountMasked: c.bankAccountMasked,
      status: c.status,
    })),
  };
}

async function batchSteps(
  ctx: Ctx,
  tx: DbOrTx,
  b: { id: number; orgPath: string },
  cases: { id: number; amountApprovedFen: number | null }[],
  step: 'batch' | 'unbatch' | 'pay',
  comment: string | null,
) {
  const org = await actingOrg(tx, scopeFor(ctx.actor, 'assistance.disburse'), b.orgPath);
  const decision = step === 'batch' ? 'batch' : step === 'pay' ? 'paid' : 'cancel';
  for (let i = 0; i < cases.length; i += 500) {
    await tx.insert(assistanceSteps).values(
      cases.slice(i, i + 500).map((c) => ({
        caseId: c.id,
        step,
        decision,
        actorId: ctx.actor.accountId,
        actorName: ctx.actor.displayName,
        orgId: org.orgId,
        orgName: org.orgName,
        comment,
        amountFen: c.amountApprovedFen,
        batchId: b.id,
        at: ctx.now,
      })) as (typeof assistanceSteps.$inferInsert)[],
    );
  }
}

function batchAudit(
  ctx: Ctx,
  tx: DbOrTx,
  action:
    | 'assistance.batch_create'
    | 'assistance.batch_export'
    | 'assistance.batch_confirm'
    | 'assistance.batch_cancel',
  b: { id: number; batchNo: string; orgPath: string; caseCount: number; totalFen: number },
  details: Record<string, unknown> = {},
) {
  return audit(
    { ...ctx, db: tx },
    {
      action,
      targetType: 'assistance_batch',
      targetId: b.id,
      targetName: b.batchNo,
      orgPath: b.orgPath,
      details: { batchNo: b.batchNo, caseCount: b.caseCount, totalFen: Number(b.totalFen), ...details },
    },
  );
}

/** Gathers approved cases of one fund into a new batch (all of them or none). */
export async function createBatch(ctx: Ctx, input: z.output<typeof createBatchBody>) {
  const ids = [...new Set(input.caseIds)];
  return ctx.db.transaction(async (tx) => {
    const fund = await getFundInScope(tx, ctx.scope, input.fundId);
    const cases = await tx
      .select({ id: assistanceCases.id, amountApprovedFen: assistanceCases.amountApprovedFen })
      .from(assistanceCases)
      .where(
        and(
          inArray(assistanceCases.id, ids),
          eq(assistanceCases.fundId, fund.id),
          eq(assistanceCases.status, 'approved'),
        ),
      )
      .for('update');
    if (cases.length !== ids.length) {
      const found = new Set(cases.map((c) => c.id));
      throw new AppError('assistance/batch_cases_invalid', { caseIds: ids.filter((id) => !found.has(id)) });
    }
    const total = cases.reduce((s, c) => s + Number(c.amountApprovedFen), 0);
    const year = Number(fund.year);
    const [b] = await tx
      .insert(assistanceBatches)
      .values({
        batchNo: sql`'FF' || ${year}::text || '-' || lpad(nextval('assistance_batch_no_seq')::text, 4, '0')`,
        fundId: fund.id,
        orgId: fund.orgId,
        orgPath: fund.orgPath,
        status: 'draft',
        caseCount: cases.length,
        totalFen: total,
        createdBy: ctx.actor.accountId,
        createdByName: ctx.actor.displayName,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    if (!b) throw new Error('insert returned no row');
    await tx
      .update(assistanceCases)
      .set({ status: 'in_batch', batchId: b.id, updatedAt: ctx.now })
      .where(inArray(assistanceCases.id, ids));
    await batchSteps(ctx, tx, b, cases, 'batch', b.batchNo);
    await batchAudit(ctx, tx, 'assistance.batch_create', b, { fundId: fund.id, fundName: fund.name, caseIds: ids });
    return toBatchItem(ctx, { ...b, fundName: fund.name, orgName: fund.orgName });
  });
}

/** Marks a batch exported (the bank file was produced) and audits the export with its count and total. */
export async function markExported(ctx: Ctx, tx: DbOrTx, b: Batch) {
  if (b.status === 'cancelled') throw new AppError('assistance/batch_status', {}, '该批次已作废，不能导出');
  if (b.status === 'draft') {
    await tx
      .update(assistanceBatches)
      .set({ status: 'exported', exportedAt: ctx.now, exportedBy: ctx.actor.accountId, updatedAt: ctx.now })
      .where(and(eq(assistanceBatches.id, b.id), eq(assistanceBatches.status, 'draft')));
  }
  await batchAudit(ctx, tx, 'assistance.batch_export', b, { status: b.status });
}

/** Confirms the bank paid a batch: cases → paid, the fund's committed money becomes paid; workers told. */
export async function confirmBatch(ctx: Ctx, id: number, comment: string | undefined) {
  return ctx.db.transaction(async (tx) => {
    const b = await getBatchInScope(tx, ctx.scope, id);
    if (b.status === 'draft') throw new AppError('assistance/batch_status', {}, '请先导出发放清单，银行发放后再确认');
    if (b.status !== 'exported') throw new AppError('assistance/batch_status', {}, '该批次已确认发放或已作废');
    if (b.createdBy === ctx.actor.accountId)
      throw new AppError('assistance/same_person', {}, '发放批次须由创建人以外的工作人员确认发放');
    const [approver] = await tx
      .select({ n: count() })
      .from(assistanceCases)
      .where(and(eq(assistanceCases.batchId, id), eq(assistanceCases.approvedBy, ctx.actor.accountId)));
    if (Number(approver?.n ?? 0) > 0)
      throw new AppError('assistance/same_person', {}, '您审批过该批次中的帮扶申请，须由其他工作人员确认发放');
    const [done] = await tx
      .update(assistanceBatches)
      .set({
        status: 'paid',
        confirmedBy: ctx.actor.accountId,
        confirmedByName: ctx.actor.displayName,
        confirmedAt: ctx.now,
        comment: comment || null,
        updatedAt: ctx.now,
      })
      .where(and(eq(assistanceBatches.id, id), eq(assistanceBatches.status, 'exported')))
      .returning();
    if (!done) throw new AppError('assistance/batch_status', {}, '该批次已确认发放或已作废');
    const paid = await tx
      .update(assistanceCases)
      .set({ status: 'paid', paidAt: ctx.now, updatedAt: ctx.now })
      .where(and(eq(assistanceCases.batchId, id), eq(assistanceCases.status, 'in_batch')))
      .returning({
        id: assistanceCases.id,
        caseNo: assistanceCases.caseNo,
        memberId: assistanceCases.memberId,
        type: assistanceCases.type,
        amountApprovedFen: assistanceCases.amountApprovedFen,
      });
    const total = paid.reduce((s, c) => s + Number(c.amountApprovedFen), 0);
    if (paid.length !== b.caseCount || total !== Number(b.totalFen)) throw new AppError('common/conflict');
    await tx
      .update(assistanceFunds)
      .set({
        committedFen: sql`${assistanceFunds.committedFen} - ${total}`,
        paidFen: sql`${assistanceFunds.paidFen} + ${total}`,
        updatedAt: ctx.now,
      })
      .where(eq(assistanceFunds.id, b.fundId));
    await batchSteps(ctx, tx, b, paid, 'pay', comment || null);
    await batchAudit(ctx, tx, 'assistance.batch_confirm', b, { comment: comment || null });
    await notifyPaid(ctx, tx, paid);
    return toBatchItem(ctx, { ...b, ...done });
  });
}

/** Tells every paid worker who has an account, in batched inserts. */
async function notifyPaid(
  ctx: Ctx,
  tx: DbOrTx,
  paid: { id: number; caseNo: string; memberId: number; amountApprovedFen: number | null }[],
) {
  if (paid.length === 0) return;
  const linked = await tx
    .select({ id: accounts.id, memberId: accounts.memberId })
    .from(accounts)
    .where(
      inArray(
        accounts.memberId,
        paid.map((c) => c.memberId),
      ),
    );
  const byMember = new Map(linked.map((a) => [a.memberId, a.id]));
  const rows = paid.flatMap((c) => {
    const accountId = byMember.get(c.memberId);
    if (!accountId) return [];
    return [
      {
        accountId,
        kind: 'assistance.paid',
        title: '帮扶资金已发放',
        body: `您的帮扶资金（${c.caseNo}）${yuanText(Number(c.amountApprovedFen))}已发放到您的银行账户，请注意查收。`,
        link: `/m/assistance/${c.id}`,
        dedupeKey: `assistance.paid:${c.id}`,
        createdAt: ctx.now,
      },
    ];
  });
  for (let i = 0; i < rows.length; i += 1000) {
    await tx
      .insert(notifications)
      .values(rows.slice(i, i + 1000))
      .onConflictDoNothing();
  }
}

/** Cancels a batch not yet paid: its cases go back to 待发放 for another batch. */
export async function cancelBatch(ctx: Ctx, id: number, reason: string) {
  return ctx.db.transaction(async (tx) => {
    const b = await getBatchInScope(tx, ctx.scope, id);
    const [done] = await tx
      .update(assistanceBatches)
      .set({
        status: 'cancelled',
        cancelledBy: ctx.actor.accountId,
        cancelledAt: ctx.now,
        cancelReason: reason,
        updatedAt: ctx.now,
      })
      .where(and(eq(assistanceBatches.id, id), inArray(assistanceBatches.status, ['draft', 'exported'])))
      .returning();
    if (!done) throw new AppError('assistance/batch_status', {}, '已确认发放或已作废的批次不能作废');
    const back = await tx
      .update(assistanceCases)
      .set({ status: 'approved', batchId: null, updatedAt: ctx.now })
      .where(and(eq(assistanceCases.batchId, id), eq(assistanceCases.status, 'in_batch')))
      .returning({ id: assistanceCases.id, amountApprovedFen: assistanceCases.amountApprovedFen });
    await batchSteps(ctx, tx, b, back, 'unbatch', reason);
    await batchAudit(ctx, tx, 'assistance.batch_cancel', b, { reason });
    return toBatchItem(ctx, { ...b, ...done });
  });
}
