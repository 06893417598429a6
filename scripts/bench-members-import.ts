/**
 * The import half of `npm run bench:members`: writes a 100,000-row .xlsx and a 1,000,000-row CSV of new
 * members (prepareImportFiles, in the seeding process), imports each through the platform's import
 * service (preview, then commit) and sets the rows/s beside a raw COPY of ready-made member rows into a
 * scratch table `LIKE members INCLUDING ALL`, measured in the same run on the same database.
 */
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { getTableColumns, sql } from 'drizzle-orm';
import pg from 'pg';
import type { Config } from '../server/config';
import type { Ctx } from '../server/context';
import { type Database, queryRows } from '../server/db/client';
import type { KeyRing } from '../server/lib/pii';
import ExcelJS from '../server/lib/xlsx/exceljs';
import { loadSession } from '../server/modules/auth/sessions';
import { commitImport } from '../server/modules/members/imports/imports.commit';
import { previewImport } from '../server/modules/members/imports/imports.service';
import { members } from '../server/modules/members/members.tables';
import { scopeFor } from '../server/plugins/scope';
import {
  cardNumber,
  importSpace,
  type MemberInsert,
  memberLoadColumns,
  memberRow,
  type Person,
  personAt,
  pinyinCache,
  rosterSpace,
} from '../server/seed/cityScalePeople';
import { genders, workerCategories } from '../shared/memberEnums';

/** The union the files are imported into, and whose employer the rows name. */
export interface ImportUnion {
  id: number;
  path: string;
  employerName: string;
}

export interface PrepareOptions {
  ring: KeyRing;
  union: ImportUnion;
  today: string;
  dir: string;
  xlsxRows: number;
  csvRows: number;
  copyRows: number;
  log: (line: string) => void;
}

/** The files written before the measuring process starts, so its memory and time are the platform's own. */
export interface PreparedFiles {
  xlsx: { path: string; rows: number; writeSeconds: number };
  csv: { path: string; rows: number; writeSeconds: number };
  copy: { paths: string[]; rows: number };
}

export interface ImportBenchOptions {
  database: Database;
  /** The PostgreSQL server URL (null on PGlite). */
  url: string | null;
  /** A platform admin's context with the members.manage scope, as the import routes receive it. */
  ctx: Ctx;
  union: ImportUnion;
  files: PreparedFiles;
  log: (line: string) => void;
}

export interface ImportRun {
  rows: number;
  megabytes: number;
  writeSeconds: number;
  previewSeconds: number;
  commitSeconds: number;
  valid: number;
  invalid: number;
  added: number;
  /** Rows per second from the start of the preview to the end of the commit. */
  rowsPerSecond: number;
}

export interface CopyRun {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
}

const headers = ['姓名', '性别', '民族', '身份证号', '手机号码', '工作单位', '职工类别', '入会日期'];

/** Person k of the import space as a row of the files (never on the seeded roster: disjoint ID ranges). */
function fileRow(p: Person, employer: string): string[] {
  return [
    p.name,
    genders[p.gender],
    p.ethnicity,
    p.idNumber,
    p.mobile ?? '',
    employer,
    workerCategories[p.workerCategory],
    p.joinedDate,
  ];
}

/** Writes a streamed workbook: ID and mobile numbers as text cells, as a careful cadre's sheet has them. */
async function writeXlsx(file: string, from: number, rows: number, o: PrepareOptions) {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  const sheet = book.addWorksheet('会员名册');
  sheet.columns = headers.map((header, i) => ({
    header,
    width: [10, 6, 8, 22, 14, 30, 12, 12][i],
    style: i === 3 || i === 4 ? { numFmt: '@' } : {},
  }));
  for (let k = from; k < from + rows; k++) {
    sheet.addRow(fileRow(personAt(k, importSpace, o.today), o.union.employerName)).commit();
  }
  sheet.commit();
  await book.commit();
}

/** Writes lines through a file stream, waiting whenever the stream asks to. */
async function writeLines(file: string, lines: (write: (line: string) => Promise<void>) => Promise<void>) {
  const out = fs.createWriteStream(file);
  await lines(async (line) => {
    if (!out.write(line)) await once(out, 'drain');
  });
  out.end();
  await once(out, 'finish');
}

