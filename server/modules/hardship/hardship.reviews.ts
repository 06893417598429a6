/**
 * The life of a file after filing: annual reviews (年度复核: keep the level, change it, or resolve),
 * resolution (解困脱困, with date and reason) and the scanned consent form. Each is one transaction on
 * the locked file, with history and audit.
 */
import { createHash } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { resolveBody } from '../../../shared/schemas/hardship';
import { resolveReasons, type reviewBody } from '../../../shared/schemas/hardship';
import type { Ctx } from '../../context';
import { chinaDate } from '../../lib/dates';
import { fileMime, type UploadedFile } from '../../lib/uploads';
import { AppError } from '../../plugins/errors';
import { inScope } from '../../plugins/scope';
import { audit } from '../audit/audit.service';
import { type FileWithNames, getFileInScope, nextYear } from './hardship.queries';
import { recordFileChange } from './hardship.service';
import { hardshipConsents, hardshipFiles, hardshipReviews } from './hardship.tables';

type ReviewInput = z.output<typeof reviewBody>;
type ResolveInput = z.output<typeof resolveBody>;

const invalidDate = (field: string, message: string) =>
  new AppError('hardship/invalid_date', [{ field, message }], message);

/** A resolution's date must lie between the filing date (or the last review) and today. */
function checkEventDate(file: FileWithNames, date: string, lastReview: string | null, field: string, today: string) {
  if (date > today) throw invalidDate(field, '日期不能晚于今天');
  if (date < file.filedOn) throw invalidDate(field, `日期不能早于建档日期 ${file.filedOn}`);
  if (lastReview && date < lastReview) throw invalidDate(field, `日期不能早于上次复核日期 ${lastReview}`);
}

function checkReason(reason: string | undefined, note: string | undefined) {
  if (!reason) throw new AppError('hardship/reason_required');
  if (reason === 'other' && !note) {
    throw new AppError(
      'hardship/reason_required',
      [{ field: 'reasonNote', message: '请填写具体原因' }],
      '原因为“其他”时请填写具体原因',
    );
  }
}

async function lastReviewDate(ctx: Ctx, fileId: number) {
  const [last] = await ctx.db
    .select({ on: hardshipReviews.reviewedOn })
    .from(hardshipReviews)
    .where(eq(hardshipReviews.fileId, fileId))
    .orderBy(desc(hardshipReviews.reviewedOn))
    .limit(1);
  return last?.on ?? null;
}

/** Records an annual review; the next one is due a year after it (none once resolved). */
export async function recordReview(ctx: Ctx, id: number, input: ReviewInput) {
  const today = chinaDate(ctx.now);
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const file = await getFileInScope(tx, ctx.scope, id, { lock: true });
    if (file.status !== 'active') throw new AppError('hardship/resolved');
    checkEventDate(file, input.reviewedOn, await lastReviewDate(txCtx, id), 'reviewedOn', today);
    let levelAfter = file.level;
    if (input.outcome === 'change_level') {
      if (!input.level || input.level === file.level) throw new AppError('hardship/level_required');
      levelAfter = input.level;
    }
    if (input.outcome === 'resolve') checkReason(input.reason, input.reasonNote);
    const resolving = input.outcome === 'resolve';
    const [review] = await tx
      .insert(hardshipReviews)
      .values({
        fileId: id,
        orgPath: file.orgPath,
        reviewedOn: input.reviewedOn,
        outcome: input.outcome,
        levelBefore: file.level,
        levelAfter,
        comment: input.comment,
        reviewerId: ctx.actor.accountId,
        reviewerName: ctx.actor.displayName,
        createdAt: ctx.now,
      })
      .returning({ id: hardshipReviews.id });
    const next = resolving
      ? {
          status: 'resolved' as const,
          resolvedOn: input.reviewedOn,
          resolveReason: input.reason ?? null,
          resolveNote: input.reasonNote ?? null,
          nextReviewOn: null,
        }
      : { nextReviewOn: nextYear(input.reviewedOn) };
    await tx
      .update(hardshipFiles)
      .set({ level: levelAfter, ...next, updatedAt: ctx.now })
      .where(eq(hardshipFiles.id, id));
    const changes: Record<string, { before: unknown; after: unknown }> = {
      reviewedOn: { before: null, after: input.reviewedOn },
      outcome: { before: null, after: input.outcome },
      nextReviewOn: { before: file.nextReviewOn, after: next.nextReviewOn },
    };
    if (levelAfter !== file.level) changes.level = { before: file.level, after: levelAfter };
    if (resolving) {
      changes.status = { before: 'active', after: 'resolved' };
      changes.resolvedOn = { before: null, after: input.reviewedOn };
      changes.reason = { before: null, after: resolveReasons[input.reason ?? 'other'] };
      if (input.reasonNote) changes.note = { before: null, after: input.reasonNote };
    }
    changes.comment = { before: null, after: input.comment };
    await recordFileChange(txCtx, tx, file, 'hardship.review', changes, { details: { reviewId: review?.id } });
    return id;
  });
}

