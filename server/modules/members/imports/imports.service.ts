import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { grassrootsTypes } from '../../../../shared/enums';
import { memberStatuses } from '../../../../shared/memberEnums';
import { maskIdNumber } from '../../../../shared/validators/idNumber';
import { maskMobile } from '../../../../shared/validators/mobile';
import type { Ctx } from '../../../context';
import { ColumnBatch } from '../../../db/bulk';
import { chinaDate } from '../../../lib/dates';
import { blindIndex, encryptFields } from '../../../lib/pii';
import { personNamePinyin } from '../../../lib/pinyin';
import { clearProgress, reportProgress } from '../../../lib/progress';
import { AppError } from '../../../plugins/errors';
import { pathInScope } from '../../../plugins/scope';
import { audit } from '../../audit/audit.service';
import { orgs } from '../../orgs/orgs.tables';
import { unionFor } from '../members.service';
import { memberRecordColumns, members } from '../members.tables';
import { columnLabel, type HeaderMap, importColumns, isTemplateExample, matchHeaderRow } from './imports.columns';
import { type CheckedMember, checkRow } from './imports.rows';
import { cellText, type FileKind, readRows, type SourceRow, sniffFile } from './imports.source';
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
const headerSearchRows = 10;
const batchSize = 2000;
/** The preview answer lists this many row errors; the error report has all of them. */
export const previewErrorLimit = 500;

type Union = { id: number; path: string; name: string };
type StagedRow = typeof memberImportRows.$inferInsert;

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

/** Whether a row is the template's example, left in by the cadre who filled the template. */
function isExampleRow(row: SourceRow, headers: HeaderMap): boolean {
  const at = (field: 'name' | 'idNumber') => cellText(row.cells[headers.get(field)?.index ?? -1]);
  return isTemplateExample(at('name'), at('idNumber'));
}

