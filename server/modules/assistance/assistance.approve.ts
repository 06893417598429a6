/**
 * County approval of assistance cases, one at a time or in bulk (all or nothing). The two money rules are
 * enforced by the database so they hold under concurrency: the partial unique index on (member, type, year)
 * of granted cases (nothing paid twice) and a conditional update of the fund (the balance never below 0).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { yuanText } from '../../../shared/money';
import type { approveCaseBody, bulkApproveBody } from '../../../shared/schemas/assistance';
import type { Ctx, Scope } from '../../context';
import type { DbOrTx } from '../../db/client';
import { uniqueViolation } from '../../lib/pg-errors';
import { AppError } from '../../plugins/errors';
import { pathInScope } from '../../plugins/scope';
import { actingOrg, countyApproveScope, differentPerson, notifyWorker, recordStep } from './assistance.common';
import { type FundRow, getFundInScope } from './assistance.funds';
import { type CaseRow, getCaseInScope } from './assistance.queries';
import { assistanceCases, assistanceFunds } from './assistance.tables';

/** The rules a case must meet before a county-level approver may decide it. */
function checkApprover(ctx: Ctx, county: Scope, c: CaseRow) {
  if (!pathInScope(c.orgPath, county)) throw new AppError('assistance/not_county_level');
  if (c.status !== 'reviewed') throw new AppError('assistance/already_decided');
  differentPerson(ctx, c.createdBy, c.reviewedBy);
}

/** The fund may pay this case: open, of the case's year, owning a subtree the case lies in. */
function checkFund(fund: FundRow, c: CaseRow) {
  if (fund.status !== 'open') throw new AppError('assistance/fund_closed');
  if (fund.year !== c.period) throw new AppError('assistance/fund_year_mismatch');
  if (!c.orgPath.startsWith(fund.orgPath)) throw new AppError('assistance/fund_out_of_reach');
}

/** Approves one case inside `tx`: the case's conditional update, then the fund's; errors roll both back. */
async function grant(ctx: Ctx, tx: DbOrTx, c: CaseRow, fund: FundRow, amount: number, comment: string) {
  if (amount > Number(c.amountRequestedFen)) throw new AppError('assistance/amount_above_requested');
  let updated: { id: number }[];
  try {
    updated = await tx
      .update(assistanceCases)
      .set({
        status: 'approved',
        fundId: fund.id,
        amountApprovedFen: amount,
        approvedBy: ctx.actor.accountId,
        approvedAt: ctx.now,
        updatedAt: ctx.now,
      })
      .where(and(eq(assistanceCases.id, c.id), eq(assistanceCases.status, 'reviewed')))
      .returning({ id: assistanceCases.id });
  } catch (err) {
    if (uniqueViolation(err) === 'assistance_cases_granted_uq') throw new AppError('assistance/duplicate_payment');
    throw err;
  }
  if (updated.length === 0) throw new AppError('assistance/already_decided');
  const [committed] = await tx
    .update(assistanceFunds)
    .set({ committedFen: sql`${assistanceFunds.committedFen} + ${amount}`, updatedAt: ctx.now })
    .where(
      and(
        eq(assistanceFunds.id, fund.id),
        eq(assistanceFunds.status, 'open'),
        sql`${assistanceFunds.committedFen} + ${assistanceFunds.paidFen} + ${amount} <= ${assistanceFunds.budgetFen}`,
      ),
    )
    .returning({ id: assistanceFunds.id });
  if (!committed) {
    const [now] = await tx.select().from(assistanceFunds).where(eq(assistanceFunds.id, fund.id));
    if (now?.status !== 'open') throw new AppError('assistance/fund_closed');
    const balance = Number(now.budgetFen) - Number(now.committedFen) - Number(now.paidFen);
    throw new AppError(
      'assistance/insufficient_fund',
      { balanceFen: balance, amountFen: amount },
      `帮扶资金“${now.name}”余额不足：可用余额 ${yuanText(balance)}，本次需 ${yuanText(amount)}`,
    );
  }
  await recordStep(ctx, tx, {
    caseId: c.id,
    caseNo: c.caseNo,
    orgPath: c.orgPath,
    memberName: c.memberName,
    step: 'approve',
    decision: 'approve',
    comment,
    amountFen: amount,
    org: await actingOrg(tx, ctx.scope, c.orgPath),
    details: { fundId: fund.id, fundName: fund.name, amountApprovedFen: amount },
  });
  await notifyWorker(
    ctx,
    tx,
    c,
    'approved',
    `您的帮扶申请（${c.caseNo}）已批准，核准金额 ${yuanText(amount)}，将尽快发放。`,
  );
}

