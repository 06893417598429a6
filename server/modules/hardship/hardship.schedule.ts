/**
 * The scheduled review reminder (年度复核提醒): every active file whose next review falls within 30 days
 * (or has passed) is told to its union's welfare.manage staff, once per file per month — the dedupe
 * key `hardship.review_due:<file>:<YYYY-MM>` keeps repeated runs and several servers from telling twice.
 */
import { and, asc, eq, lte } from 'drizzle-orm';
import { hardshipLevels } from '../../../shared/schemas/hardship';
import type { DbOrTx } from '../../db/client';
import { chinaDate } from '../../lib/dates';
import { type JobLog, runPeriodically } from '../../lib/periodic';
import { members } from '../members/members.tables';
import { notifyEach } from '../notifications/notifications.service';
import { dueBy } from './hardship.queries';
import { hardshipFiles } from './hardship.tables';

export interface ReviewCheckResult {
  /** Files due (told now or earlier this month). */
  due: number;
}

/** Tells each union about its files due for review on `now`. */
export async function checkHardshipReviews(db: DbOrTx, now: Date): Promise<ReviewCheckResult> {
  const today = chinaDate(now);
  const month = today.slice(0, 7);
  const due = await db
    .select({
      id: hardshipFiles.id,
      orgId: hardshipFiles.orgId,
      orgPath: hardshipFiles.orgPath,
      level: hardshipFiles.level,
      nextReviewOn: hardshipFiles.nextReviewOn,
      name: members.name,
    })
    .from(hardshipFiles)
    .innerJoin(members, eq(members.id, hardshipFiles.memberId))
    .where(and(eq(hardshipFiles.status, 'active'), lte(hardshipFiles.nextReviewOn, dueBy(today))))
    .orderBy(asc(hardshipFiles.id));
  await db.transaction((tx) =>
    notifyEach(
      tx,
      due.map((f) => {
        const overdue = (f.nextReviewOn ?? today) < today;
        return {
          org: { id: f.orgId, path: f.orgPath },
          permission: 'welfare.manage' as const,
          kind: 'hardship.review_due',
          title: `困难职工${f.name}的档案${overdue ? '已逾期未复核' : '即将到期复核'}`,
          body: `${f.name}（${hardshipLevels[f.level]}）的困难职工档案应于 ${f.nextReviewOn} 前完成年度复核，请核实家庭情况后登记复核结论。`,
          link: `/hardship?file=${f.id}`,
          dedupeKey: `hardship.review_due:${f.id}:${month}`,
          at: now,
        };
      }),
    ),
  );
  return { due: due.length };
}

/** Runs the review check 20 s after start and then hourly, like the work plans' schedule check. */
export function startHardshipReviewChecks(db: DbOrTx, log: JobLog): () => void {
  return runPeriodically('hardship review check', () => checkHardshipReviews(db, new Date()), log, {
    firstAfterMs: 20_000,
    intervalMs: 3_600_000,
  });
}
