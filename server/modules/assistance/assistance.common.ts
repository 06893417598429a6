/**
 * What every assistance service shares: who acts for which org, the county-level rule of approval, a step
 * written with its audit row in the caller's transaction, and telling the worker.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { grassrootsTypes, type OrgType } from '../../../shared/enums';
import {
  type AssistanceType,
  assistanceTypes,
  type StepDecision,
  type StepKind,
} from '../../../shared/schemas/assistance';
import type { Ctx, Scope } from '../../context';
import type { DbOrTx } from '../../db/client';
import { AppError } from '../../plugins/errors';
import { grantFor, pathIds } from '../../plugins/scope';
import { accounts } from '../accounts/accounts.tables';
import { audit } from '../audit/audit.service';
import { notifyAccount, notifyOrgs } from '../notifications/notifications.service';
import { orgs } from '../orgs/orgs.tables';
import { assistanceSteps } from './assistance.tables';

/** Org types whose staff may approve cases and own funds (县级以上). */
export const countyLevelTypes: readonly OrgType[] = ['city_federation', 'county_federation', 'industry_union'];

/** The org the actor acts for on a row at `path`: their nearest covering grant's org. */
export async function actingOrg(db: DbOrTx, scope: Scope, path: string) {
  const grant = grantFor(scope, path);
  if (!grant) return { orgId: null, orgName: null };
  const [org] = await db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, grant.orgId));
  return { orgId: grant.orgId, orgName: org?.name ?? null };
}

/** The approve scope narrowed to grants at county-level orgs (a grassroots union admin approves nothing). */
export async function countyApproveScope(db: DbOrTx, scope: Scope): Promise<Scope> {
  if (scope.grants.length === 0) return { ...scope, paths: [], grants: [] };
  const ids = [...new Set(scope.grants.map((g) => g.orgId))];
  const rows = await db.select({ id: orgs.id, type: orgs.type }).from(orgs).where(inArray(orgs.id, ids));
  const county = new Set(rows.filter((r) => countyLevelTypes.includes(r.type)).map((r) => r.id));
  const grants = scope.grants.filter((g) => county.has(g.orgId));
  const paths = [...new Set(grants.map((g) => g.orgPath))]
    .sort((a, b) => a.length - b.length)
    .filter((p, i, all) => !all.slice(0, i).some((q) => p.startsWith(q)));
  return { permission: scope.permission, paths, grants };
}

export interface StepInput {
  caseId: number;
  caseNo: string;
  orgPath: string;
  memberName: string;
  step: StepKind;
  decision: StepDecision;
  comment?: string | null;
  amountFen?: number | null;
  batchId?: number | null;
  org: { orgId: number | null; orgName: string | null };
  details?: Record<string, unknown>;
}

const stepActions = {
  apply: 'assistance.apply',
  review: 'assistance.review',
  approve: 'assistance.approve',
  withdraw: 'assistance.withdraw',
  batch: 'assistance.batch_create',
  unbatch: 'assistance.batch_cancel',
  pay: 'assistance.batch_confirm',
} as const;

/** Writes one step of a case and its audit row, in the caller's transaction. */
export async function recordStep(ctx: Ctx, tx: DbOrTx, s: StepInput) {
  await tx.insert(assistanceSteps).values({
    caseId: s.caseId,
    step: s.step,
    decision: s.decision,
    actorId: ctx.actor.accountId,
    actorName: ctx.actor.displayName,
    orgId: s.org.orgId,
    orgName: s.org.orgName,
    comment: s.comment || null,
    amountFen: s.amountFen ?? null,
    batchId: s.batchId ?? null,
    at: ctx.now,
  });
  await audit(
    { ...ctx, db: tx },
    {
      action: stepActions[s.step],
      targetType: 'assistance_case',
      targetId: s.caseId,
      targetName: `${s.caseNo} ${s.memberName}`,
      orgPath: s.orgPath,
      details: { caseNo: s.caseNo, decision: s.decision, comment: s.comment || null, ...s.details },
    },
  );
}

/** Tells the member's own account (if the member has one) about their case. */
export async function notifyWorker(
  ctx: Ctx,
  tx: DbOrTx,
  c: { id: number; memberId: number; type: AssistanceType },
  kind: 'rejected' | 'approved' | 'paid',
  body: string,
) {
  const [account] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.memberId, c.memberId));
  if (!account) return;
  const titles = { rejected: '帮扶申请未通过', approved: '帮扶申请已批准', paid: '帮扶资金已发放' };
  await notifyAccount(tx, account.id, {
    kind: `assistance.${kind}`,
    title: `${assistanceTypes[c.type]}：${titles[kind]}`,
    body,
    link: `/m/assistance/${c.id}`,
    at: ctx.now,
    dedupeKey: `assistance.${kind}:${c.id}`,
  });
}

/**
 * Tells the staff who act next: the grassroots union above the case's org (review) or the nearest
 * county-level federation above it (approval), whoever holds the permission there.
 */
export async function notifyNextStep(
  ctx: Ctx,
  tx: DbOrTx,
  c: { id: number; caseNo: string; orgPath: string; memberName: string },
  next: 'review' | 'approve',
) {
  const ids = pathIds(c.orgPath);
  const types = next === 'review' ? grassrootsTypes : countyLevelTypes;
  const [org] = await tx
    .select({ id: orgs.id, path: orgs.path })
    .from(orgs)
    .where(and(inArray(orgs.id, ids), inArray(orgs.type, [...types])))
    .orderBy(sql`${orgs.depth} desc`)
    .limit(1);
  if (!org) return;
  await notifyOrgs(tx, [org], {
    kind: `assistance.${next}`,
    title: next === 'review' ? '有帮扶申请待审核' : '有帮扶申请待审批',
    body: `${c.memberName}的帮扶申请（${c.caseNo}）${next === 'review' ? '待基层工会审核' : '已通过基层审核，待县级审批'}`,
    link: `/assistance?status=${next === 'review' ? 'submitted' : 'reviewed'}`,
    at: ctx.now,
    permission: next === 'review' ? 'assistance.review' : 'assistance.approve',
    dedupeKey: () => `assistance.${next}:${c.id}`,
  });
}

/** Refuses when the actor already took part in the case (maker ≠ checker). */
export function differentPerson(ctx: Ctx, ...accountIds: (number | null | undefined)[]) {
  if (accountIds.some((id) => id != null && id === ctx.actor.accountId)) throw new AppError('assistance/same_person');
}
