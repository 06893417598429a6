import { and, asc, desc, eq, gt, lt } from 'drizzle-orm';
import type { z } from 'zod';
import type { importErrorsQuery, importListQuery } from '../../../../shared/schemas/imports';
import type { Ctx } from '../../../context';
import { decodeCursor, pageFrom } from '../../../lib/cursor';
import { readProgress } from '../../../lib/progress';
import { AppError } from '../../../plugins/errors';
import { inScope } from '../../../plugins/scope';
import { orgs } from '../../orgs/orgs.tables';
import { commitProgressKey } from './imports.commit';
import { memberImportRows, memberImports } from './imports.tables';

type ImportRow = { record: typeof memberImports.$inferSelect; orgName: string };

function selectImports(ctx: Ctx) {
  return ctx.db
    .select({ record: memberImports, orgName: orgs.name })
    .from(memberImports)
    .innerJoin(orgs, eq(orgs.id, memberImports.orgId));
}

export function toImportView({ record: r, orgName }: ImportRow) {
  return {
    id: r.id,
    org: { id: r.orgId, name: orgName },
    fileName: r.fileName,
    fileKind: r.fileKind,
    status: r.status,
    total: r.total,
    valid: r.valid,
    invalid: r.invalid,
    added: r.added,
    createdByName: r.createdByName,
    createdAt: r.createdAt.toISOString(),
    committedAt: r.committedAt?.toISOString() ?? null,
    progress: readProgress(commitProgressKey(r.id)),
  };
}

/** The import history of the caller's subtree, newest first. */
export async function listImports(ctx: Ctx, query: z.output<typeof importListQuery>) {
  const key = decodeCursor(query.cursor, ['number'] as const);
  const rows = await selectImports(ctx)
    .where(
      and(
        inScope(memberImports.orgPath, ctx.scope),
        query.status ? eq(memberImports.status, query.status) : undefined,
        key ? lt(memberImports.id, key[0]) : undefined,
      ),
    )
    .orderBy(desc(memberImports.id))
    .limit(query.limit + 1);
  const page = pageFrom(rows, query.limit, (r) => [r.record.id]);
  return { items: page.items.map(toImportView), nextCursor: page.nextCursor };
}

/** One import of the caller's subtree, or 404. */
export async function getImportInScope(ctx: Ctx, id: number): Promise<ImportRow> {
  const [row] = await selectImports(ctx).where(
    and(eq(memberImports.id, id), inScope(memberImports.orgPath, ctx.scope)),
  );
  if (!row) throw new AppError('imports/not_found');
  return row;
}

/** The rejected rows of an import with their reasons, in sheet order (values stay in the report). */
export async function listImportErrors(ctx: Ctx, id: number, query: z.output<typeof importErrorsQuery>) {
  await getImportInScope(ctx, id);
  const key = decodeCursor(query.cursor, ['number'] as const);
  const rows = await ctx.db
    .select({ row: memberImportRows.rowNo, errors: memberImportRows.errors })
    .from(memberImportRows)
    .where(
      and(
        eq(memberImportRows.importId, id),
        eq(memberImportRows.valid, false),
        key ? gt(memberImportRows.rowNo, key[0]) : undefined,
      ),
    )
    .orderBy(asc(memberImportRows.rowNo))
    .limit(query.limit + 1);
  const page = pageFrom(rows, query.limit, (r) => [r.row]);
  return { items: page.items.map((r) => ({ row: r.row, errors: r.errors ?? [] })), nextCursor: page.nextCursor };
}