/** Writes a UTF-8 CSV with a BOM, as Excel's "CSV UTF-8" saves it. */
async function writeCsv(file: string, from: number, rows: number, o: PrepareOptions) {
  await writeLines(file, async (write) => {
    await write(`\uFEFF${headers.join(',')}\r\n`);
    for (let k = from; k < from + rows; k++) {
      await write(`${fileRow(personAt(k, importSpace, o.today), o.union.employerName).join(',')}\r\n`);
    }
  });
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, (performance.now() - started) / 1000];
}

/** Previews and commits a prepared file through the import service, and times each step. */
async function importFile(
  o: ImportBenchOptions,
  kind: 'xlsx' | 'csv',
  onPhase: (phase: string) => void,
): Promise<ImportRun> {
  const { path: file, rows, writeSeconds } = o.files[kind];
  const megabytes = fs.statSync(file).size / 2 ** 20;
  o.log(`正在通过导入服务校验 ${kind} 文件（${rows.toLocaleString('en-US')} 行，${megabytes.toFixed(0)} MB）…`);
  onPhase(`${kind} preview`);
  const [preview, previewSeconds] = await timed(() =>
    previewImport(o.ctx, { path: file, name: path.basename(file) }, { orgId: o.union.id, maxRows: rows }),
  );
  o.log(`正在提交导入（有效 ${preview.valid.toLocaleString('en-US')} 行）…`);
  onPhase(`${kind} commit`);
  const [committed, commitSeconds] = await timed(() => commitImport(o.ctx, preview.id));
  return {
    rows,
    megabytes,
    writeSeconds,
    previewSeconds,
    commitSeconds,
    valid: preview.valid,
    invalid: preview.invalid,
    added: committed.added,
    rowsPerSecond: rows / (previewSeconds + commitSeconds),
  };
}

/** COPY text format: backslash, tab and line breaks escaped, null as \N. */
function copyField(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  return String(value).replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c] ?? c);
}

const copyChunkRows = 100_000;
const scratch = 'members_copy_bench';

/**
 * Ready-made rows for the raw COPY, in files of 100,000 rows (PGlite reads each from a blob): the
 * encryption and formatting are done before the clock starts, so the COPY measures the database alone.
 */
async function writeCopyFiles(o: PrepareOptions): Promise<string[]> {
  const pinyinOf = pinyinCache();
  const files: string[] = [];
  const org = { id: o.union.id, path: o.union.path, employerName: o.union.employerName, employerCreditCode: null };
  for (let from = 0; from < o.copyRows; from += copyChunkRows) {
    const file = path.join(o.dir, `copy-${files.length}.tsv`);
    files.push(file);
    await writeLines(file, async (write) => {
      for (let k = from; k < Math.min(o.copyRows, from + copyChunkRows); k++) {
        const row: MemberInsert = memberRow(o.ring, pinyinOf, personAt(k, rosterSpace, o.today), org, {
          cardNo: cardNumber(k),
        });
        await write(`${memberLoadColumns.map((c) => copyField(row[c])).join('\t')}\n`);
      }
    });
  }
  return files;
}

/** COPY … FROM STDIN through node-postgres' own protocol messages (no copy-streams package needed). */
function copyFromFiles(client: pg.Client, text: string, files: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const query = new pg.Query(text, [], (err?: Error) => (err ? reject(err) : resolve()));
    type CopyConnection = {
      stream: NodeJS.WritableStream & { writableNeedDrain: boolean };
      sendCopyFromChunk(b: Buffer): void;
      endCopyFrom(): void;
      sendCopyFail(m: string): void;
    };
    Object.assign(query, {
      handleCopyInResponse(connection: CopyConnection) {
        (async () => {
          for (const file of files) {
            for await (const chunk of fs.createReadStream(file, { highWaterMark: 256 * 1024 })) {
              connection.sendCopyFromChunk(chunk as Buffer);
              if (connection.stream.writableNeedDrain) await once(connection.stream, 'drain');
            }
          }
          connection.endCopyFrom();
        })().catch((err: unknown) => connection.sendCopyFail(String(err)));
      },
    });
    client.query(query);
  });
}

