import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type AssistanceType,
  type Channel,
  type createCaseFields,
  grantedStatuses,
  maxCaseFileBytes,
  maxCaseFiles,
  openStatuses,
  type reviewCaseBody,
} from '../../../shared/schemas/assistance';
import { maskIdNumber } from '../../../shared/validators/idNumber';
import type { Ctx } from '../../context';
import type { DbOrTx } from '../../db/client';
import { chinaDate } from '../../lib/dates';
import { decryptField, encryptField } from '../../lib/pii';
import { fileMime, storedFileRow, type UploadedFile } from '../../lib/uploads';
import { AppError } from '../../plugins/errors';
import { audit } from '../audit/audit.service';
import { getMemberInScope } from '../members/members.queries';
import { members } from '../members/members.tables';
import { orgs } from '../orgs/orgs.tables';
import { actingOrg, differentPerson, notifyNextStep, notifyWorker, recordStep } from './assistance.common';
import { getCaseInScope } from './assistance.queries';
import { assistanceCases, assistanceFiles } from './assistance.tables';

/** A bank account as lists show it: the last four digits. */
export function maskBankAccount(account: string): string {
  return `**** **** ${account.slice(-4)}`;
}

/** The files of an application, typed by their first bytes; bad ones refused before anything is written. */
export function typedFiles(files: UploadedFile[]) {
  if (files.length > maxCaseFiles) throw new AppError('assistance/too_many_files');
  return files.map((f) => {
    if (f.content.length > maxCaseFileBytes) throw new AppError('assistance/file_too_large');
    const mime = fileMime(f);
    if (!mime || f.content.length === 0) {
      throw new AppError(
        'assistance/file_invalid',
        { fileName: f.fileName },
        `“${f.fileName}”不是支持的格式，请上传照片（JPG、PNG、HEIC）或 PDF`,
      );
    }
    return { ...f, mime };
  });
}

/**
 * Refuses at once when the member already has this type granted this year, or an open application of it.
 * Two applications racing past this check are possible (a worker and a cadre at the same moment); the
 * payment itself is guarded by the database (assistance_cases_granted_uq), so only one can ever be granted.
 */
async function checkNoDuplicate(db: DbOrTx, memberId: number, type: AssistanceType, period: number) {
  const rows = await db
    .select({ id: assistanceCases.id, status: assistanceCases.status })
    .from(assistanceCases)
    .where(
      and(
        eq(assistanceCases.memberId, memberId),
        eq(assistanceCases.type, type),
        eq(assistanceCases.period, period),
        inArray(assistanceCases.status, [...grantedStatuses, ...openStatuses]),
      ),
    );
  const granted = rows.find((r) => (grantedStatuses as readonly string[]).includes(r.status));
  if (granted) throw new AppError('assistance/duplicate_payment', { caseId: granted.id });
  const open = rows[0];
  if (open) throw new AppError('assistance/duplicate_application', { caseId: open.id });
}

export interface ApplyInput {
  member: { id: number; name: string; orgId: number; orgPath: string; status: string };
  type: AssistanceType;
  amountRequestedFen: number;
  reason: string;
  bankName: string;
  bankAccount: string;
  payeeName: string;
  coveredPeople?: number;
  channel: Channel;
}

/** Records an application with its files and first step; tells the union's reviewers. */
export async function insertCase(ctx: Ctx, input: ApplyInput, files: UploadedFile[]) {
  const typed = typedFiles(files);
  const { member } = input;
  if (member.status !== 'active') throw new AppError('assistance/member_not_active');
  const period = Number(chinaDate(ctx.now).slice(0, 4));
  await checkNoDuplicate(ctx.db, member.id, input.type, period);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(assistanceCases)
      .values({
        caseNo: sql`'BF' || ${period}::text || '-' || lpad(nextval('assistance_case_no_seq')::text, 6, '0')`,
        memberId: member.id,
        orgId: member.orgId,
        orgPath: member.orgPath,
        type: input.type,
        period,
        channel: input.channel,
        status: 'submitted',
        amountRequestedFen: input.amountRequestedFen,
        coveredPeople: input.coveredPeople ?? 1,
        reason: input.reason,
        bankName: input.bankName,
        bankAccountEnc: encryptField(ctx.pii, input.bankAccount),
        bankAccountMasked: maskBankAccount(input.bankAccount),
        payeeName: input.payeeName,
        createdBy: ctx.actor.accountId,
        createdByName: ctx.actor.displayName,
        submittedAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning({ id: assistanceCases.id, caseNo: assistanceCases.caseNo });
    if (!row) throw new Error('insert returned no row');
    if (typed.length) {
      await tx.insert(assistanceFiles).values(typed.map((f) => ({ caseId: row.id, ...storedFileRow(f, ctx.now) })));
    }
    const org =
      input.channel === 'portal' ? await unionOf(tx, member.orgId) : await actingOrg(tx, ctx.scope, member.orgPath);
    const c = { id: row.id, caseNo: row.caseNo, orgPath: member.orgPath, memberName: member.name };
    await recordStep(ctx, tx, {
      caseId: row.id,
      caseNo: row.caseNo,
      orgPath: member.orgPath,
      memberName: member.name,
      step: 'apply',
      decision: 'submit',
      amountFen: input.amountRequestedFen,
      org,
      details: {
        memberId: member.id,
        assistanceType: input.type,
        period,
        amountRequestedFen: input.amountRequestedFen,
        bankAccount: maskBankAccount(input.bankAccount),
        fileCount: typed.length,
      },
    });
    await notifyNextStep(ctx, tx, c, 'review');
    return row;
  });
}

