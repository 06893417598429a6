/**
 * A unit's share of a target (分解): the issuer's allotment, else an even share among the issuer's direct
 * assignees — whole numbers for counted units — and what an org may split among its children.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { workplanAllotments, workplanAssignments, type workplanTargets } from './workplans.tables';

type TargetRow = typeof workplanTargets.$inferSelect;

/** Each org's place among `orgIds` in id order. */
export function rankById(orgIds: number[]): Map<number, number> {
  return new Map([...orgIds].sort((a, b) => a - b).map((id, i) => [id, i]));
}

/** Units counted in fractions: an even share of them stays a fraction. */
const fractionalUnits: ReadonlySet<string> = new Set(['万元', '元', '%']);

/**
 * An org's even share of a target shared among `count` direct assignees, the org being `rank`-th of
 * them in id order. Whole things (场次, 名, 家 …) are shared in whole numbers, the remainder one each to
 * the first orgs, so the shares add up to the target (10 talks among 7 districts: 2, 2, 2, 1, 1, 1, 1).
 */
export function evenShare(target: { value: number; unit: string }, count: number, rank: number): number {
  if (count <= 0 || rank < 0) return 0;
  if (fractionalUnits.has(target.unit) || !Number.isInteger(target.value)) return target.value / count;
  const base = Math.floor(target.value / count);
  return base + (rank < target.value - base * count ? 1 : 0);
}

/**
 * An org's share of a target, as its cell shows it: its allotment, else its even share when the issuer
 * allotted none and the org is one of the issuer's direct assignees; null when it carries no share.
 */
export async function shareOf(db: DbOrTx, target: TargetRow, orgId: number): Promise<number | null> {
  const allotments = await db
    .select({
      orgId: workplanAllotments.orgId,
      value: workplanAllotments.value,
      parentOrgId: workplanAllotments.parentOrgId,
    })
    .from(workplanAllotments)
    .where(eq(workplanAllotments.targetId, target.id));
  const own = allotments.find((a) => a.orgId === orgId);
  if (own) return own.value;
  if (allotments.some((a) => a.parentOrgId === null)) return null;
  const direct = await db
    .select({ orgId: workplanAssignments.orgId })
    .from(workplanAssignments)
    .where(and(eq(workplanAssignments.taskId, target.taskId), isNull(workplanAssignments.parentOrgId)));
  const ranks = rankById(direct.map((a) => a.orgId));
  return ranks.has(orgId) ? evenShare(target, ranks.size, ranks.get(orgId) as number) : null;
}
