import { and, eq, like, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { allowedParentTypes, defaultDepartments, federationTypes, type OrgType } from '../../../shared/enums';
import type { createOrgBody, dissolveOrgBody, updateOrgBody } from '../../../shared/schemas/orgs';
import type { Ctx } from '../../context';
import { type DbOrTx, queryRows } from '../../db/client';
import { rewritePathPrefix } from '../../db/org-owned';
import { withUniqueErrors } from '../../lib/pg-errors';
import { pinyinInitials } from '../../lib/pinyin';
import { AppError } from '../../plugins/errors';
import { parentPathOf, pathInScope } from '../../plugins/scope';
import { audit, orgTarget } from '../audit/audit.service';
import { getOrgInScope, toOrgView } from './orgs.queries';
import { departments, orgs } from './orgs.tables';

// Structural changes (create, move) take one lock so two moves cannot interleave their path rewrites.
const treeLockKey = 727_002;

function assertParentType(type: OrgType, parentType: OrgType) {
  if (!allowedParentTypes[type].includes(parentType)) throw new AppError('orgs/invalid_parent_type');
}

/** Moving or dissolving an org is its parent's business: the top org of a caller's own scope is refused. */
function assertParentInScope(ctx: Ctx, org: { path: string; parentId: number | null }) {
  if (org.parentId === null) throw new AppError('orgs/move_root');
  const parent = parentPathOf(org.path);
  if (!parent || !pathInScope(parent, ctx.scope)) throw new AppError('orgs/own_scope_top');
}

function assertActive(org: { status: string }) {
  if (org.status !== 'active') throw new AppError('orgs/not_active');
}

/** Unique constraints of the org tables and what a user is told when one is hit. */
const uniqueErrors = {
  orgs_credit_code_uq: 'orgs/duplicate_credit_code',
  orgs_sibling_name_uq: 'orgs/duplicate_name',
  departments_org_name_uq: 'orgs/duplicate_department',
} as const;
const withOrgConstraints = <T>(work: () => Promise<T>) => withUniqueErrors(uniqueErrors, work);

/** Inserts an org under a parent row (no checks); used by the service and by the seed. */
export async function insertOrg(
  tx: DbOrTx,
  parent: { path: string; depth: number } | null,
  values: Omit<typeof orgs.$inferInsert, 'id' | 'path' | 'depth' | 'nameInitials'>,
) {
  const [next] = await queryRows<{ id: number }>(tx, sql`select nextval('orgs_id_seq')::int as id`);
  const id = Number(next?.id);
  const path = `${parent?.path ?? '/'}${id}/`;
  const [row] = await tx
    .insert(orgs)
    .values({
      ...values,
      id,
      path,
      depth: (parent?.depth ?? -1) + 1,
      nameInitials: pinyinInitials(values.name),
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  if (federationTypes.includes(values.type)) {
    await tx
      .insert(departments)
      .values(defaultDepartments.map((name, sort) => ({ orgId: id, orgPath: path, name, sort })));
  }
  return row;
}

/** Creates an org under a parent in the caller's scope. */
export async function createOrg(ctx: Ctx, input: z.output<typeof createOrgBody>) {
  const { parentId, ...values } = input;
  return withOrgConstraints(() =>
    ctx.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${treeLockKey})`);
      const parent = await getOrgInScope(tx, ctx.scope, parentId);
      assertActive(parent);
      assertParentType(values.type, parent.type);
      const row = await insertOrg(tx, parent, {
        ...values,
        parentId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      await audit(
        { ...ctx, db: tx },
        {
          action: 'orgs.create',
          ...orgTarget(row),
          details: { parentId },
        },
      );
      return toOrgView({ ...row, childCount: 0 });
    }),
  );
}

/** Edits an org's fields; the audit row records each changed field before and after. */
export async function updateOrg(ctx: Ctx, id: number, input: z.output<typeof updateOrgBody>) {
  return withOrgConstraints(() =>
    ctx.db.transaction(async (tx) => {
      const org = await getOrgInScope(tx, ctx.scope, id);
      assertActive(org);
      const termStart = input.termStart === undefined ? org.termStart : input.termStart;
      const termEnd = input.termEnd === undefined ? org.termEnd : input.termEnd;
      if (termStart && termEnd && termStart > termEnd) throw new AppError('orgs/invalid_term');
      const changes: Record<string, { before: unknown; after: unknown }> = {};
      for (const [key, after] of Object.entries(input)) {
        const before = org[key as keyof typeof org];
        if (after !== undefined && after !== before) changes[key] = { before, after };
      }
      if (Object.keys(changes).length === 0) return toOrgView(org);
      const patch = Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.after]));
      const [row] = await tx
        .update(orgs)
        .set({
          ...patch,
          ...(input.name ? { nameInitials: pinyinInitials(input.name) } : {}),
          updatedAt: ctx.now,
        })
        .where(eq(orgs.id, id))
        .returning();
      if (!row) throw new AppError('orgs/not_found');
      await audit(
        { ...ctx, db: tx },
        {
          action: 'orgs.update',
          ...orgTarget(row),
          details: { changes },
        },
      );
      return toOrgView({ ...row, childCount: org.childCount });
    }),
  );
}

/** Re-parents an org: its whole subtree's paths change in every org-owned table, in one transaction. */
export async function moveOrg(ctx: Ctx, id: number, newParentId: number) {
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${treeLockKey})`);
    const org = await getOrgInScope(tx, ctx.scope, id);
    const parent = await getOrgInScope(tx, ctx.scope, newParentId);
    assertParentInScope(ctx, org);
    if (parent.path.startsWith(org.path)) throw new AppError('orgs/move_into_own_subtree');
    assertActive(org);
    assertActive(parent);
    assertParentType(org.type, parent.type);
    if (org.parentId === parent.id) return toOrgView(org);
    const newPath = `${parent.path}${org.id}/`;
    const depthDelta = parent.depth + 1 - org.depth;
    await tx
      .update(orgs)
      .set({ depth: sql`${orgs.depth} + ${depthDelta}` })
      .where(like(orgs.path, `${org.path}%`));
    const changed = await rewritePathPrefix(tx, org.path, newPath);
    const [row] = await tx
      .update(orgs)
      .set({ parentId: parent.id, updatedAt: ctx.now })
      .where(eq(orgs.id, id))
      .returning();
    if (!row) throw new AppError('orgs/not_found');
    await audit(
      { ...ctx, db: tx },
      {
        action: 'orgs.move',
        ...orgTarget({ ...org, path: newPath }),
        details: {
          fromParentId: org.parentId,
          toParentId: parent.id,
          fromPath: org.path,
          toPath: newPath,
          changed,
        },
      },
    );
    return toOrgView({ ...row, childCount: org.childCount });
  });
}