async function unionOf(db: DbOrTx, orgId: number) {
  const [row] = await db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, orgId));
  return { orgId, orgName: row?.name ?? null };
}

/** A cadre's application for a member of their welfare.manage scope (else 404, like a missing member). */
export async function applyForMember(ctx: Ctx, input: z.output<typeof createCaseFields>, files: UploadedFile[]) {
  const member = await getMemberInScope(ctx.db, ctx.scope, input.memberId).catch((err: unknown) => {
    if (err instanceof AppError && err.id === 'members/not_found') throw new AppError('assistance/member_not_found');
    throw err;
  });
  return insertCase(
    ctx,
    {
      member,
      type: input.type,
      amountRequestedFen: input.amountRequestedFen,
      reason: input.reason,
      bankName: input.bankName,
      bankAccount: input.bankAccount,
      payeeName: input.payeeName ?? member.name,
      coveredPeople: input.coveredPeople,
      channel: 'cadre',
    },
    files,
  );
}

/** Grassroots review: pass to the county, or reject with a reason the worker reads. */
export async function reviewCase(ctx: Ctx, id: number, input: z.output<typeof reviewCaseBody>) {
  if (input.decision === 'reject' && !input.comment) throw new AppError('assistance/reason_required');
  return ctx.db.transaction(async (tx) => {
    const c = await getCaseInScope(tx, ctx.scope, id);
    if (c.status !== 'submitted') throw new AppError('assistance/already_decided');
    differentPerson(ctx, c.createdBy);
    const pass = input.decision === 'pass';
    const [row] = await tx
      .update(assistanceCases)
      .set({
        status: pass ? 'reviewed' : 'rejected',
        reviewedBy: ctx.actor.accountId,
        reviewedAt: ctx.now,
        ...(pass ? {} : { rejectedStep: 'review' as const, rejectReason: input.comment }),
        updatedAt: ctx.now,
      })
      .where(and(eq(assistanceCases.id, id), eq(assistanceCases.status, 'submitted')))
      .returning({ id: assistanceCases.id });
    if (!row) throw new AppError('assistance/already_decided');
    await recordStep(ctx, tx, {
      caseId: c.id,
      caseNo: c.caseNo,
      orgPath: c.orgPath,
      memberName: c.memberName,
      step: 'review',
      decision: pass ? 'pass' : 'reject',
      comment: input.comment,
      org: await actingOrg(tx, ctx.scope, c.orgPath),
    });
    if (pass) await notifyNextStep(ctx, tx, c, 'approve');
    else await notifyWorker(ctx, tx, c, 'rejected', `未通过基层工会审核，理由：${input.comment}`);
    return c.id;
  });
}

/** The worker withdraws their own application while it waits for review or approval. */
export async function withdrawCase(
  ctx: Ctx,
  c: { id: number; caseNo: string; orgPath: string; memberName: string; orgId: number; orgName: string },
) {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(assistanceCases)
      .set({ status: 'withdrawn', updatedAt: ctx.now })
      .where(and(eq(assistanceCases.id, c.id), inArray(assistanceCases.status, [...openStatuses])))
      .returning({ id: assistanceCases.id });
    if (!row) throw new AppError('assistance/wrong_status', {}, '该申请已审批完毕，不能撤回');
    await recordStep(ctx, tx, {
      caseId: c.id,
      caseNo: c.caseNo,
      orgPath: c.orgPath,
      memberName: c.memberName,
      step: 'withdraw',
      decision: 'withdraw',
      org: { orgId: c.orgId, orgName: c.orgName },
    });
    return c.id;
  });
}

/** The full ID number (from the member's record) or bank account of a case; audited. */
export async function revealCaseField(ctx: Ctx, id: number, field: 'idNumber' | 'bankAccount') {
  return ctx.db.transaction(async (tx) => {
    const c = await getCaseInScope(tx, ctx.scope, id);
    let value: string;
    if (field === 'bankAccount') value = decryptField(ctx.pii, c.bankAccountEnc);
    else {
      const [m] = await tx.select({ enc: members.idNumberEnc }).from(members).where(eq(members.id, c.memberId));
      value = m ? decryptField(ctx.pii, m.enc) : '';
    }
    await audit(
      { ...ctx, db: tx },
      {
        action: 'assistance.reveal',
        targetType: 'assistance_case',
        targetId: c.id,
        targetName: `${c.caseNo} ${c.memberName}`,
        orgPath: c.orgPath,
        details: { field, ...(field === 'idNumber' ? { idNumber: maskIdNumber(value) } : {}) },
      },
    );
    return { field, value };
  });
}
