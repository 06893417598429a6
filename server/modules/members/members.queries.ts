import { and, desc, eq, gt, gte, like, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { memberListQuery } from '../../../shared/schemas/members';
import { maskIdNumber, parseIdNumber } from '../../../shared/validators/idNumber';
import { maskMobile, normaliseMobile } from '../../../shared/validators/mobile';
import type { Scope } from '../../context';
import type { DbOrTx } from '../../db/client';
import { decodeCursor, pageFrom } from '../../lib/cursor';
import { ageOn, yearsBefore } from '../../lib/dates';
import { blindIndex, type KeyRing } from '../../lib/pii';
import { AppError } from '../../plugins/errors';
import { inScope } from '../../plugins/scope';
import { accounts } from '../accounts/accounts.tables';
import { orgs } from '../orgs/orgs.tables';
import { memberImports } from './imports/imports.tables';
import { memberHistory, members, orgMemberCounts } from './members.tables';

export type MemberRow = typeof members.$inferSelect;

type Profile = Pick<
  MemberRow,
  | 'name'
  | 'gender'
  | 'ethnicity'
  | 'birthDate'
  | 'idNumberMasked'
  | 'mobileMasked'
  | 'education'
  | 'politicalStatus'
  | 'employerName'
  | 'employerCreditCode'
  | 'position'
  | 'workerCategory'
>;

/** A person's profile as lists show it (members and join applications alike): numbers masked, age as of `today`. */
export function profileView(row: Profile, today: string) {
  return {
    name: row.name,
    gender: row.gender,
    ethnicity: row.ethnicity,
    birthDate: row.birthDate,
    age: ageOn(row.birthDate, today),
    idNumber: row.idNumberMasked,
    mobile: row.mobileMasked,
    education: row.education,
    politicalStatus: row.politicalStatus,
    employerName: row.employerName,
    employerCreditCode: row.employerCreditCode,
    position: row.position,
    workerCategory: row.workerCategory,
  };
}

/** A member as lists and details show it: personal numbers masked, age as of `today`. */
export function toMemberView(row: MemberRow & { orgName: string }, today: string) {
  return {
    id: row.id,
    org: { id: row.orgId, name: row.orgName },
    ...profileView(row, today),
    status: row.status,
    statusDate: row.statusDate,
    joinedDate: row.joinedDate,
    cardNo: row.cardNo,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const withOrgName = { member: members, orgName: orgs.name };

/** One member whose union lies in the scope, or 404. */
export async function getMemberInScope(db: DbOrTx, scope: Scope, id: number) {
  const [row] = await db
    .select(withOrgName)
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(and(eq(members.id, id), inScope(members.orgPath, scope)))
    .limit(1);
  if (!row) throw new AppError('members/not_found');
  return { ...row.member, orgName: row.orgName };
}

/**
 * The search box: an exact mobile or ID number (through the blind index), pinyin or initials, or a
 * name fragment — 1–2 characters through the character-array index, longer through trigrams.
 */
function textFilter(q: string, ring: KeyRing): SQL | undefined {
  const mobile = normaliseMobile(q);
  if (mobile) return eq(members.mobileIndex, blindIndex(ring, 'mobile', mobile));
  const id = parseIdNumber(q);
  if (id.ok) return eq(members.idNumberIndex, blindIndex(ring, 'id_number', id.value));
  if (/^[a-z]+$/i.test(q)) {
    const p = q.toLowerCase();
    return sql`(${members.nameInitials} like ${`${p}%`} or ${members.namePinyin} like ${`${p}%`})`;
  }
  const escaped = q.replace(/[\\%_]/g, (c) => `\\${c}`);
  const chars = [...q];
  if (chars.length <= 2) {
    const contains = sql`string_to_array(${members.name}, NULL) @> ${sql`ARRAY[${sql.join(
      chars.map((c) => sql`${c}`),
      sql`, `,
    )}]::text[]`}`;
    // One character: containment already means "the name has it". Adding the LIKE made the planner
    // multiply two selectivities, expect 18 rows instead of 40,000 and sort them all (p95 167 ms at
    // 2.4M); alone, it walks the newest members and stops at the page (11 ms). Two characters need the
    // LIKE to check they are adjacent and in order.
    return chars.length === 1 ? contains : and(contains, like(members.name, `%${escaped}%`));
  }
  return like(members.name, `%${escaped}%`);
}

/** The search text as the audit log may keep it: a mobile or ID number only masked. */
export function maskedQuery(q: string): string {
  const mobile = normaliseMobile(q);
  if (mobile) return maskMobile(mobile);
  const id = parseIdNumber(q);
  return id.ok ? maskIdNumber(id.value) : q;
}

type ListFilter = z.output<typeof memberListQuery>;

const sortKeys = {
  newest: { order: [desc(members.id)], key: (r: MemberRow) => [r.id] as const, shape: ['number'] as const },
  name: {
    order: [members.namePinyin, members.id],
    key: (r: MemberRow) => [r.namePinyin, r.id] as const,
    shape: ['string', 'number'] as const,
  },
  joined: {
    order: [desc(members.joinedDate), desc(members.id)],
    key: (r: MemberRow) => [r.joinedDate, r.id] as const,
    shape: ['string', 'number'] as const,
  },
};

function afterCursor(f: ListFilter): SQL | undefined {
  if (f.sort === 'newest') {
    const key = decodeCursor(f.cursor, sortKeys.newest.shape);
    return key ? lt(members.id, key[0]) : undefined;
  }
  const key = decodeCursor(f.cursor, sortKeys[f.sort].shape);
  if (!key) return undefined;
  return f.sort === 'name'
    ? sql`(${members.namePinyin}, ${members.id}) > (${key[0]}, ${key[1]})`
    : sql`(${members.joinedDate}, ${members.id}) < (${key[0]}::date, ${key[1]})`;
}

/** The filters of a roster query (everything but paging), shared by the list, export and statistics. */
export async function memberFilter(db: DbOrTx, scope: Scope, f: ListFilter, ring: KeyRing, today: string) {
  let under: string | null = null;
  if (f.orgId) {
    const [org] = await db
      .select({ path: orgs.path })
      .from(orgs)
      .where(and(eq(orgs.id, f.orgId), inScope(orgs.path, scope)));
    if (!org) throw new AppError('orgs/not_found');
    under = org.path;
  }
  return and(
    inScope(members.orgPath, scope),
    under ? like(members.orgPath, `${under}%`) : undefined,
    f.q ? textFilter(f.q, ring) : undefined,
    f.status ? eq(members.status, f.status) : undefined,
    f.category ? eq(members.workerCategory, f.category) : undefined,
    f.gender ? eq(members.gender, f.gender) : undefined,
    f.ageMin !== undefined ? lte(members.birthDate, yearsBefore(today, f.ageMin)) : undefined,
    f.ageMax !== undefined ? gt(members.birthDate, yearsBefore(today, f.ageMax + 1)) : undefined,
    f.joinedFrom ? gte(members.joinedDate, f.joinedFrom) : undefined,
    f.joinedTo ? lte(members.joinedDate, f.joinedTo) : undefined,
  );
}

/** A keyset page of the roster in the scope. */
export async function listMembers(db: DbOrTx, scope: Scope, f: ListFilter, ring: KeyRing, today: string) {
  const filter = await memberFilter(db, scope, f, ring, today);
  const rows = await db
    .select(withOrgName)
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(and(filter, afterCursor(f)))
    .orderBy(...sortKeys[f.sort].order)
    .limit(f.limit + 1);
  const flat = rows.map((r) => ({ ...r.member, orgName: r.orgName }));
  const page = pageFrom(flat, f.limit, (r) => sortKeys[f.sort].key(r));
  return { items: page.items.map((r) => toMemberView(r, today)), nextCursor: page.nextCursor };
}

/** The change history of a member in the scope, newest first. */
export async function listMemberHistory(db: DbOrTx, scope: Scope, id: number) {
  return listMemberHistoryOf(db, await getMemberInScope(db, scope, id));
}

/** The change history of a member already authorised by the caller, newest first. */
export async function listMemberHistoryOf(db: DbOrTx, member: Pick<MemberRow, 'id' | 'importId' | 'cardNo'>) {
  const rows = await db
    .select()
    .from(memberHistory)
    .where(eq(memberHistory.memberId, member.id))
    .orderBy(desc(memberHistory.id));
  const items = rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actorName: r.actorName,
    action: r.action,
    changes: r.changes,
  }));
  const registration = member.importId === null ? null : await importRegistration(db, member);
  return { items: registration ? [...items, registration] : items };
}