/** Dissolves an org, or merges it into another; refused while it has active children. */
export async function dissolveOrg(ctx: Ctx, id: number, input: z.output<typeof dissolveOrgBody>) {
  return ctx.db.transaction(async (tx) => {
    const org = await getOrgInScope(tx, ctx.scope, id);
    assertActive(org);
    assertParentInScope(ctx, org);
    const [activeChild] = await tx
      .select({ id: orgs.id })
      .from(orgs)
      .where(and(eq(orgs.parentId, id), eq(orgs.status, 'active')))
      .limit(1);
    if (activeChild) throw new AppError('orgs/has_active_children');
    if (input.mergedIntoId) {
      const target = await getOrgInScope(tx, ctx.scope, input.mergedIntoId);
      if (target.id === id || target.status !== 'active') throw new AppError('orgs/invalid_merge_target');
    }
    const status = input.mergedIntoId ? 'merged' : 'dissolved';
    const [row] = await tx
      .update(orgs)
      .set({
        status,
        mergedIntoId: input.mergedIntoId ?? null,
        statusReason: input.reason,
        statusChangedAt: ctx.now,
        updatedAt: ctx.now,
      })
      .where(and(eq(orgs.id, id), ne(orgs.status, status)))
      .returning();
    if (!row) throw new AppError('common/conflict');
    await audit(
      { ...ctx, db: tx },
      {
        action: input.mergedIntoId ? 'orgs.merge' : 'orgs.dissolve',
        ...orgTarget(org),
        details: { reason: input.reason, mergedIntoId: input.mergedIntoId ?? null },
      },
    );
    return toOrgView({ ...row, childCount: org.childCount });
  });
}

/** Adds a department to a federation. */
export async function createDepartment(ctx: Ctx, orgId: number, name: string) {
  return withOrgConstraints(() =>
    ctx.db.transaction(async (tx) => {
      const org = await getOrgInScope(tx, ctx.scope, orgId);
      assertActive(org);
      if (!federationTypes.includes(org.type)) throw new AppError('orgs/department_not_allowed');
      const [max] = await queryRows<{ n: number }>(
        tx,
        sql`select coalesce(max(sort), -1)::int + 1 as n from departments where org_id = ${orgId}`,
      );
      const [row] = await tx
        .insert(departments)
        .values({ orgId, orgPath: org.path, name, sort: Number(max?.n ?? 0) })
        .returning({ id: departments.id, orgId: departments.orgId, name: departments.name });
      if (!row) throw new Error('insert returned no row');
      await audit(
        { ...ctx, db: tx },
        {
          action: 'orgs.department_create',
          targetType: 'department',
          targetId: row.id,
          targetName: name,
          orgPath: org.path,
        },
      );
      return row;
    }),
  );
}
