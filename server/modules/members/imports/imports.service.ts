import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { grassrootsTypes } from '../../../../shared/enums';
import { memberStatuses } from '../../../../shared/memberEnums';
import type { Ctx } from '../../../context';
import { ColumnBatch, joinFields } from '../../../db/bulk';
import { chinaDate } from '../../../lib/dates';
import { encryptFields } from '../../../lib/pii';
import { clearProgress, reportProgress } from '../../../lib/progress';
import { AppError } from '../../../plugins/errors';
import { pathInScope } from '../../../plugins/scope';
import { audit } from '../../audit/audit.service';
import { orgs } from '../../orgs/orgs.tables';
import { unionFor } from '../members.service';
import { members } from '../members.tables';
import { columnLabel, type HeaderMap } from './imports.columns';
import { type PreparedRow, preparedColumns, type ReadEvent, rawCells, readPrepared } from './imports.prepare';
import { type FileKind, sniffFile } from './imports.source';
import { type CellError, memberImportRows, memberImports } from './imports.tables';

export interface ImportFile {
  path: string;
  name: string;
}

export interface PreviewOptions {
  /** The union rows go to when the file names none (defaults to the caller's own union). */
  orgId?: number;
  /** 200,000 for uploads; the bulk command line raises it. */
  maxRows?: number;
  /** Where progress is reported while the file is validated. */
  progressKey?: string;
}

export const uploadRowLimit = 200_000;
/** The preview answer lists this many row errors; the error report has all of them. */
export const previewErrorLimit = 500;

type Union = { id: number; path: string; name: string };

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The union rows go to by default: the chosen one, or the caller's own org when it holds members. */
async function defaultUnion(ctx: Ctx, orgId: number | undefined): Promise<Union | null> {
  if (orgId !== undefined) return unionFor(ctx, ctx.db, orgId);
  const own = ctx.scope.grants[0];
  if (!own) return null;
  const [org] = await ctx.db.select().from(orgs).where(eq(orgs.id, own.orgId));
  const holdsMembers =
    org && org.status === 'active' && (grassrootsTypes.includes(org.type) || org.type === 'union_group');
  return holdsMembers ? org : null;
}

/** Removes a refused import with its staged rows (they have no foreign key to cascade from). */
async function deleteStagedImport(ctx: Ctx, importId: number) {
  await ctx.db.transaction(async (tx) => {
    await tx.delete(memberImportRows).where(eq(memberImportRows.importId, importId));
    await tx.delete(memberImports).where(eq(memberImports.id, importId));
  });
}

/**
 * Resolves the unions named in a batch, by exact name among the active member-holding orgs of the
 * caller's scope; an unknown, ambiguous or unsuitable name becomes a reason on the row.
 */
async function resolveUnions(ctx: Ctx, names: string[], cache: Map<string, Union | string>) {
  const wanted = [...new Set(names)].filter((n) => !cache.has(n));
  if (wanted.length === 0) return;
  const found = await ctx.db
    .select({ id: orgs.id, path: orgs.path, name: orgs.name, type: orgs.type })
    .from(orgs)
    .where(and(inArray(orgs.name, wanted), eq(orgs.status, 'active')));
  for (const name of wanted) {
    const visible = found.filter((o) => o.name === name && pathInScope(o.path, ctx.scope));
    const holding = visible.filter((o) => grassrootsTypes.includes(o.type) || o.type === 'union_group');
    if (holding.length === 1 && holding[0]) cache.set(name, holding[0]);
    else if (holding.length > 1)
      cache.set(name, `有 ${holding.length} 个工会都叫“${name}”，请删去此列并在上传时选择具体的工会`);
    else if (visible.length > 0) cache.set(name, `“${name}”不是基层工会或工会小组，会员不能直接登记在这一级`);
    else cache.set(name, `在您管理的范围内找不到名为“${name}”的工会，请核对名称（需与系统中的全称一致）`);
  }
}

/** Why a person already on the roster cannot be imported again, said as much as the caller may know. */
function alreadyMemberReason(
  ctx: Ctx,
  existing: { orgPath: string; orgName: string; status: string; cardNo: string },
  target: Union,
) {
  const status = memberStatuses[existing.status as keyof typeof memberStatuses] ?? existing.status;
  if (!pathInScope(existing.orgPath, ctx.scope))
    return '此人已是其他工会的会员（一人只能加入一个工会），如需转入请发起转会';
  if (existing.status !== 'active') {
    return `此人曾在“${existing.orgName}”登记（会员证号 ${existing.cardNo}，状态：${status}），请在会员名册中恢复，不要重复登记`;
  }
  if (existing.orgPath === target.path) return `此人已是本工会会员（会员证号 ${existing.cardNo}），无需重复导入`;
  return `此人已是“${existing.orgName}”的会员（会员证号 ${existing.cardNo}），如需转入请发起转会`;
}

