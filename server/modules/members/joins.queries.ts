import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, asc, desc, eq, inArray, like, lt } from 'drizzle-orm';
import type { z } from 'zod';
import { grassrootsTypes, type OrgType } from '../../../shared/enums';
import { newEmploymentCategories, type WorkerCategory } from '../../../shared/memberEnums';
import type { joinListQuery, joinUnionSearchQuery } from '../../../shared/schemas/joins';
import type { Scope } from '../../context';
import type { DbOrTx } from '../../db/client';
import { decodeCursor, pageFrom } from '../../lib/cursor';
import type { KeyRing } from '../../lib/pii';
import { AppError } from '../../plugins/errors';
import { inScope } from '../../plugins/scope';
import { breadcrumbsOf, nameMatches } from '../orgs/orgs.queries';
import { orgs } from '../orgs/orgs.tables';
import { memberJoins } from './joins.tables';
import { profileView } from './members.queries';

export type JoinRow = typeof memberJoins.$inferSelect;

/** An application as lists and details show it: personal numbers masked, age as of `today`. */
export function toJoinView(row: JoinRow & { orgName: string }, today: string) {
  return {
    id: row.id,
    union: { id: row.orgId, name: row.orgName },
    ...profileView(row, today),
    note: row.note,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    reviewerName: row.reviewerName,
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
    reviewComment: row.reviewComment,
    memberId: row.memberId,
  };
}

function selectJoins(db: DbOrTx) {
  return db
    .select({ join: memberJoins, orgName: orgs.name })
    .from(memberJoins)
    .innerJoin(orgs, eq(orgs.id, memberJoins.orgId));
}
const flat = (r: { join: JoinRow; orgName: string }) => ({ ...r.join, orgName: r.orgName });

/** One application to a union in the scope, or 404. */
export async function getJoinInScope(db: DbOrTx, scope: Scope, id: number) {
  const [row] = await selectJoins(db)
    .where(and(eq(memberJoins.id, id), inScope(memberJoins.orgPath, scope)))
    .limit(1);
  if (!row) throw new AppError('joins/not_found');
  return flat(row);
}

/** A page of the applications to unions in the scope, newest first. */
export async function listJoins(db: DbOrTx, scope: Scope, f: z.output<typeof joinListQuery>, today: string) {
  let under: string | null = null;
  if (f.orgId) {
    const [org] = await db
      .select({ path: orgs.path })
      .from(orgs)
      .where(and(eq(orgs.id, f.orgId), inScope(orgs.path, scope)));
    if (!org) throw new AppError('orgs/not_found');
    under = org.path;
  }
  const key = decodeCursor(f.cursor, ['number'] as const);
  const rows = await selectJoins(db)
    .where(
      and(
        inScope(memberJoins.orgPath, scope),
        under ? like(memberJoins.orgPath, `${under}%`) : undefined,
        f.status ? eq(memberJoins.status, f.status) : undefined,
        f.q ? like(memberJoins.name, `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
        key ? lt(memberJoins.id, key[0]) : undefined,
      ),
    )
    .orderBy(desc(memberJoins.id))
    .limit(f.limit + 1);
  const page = pageFrom(rows, f.limit, (r) => [r.join.id]);
  return { items: page.items.map((r) => toJoinView(flat(r), today)), nextCursor: page.nextCursor };
}

/** The applicant's own applications, newest first (no scope: the account is the key). */
export async function listOwnJoins(db: DbOrTx, accountId: number, today: string) {
  const rows = await selectJoins(db).where(eq(memberJoins.accountId, accountId)).orderBy(desc(memberJoins.id));
  return { items: rows.map((r) => toJoinView(flat(r), today)) };
}

const jointOrTrade: readonly OrgType[] = ['grassroots_joint', 'grassroots_trade'];

/** What an applicant may learn of a union: name, type and the names above it. */
async function applicantViews(db: DbOrTx, rows: { id: number; name: string; type: OrgType; path: string }[]) {
  const everything = { permission: null, paths: ['/'], grants: [] };
  const crumbs = await breadcrumbsOf(
    db,
    everything,
    rows.map((r) => r.path),
  );
  return rows.map((r, i) => ({
    id: r.id,
    name: r.name,
    type: r.type,
    breadcrumbs: (crumbs[i] ?? []).slice(0, -1).map((c) => c.name),
  }));
}

const unionColumns = { id: orgs.id, name: orgs.name, type: orgs.type, path: orgs.path };
const joinable = and(eq(orgs.status, 'active'), inArray(orgs.type, [...grassrootsTypes]));

/**
 * Active grassroots unions of the whole platform by name or pinyin initials: workers may join any of
 * them, so this is deliberately not scoped, and it shows nothing but name, type and breadcrumbs.
 */
export async function searchJoinableUnions(db: DbOrTx, f: z.output<typeof joinUnionSearchQuery>) {
  const rows = await db
    .select(unionColumns)
    .from(orgs)
    .where(
      and(joinable, nameMatches(f.q), f.kind === 'joint_or_trade' ? inArray(orgs.type, [...jointOrTrade]) : undefined),
    )
    .orderBy(asc(orgs.nameInitials), asc(orgs.id))
    .limit(20);
  return { items: await applicantViews(db, rows) };
}

/** An active grassroots union any worker may apply to or be transferred to, or 404 with `notFound`. */
export async function getJoinableUnion(
  db: DbOrTx,
  id: number,
  notFound: 'joins/union_unavailable' | 'transfers/union_unavailable' = 'joins/union_unavailable',
) {
  const [row] = await db
    .select({ ...unionColumns, parentId: orgs.parentId })
    .from(orgs)
    .where(and(eq(orgs.id, id), joinable));
  if (!row) throw new AppError(notFound);
  return row;
}

/** Whether a worker of this category applying to this kind of union may leave the employer out. */
export function employerOptional(category: WorkerCategory, unionType: OrgType) {
  const flexible = category === 'flexible' || newEmploymentCategories.includes(category);
  return flexible && jointOrTrade.includes(unionType);
}

// The join link's signature key: derived from the stable index key, so printed QR codes stay valid
// across PII key rotations, and never shared with data or card signatures.
const linkKey = (ring: KeyRing) => createHmac('sm3', ring.indexKey).update('gonghui/join-link/v1').digest();
const linkMac = (ring: KeyRing, id: string) =>
  createHmac('sm3', linkKey(ring)).update(id).digest().subarray(0, 12).toString('base64url');

/**
 * The token of a union's join link (/m/join?union=…): its id and a short signature, so the public page
 * can name the union while the link cannot be guessed to walk through every org of the platform.
 */
export function joinToken(ring: KeyRing, orgId: number): string {
  const id = orgId.toString(36);
  return `${id}.${linkMac(ring, id)}`;
}

/** The union of a join link token, if the signature holds and the union still accepts applications. */
export async function unionOfJoinToken(db: DbOrTx, ring: KeyRing, token: string) {
  const [id, mac, extra] = token.split('.');
  const expected = id ? Buffer.from(linkMac(ring, id)) : null;
  const given = Buffer.from(mac ?? '');
  const valid = expected && extra === undefined && expected.length === given.length && timingSafeEqual(expected, given);
  const orgId = valid && id && /^[0-9a-z]{1,8}$/.test(id) ? Number.parseInt(id, 36) : null;
  if (!orgId) throw new AppError('joins/link_invalid');
  const union = await getJoinableUnion(db, orgId).catch(() => {
    throw new AppError('joins/link_invalid');
  });
  const [view] = await applicantViews(db, [union]);
  if (!view) throw new AppError('joins/link_invalid');
  return view;
}