/**
 * The first history entry of a member an import registered: the import itself (who committed it,
 * when, which file). It has no history row of its own; its id, 0, is no history row's.
 */
async function importRegistration(db: DbOrTx, member: Pick<MemberRow, 'importId' | 'cardNo'>) {
  const [found] = await db
    .select({
      importId: memberImports.id,
      fileName: memberImports.fileName,
      committedAt: memberImports.committedAt,
      committedByName: memberImports.committedByName,
    })
    .from(memberImports)
    .where(eq(memberImports.id, member.importId as number));
  if (!found?.committedAt) return null;
  return {
    id: 0,
    at: found.committedAt.toISOString(),
    actorName: found.committedByName,
    action: 'members.create',
    changes: { importId: found.importId, fileName: found.fileName, cardNo: member.cardNo },
  };
}

/** Active members of an org's whole subtree, from the maintained per-org counts. */
export async function subtreeMemberTotal(db: DbOrTx, path: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<string | number | null>`coalesce(sum(${orgMemberCounts.active}), 0)` })
    .from(orgMemberCounts)
    .where(like(orgMemberCounts.orgPath, `${path}%`));
  return Number(row?.n ?? 0);
}

/** The member record linked to an account (the portal's "me"), or 404 members/not_linked. */
export async function getOwnMember(db: DbOrTx, accountId: number) {
  const [row] = await db
    .select(withOrgName)
    .from(accounts)
    .innerJoin(members, eq(members.id, accounts.memberId))
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(eq(accounts.id, accountId));
  if (!row) throw new AppError('members/not_linked');
  return { ...row.member, orgName: row.orgName };
}