/** Rows/s of COPY of ready-made member rows into an empty scratch table with the members' indexes. */
async function rawCopy(o: ImportBenchOptions): Promise<CopyRun> {
  const { paths: files, rows } = o.files.copy;
  const all = getTableColumns(members) as Record<string, { name: string }>;
  const columns = memberLoadColumns.map((c) => `"${all[c]?.name}"`).join(', ');
  const create = `drop table if exists ${scratch}; create table ${scratch} (like members including all)`;
  o.log('正在执行原始 COPY …');
  let seconds: number;
  if (o.url) {
    const client = new pg.Client({ connectionString: o.url });
    await client.connect();
    try {
      await client.query(create);
      [, seconds] = await timed(() => copyFromFiles(client, `copy ${scratch} (${columns}) from stdin`, files));
      await client.query(`drop table ${scratch}`);
    } finally {
      await client.end();
    }
  } else {
    const pglite = o.database.pglite;
    if (!pglite) throw new Error('PGlite expected');
    await pglite.exec(create);
    [, seconds] = await timed(async () => {
      for (const file of files) {
        await pglite.query(`copy ${scratch} (${columns}) from '/dev/blob'`, [], { blob: await fs.openAsBlob(file) });
      }
    });
    await pglite.exec(`drop table ${scratch}`);
  }
  return { rows, seconds, rowsPerSecond: rows / seconds };
}

/** The union the import files go to: the newest enterprise union of the city-scale tree. */
export async function importUnion(database: Database): Promise<ImportUnion> {
  const [union] = await queryRows<{ id: number; path: string; name: string }>(
    database.db,
    sql`select id, path, name from orgs where type = 'grassroots_enterprise' order by id desc limit 1`,
  );
  if (!union) throw new Error('no union');
  return { id: union.id, path: union.path, employerName: union.name.replace(/工会$/, '') };
}

/** The service context the import routes would build for this signed-in session (members.manage scope). */
export async function importContext(database: Database, token: string, config: Config, ring: KeyRing): Promise<Ctx> {
  const session = await loadSession(database.db, token, new Date(), config);
  if (!session || !('actor' in session)) throw new Error('no session');
  const scope = scopeFor(session.actor, 'members.manage');
  const meta = { ip: null, userAgent: 'bench:members' };
  return {
    db: database.db,
    rootDb: database.db,
    actor: session.actor,
    scope,
    now: new Date(),
    meta,
    config,
    pii: ring,
  };
}

const preparedFile = (dir: string) => path.join(dir, 'prepared.json');

/** The files prepareImportFiles wrote into `dir`. */
export function readPrepared(dir: string): PreparedFiles {
  return JSON.parse(fs.readFileSync(preparedFile(dir), 'utf8')) as PreparedFiles;
}

/** Writes the .xlsx, the CSV and the ready-made COPY rows into `o.dir`, with a list of them beside. */
export async function prepareImportFiles(o: PrepareOptions): Promise<PreparedFiles> {
  const write = async (kind: 'xlsx' | 'csv', from: number, rows: number) => {
    const file = path.join(o.dir, `members-${rows}.${kind}`);
    o.log(`正在生成 ${rows.toLocaleString('en-US')} 行 ${kind} 文件 …`);
    const [, writeSeconds] = await timed(() => (kind === 'xlsx' ? writeXlsx : writeCsv)(file, from, rows, o));
    return { path: file, rows, writeSeconds };
  };
  const xlsx = await write('xlsx', 0, o.xlsxRows);
  const csv = await write('csv', o.xlsxRows, o.csvRows);
  o.log(`正在准备 ${o.copyRows.toLocaleString('en-US')} 行现成的会员数据（原始 COPY 基线）…`);
  const prepared = { xlsx, csv, copy: { paths: await writeCopyFiles(o), rows: o.copyRows } };
  fs.writeFileSync(preparedFile(o.dir), JSON.stringify(prepared));
  return prepared;
}

/**
 * Runs the import benchmark: the .xlsx and CSV through the import service, then the raw COPY baseline.
 * `onPhase` names each step as it starts ('xlsx preview' … 'copy'), for per-phase memory figures.
 */
export async function benchImports(o: ImportBenchOptions, onPhase: (phase: string) => void) {
  const xlsx = await importFile(o, 'xlsx', onPhase);
  const csv = await importFile(o, 'csv', onPhase);
  onPhase('copy');
  const copy = await rawCopy(o);
  return { xlsx, csv, copy };
}
