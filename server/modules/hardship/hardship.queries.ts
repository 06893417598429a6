/**
 * Reading hardship files: every query takes the caller's scope and filters by the file's `org_path`;
 * missing and out-of-scope answer the same 404. Sensitive values leave here only through `fileView`
 * for a caller holding welfare.sensitive over the file's union.
 */
import { and, asc, count, desc, eq, gte, inArray, like, lte, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type fileListQuery, reviewDueDays } from '../../../shared/schemas/hardship';
import type { Ctx, Scope } from '../../context';
import type { DbOrTx } from '../../db/client';
import { decodeCursor, pageFrom } from '../../lib/cursor';
import { ageOn, chinaDate } from '../../lib/dates';
import { AppError } from '../../plugins/errors';
import { inScope, pathInScope, scopeFor } from '../../plugins/scope';
import { audit } from '../audit/audit.service';
import { members } from '../members/members.tables';
import { orgs } from '../orgs/orgs.tables';
import {
  hardshipConsents,
  hardshipFiles,
  hardshipHistory,
  hardshipReviews,
  type StoredHouseholdMember,
} from './hardship.tables';

export type FileRow = typeof hardshipFiles.$inferSelect;
export type FileListQuery = z.output<typeof fileListQuery>;

/** `days` days after a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The same day one year later (29 February becomes 28 February). */
export function nextYear(date: string): string {
  const year = Number(date.slice(0, 4)) + 1;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return date.slice(5) === '02-29' && !leap ? `${year}-02-28` : `${year}${date.slice(4)}`;
}

/** The last date on which a review counts as due (复核到期: within 30 days, or overdue). */
export const dueBy = (today: string) => addDays(today, reviewDueDays);

const fileColumns = {
  file: hardshipFiles,
  memberName: members.name,
  gender: members.gender,
  birthDate: members.birthDate,
  idNumberMasked: members.idNumberMasked,
  orgName: orgs.name,
};

export type FileWithNames = FileRow & {
  memberName: string;
  gender: string;
  birthDate: string;
  idNumberMasked: string;
  orgName: string;
};

function flatten(r: { file: FileRow } & Omit<FileWithNames, keyof FileRow>): FileWithNames {
  const { file, ...rest } = r;
  return { ...file, ...rest };
}

/** One file whose union lies in the scope (locked for update when asked), or 404. */
export async function getFileInScope(db: DbOrTx, scope: Scope, id: number, opts: { lock?: boolean } = {}) {
  const query = db
    .select(fileColumns)
    .from(hardshipFiles)
    .innerJoin(members, eq(members.id, hardshipFiles.memberId))
    .innerJoin(orgs, eq(orgs.id, hardshipFiles.orgId))
    .where(and(eq(hardshipFiles.id, id), inScope(hardshipFiles.orgPath, scope)))
    .limit(1);
  const [row] = opts.lock ? await query.for('update', { of: hardshipFiles }) : await query;
  if (!row) throw new AppError('hardship/not_found');
  return flatten(row);
}

/** A file as lists show it: never health or income; the phone number masked. */
export function toListItem(row: FileWithNames, today: string) {
  return {
    id: row.id,
    member: { id: row.memberId, name: row.memberName, gender: row.gender, age: ageOn(row.birthDate, today) },
    org: { id: row.orgId, name: row.orgName },
    level: row.level,
    causes: row.causes,
    householdSize: row.householdSize,
    phone: row.phoneMasked,
    filedOn: row.filedOn,
    status: row.status,
    resolvedOn: row.resolvedOn,
    nextReviewOn: row.nextReviewOn,
    reviewDue: row.status === 'active' && !!row.nextReviewOn && row.nextReviewOn <= dueBy(today),
  };
}

/** The household without health and income (for callers lacking welfare.sensitive, history and audit). */
export function withoutSensitive(household: StoredHouseholdMember[]) {
  return household.map(({ health: _h, healthNote: _n, incomeFen: _i, ...rest }) => rest);
}

/** Whether any health or income value is on file. */
export function hasSensitive(row: Pick<FileRow, 'household'>): boolean {
  return row.household.some((m) => m.health !== null || m.healthNote !== null || m.incomeFen !== null);
}

const sensitiveKeys = new Set(['householdIncomeFen', 'perCapitaIncomeFen']);

/** A history entry's changes as a caller may see them: sensitive values left out unless allowed. */
function historyChanges(changes: Record<string, { before: unknown; after: unknown }>, sensitive: boolean) {
  if (sensitive) return changes;
  const shown: Record<string, unknown> = {};
  for (const [key, change] of Object.entries(changes)) {
    if (sensitiveKeys.has(key)) continue;
    if (key === 'household') {
      const strip = (v: unknown) => (Array.isArray(v) ? withoutSensitive(v as StoredHouseholdMember[]) : v);
      shown[key] = { before: strip(change.before), after: strip(change.after) };
    } else shown[key] = change;
  }
  return shown;
}

