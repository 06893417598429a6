/** Assistance funds: list, create, edit (the budget never below what is approved or paid). */
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { yuanText } from '../../../shared/money';
import type { createFundBody, FundView, fundListQuery, updateFundBody } from '../../../shared/schemas/assistance';
import type { Ctx, Scope } from '../../context';
import type { DbOrTx } from '../../db/client';
import { withUniqueErrors } from '../../lib/pg-errors';
import { AppError } from '../../plugins/errors';
import { inScope, pathIds } from '../../plugins/scope';
import { audit } from '../audit/audit.service';
import { getOrgInScope } from '../orgs/orgs.queries';
import { orgs } from '../orgs/orgs.tables';
import { countyLevelTypes } from './assistance.common';
import { assistanceFunds } from './assistance.tables';

export type FundRow = typeof assistanceFunds.$inferSelect;

/** A fund row as the API shows it. */
export function toFundView(f: FundRow & { orgName: string }): FundView {
  return {
    id: f.id,
    orgId: f.orgId,
    orgName: f.orgName,
    name: f.name,
    year: f.year,
    source: f.source,
    budgetFen: Number(f.budgetFen),
    committedFen: Number(f.committedFen),
    paidFen: Number(f.paidFen),
    balanceFen: Number(f.budgetFen) - Number(f.committedFen) - Number(f.paidFen),
    status: f.status,
    createdAt: f.createdAt.toISOString(),
    updatedAt: f.updatedAt.toISOString(),
  };
}

/** Funds matching `where`, with their org's name. */
export async function selectFunds(db: DbOrTx, where: SQL | undefined) {
  const rows = await db
    .select({ fund: assistanceFunds, orgName: orgs.name })
    .from(assistanceFunds)
    .innerJoin(orgs, eq(orgs.id, assistanceFunds.orgId))
    .where(where)
    .orderBy(desc(assistanceFunds.year), asc(assistanceFunds.orgPath), asc(assistanceFunds.id));
  return rows.map((r) => toFundView({ ...r.fund, orgName: r.orgName }));
}

/** One fund in the scope (its owning org lies in it), or 404. */
export async function getFundInScope(db: DbOrTx, scope: Scope, id: number, lock = false) {
  const q = db
    .select({ fund: assistanceFunds, orgName: orgs.name })
    .from(assistanceFunds)
    .innerJoin(orgs, eq(orgs.id, assistanceFunds.orgId))
    .where(and(eq(assistanceFunds.id, id), inScope(assistanceFunds.orgPath, scope)));
  const [row] = await (lock ? q.for('update', { of: assistanceFunds }) : q);
  if (!row) throw new AppError('assistance/fund_not_found');
  return { ...row.fund, orgName: row.orgName };
}

/**
 * Funds of the caller's scope; with `orgId`, the funds that serve that org: owned by it or by an org
 * above it (a fund serves the cases of its owner's subtree).
 */
export async function listFunds(ctx: Ctx, q: z.output<typeof fundListQuery>) {
  const parts: SQL[] = [inScope(assistanceFunds.orgPath, ctx.scope)];
  if (q.orgId) {
    const org = await getOrgInScope(ctx.db, ctx.scope, q.orgId);
    parts.push(
      sql`(${inArray(assistanceFunds.orgId, pathIds(org.path))} or ${assistanceFunds.orgPath} like ${`${org.path}%`})`,
    );
  }
  if (q.year) parts.push(eq(assistanceFunds.year, q.year));
  if (q.status) parts.push(eq(assistanceFunds.status, q.status));
  return { items: await selectFunds(ctx.db, and(...parts)) };
}

/** Creates a fund of a federation (市、县区总工会或产业工会) in the caller's assistance.approve scope. */
export async function createFund(ctx: Ctx, input: z.output<typeof createFundBody>) {
  const org = await getOrgInScope(ctx.db, ctx.scope, input.orgId);
  if (!countyLevelTypes.includes(org.type)) throw new AppError('assistance/fund_org_invalid');
  if (org.status !== 'active') throw new AppError('orgs/not_active');
  return ctx.db.transaction(async (tx) => {
    const [row] = await withUniqueErrors({ assistance_funds_name_uq: 'assistance/fund_duplicate' }, () =>
      tx
        .insert(assistanceFunds)
        .values({
          orgId: org.id,
          orgPath: org.path,
          name: input.name,
          year: input.year,
          source: input.source,
          budgetFen: input.budgetFen,
          createdBy: ctx.actor.accountId,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning(),
    );
    if (!row) throw new Error('insert returned no row');
    await audit(
      { ...ctx, db: tx },
      {
        action: 'assistance.fund_create',
        targetType: 'assistance_fund',
        targetId: row.id,
        targetName: row.name,
        orgPath: row.orgPath,
        details: { orgName: org.name, year: row.year, source: row.source, budgetFen: row.budgetFen },
      },
    );
    return toFundView({ ...row, orgName: org.name });
  });
}

/** Edits a fund; the budget may not go below what is approved and paid (checked in the update itself). */
export async function updateFund(ctx: Ctx, id: number, input: z.output<typeof updateFundBody>) {
  return ctx.db.transaction(async (tx) => {
    const before = await getFundInScope(tx, ctx.scope, id, true);
    const used = Number(before.committedFen) + Number(before.paidFen);
    if (input.budgetFen !== undefined && input.budgetFen < used) {
      throw new AppError(
        'assistance/budget_below_used',
        { usedFen: used },
        `预算不能低于已批准和已发放的金额 ${yuanText(used)}`,
      );
    }
    const set = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.source !== undefined ? { source: input.source } : {}),
      ...(input.budgetFen !== undefined ? { budgetFen: input.budgetFen } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      updatedAt: ctx.now,
    };
    const [row] = await withUniqueErrors({ assistance_funds_name_uq: 'assistance/fund_duplicate' }, () =>
      tx.update(assistanceFunds).set(set).where(eq(assistanceFunds.id, id)).returning(),
    );
    if (!row) throw new AppError('assistance/fund_not_found');
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    for (const key of ['name', 'source', 'budgetFen', 'status'] as const) {
      if (input[key] !== undefined && input[key] !== before[key])
        changes[key] = { before: before[key], after: row[key] };
    }
    await audit(
      { ...ctx, db: tx },
      {
        action: 'assistance.fund_update',
        targetType: 'assistance_fund',
        targetId: row.id,
        targetName: row.name,
        orgPath: row.orgPath,
        details: { changes },
      },
    );
    return toFundView({ ...row, orgName: before.orgName });
  });
}
