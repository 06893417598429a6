/**
 * Demo accounts acting through the real service functions, so demo records are made exactly as the
 * pages make them (checks, audit entries, notifications) at the dates the story needs.
 */
import { eq } from 'drizzle-orm';
import { type PermissionCode, roles } from '../../shared/permissions';
import { loadConfig } from '../config';
import type { Actor, Ctx } from '../context';
import type { Db, DbOrTx } from '../db/client';
import type { KeyRing } from '../lib/pii';
import { accounts, grants } from '../modules/accounts/accounts.tables';
import { scopeFor } from '../plugins/scope';

export interface DemoActor {
  actor: Actor;
  /** The account acting on `at` (China time of day irrelevant: noon), as if on a request then. */
  on(at: string | Date): Ctx;
}

/** The account `username` as an actor; its grants' paths as they are now. */
export async function demoActor(db: DbOrTx, ring: KeyRing, username: string): Promise<DemoActor> {
  const [account] = await db.select().from(accounts).where(eq(accounts.username, username));
  if (!account) throw new Error(`demo account ${username} missing`);
  const rows = await db.select().from(grants).where(eq(grants.accountId, account.id));
  const actorGrants = rows.map((g) => ({
    id: g.id,
    role: g.role,
    orgId: g.orgId,
    orgPath: g.orgPath,
    departmentId: g.departmentId,
  }));
  const actor: Actor = {
    accountId: account.id,
    username: account.username,
    displayName: account.displayName,
    orgId: account.orgId,
    orgPath: account.orgPath,
    mustChangePassword: false,
    grants: actorGrants,
    permissions: new Set<PermissionCode>(actorGrants.flatMap((g) => roles[g.role].permissions)),
    session: { publicId: 'demo-seed', csrfToken: '', expiresAt: new Date(8.64e15) },
  };
  const config = loadConfig();
  return {
    actor,
    on(at) {
      const now = typeof at === 'string' ? new Date(`${at}T12:00:00+08:00`) : at;
      return {
        db,
        // The seed runs inside one transaction: services that would start from the root handle use it too.
        rootDb: db as Db,
        actor,
        scope: scopeFor(actor, 'workplans.read'),
        now,
        meta: { ip: null, userAgent: 'demo-seed' },
        config,
        pii: ring,
      };
    },
  };
}
