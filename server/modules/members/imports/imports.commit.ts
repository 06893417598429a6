import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Ctx } from '../../../context';
import { queryRows } from '../../../db/client';
import { clearProgress, reportProgress } from '../../../lib/progress';
import { AppError } from '../../../plugins/errors';
import { inScope } from '../../../plugins/scope';
import { audit } from '../../audit/audit.service';
import { bumpMemberCount } from '../members.service';
import { memberRecordColumns, members } from '../members.tables';
import { memberImportRows, memberImports } from './imports.tables';

/** Columns a staged row shares with the roster: the commit copies them as they are. */
const rosterColumns = getTableColumns(members);
const copiedColumns = memberRecordColumns.map((key) => sql.identifier(rosterColumns[key].name));

/** Rows per INSERT … SELECT; between chunks the progress is reported. */
const chunkRows = 20_000;

export function commitProgressKey(importId: number) {
  return `member-import:${importId}`;
}

/**
 * Adds an import's valid rows to the roster in one transaction: all of them or, on any failure, none.
 * Each chunk is one INSERT … SELECT from the staged rows (card numbers from the roster's sequence; each
 * member keeps the import's id, and the import is the first entry of their history); a person who
 * joined the roster since the preview is skipped by the unique ID index rather than failing the whole
 * file. Committing an import twice adds nothing.
 */
export async function commitImport(ctx: Ctx, importId: number): Promise<{ added: number; skipped: number }> {
  const progressKey = commitProgressKey(importId);
  try {
    return await ctx.db.transaction(async (tx) => {
      const [record] = await tx
        .select()
        .from(memberImports)
        .where(and(eq(memberImports.id, importId), inScope(memberImports.orgPath, ctx.scope)))
        .for('update');
      if (!record) throw new AppError('imports/not_found');
      if (record.status === 'committed') return { added: 0, skipped: 0 };
      if (record.status === 'validating') throw new AppError('imports/not_ready');
      if (record.status === 'failed') throw new AppError('imports/failed');

      const columns = sql.join(copiedColumns, sql`, `);
      const perOrg = new Map<number, { path: string; n: number }>();
      let added = 0;
      let done = 0;
      let lastRow = 0;
      for (;;) {
        const [chunk] = await queryRows<{
          last_row: number | null;
          rows: number;
          groups: { org_id: number; org_path: string; n: number }[];
        }>(
          tx,
          sql`with chunk as (
              select * from ${memberImportRows}
              where import_id = ${importId} and valid and row_no > ${lastRow}
              order by row_no limit ${chunkRows}
            ), ins as (
              insert into members (${columns}, card_no, status, import_id, created_at, updated_at)
              select ${columns}, 'GH' || lpad(nextval('member_card_seq')::text, 10, '0'), 'active', ${importId}::bigint, ${ctx.now.toISOString()}::timestamptz, ${ctx.now.toISOString()}::timestamptz
              from chunk order by row_no
              on conflict (id_number_index) do nothing
              returning org_id, org_path
            )
            select (select max(row_no) from chunk) as last_row,
                   (select count(*)::int from chunk) as rows,
                   coalesce((select json_agg(g) from (select org_id, org_path, count(*)::int as n from ins group by 1, 2) g), '[]'::json) as groups`,
        );
        if (!chunk || chunk.rows === 0 || chunk.last_row === null) break;
        lastRow = chunk.last_row;
        done += chunk.rows;
        for (const g of chunk.groups) {
          const entry = perOrg.get(g.org_id) ?? { path: g.org_path, n: 0 };
          entry.n += g.n;
          perOrg.set(g.org_id, entry);
          added += g.n;
        }
        reportProgress(progressKey, { phase: 'committing', done, total: record.valid });
      }
      // Staged rows live in an unlogged table: after a database crash they are gone, and saying so
      // beats committing nothing in silence.
      if (done === 0 && record.valid > 0) throw new AppError('imports/staged_lost');
      for (const [orgId, { path, n }] of perOrg) await bumpMemberCount(tx, { id: orgId, path }, n);

      // The staged copies of added members are no longer needed; invalid rows stay for the error report.
      await tx
        .delete(memberImportRows)
        .where(and(eq(memberImportRows.importId, importId), eq(memberImportRows.valid, true)));
      await tx
        .update(memberImports)
        .set({
          status: 'committed',
          added,
          committedBy: ctx.actor.accountId,
          committedByName: ctx.actor.displayName,
          committedAt: ctx.now,
        })
        .where(eq(memberImports.id, importId));
      const skipped = done - added;
      await audit(
        { ...ctx, db: tx },
        {
          action: 'members.import_commit',
          targetType: 'member_import',
          targetId: importId,
          targetName: record.fileName,
          orgPath: record.orgPath,
          details: { fileName: record.fileName, added, skipped },
        },
      );
      return { added, skipped };
    });
  } finally {
    clearProgress(progressKey);
  }
}