interface Tally {
  total: number;
  valid: number;
  invalid: number;
  errorCount: number;
  errors: { row: number; column: string; reason: string }[];
}

/** What the service decides for a row; a valid row's prepared fields follow (PreparedRow's fields). */
const decisionColumns = ['importId', 'rowNo', 'valid', 'errors', 'rawEnc', 'orgId', 'orgPath'] as const;
const decisionFields = new ColumnBatch(memberImportRows, decisionColumns);
const stagedColumns = [...decisionColumns, ...preparedColumns] as const;

interface PreviewState {
  headers: HeaderMap;
  target: Union | null;
  unions: Map<string, Union | string>;
  /** The row each ID number was first seen on, by its blind index's bytes (PreparedRow's idKey). */
  seen: Map<string, number>;
}

type RosterEntry = { index: string; orgPath: string; orgName: string; status: string; cardNo: string };

/** Resolves a batch's union names and finds those of its people already on the roster. */
async function lookUpBatch(ctx: Ctx, prepared: PreparedRow[], state: PreviewState) {
  const candidates = prepared.flatMap((p) => (p.ok ? [p] : []));
  await resolveUnions(
    ctx,
    candidates.flatMap((p) => (p.unionName ? [p.unionName] : [])),
    state.unions,
  );
  const indexes = candidates.map((p) => p.idNumberIndex);
  const existing = indexes.length
    ? await ctx.db
        .select({
          index: members.idNumberIndex,
          orgPath: members.orgPath,
          orgName: orgs.name,
          status: members.status,
          cardNo: members.cardNo,
        })
        .from(members)
        .innerJoin(orgs, eq(orgs.id, members.orgId))
        .where(sql`${members.idNumberIndex} = any(${sql.param(indexes)}::uuid[])`)
    : [];
  return new Map<string, RosterEntry>(existing.map((e) => [e.index, e]));
}

/**
 * Decides each prepared row of a batch against the unions, the roster and the earlier rows of the file,
 * in file order, and answers the insert of the staged rows.
 */
function decideBatch(
  ctx: Ctx,
  importId: number,
  prepared: PreparedRow[],
  onRoster: Map<string, RosterEntry>,
  state: PreviewState,
  tally: Tally,
) {
  const staged = new ColumnBatch(memberImportRows, stagedColumns);
  const refused: { row: PreparedRow; errors: CellError[] }[] = [];
  for (const p of prepared) {
    if (!p.ok) {
      refused.push({ row: p, errors: p.errors });
      continue;
    }
    const errors: CellError[] = [];
    const resolved = p.unionName ? state.unions.get(p.unionName) : state.target;
    const union = resolved && typeof resolved !== 'string' ? resolved : null;
    if (typeof resolved === 'string') errors.push({ column: columnLabel(state.headers, 'union'), reason: resolved });
    else if (!resolved)
      errors.push({ column: columnLabel(state.headers, 'union'), reason: '必填项：请填写会员所属的工会' });
    const earlier = state.seen.get(p.idKey);
    if (earlier !== undefined)
      errors.push({
        column: columnLabel(state.headers, 'idNumber'),
        reason: `与第 ${earlier} 行的身份证号重复（同一文件中一人只能出现一次）`,
      });
    else state.seen.set(p.idKey, p.rowNo);
    const found = onRoster.get(p.idNumberIndex);
    if (found && union)
      errors.push({ column: columnLabel(state.headers, 'idNumber'), reason: alreadyMemberReason(ctx, found, union) });
    if (errors.length > 0 || !union) {
      refused.push({ row: p, errors });
      continue;
    }
    tally.valid++;
    const decision = decisionFields.fields({
      importId,
      rowNo: p.rowNo,
      valid: true,
      orgId: union.id,
      orgPath: union.path,
    });
    staged.pushFields(joinFields(decision, p.fields));
  }
  return { staged, refused };
}

/**
 * Stages a batch: valid rows with their sealed member, refused rows with their reasons and their cells
 * sealed for the error report (rows refused only here, by the database's knowledge, are sealed now).
 */
function stageBatch(ctx: Ctx, importId: number, decided: ReturnType<typeof decideBatch>, tally: Tally): Promise<void> {
  const { staged, refused } = decided;
  const raw = encryptFields(
    ctx.pii,
    refused.flatMap(({ row }) => (row.ok ? [rawCells(row.source)] : [])),
  );
  let next = 0;
  for (const { row, errors } of refused) {
    tally.invalid++;
    tally.errorCount += errors.length;
    for (const e of errors) if (tally.errors.length < previewErrorLimit) tally.errors.push({ row: row.rowNo, ...e });
    const rawEnc = row.ok ? (raw[next++] as string) : row.rawEnc;
    staged.push({ importId, rowNo: row.rowNo, valid: false, errors, rawEnc });
  }
  return staged.flush(ctx.db);
}

