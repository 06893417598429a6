import { and, asc, count, eq, gt, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { genders, memberStatuses, workerCategories } from '../../../shared/memberEnums';
import type { memberListQuery } from '../../../shared/schemas/members';
import type { Ctx } from '../../context';
import { chinaDate } from '../../lib/dates';
import { decryptField } from '../../lib/pii';
import { safeCellText } from '../../lib/xlsx/cells';
import { type SheetColumn, streamSheet } from '../../lib/xlsx/streamSheet';
import { inScope, pathInScope, scopeFor } from '../../plugins/scope';
import { audit } from '../audit/audit.service';
import { orgs } from '../orgs/orgs.tables';
import { maskedQuery, memberFilter } from './members.queries';
import { members } from './members.tables';

const batchSize = 2000;

const columns: SheetColumn[] = [
  { header: '姓名', key: 'name', width: 12 },
  { header: '性别', key: 'gender', width: 6 },
  { header: '民族', key: 'ethnicity', width: 8 },
  { header: '出生日期', key: 'birthDate', width: 12 },
  { header: '身份证号', key: 'idNumber', width: 22, text: true },
  { header: '手机号', key: 'mobile', width: 15, text: true },
  { header: '学历', key: 'education', width: 10 },
  { header: '政治面貌', key: 'politicalStatus', width: 12 },
  { header: '工作单位', key: 'employerName', width: 28 },
  { header: '单位统一社会信用代码', key: 'employerCreditCode', width: 22, text: true },
  { header: '职务', key: 'position', width: 12 },
  { header: '职工类别', key: 'workerCategory', width: 12 },
  { header: '所属工会', key: 'union', width: 30 },
  { header: '会员状态', key: 'status', width: 8 },
  { header: '入会日期', key: 'joinedDate', width: 12 },
  { header: '会员卡号', key: 'cardNo', width: 15, text: true },
];

/**
 * Streams the filtered roster as .xlsx, reading it in keyset batches so memory stays flat at any size.
 * ID and mobile numbers are masked unless the exporter may reveal them for that member's union. The
 * export is audited (filters, row count, whether numbers were revealed) before the first byte is sent,
 * and bad filters answer as errors before any download starts.
 */
export async function exportMembers(ctx: Ctx, query: z.output<typeof memberListQuery>) {
  const today = chinaDate(ctx.now);
  const filter = await memberFilter(ctx.db, ctx.scope, query, ctx.pii, today);
  const revealScope = scopeFor(ctx.actor, 'members.reveal');
  const [tally] = await ctx.db
    .select({
      rows: count(),
      revealed: revealScope.paths.length
        ? sql<number>`count(*) filter (where ${inScope(members.orgPath, revealScope)})`
        : sql<number>`0`,
    })
    .from(members)
    .where(filter);
  const { cursor: _c, limit: _l, q, ...rest } = query;
  await audit(ctx, {
    action: 'members.export',
    targetType: 'member',
    orgPath: ctx.actor.orgPath,
    details: {
      filters: q ? { ...rest, q: maskedQuery(q) } : rest,
      results: Number(tally?.rows ?? 0),
      revealed: Number(tally?.revealed ?? 0),
    },
  });

  async function* rows() {
    let lastId = 0;
    for (;;) {
      const batch = await ctx.db
        .select({ member: members, union: orgs.name })
        .from(members)
        .innerJoin(orgs, eq(orgs.id, members.orgId))
        .where(and(filter, gt(members.id, lastId)))
        .orderBy(asc(members.id))
        .limit(batchSize);
      yield batch.map(({ member: m, union }) => {
        const reveal = pathInScope(m.orgPath, revealScope);
        return {
          name: safeCellText(m.name),
          gender: genders[m.gender],
          ethnicity: m.ethnicity,
          birthDate: m.birthDate,
          idNumber: reveal ? decryptField(ctx.pii, m.idNumberEnc) : m.idNumberMasked,
          mobile: reveal && m.mobileEnc ? decryptField(ctx.pii, m.mobileEnc) : (m.mobileMasked ?? ''),
          education: m.education ?? '',
          politicalStatus: m.politicalStatus ?? '',
          employerName: safeCellText(m.employerName),
          employerCreditCode: m.employerCreditCode ?? '',
          position: safeCellText(m.position),
          workerCategory: workerCategories[m.workerCategory],
          union: safeCellText(union),
          status: memberStatuses[m.status],
          joinedDate: m.joinedDate,
          cardNo: m.cardNo,
        };
      });
      const last = batch.at(-1);
      if (!last || batch.length < batchSize) return;
      lastId = last.member.id;
    }
  }
  return streamSheet('会员名册', columns, rows());
}
