import type { OrgType } from '../../shared/enums';
import type { RoleCode } from '../../shared/permissions';
import type { DbOrTx } from '../db/client';
import { accounts, grants } from '../modules/accounts/accounts.tables';
import { hashPassword } from '../modules/auth/passwords';
import { insertOrg } from '../modules/orgs/orgs.service';
import type { OrgRow } from '../modules/orgs/orgs.tables';

/** Builders shared by the demo seed, the HTTP tests and the browser tests. */

const hashes = new Map<string, Promise<string>>();
/** argon2 is deliberately slow: hash each distinct password once per process. */
function cachedHash(password: string) {
  let h = hashes.get(password);
  if (!h) {
    h = hashPassword(password);
    hashes.set(password, h);
  }
  return h;
}

export interface OrgSpec {
  name: string;
  type: OrgType;
  shortName?: string | null;
  areaCode?: string | null;
  creditCode?: string | null;
  address?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  termStart?: string | null;
  termEnd?: string | null;
}

/** Creates an org under `parent` (a root when null). */
export function makeOrg(db: DbOrTx, parent: OrgRow | null, spec: OrgSpec): Promise<OrgRow> {
  return insertOrg(db, parent, { ...spec, parentId: parent?.id ?? null });
}

export interface AccountSpec {
  username: string;
  displayName?: string;
  password: string;
  org: OrgRow;
  mobile?: string | null;
  mustChangePassword?: boolean;
  grants?: { role: RoleCode; org: OrgRow; departmentId?: number | null }[];
}

/** Creates an account with its grants. */
export async function makeAccount(db: DbOrTx, spec: AccountSpec) {
  const [account] = await db
    .insert(accounts)
    .values({
      username: spec.username.toLowerCase(),
      displayName: spec.displayName ?? spec.username,
      mobile: spec.mobile ?? null,
      passwordHash: await cachedHash(spec.password),
      mustChangePassword: spec.mustChangePassword ?? false,
      orgId: spec.org.id,
      orgPath: spec.org.path,
    })
    .returning();
  if (!account) throw new Error('insert returned no row');
  for (const g of spec.grants ?? []) {
    await db.insert(grants).values({
      accountId: account.id,
      role: g.role,
      orgId: g.org.id,
      orgPath: g.org.path,
      departmentId: g.departmentId ?? null,
    });
  }
  return account;
}
