import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { restrictedRoles, roles } from '../../../shared/permissions';
import type { createAccountBody, grantInput, updateAccountBody } from '../../../shared/schemas/accounts';
import { maskMobile } from '../../../shared/validators/mobile';
import type { Ctx } from '../../context';
import type { DbOrTx } from '../../db/client';
import { withUniqueErrors } from '../../lib/pg-errors';
import { AppError } from '../../plugins/errors';
import { pathInScope, scopeFor } from '../../plugins/scope';
import { type AuditEntry, accountTarget, audit } from '../audit/audit.service';
import { hashPassword } from '../auth/passwords';
import { endAccountSessions } from '../auth/sessions';
import { getOrgInScope } from '../orgs/orgs.queries';
import { departments } from '../orgs/orgs.tables';
import { accountViews, getAccountInScope } from './accounts.queries';
import { accounts, grants } from './accounts.tables';

type GrantInput = z.output<typeof grantInput>;

/** Unique constraints of the account tables and what a user is told when one is hit. */
const uniqueErrors = {
  accounts_username_uq: 'accounts/duplicate_username',
  accounts_mobile_uq: 'accounts/duplicate_mobile',
  grants_account_role_org_uq: 'accounts/duplicate_grant',
} as const;
const withAccountConstraints = <T>(work: () => Promise<T>) => withUniqueErrors(uniqueErrors, work);

/**
 * Inserts a grant after checking that the caller may give it: the org is in the caller's scope, and
 * the caller holds every permission of the role there (platform admin only by a platform admin).
 */