/**
 * A file with its household, consents, reviews and history. Health and income are included only for a
 * holder of welfare.sensitive over the file's union, and that view is audited (hardship.view_sensitive);
 * any other view is audited as hardship.view. The audit row is written before the answer leaves.
 */
export async function fileView(ctx: Ctx, id: number) {
  const today = chinaDate(ctx.now);
  const readScope = scopeFor(ctx.actor, 'welfare.read');
  const row = await getFileInScope(ctx.db, readScope, id);
  const sensitive = pathInScope(row.orgPath, scopeFor(ctx.actor, 'welfare.sensitive'));
  const [consents, reviews, history] = await Promise.all([
    ctx.db
      .select({
        id: hardshipConsents.id,
        method: hardshipConsents.method,
        consentedOn: hardshipConsents.consentedOn,
        recordedByName: hardshipConsents.recordedByName,
        recordedAt: hardshipConsents.recordedAt,
        formName: hardshipConsents.formName,
        formMime: hardshipConsents.formMime,
        formSize: hardshipConsents.formSize,
      })
      .from(hardshipConsents)
      .where(eq(hardshipConsents.fileId, id))
      .orderBy(desc(hardshipConsents.id)),
    ctx.db.select().from(hardshipReviews).where(eq(hardshipReviews.fileId, id)).orderBy(desc(hardshipReviews.id)),
    ctx.db.select().from(hardshipHistory).where(eq(hardshipHistory.fileId, id)).orderBy(desc(hardshipHistory.id)),
  ]);
  const onFile = hasSensitive(row);
  await audit(
    { ...ctx, scope: readScope },
    {
      action: sensitive && onFile ? 'hardship.view_sensitive' : 'hardship.view',
      targetType: 'hardship_file',
      targetId: row.id,
      targetName: row.memberName,
      orgPath: row.orgPath,
    },
  );
  const manageScope = scopeFor(ctx.actor, 'welfare.manage');
  return {
    ...toListItem(row, today),
    member: {
      id: row.memberId,
      name: row.memberName,
      gender: row.gender,
      age: ageOn(row.birthDate, today),
      idNumber: row.idNumberMasked,
    },
    causeOther: row.causeOther,
    address: row.address,
    resolveReason: row.resolveReason,
    resolveNote: row.resolveNote,
    household: sensitive ? row.household : withoutSensitive(row.household),
    sensitiveHidden: !sensitive,
    hasSensitive: onFile,
    ...(sensitive ? { householdIncomeFen: row.householdIncomeFen, perCapitaIncomeFen: row.perCapitaIncomeFen } : {}),
    consents: consents.map((c) => ({
      id: c.id,
      method: c.method,
      consentedOn: c.consentedOn,
      recordedByName: c.recordedByName,
      recordedAt: c.recordedAt.toISOString(),
      form: c.formName && c.formMime ? { fileName: c.formName, mime: c.formMime, size: c.formSize ?? 0 } : null,
    })),
    reviews: reviews.map((r) => ({
      id: r.id,
      reviewedOn: r.reviewedOn,
      outcome: r.outcome,
      levelBefore: r.levelBefore,
      levelAfter: r.levelAfter,
      comment: r.comment,
      reviewerName: r.reviewerName,
      createdAt: r.createdAt.toISOString(),
    })),
    history: history.map((h) => ({
      id: h.id,
      at: h.at.toISOString(),
      actorName: h.actorName,
      action: h.action,
      changes: historyChanges(h.changes, sensitive),
    })),
    createdByName: row.createdByName,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    can: { manage: row.status === 'active' && pathInScope(row.orgPath, manageScope) },
  };
}