/** Approves (from a fund, optionally a changed amount) or rejects one reviewed case. */
export async function approveCase(ctx: Ctx, id: number, input: z.output<typeof approveCaseBody>) {
  const county = await countyApproveScope(ctx.db, ctx.scope);
  return ctx.db.transaction(async (tx) => {
    const c = await getCaseInScope(tx, ctx.scope, id);
    checkApprover(ctx, county, c);
    if (input.decision === 'reject') {
      if (!input.comment) throw new AppError('assistance/reason_required');
      const [row] = await tx
        .update(assistanceCases)
        .set({
          status: 'rejected',
          approvedBy: ctx.actor.accountId,
          rejectedStep: 'approve',
          rejectReason: input.comment,
          updatedAt: ctx.now,
        })
        .where(and(eq(assistanceCases.id, id), eq(assistanceCases.status, 'reviewed')))
        .returning({ id: assistanceCases.id });
      if (!row) throw new AppError('assistance/already_decided');
      await recordStep(ctx, tx, {
        caseId: c.id,
        caseNo: c.caseNo,
        orgPath: c.orgPath,
        memberName: c.memberName,
        step: 'approve',
        decision: 'reject',
        comment: input.comment,
        org: await actingOrg(tx, ctx.scope, c.orgPath),
      });
      await notifyWorker(ctx, tx, c, 'rejected', `未通过县级工会审批，理由：${input.comment}`);
      return c.id;
    }
    if (!input.fundId) throw new AppError('assistance/fund_required');
    const fund = await getFundInScope(tx, ctx.scope, input.fundId);
    checkFund(fund, c);
    await grant(ctx, tx, c, fund, input.amountApprovedFen ?? Number(c.amountRequestedFen), input.comment);
    return c.id;
  });
}

/**
 * Approves many reviewed cases from one fund at their requested amounts, all or nothing: each case in
 * its own savepoint so every failure is found and reported, then everything rolls back if any failed.
 */
export async function bulkApprove(ctx: Ctx, input: z.output<typeof bulkApproveBody>) {
  const county = await countyApproveScope(ctx.db, ctx.scope);
  const ids = [...new Set(input.ids)].sort((a, b) => a - b);
  return ctx.db.transaction(async (tx) => {
    const fund = await getFundInScope(tx, ctx.scope, input.fundId);
    const failures: { id: number; caseNo: string | null; error: string; message: string }[] = [];
    let total = 0;
    for (const id of ids) {
      let caseNo: string | null = null;
      try {
        await tx.transaction(async (sp) => {
          const c = await getCaseInScope(sp, ctx.scope, id);
          caseNo = c.caseNo;
          checkApprover(ctx, county, c);
          checkFund(fund, c);
          await grant(ctx, sp, c, fund, Number(c.amountRequestedFen), input.comment);
          total += Number(c.amountRequestedFen);
        });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        failures.push({ id, caseNo, error: err.id, message: err.message });
      }
    }
    if (failures.length) {
      throw new AppError(
        'assistance/bulk_refused',
        failures,
        `${failures.length} 条申请不能批准，本次未批准任何申请：${failures[0]?.caseNo ?? failures[0]?.id} ${failures[0]?.message}`,
      );
    }
    return { approved: ids.length, totalFen: total };
  });
}