async function insertGrant(ctx: Ctx, tx: DbOrTx, accountId: number, input: GrantInput) {
  const org = await getOrgInScope(tx, ctx.scope, input.orgId);
  const role = roles[input.role];
  const covered = role.permissions.every((code) => pathInScope(org.path, scopeFor(ctx.actor, code)));
  const restricted =
    restrictedRoles.includes(input.role) &&
    !ctx.actor.grants.some((g) => g.role === input.role && org.path.startsWith(g.orgPath));
  if (!covered || restricted) throw new AppError('accounts/role_not_grantable');
  if (input.departmentId) {
    const [dept] = await tx
      .select({ id: departments.id })
      .from(departments)
      .where(and(eq(departments.id, input.departmentId), eq(departments.orgId, org.id)));
    if (!dept) throw new AppError('accounts/department_mismatch');
  }
  const [row] = await tx
    .insert(grants)
    .values({
      accountId,
      role: input.role,
      orgId: org.id,
      orgPath: org.path,
      departmentId: input.departmentId ?? null,
      createdAt: ctx.now,
      createdBy: ctx.actor.accountId,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return { grant: row, org };
}

async function viewOf(ctx: Ctx, tx: DbOrTx, id: number) {
  const row = await getAccountInScope(tx, ctx.scope, id);
  const [view] = await accountViews(tx, [row], ctx.now, ctx.config);
  if (!view) throw new AppError('accounts/not_found');
  return view;
}

/** Creates an account at an org in scope with an initial password it must change at first login. */
export async function createAccount(ctx: Ctx, input: z.output<typeof createAccountBody>) {
  const passwordHash = await hashPassword(input.initialPassword);
  return withAccountConstraints(() =>
    ctx.db.transaction(async (tx) => {
      const org = await getOrgInScope(tx, ctx.scope, input.orgId);
      const [row] = await tx
        .insert(accounts)
        .values({
          username: input.username.toLowerCase(),
          displayName: input.displayName,
          mobile: input.mobile ?? null,
          passwordHash,
          mustChangePassword: true,
          orgId: org.id,
          orgPath: org.path,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning();
      if (!row) throw new Error('insert returned no row');
      const given = [];
      for (const g of input.grants) given.push((await insertGrant(ctx, tx, row.id, g)).grant);
      await audit(
        { ...ctx, db: tx },
        {
          action: 'accounts.create',
          ...accountTarget(row),
          details: { grants: given.map((g) => ({ role: g.role, orgId: g.orgId })) },
        },
      );
      return viewOf(ctx, tx, row.id);
    }),
  );
}

/** Runs a change to one account in scope inside a transaction and audits it. */
function changeAccount(
  ctx: Ctx,
  id: number,
  work: (
    tx: DbOrTx,
    account: typeof accounts.$inferSelect,
  ) => Promise<Omit<AuditEntry, 'targetType' | 'targetId' | 'orgPath'>>,
  opts: { notSelf?: boolean } = {},
) {
  return withAccountConstraints(() =>
    ctx.db.transaction(async (tx) => {
      const account = await getAccountInScope(tx, ctx.scope, id);
      if (opts.notSelf && account.id === ctx.actor.accountId) throw new AppError('accounts/cannot_change_self');
      const entry = await work(tx, account);
      await audit({ ...ctx, db: tx }, { ...accountTarget(account), ...entry });
      return viewOf(ctx, tx, id);
    }),
  );
}

/** Edits an account's name or mobile number. */
export function updateAccount(ctx: Ctx, id: number, input: z.output<typeof updateAccountBody>) {
  return changeAccount(ctx, id, async (tx, account) => {
    await tx
      .update(accounts)
      .set({ ...input, updatedAt: ctx.now })
      .where(eq(accounts.id, id));
    // Mobile numbers are personal data: the audit row keeps them masked.
    const shown = (key: string, v: string | null | undefined) => (key === 'mobile' && v ? maskMobile(v) : (v ?? null));
    const changes = Object.fromEntries(
      Object.entries(input)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, { before: shown(k, account[k as keyof typeof input]), after: shown(k, v) }]),
    );
    return { action: 'accounts.update', details: { changes } };
  });
}

/** Grants a role at an org. */
export function grantRole(ctx: Ctx, id: number, input: GrantInput) {
  return changeAccount(ctx, id, async (tx) => {
    const { grant, org } = await insertGrant(ctx, tx, id, input);
    return {
      action: 'accounts.grant',
      details: { grantId: grant.id, role: grant.role, orgId: org.id, orgName: org.name },
    };
  });
}

/** Removes a grant; the caller must be able to give that grant to remove it. */
export function revokeGrant(ctx: Ctx, id: number, grantId: number) {
  return changeAccount(ctx, id, async (tx) => {
    const [grant] = await tx
      .select()
      .from(grants)
      .where(and(eq(grants.id, grantId), eq(grants.accountId, id)));
    if (!grant || !pathInScope(grant.orgPath, ctx.scope)) throw new AppError('accounts/grant_not_found');
    const covered = roles[grant.role].permissions.every((code) =>
      pathInScope(grant.orgPath, scopeFor(ctx.actor, code)),
    );
    if (!covered) throw new AppError('accounts/role_not_grantable');
    await tx.delete(grants).where(eq(grants.id, grantId));
    return { action: 'accounts.revoke', details: { grantId, role: grant.role, orgId: grant.orgId } };
  });
}

/** Sets a new initial password (to be changed at next login) and ends the account's sessions. */
export async function resetPassword(ctx: Ctx, id: number, password: string) {
  const passwordHash = await hashPassword(password);
  return changeAccount(
    ctx,
    id,
    async (tx) => {
      await tx
        .update(accounts)
        .set({
          passwordHash,
          mustChangePassword: true,
          failedAttempts: 0,
          lockedUntil: null,
          updatedAt: ctx.now,
        })
        .where(eq(accounts.id, id));
      const ended = await endAccountSessions(tx, id, ctx.now, 'password_reset');
      return { action: 'accounts.reset_password', details: { sessionsEnded: ended } };
    },
    { notSelf: true },
  );
}

/** Locks an account (it cannot log in; its sessions end) or unlocks it (also clearing a lockout). */
export function setLocked(ctx: Ctx, id: number, locked: boolean) {
  return changeAccount(
    ctx,
    id,
    async (tx) => {
      await tx
        .update(accounts)
        .set(
          locked
            ? { status: 'locked', updatedAt: ctx.now }
            : { status: 'active', failedAttempts: 0, lockedUntil: null, updatedAt: ctx.now },
        )
        .where(eq(accounts.id, id));
      const ended = locked ? await endAccountSessions(tx, id, ctx.now, 'locked') : 0;
      return { action: locked ? 'accounts.lock' : 'accounts.unlock', details: { sessionsEnded: ended } };
    },
    { notSelf: true },
  );
}

/** Ends all sessions of an account. */
export async function endSessions(ctx: Ctx, id: number) {
  let ended = 0;
  await changeAccount(ctx, id, async (tx) => {
    ended = await endAccountSessions(tx, id, ctx.now, 'ended_by_admin');
    return { action: 'sessions.end', details: { ended } };
  });
  return { ended };
}