/** A name search on the members joined to the files: pinyin or initials for Latin letters, else a substring. */
export function memberNameFilter(q: string): SQL {
  if (/^[a-z]+$/i.test(q)) {
    const p = q.toLowerCase();
    return sql`(${members.nameInitials} like ${`${p}%`} or ${members.namePinyin} like ${`${p}%`})`;
  }
  return like(members.name, `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}

/** The org a filter or figure is about: the given one in scope, or the caller's top org. */
export async function subtreeOrg(db: DbOrTx, scope: Scope, orgId: number | undefined) {
  const [org] = orgId
    ? await db
        .select({ id: orgs.id, name: orgs.name, path: orgs.path })
        .from(orgs)
        .where(and(eq(orgs.id, orgId), inScope(orgs.path, scope)))
    : await db
        .select({ id: orgs.id, name: orgs.name, path: orgs.path })
        .from(orgs)
        .where(inArray(orgs.path, scope.paths.length ? scope.paths : ['-']))
        .orderBy(asc(orgs.depth), asc(orgs.id))
        .limit(1);
  if (!org) throw new AppError('orgs/not_found');
  return org;
}

/** The filters of a file query (everything but paging), shared by the list and the export. */
export async function fileFilter(db: DbOrTx, scope: Scope, f: FileListQuery, today: string) {
  const under = f.orgId ? (await subtreeOrg(db, scope, f.orgId)).path : null;
  return and(
    inScope(hardshipFiles.orgPath, scope),
    under ? like(hardshipFiles.orgPath, `${under}%`) : undefined,
    f.level ? eq(hardshipFiles.level, f.level) : undefined,
    f.cause ? sql`${hardshipFiles.causes} @> array[${f.cause}]::text[]` : undefined,
    f.status ? eq(hardshipFiles.status, f.status) : undefined,
    f.reviewDue ? and(eq(hardshipFiles.status, 'active'), lte(hardshipFiles.nextReviewOn, dueBy(today))) : undefined,
    f.resolvedFrom ? gte(hardshipFiles.resolvedOn, f.resolvedFrom) : undefined,
    f.resolvedTo ? lte(hardshipFiles.resolvedOn, f.resolvedTo) : undefined,
    f.q ? memberNameFilter(f.q) : undefined,
  );
}

const reviewKey = sql<string>`coalesce(${hardshipFiles.nextReviewOn}, '9999-12-31'::date)`;

const sorts = {
  newest: { order: [desc(hardshipFiles.id)], shape: ['number'] as const, key: (r: FileWithNames) => [r.id] },
  review: {
    order: [asc(reviewKey), asc(hardshipFiles.id)],
    shape: ['string', 'number'] as const,
    key: (r: FileWithNames) => [r.nextReviewOn ?? '9999-12-31', r.id],
  },
  filed: {
    order: [desc(hardshipFiles.filedOn), desc(hardshipFiles.id)],
    shape: ['string', 'number'] as const,
    key: (r: FileWithNames) => [r.filedOn, r.id],
  },
};

function afterCursor(f: FileListQuery): SQL | undefined {
  if (f.sort === 'newest') {
    const key = decodeCursor(f.cursor, sorts.newest.shape);
    return key ? sql`${hardshipFiles.id} < ${key[0]}` : undefined;
  }
  const key = decodeCursor(f.cursor, sorts[f.sort].shape);
  if (!key) return undefined;
  return f.sort === 'review'
    ? sql`(${reviewKey}, ${hardshipFiles.id}) > (${key[0]}::date, ${key[1]})`
    : sql`(${hardshipFiles.filedOn}, ${hardshipFiles.id}) < (${key[0]}::date, ${key[1]})`;
}

/** A keyset page of files in the scope, with the filtered total. */
export async function listFiles(db: DbOrTx, scope: Scope, f: FileListQuery, today: string) {
  const filter = await fileFilter(db, scope, f, today);
  const from = () =>
    db
      .select(fileColumns)
      .from(hardshipFiles)
      .innerJoin(members, eq(members.id, hardshipFiles.memberId))
      .innerJoin(orgs, eq(orgs.id, hardshipFiles.orgId));
  const [rows, [total]] = await Promise.all([
    from()
      .where(and(filter, afterCursor(f)))
      .orderBy(...sorts[f.sort].order)
      .limit(f.limit + 1),
    db
      .select({ n: count() })
      .from(hardshipFiles)
      .innerJoin(members, eq(members.id, hardshipFiles.memberId))
      .where(filter),
  ]);
  const page = pageFrom(rows.map(flatten), f.limit, sorts[f.sort].key);
  return { items: page.items.map((r) => toListItem(r, today)), nextCursor: page.nextCursor, total: Number(total?.n) };
}

/** Active members of the scope matching a name, for picking whom to file (with their active file, if any). */
export async function fileCandidates(db: DbOrTx, scope: Scope, q: string, today: string) {
  const rows = await db
    .select({
      id: members.id,
      name: members.name,
      gender: members.gender,
      birthDate: members.birthDate,
      idNumber: members.idNumberMasked,
      orgId: orgs.id,
      orgName: orgs.name,
      activeFileId: hardshipFiles.id,
    })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .leftJoin(hardshipFiles, and(eq(hardshipFiles.memberId, members.id), eq(hardshipFiles.status, 'active')))
    .where(and(inScope(members.orgPath, scope), eq(members.status, 'active'), memberNameFilter(q)))
    .orderBy(members.namePinyin, members.id)
    .limit(20);
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      gender: r.gender,
      age: ageOn(r.birthDate, today),
      idNumber: r.idNumber,
      org: { id: r.orgId, name: r.orgName },
      activeFileId: r.activeFileId ?? null,
    })),
  };
}