/** Batches the main thread holds at once: being looked up, decided or written. */
const batchesInFlight = 3;

/**
 * Validates an uploaded roster file row by row and stages it for commit: the preview answer has the
 * counts and the first errors (spreadsheet row numbers), the error report has all of them. A file that
 * cannot be read at all is refused with one clear reason and leaves nothing behind.
 */
export async function previewImport(ctx: Ctx, file: ImportFile, options: PreviewOptions = {}) {
  const kind: FileKind = await sniffFile(file.path, file.name);
  const target = await defaultUnion(ctx, options.orgId);
  const today = chinaDate(ctx.now);
  const maxRows = options.maxRows ?? uploadRowLimit;
  const events = readPrepared({ path: file.path, kind, today, keys: ctx.pii, maxRows });
  // Leaving early (a refused file, a failed write) stops the reading and closes the file.
  const stop = () => events.return(undefined);
  const next = async (): Promise<ReadEvent> => (await events.next()).value ?? { type: 'end' };
  const first = await next().catch(async (err) => {
    await stop();
    throw err;
  });
  if (first.type !== 'header') throw new Error(`the import reader began with ${first.type}`);
  const { headers, texts } = first;
  if (!target && !headers.has('union')) {
    await stop();
    throw new AppError('imports/no_target_union');
  }
  const ownerPath = target?.path ?? ctx.actor.orgPath;
  const [record] = await ctx.db
    .insert(memberImports)
    .values({
      orgId: target?.id ?? ctx.actor.orgId,
      orgPath: ownerPath,
      fileName: file.name.slice(0, 200),
      fileSha256: await sha256File(file.path),
      fileKind: kind,
      headers: texts,
      status: 'validating',
      createdBy: ctx.actor.accountId,
      createdByName: ctx.actor.displayName,
      createdAt: ctx.now,
    })
    .returning();
  if (!record) throw new Error('insert returned no row');

  const tally: Tally = { total: 0, valid: 0, invalid: 0, errorCount: 0, errors: [] };
  const state: PreviewState = { headers, target, unions: new Map(), seen: new Map() };
  // Each batch goes through a chain: looked up on the roster, decided in file order, then written.
  // Several batches are in the chain at once, so the database works on them while the next batch is
  // read and prepared; `inFlight` holds each batch's last step, the oldest first.
  const inFlight: Promise<void>[] = [];
  let decided: Promise<unknown> = Promise.resolve();
  const submit = (prepared: PreparedRow[]) => {
    const looked = lookUpBatch(ctx, prepared, state);
    const decision = Promise.all([looked, decided]).then(([onRoster]) =>
      decideBatch(ctx, record.id, prepared, onRoster, state, tally),
    );
    decided = decision;
    const written = decision.then(async (d) => {
      await stageBatch(ctx, record.id, d, tally);
      if (options.progressKey)
        reportProgress(options.progressKey, { phase: 'validating', done: tally.valid + tally.invalid, total: null });
    });
    // Failures surface when the batch's turn comes (or in the cleanup below), never unhandled.
    for (const step of [looked, decision, written]) step.catch(() => undefined);
    inFlight.push(written);
  };
  try {
    for (let event = await next(); event.type !== 'end'; event = await next()) {
      if (event.type !== 'rows') continue;
      submit(event.rows);
      if (inFlight.length >= batchesInFlight) await inFlight.shift();
    }
    for (const step of inFlight.splice(0)) await step;
    if (tally.valid + tally.invalid === 0) throw new AppError('imports/no_data');
    tally.total = tally.valid + tally.invalid;
  } catch (err) {
    // Nothing of a refused file stays: the staged rows go with their import, once every write ended.
    await stop();
    await Promise.allSettled(inFlight);
    await deleteStagedImport(ctx, record.id);
    throw err;
  } finally {
    if (options.progressKey) clearProgress(options.progressKey);
  }

  await ctx.db
    .update(memberImports)
    .set({ status: 'ready', total: tally.total, valid: tally.valid, invalid: tally.invalid })
    .where(eq(memberImports.id, record.id));
  await audit(ctx, {
    action: 'members.import_preview',
    targetType: 'member_import',
    targetId: record.id,
    targetName: record.fileName,
    orgPath: ownerPath,
    details: { fileName: record.fileName, total: tally.total, valid: tally.valid, invalid: tally.invalid },
  });
  return {
    id: record.id,
    fileName: record.fileName,
    total: tally.total,
    valid: tally.valid,
    invalid: tally.invalid,
    errors: tally.errors,
    errorCount: tally.errorCount,
  };
}
