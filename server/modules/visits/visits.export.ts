/** A campaign's visits (those the caller sees, optionally one org's subtree) as an .xlsx workbook. */
import { and, asc, eq, sql } from 'drizzle-orm';
import { campaignKinds, visitTargetKinds } from '../../../shared/schemas/visits';
import type { Ctx } from '../../context';
import { chinaDate } from '../../lib/dates';
import { safeCellText } from '../../lib/xlsx/cells';
import ExcelJS from '../../lib/xlsx/exceljs';
import { scopeFor } from '../../plugins/scope';
import { audit } from '../audit/audit.service';
import { orgs } from '../orgs/orgs.tables';
import { visibleCampaign } from './visits.campaigns';
import { visitFilter } from './visits.queries';
import { careVisitPhotos, careVisits } from './visits.tables';

const yuan = (fen: number) => Math.round(fen) / 100;
const moneyFormat = '#,##0.00';

/** Builds the workbook (sheet 走访慰问明细 plus a 汇总 row) and audits the export. */
export async function exportCampaignVisits(ctx: Ctx, campaignId: number, q: { orgId?: number }) {
  const campaign = await visibleCampaign(ctx, ctx.db, campaignId);
  const where = await visitFilter(ctx, { campaignId, orgId: q.orgId });
  const rows = await ctx.db
    .select({
      visit: careVisits,
      orgName: orgs.name,
      photos: sql<number>`(select count(*)::int from ${careVisitPhotos} where ${careVisitPhotos.visitId} = ${careVisits.id})`,
    })
    .from(careVisits)
    .innerJoin(orgs, eq(orgs.id, careVisits.orgId))
    .where(and(where))
    .orderBy(asc(careVisits.visitDate), asc(careVisits.id));

  const book = new ExcelJS.Workbook();
  book.creator = '智慧工会平台';
  const sheet = book.addWorksheet('走访慰问明细', { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.mergeCells(1, 1, 1, 12);
  sheet.getCell(1, 1).value = safeCellText(
    `${campaign.title}（${campaignKinds[campaign.kind]}，${campaign.startDate} 至 ${campaign.endDate}）走访慰问明细`,
  );
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  const columns = [
    { header: '序号', key: 'no', width: 6 },
    { header: '走访日期', key: 'date', width: 12 },
    { header: '走访单位', key: 'org', width: 28 },
    { header: '慰问对象类型', key: 'kind', width: 12 },
    { header: '慰问对象', key: 'target', width: 30 },
    { header: '所在单位', key: 'employer', width: 28 },
    { header: '慰问人数', key: 'workers', width: 10 },
    { header: '慰问物资', key: 'goods', width: 30 },
    { header: '物资价值（元）', key: 'goodsYuan', width: 14 },
    { header: '慰问金（元）', key: 'cashYuan', width: 14 },
    { header: '合计（元）', key: 'totalYuan', width: 14 },
    { header: '照片数', key: 'photos', width: 8 },
    { header: '登记人', key: 'createdBy', width: 12 },
    { header: '走访情况', key: 'narrative', width: 40 },
  ];
  sheet.getRow(2).values = columns.map((c) => c.header);
  sheet.getRow(2).font = { bold: true };
  columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = c.width;
  });
  let workers = 0;
  let goods = 0;
  let cash = 0;
  rows.forEach(({ visit: v, orgName, photos }, i) => {
    workers += v.workersReached;
    goods += v.goodsFen;
    cash += v.cashFen;
    const row = sheet.addRow([
      i + 1,
      v.visitDate,
      safeCellText(orgName),
      visitTargetKinds[v.targetKind],
      safeCellText(v.targetName),
      safeCellText(v.employerName),
      v.workersReached,
      safeCellText(v.goods),
      yuan(v.goodsFen),
      yuan(v.cashFen),
      yuan(v.goodsFen + v.cashFen),
      Number(photos),
      safeCellText(v.createdByName),
      safeCellText(v.narrative),
    ]);
    for (const col of [9, 10, 11]) row.getCell(col).numFmt = moneyFormat;
  });
  const sum = sheet.addRow([
    '合计',
    '',
    '',
    '',
    `${rows.length} 条`,
    '',
    workers,
    '',
    yuan(goods),
    yuan(cash),
    yuan(goods + cash),
  ]);
  sum.font = { bold: true };
  for (const col of [9, 10, 11]) sum.getCell(col).numFmt = moneyFormat;

  await audit(
    { ...ctx, scope: scopeFor(ctx.actor, 'welfare.read') },
    {
      action: 'visits.export',
      targetType: 'care_campaign',
      targetId: campaign.id,
      targetName: campaign.title,
      orgPath: ctx.actor.orgPath,
      details: { filters: q.orgId ? { orgId: q.orgId } : {}, results: rows.length },
    },
  );
  const content = Buffer.from(await book.xlsx.writeBuffer());
  return { fileName: `${campaign.title}走访慰问明细_${chinaDate(ctx.now)}.xlsx`, content };
}
