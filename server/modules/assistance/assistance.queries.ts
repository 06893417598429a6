/** Reading assistance cases: scoped lookups, the list with its filters, details, files. */
import { and, asc, count, desc, eq, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { CaseDetail, CaseItem, caseListQuery } from '../../../shared/schemas/assistance';
import { openStatuses } from '../../../shared/schemas/assistance';
import type { Ctx, Scope } from '../../context';
import type { DbOrTx } from '../../db/client';
import { decodeCursor, pageFrom } from '../../lib/cursor';
import { AppError } from '../../plugins/errors';
import { inScope, pathInScope, scopeFor } from '../../plugins/scope';
import { audit } from '../audit/audit.service';
import { hardshipFiles } from '../hardship/hardship.tables';
import { members } from '../members/members.tables';
import { getOrgInScope } from '../orgs/orgs.queries';
import { orgs } from '../orgs/orgs.tables';
import { countyApproveScope } from './assistance.common';
import {
  assistanceBatches,
  assistanceCases,
  assistanceFiles,
  assistanceFunds,
  assistanceSteps,
} from './assistance.tables';

const caseColumns = {
  c: assistanceCases,
  memberName: members.name,
  idNumberMasked: members.idNumberMasked,
  orgName: orgs.name,
  fundName: assistanceFunds.name,
  fundPath: assistanceFunds.orgPath,
  hardship: sql<boolean>`exists (select 1 from ${hardshipFiles} h where h.member_id = ${assistanceCases.memberId} and h.status = 'active')`,
};

function baseQuery(db: DbOrTx) {
  return db
    .select(caseColumns)
    .from(assistanceCases)
    .innerJoin(members, eq(members.id, assistanceCases.memberId))
    .innerJoin(orgs, eq(orgs.id, assistanceCases.orgId))
    .leftJoin(assistanceFunds, eq(assistanceFunds.id, assistanceCases.fundId));
}

type Joined = Awaited<ReturnType<ReturnType<typeof baseQuery>['where']>>[number];
export type CaseRow = Joined['c'] & Omit<Joined, 'c'>;

const flatten = (r: Joined): CaseRow => ({ ...r.c, ...r, c: undefined }) as unknown as CaseRow;

/** One case whose union lies in the scope, or 404 (missing and out of scope look the same). */
export async function getCaseInScope(db: DbOrTx, scope: Scope, id: number): Promise<CaseRow> {
  const [row] = await baseQuery(db)
    .where(and(eq(assistanceCases.id, id), inScope(assistanceCases.orgPath, scope)))
    .limit(1);
  if (!row) throw new AppError('assistance/not_found');
  return flatten(row);
}

/** The scopes that decide what the caller may do with a case (the `can` flags and the to-do filters). */
export async function actionScopes(ctx: Ctx) {
  return {
    review: scopeFor(ctx.actor, 'assistance.review'),
    approve: await countyApproveScope(ctx.db, scopeFor(ctx.actor, 'assistance.approve')),
    disburse: scopeFor(ctx.actor, 'assistance.disburse'),
  };
}
type ActionScopes = Awaited<ReturnType<typeof actionScopes>>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A case row as the list shows it, with what the caller may do with it now. */
export function toCaseItem(ctx: Ctx, s: ActionScopes, r: CaseRow): CaseItem {
  const me = ctx.actor.accountId;
  return {
    id: r.id,
    caseNo: r.caseNo,
    memberId: r.memberId,
    memberName: r.memberName,
    orgId: r.orgId,
    orgName: r.orgName,
    type: r.type,
    period: r.period,
    amountRequestedFen: Number(r.amountRequestedFen),
    amountApprovedFen: r.amountApprovedFen == null ? null : Number(r.amountApprovedFen),
    coveredPeople: r.coveredPeople,
    fundId: r.fundId,
    fundName: r.fundName ?? null,
    batchId: r.batchId,
    status: r.status,
    channel: r.channel,
    hardship: Boolean(r.hardship),
    submittedAt: r.submittedAt.toISOString(),
    approvedAt: r.status === 'rejected' ? null : iso(r.approvedAt),
    paidAt: iso(r.paidAt),
    updatedAt: r.updatedAt.toISOString(),
    can: {
      review: r.status === 'submitted' && pathInScope(r.orgPath, s.review) && r.createdBy !== me,
      approve:
        r.status === 'reviewed' && pathInScope(r.orgPath, s.approve) && r.createdBy !== me && r.reviewedBy !== me,
      disburse: r.status === 'approved' && r.fundPath != null && pathInScope(r.fundPath, s.disburse),
      withdraw: (openStatuses as readonly string[]).includes(r.status) && r.createdBy === me,
    },
  };
}

/** The list's filters (everything but paging). */
async function caseFilter(ctx: Ctx, s: ActionScopes, q: z.output<typeof caseListQuery>) {
  const parts: (SQL | undefined)[] = [inScope(assistanceCases.orgPath, ctx.scope)];
  if (q.orgId) {
    const org = await getOrgInScope(ctx.db, ctx.scope, q.orgId);
    parts.push(sql`${assistanceCases.orgPath} like ${`${org.path}%`}`);
  }
  if (q.status) parts.push(eq(assistanceCases.status, q.status));
  if (q.type) parts.push(eq(assistanceCases.type, q.type));
  if (q.fundId) parts.push(eq(assistanceCases.fundId, q.fundId));
  if (q.batchId) parts.push(eq(assistanceCases.batchId, q.batchId));
  if (q.memberId) parts.push(eq(assistanceCases.memberId, q.memberId));
  if (q.period) parts.push(eq(assistanceCases.period, q.period));
  if (q.channel) parts.push(eq(assistanceCases.channel, q.channel));
  if (q.from) parts.push(sql`(${assistanceCases.submittedAt} at time zone 'Asia/Shanghai')::date >= ${q.from}::date`);
  if (q.to) parts.push(sql`(${assistanceCases.submittedAt} at time zone 'Asia/Shanghai')::date <= ${q.to}::date`);
  if (q.q) {
    const escaped = q.q.replace(/[\\%_]/g, (c) => `\\${c}`);
    parts.push(
      sql`(${members.name} like ${`%${escaped}%`} or ${assistanceCases.caseNo} like ${`%${escaped.toUpperCase()}%`})`,
    );
  }
  const me = ctx.actor.accountId;
  if (q.todo === 'review') {
    parts.push(eq(assistanceCases.status, 'submitted'), inScope(assistanceCases.orgPath, s.review));
    parts.push(sql`${assistanceCases.createdBy} <> ${me}`);
  } else if (q.todo === 'approve') {
    parts.push(eq(assistanceCases.status, 'reviewed'), inScope(assistanceCases.orgPath, s.approve));
    parts.push(sql`${assistanceCases.createdBy} <> ${me} and ${assistanceCases.reviewedBy} <> ${me}`);
  } else if (q.todo === 'disburse') {
    parts.push(eq(assistanceCases.status, 'approved'), inScope(assistanceFunds.orgPath, s.disburse));
  }
  return and(...parts);
}

/** Cases of the caller's welfare.read scope, newest first, keyset paged. */
export async function listCases(ctx: Ctx, q: z.output<typeof caseListQuery>) {
  const s = await actionScopes(ctx);
  const where = await caseFilter(ctx, s, q);
  const after = decodeCursor(q.cursor, ['number'] as const);
  const [rows, [total]] = await Promise.all([
    baseQuery(ctx.db)
      .where(and(where, after ? lt(assistanceCases.id, after[0]) : undefined))
      .orderBy(desc(assistanceCases.id))
      .limit(q.limit + 1),
    ctx.db
      .select({ n: count() })
      .from(assistanceCases)
      .innerJoin(members, eq(members.id, assistanceCases.memberId))
      .leftJoin(assistanceFunds, eq(assistanceFunds.id, assistanceCases.fundId))
      .where(where),
  ]);
  const page = pageFrom(rows.map(flatten), q.limit, (r) => [r.id]);
  return {
    items: page.items.map((r) => toCaseItem(ctx, s, r)),
    nextCursor: page.nextCursor,
    total: Number(total?.n ?? 0),
  };
}

/** The steps of a case, oldest first. */
export function caseSteps(db: DbOrTx, caseId: number) {
  return db.select().from(assistanceSteps).where(eq(assistanceSteps.caseId, caseId)).orderBy(asc(assistanceSteps.id));
}

/** The files of a case (without their bytes). */
export function caseFiles(db: DbOrTx, caseId: number) {
  return db
    .select({
      id: assistanceFiles.id,
      fileName: assistanceFiles.fileName,
      mime: assistanceFiles.mime,
      size: assistanceFiles.size,
    })
    .from(assistanceFiles)
    .where(eq(assistanceFiles.caseId, caseId))
    .orderBy(asc(assistanceFiles.id));
}

export function rejectionOf(r: Pick<CaseRow, 'status' | 'rejectedStep' | 'rejectReason'>) {
  return r.status === 'rejected' && r.rejectedStep ? { step: r.rejectedStep, reason: r.rejectReason ?? '' } : null;
}

/** A case with its bank details (masked), files and steps; the view is audited (personal data). */
export async function caseDetail(ctx: Ctx, id: number): Promise<CaseDetail> {
  return ctx.db.transaction(async (tx) => {
    const r = await getCaseInScope(tx, ctx.scope, id);
    // One connection inside a transaction: the queries run one after another.
    const steps = await caseSteps(tx, id);
    const files = await caseFiles(tx, id);
    const batch = r.batchId
      ? await tx
          .select({ id: assistanceBatches.id, batchNo: assistanceBatches.batchNo, status: assistanceBatches.status })
          .from(assistanceBatches)
          .where(eq(assistanceBatches.id, r.batchId))
      : [];
    await audit(
      { ...ctx, db: tx },
      {
        action: 'assistance.view',
        targetType: 'assistance_case',
        targetId: r.id,
        targetName: `${r.caseNo} ${r.memberName}`,
        orgPath: r.orgPath,
      },
    );
    const s = await actionScopes({ ...ctx, db: tx });
    return {
      ...toCaseItem(ctx, s, r),
      reason: r.reason,
      bank: { bankName: r.bankName, accountMasked: r.bankAccountMasked, payeeName: r.payeeName },
      idNumberMasked: r.idNumberMasked,
      files,
      steps: steps.map((st) => ({
        step: st.step,
        decision: st.decision,
        actorName: st.actorName,
        orgName: st.orgName,
        at: st.at.toISOString(),
        comment: st.comment,
        amountFen: st.amountFen == null ? null : Number(st.amountFen),
      })),
      rejection: rejectionOf(r),
      batch: batch[0] ?? null,
      createdByName: r.createdByName,
    };
  });
}

/** A stored document of a case in the scope, or 404; viewing it is audited. */
export async function caseFile(ctx: Ctx, fileId: number, own?: { memberId: number }) {
  const [row] = await ctx.db
    .select({ file: assistanceFiles, c: assistanceCases })
    .from(assistanceFiles)
    .innerJoin(assistanceCases, eq(assistanceCases.id, assistanceFiles.caseId))
    .where(
      and(
        eq(assistanceFiles.id, fileId),
        own ? eq(assistanceCases.memberId, own.memberId) : inScope(assistanceCases.orgPath, ctx.scope),
      ),
    );
  if (!row) throw new AppError('assistance/file_not_found');
  if (!own) {
    await audit(ctx, {
      action: 'assistance.file_view',
      targetType: 'assistance_case',
      targetId: row.c.id,
      targetName: row.c.caseNo,
      orgPath: row.c.orgPath,
      details: { fileName: row.file.fileName },
    });
  }
  return row.file;
}

/** The cases of one member (the portal), newest first. */
export function memberCases(db: DbOrTx, memberId: number, ids?: number[]) {
  return db
    .select()
    .from(assistanceCases)
    .where(and(eq(assistanceCases.memberId, memberId), ids ? inArray(assistanceCases.id, ids) : undefined))
    .orderBy(desc(assistanceCases.id));
}
