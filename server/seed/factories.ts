import { sql } from 'drizzle-orm';
import type { OrgType } from '../../shared/enums';
import type { MemberStatus, WorkerCategory } from '../../shared/memberEnums';
import type { RoleCode } from '../../shared/permissions';
import { maskIdNumber, parseIdNumber } from '../../shared/validators/idNumber';
import { maskMobile } from '../../shared/validators/mobile';
import type { DbOrTx } from '../db/client';
import { blindIndex, encryptField, type KeyRing } from '../lib/pii';
import { personNamePinyin } from '../lib/pinyin';
import { accounts, grants } from '../modules/accounts/accounts.tables';
import { hashPassword } from '../modules/auth/passwords';
import { bumpMemberCount } from '../modules/members/members.service';
import { members } from '../modules/members/members.tables';
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
  memberId?: number | null;
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
      memberId: spec.memberId ?? null,
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

export interface MemberSpec {
  name: string;
  idNumber: string;
  mobile?: string | null;
  gender?: 'male' | 'female';
  joinedDate?: string;
  workerCategory?: WorkerCategory;
  status?: MemberStatus;
}

/** Registers a member directly (no checks beyond the database's), keeping the org's count exact. */
export async function makeMember(db: DbOrTx, ring: KeyRing, org: OrgRow, spec: MemberSpec) {
  const parsed = parseIdNumber(spec.idNumber);
  if (!parsed.ok) throw new Error(`bad ID number in a factory: ${parsed.message}`);
  const { full, initials } = personNamePinyin(spec.name);
  const status = spec.status ?? 'active';
  const [row] = await db
    .insert(members)
    .values({
      orgId: org.id,
      orgPath: org.path,
      name: spec.name,
      namePinyin: full,
      nameInitials: initials,
      gender: parsed.gender,
      ethnicity: '汉族',
      birthDate: parsed.birthDate,
      idNumberEnc: encryptField(ring, parsed.value),
      idNumberIndex: blindIndex(ring, 'id_number', parsed.value),
      idNumberMasked: maskIdNumber(parsed.value),
      ...(spec.mobile
        ? {
            mobileEnc: encryptField(ring, spec.mobile),
            mobileIndex: blindIndex(ring, 'mobile', spec.mobile),
            mobileMasked: maskMobile(spec.mobile),
          }
        : {}),
      workerCategory: spec.workerCategory ?? 'regular',
      status,
      joinedDate: spec.joinedDate ?? '2020-01-01',
      cardNo: sql`'GH' || lpad(nextval('member_card_seq')::text, 10, '0')`,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  if (status === 'active') await bumpMemberCount(db, org, 1);
  return row;
}
