import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Gender, WorkerCategory } from '../../../../shared/memberEnums';
import { orgs } from '../../orgs/orgs.tables';

export type ImportStatus = 'validating' | 'ready' | 'committing' | 'committed' | 'failed';
export type CellError = { column: string; reason: string };

/**
 * One upload of a roster file (导入记录): who, when, which file, the counts, and where it stands. The
 * history page lists these; the file itself is not kept, only its SHA-256 (to tell a re-upload).
 */
export const memberImports = pgTable(
  'member_imports',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    /** The union rows go to when the file has no 所属工会 column (or the importer's own org). */
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id),
    orgPath: text('org_path').notNull(),
    fileName: text('file_name').notNull(),
    fileSha256: text('file_sha256').notNull(),
    fileKind: text('file_kind').$type<'xlsx' | 'csv'>().notNull(),
    /** The file's header row as written, in order, so the error report repeats it. */
    headers: jsonb().$type<string[]>().notNull(),
    status: text().$type<ImportStatus>().notNull(),
    total: integer().notNull().default(0),
    valid: integer().notNull().default(0),
    invalid: integer().notNull().default(0),
    added: integer(),
    createdBy: integer('created_by').notNull(),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    committedBy: integer('committed_by'),
    /** The committer's name as it was, for the history of every member the import registered. */
    committedByName: text('committed_by_name'),
    committedAt: timestamp('committed_at', { withTimezone: true }),
    failure: text(),
  },
  (t) => [index('member_imports_path_idx').using('btree', t.orgPath.op('text_pattern_ops'), t.id)],
);

/**
 * The rows of an import between preview and commit. A valid row holds the member exactly as it will
 * be inserted (numbers already encrypted), so the commit is one INSERT … SELECT; an invalid row holds
 * its original cells, encrypted, for the error report, and the reason for each bad cell.
 */
export const memberImportRows = pgTable(
  'member_import_rows',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    // No foreign key: its per-row check cost as much as the insert itself, and the rows of an import
    // are only ever removed with it, by deleteStagedImport.
    importId: bigint('import_id', { mode: 'number' }).notNull(),
    rowNo: integer('row_no').notNull(),
    valid: boolean().notNull(),
    errors: jsonb().$type<CellError[]>(),
    rawEnc: text('raw_enc'),
    orgId: integer('org_id'),
    orgPath: text('org_path'),
    name: text(),
    namePinyin: text('name_pinyin'),
    nameInitials: text('name_initials'),
    gender: text().$type<Gender>(),
    ethnicity: text(),
    birthDate: date('birth_date', { mode: 'string' }),
    idNumberEnc: text('id_number_enc'),
    idNumberIndex: uuid('id_number_index'),
    idNumberMasked: text('id_number_masked'),
    mobileEnc: text('mobile_enc'),
    mobileIndex: uuid('mobile_index'),
    mobileMasked: text('mobile_masked'),
    education: text(),
    politicalStatus: text('political_status'),
    employerName: text('employer_name'),
    employerCreditCode: text('employer_credit_code'),
    position: text(),
    workerCategory: text('worker_category').$type<WorkerCategory>(),
    joinedDate: date('joined_date', { mode: 'string' }),
  },
  (t) => [
    uniqueIndex('member_import_rows_row_uq').on(t.importId, t.rowNo),
    index('member_import_rows_invalid_idx').on(t.importId, t.rowNo).where(sql`not valid`),
  ],
);
