import type { PermissionCode, RoleCode } from '../shared/permissions';
import type { Config } from './config';
import type { Db, DbOrTx } from './db/client';
import type { KeyRing } from './lib/pii';

/** One role grant of the signed-in account, with its org's current path. */
export interface ActorGrant {
  id: number;
  role: RoleCode;
  orgId: number;
  orgPath: string;
  departmentId: number | null;
}

/** The signed-in account as the server sees it on one request. */
export interface Actor {
  accountId: number;
  username: string;
  displayName: string;
  orgId: number;
  orgPath: string;
  mustChangePassword: boolean;
  grants: ActorGrant[];
  permissions: Set<PermissionCode>;
  session: { publicId: string; csrfToken: string; expiresAt: Date };
}

/** Where a permission reaches: the minimal set of subtree paths, and the grants that give it. */
export interface Scope {
  permission: PermissionCode | null;
  paths: string[];
  grants: ActorGrant[];
}

/** Who is asking and from where, for the audit log. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

/** What every service function receives first: `(ctx, input)`. */
export interface Ctx {
  db: DbOrTx;
  rootDb: Db;
  actor: Actor;
  scope: Scope;
  now: Date;
  meta: RequestMeta;
  config: Config;
  /** Keys for members' personal data (encryption and blind indexes). */
  pii: KeyRing;
}