/** Reads up to the header row (title rows above it are allowed) and hands back the rows after it. */
async function findHeader(rows: AsyncIterator<SourceRow>): Promise<{ headers: HeaderMap; texts: string[] }> {
  for (let i = 0; i < headerSearchRows; i++) {
    const next = await rows.next();
    if (next.done) break;
    const texts = next.value.cells.map((c) => cellText(c));
    const headers = matchHeaderRow(texts);
    if (headers) {
      const missing = importColumns.filter((c) => c.required && !headers.has(c.field)).map((c) => `“${c.header}”`);
      if (missing.length)
        throw new AppError('imports/missing_column', { missing }, `表格缺少必需的列：${missing.join('、')}`);
      return { headers, texts };
    }
  }
  throw new AppError('imports/no_header');
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

const stagedColumns = ['importId', 'rowNo', 'valid', 'errors', 'rawEnc', ...memberRecordColumns] as const;

type Batch = { row: SourceRow; checked: ReturnType<typeof checkRow> }[];

interface PreviewState {
  headers: HeaderMap;
  target: Union | null;
  unions: Map<string, Union | string>;
  seen: Map<string, number>;
  pinyin: Map<string, { full: string; initials: string }>;
}

type RosterEntry = { index: string; orgPath: string; orgName: string; status: string; cardNo: string };

/** What the database knows about a batch's people: their blind indexes and those already on the roster. */
interface BatchLookup {
  indexOf: Map<CheckedMember, string>;
  onRoster: Map<string, RosterEntry>;
}

/** Resolves a batch's union names and finds its people already on the roster (one HMAC per person). */
async function lookUpBatch(ctx: Ctx, batch: Batch, state: PreviewState): Promise<BatchLookup> {
  const candidates = batch.flatMap((b) => (b.checked.ok ? [b.checked.member] : []));
  await resolveUnions(
    ctx,
    candidates.flatMap((m) => (m.unionName ? [m.unionName] : [])),
    state.unions,
  );
  const indexOf = new Map(candidates.map((m) => [m, blindIndex(ctx.pii, 'id_number', m.idNumber)]));
  const indexes = [...indexOf.values()];
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
        .where(sql`${members.idNumberIndex} = any(${sql.param(indexes)}::text[])`)
    : [];
  return { indexOf, onRoster: new Map(existing.map((e) => [e.index, e])) };
}

/**
 * Decides each row of a looked-up batch (the unions, the roster, earlier rows of the file), seals the
 * valid ones and answers the promise of their insert, so the caller can read and check the next batch
 * while the database writes this one (two cores: Node's and PostgreSQL's).
 */
function stageBatch(
  ctx: Ctx,
  importId: number,
  batch: Batch,
  { indexOf, onRoster }: BatchLookup,
  state: PreviewState,
  tally: Tally,
): Promise<void> {
  const decided = batch.map(({ row, checked }) => {
    const errors: CellError[] = checked.ok ? [] : [...checked.errors];
    let union: Union | null = null;
    if (checked.ok) {
      const m = checked.member;
      const resolved = m.unionName ? state.unions.get(m.unionName) : state.target;
      if (typeof resolved === 'string') errors.push({ column: columnLabel(state.headers, 'union'), reason: resolved });
      else if (!resolved)
        errors.push({ column: columnLabel(state.headers, 'union'), reason: '必填项：请填写会员所属的工会' });
      else union = resolved;
      const earlier = state.seen.get(m.idNumber);
      if (earlier !== undefined)
        errors.push({
          column: columnLabel(state.headers, 'idNumber'),
          reason: `与第 ${earlier} 行的身份证号重复（同一文件中一人只能出现一次）`,
        });
      else state.seen.set(m.idNumber, row.rowNo);
      const found = onRoster.get(indexOf.get(m) as string);
      if (found && union)
        errors.push({ column: columnLabel(state.headers, 'idNumber'), reason: alreadyMemberReason(ctx, found, union) });
      if (errors.length === 0 && union) return { row, valid: { member: m, union } } as const;
    }
    tally.invalid++;
    tally.errorCount += errors.length;
    for (const e of errors) if (tally.errors.length < previewErrorLimit) tally.errors.push({ row: row.rowNo, ...e });
    return { row, errors } as const;
  });

  // Sealed per batch: one SM4 call per block position instead of a cipher object per value.
  const valid = decided.flatMap((d) => ('valid' in d && d.valid ? [d.valid.member] : []));
  const sealed = encryptFields(ctx.pii, [
    ...valid.map((m) => m.idNumber),
    ...valid.flatMap((m) => (m.mobile ? [m.mobile] : [])),
    ...decided.flatMap((d) => ('errors' in d ? [JSON.stringify(d.row.cells.map((c) => cellText(c)))] : [])),
  ]);
  let next = 0;
  const take = () => sealed[next++] as string;
  const idTokens = valid.map(() => take());
  const mobileTokens = new Map(valid.flatMap((m) => (m.mobile ? [[m, take()] as const] : [])));
  const staged: StagedRow[] = [];
  let v = 0;
  for (const d of decided) {
    if ('errors' in d) {
      staged.push({ importId, rowNo: d.row.rowNo, valid: false, errors: d.errors, rawEnc: take() });
      continue;
    }
    const { member, union } = d.valid;
    tally.valid++;
    let pinyin = state.pinyin.get(member.name);
    if (!pinyin) {
      pinyin = personNamePinyin(member.name);
      if (state.pinyin.size < 50_000) state.pinyin.set(member.name, pinyin);
    }
    const { idNumber, mobile, unionName: _u, ...profile } = member;
    staged.push({
      importId,
      rowNo: d.row.rowNo,
      valid: true,
      ...profile,
      orgId: union.id,
      orgPath: union.path,
      namePinyin: pinyin.full,
      nameInitials: pinyin.initials,
      idNumberEnc: idTokens[v++],
      idNumberIndex: indexOf.get(member),
      idNumberMasked: maskIdNumber(idNumber),
      mobileEnc: mobileTokens.get(member) ?? null,
      mobileIndex: mobile ? blindIndex(ctx.pii, 'mobile', mobile) : null,
      mobileMasked: mobile ? maskMobile(mobile) : null,
    });
  }
  const rows = new ColumnBatch(memberImportRows, stagedColumns);
  for (const row of staged) rows.push(row);
  return rows.flush(ctx.db);
}

/**
 * Validates an uploaded roster file row by row and stages it for commit: the preview answer has the
 * counts and the first errors (spreadsheet row numbers), the error report has all of them. A file that
 * cannot be read at all is refused with one clear reason and leaves nothing behind.
 */
export async function previewImport(ctx: Ctx, file: ImportFile, options: PreviewOptions = {}) {
  const kind: FileKind = await sniffFile(file.path, file.name);
  const target = await defaultUnion(ctx, options.orgId);
  const rows = readRows(file.path, kind)[Symbol.asyncIterator]();
  // A file refused before its last row closes its reader (and the file) now, not at garbage collection.
  const closeRows = () => rows.return?.(undefined).catch(() => undefined);
  const { headers, texts } = await findHeader(rows).catch(async (err) => {
    await closeRows();
    throw err;
  });
  if (!target && !headers.has('union')) {
    await closeRows();
    throw new AppError('imports/no_target_union');
  }
  const maxRows = options.maxRows ?? uploadRowLimit;
  const today = chinaDate(ctx.now);
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
  const state: PreviewState = { headers, target, unions: new Map(), seen: new Map(), pinyin: new Map() };
  // Three batches in flight: the one being read and checked, the one being looked up on the roster,
  // and the one being written. Each failure is caught where it is made and rethrown by the next await.
  let lookingUp: { batch: Batch; lookup: Promise<BatchLookup> } | null = null;
  let writing: Promise<unknown> = Promise.resolve();
  const stageLookedUp = async () => {
    if (!lookingUp) return;
    const { batch, lookup } = lookingUp;
    lookingUp = null;
    const looked = await lookup;
    await writing;
    writing = stageBatch(ctx, record.id, batch, looked, state, tally);
    writing.catch(() => undefined);
    if (options.progressKey)
      reportProgress(options.progressKey, { phase: 'validating', done: tally.total, total: null });
  };
  const lookUp = (batch: Batch) => {
    lookingUp = { batch, lookup: lookUpBatch(ctx, batch, state) };
    lookingUp.lookup.catch(() => undefined);
  };
  try {
    let batch: Batch = [];
    for (let next = await rows.next(); !next.done; next = await rows.next()) {
      const row = next.value;
      if (row.cells.every((c) => c.kind === 'empty') || isExampleRow(row, headers)) continue;
      if (++tally.total > maxRows) {
        throw new AppError(
          'imports/too_many_rows',
          { maxRows },
          `文件超过 ${maxRows.toLocaleString('en-US')} 行数据，请拆分成多个文件分批导入`,
        );
      }
      batch.push({ row, checked: checkRow(row.cells, headers, today) });
      if (batch.length === batchSize) {
        await stageLookedUp();
        lookUp(batch);
        batch = [];
      }
    }
    await stageLookedUp();
    lookUp(batch);
    await stageLookedUp();
    await writing;
    if (tally.total === 0) throw new AppError('imports/no_data');
  } catch (err) {
    // Nothing of a refused file stays: the staged rows go with their import, once the last write ended.
    await (lookingUp as { lookup: Promise<BatchLookup> } | null)?.lookup.catch(() => undefined);
    await writing.catch(() => undefined);
    await deleteStagedImport(ctx, record.id);
    throw err;
  } finally {
    await closeRows();
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