/** Closes a file as resolved (解困脱困) with its date and reason. */
export async function resolveFile(ctx: Ctx, id: number, input: ResolveInput) {
  const today = chinaDate(ctx.now);
  checkReason(input.reason, input.reasonNote);
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const file = await getFileInScope(tx, ctx.scope, id, { lock: true });
    if (file.status !== 'active') throw new AppError('hardship/resolved');
    checkEventDate(file, input.resolvedOn, await lastReviewDate(txCtx, id), 'resolvedOn', today);
    await tx
      .update(hardshipFiles)
      .set({
        status: 'resolved',
        resolvedOn: input.resolvedOn,
        resolveReason: input.reason,
        resolveNote: input.reasonNote ?? null,
        nextReviewOn: null,
        updatedAt: ctx.now,
      })
      .where(eq(hardshipFiles.id, id));
    await recordFileChange(txCtx, tx, file, 'hardship.resolve', {
      status: { before: 'active', after: 'resolved' },
      resolvedOn: { before: null, after: input.resolvedOn },
      reason: { before: null, after: resolveReasons[input.reason] },
      ...(input.reasonNote ? { note: { before: null, after: input.reasonNote } } : {}),
      nextReviewOn: { before: file.nextReviewOn, after: null },
    });
    return id;
  });
}

export const maxConsentFormBytes = 10 * 1024 * 1024;

/** Attaches the scanned consent form (a photo or PDF) to a consent that has none yet. */
export async function attachConsentForm(ctx: Ctx, consentId: number, file: UploadedFile | undefined) {
  if (!file) throw new AppError('files/invalid', {}, '请选择授权书的照片或 PDF 文件');
  const mime = fileMime(file);
  if (!mime || !(mime.startsWith('image/') || mime === 'application/pdf')) throw new AppError('files/invalid');
  return ctx.db.transaction(async (tx) => {
    const [consent] = await tx
      .select({ id: hardshipConsents.id, fileId: hardshipConsents.fileId, formName: hardshipConsents.formName })
      .from(hardshipConsents)
      .where(and(eq(hardshipConsents.id, consentId), inScope(hardshipConsents.orgPath, ctx.scope)))
      .for('update');
    if (!consent) throw new AppError('hardship/consent_not_found');
    if (consent.formName) throw new AppError('hardship/consent_form_exists');
    const target = await getFileInScope(tx, ctx.scope, consent.fileId, { lock: true });
    const [done] = await tx
      .update(hardshipConsents)
      .set({
        formName: file.fileName.slice(0, 200),
        formMime: mime,
        formSize: file.content.length,
        formSha256: createHash('sha256').update(file.content).digest('hex'),
        formContent: file.content,
      })
      .where(and(eq(hardshipConsents.id, consentId), isNull(hardshipConsents.formName)))
      .returning({ id: hardshipConsents.id });
    if (!done) throw new AppError('hardship/consent_form_exists');
    await recordFileChange(
      { ...ctx, db: tx },
      tx,
      target,
      'hardship.consent',
      {
        consentForm: { before: null, after: file.fileName.slice(0, 200) },
      },
      { details: { consentId } },
    );
    return { id: consentId };
  });
}

/** The scanned consent form, for a holder of welfare.sensitive over the union; the view is audited. */
export async function consentForm(ctx: Ctx, consentId: number) {
  const [row] = await ctx.db
    .select({
      fileId: hardshipConsents.fileId,
      orgPath: hardshipConsents.orgPath,
      name: hardshipConsents.formName,
      mime: hardshipConsents.formMime,
      content: hardshipConsents.formContent,
    })
    .from(hardshipConsents)
    .where(and(eq(hardshipConsents.id, consentId), inScope(hardshipConsents.orgPath, ctx.scope)));
  if (!row?.name || !row.mime || !row.content) throw new AppError('hardship/consent_not_found');
  await audit(ctx, {
    action: 'hardship.view_consent',
    targetType: 'hardship_file',
    targetId: row.fileId,
    orgPath: row.orgPath,
    details: { consentId, fileName: row.name },
  });
  return { fileName: row.name, mime: row.mime, content: row.content };
}
