/**
 * A batch's roster (.xlsx) for the travel agency and the unions: mobile numbers masked unless the
 * exporter holds members.reveal over the member's union; text cells guarded against formula injection.
 * Audited before the file is built.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { genders } from '../../../shared/memberEnums';
import { fenToYuanText } from '../../../shared/money';
import {
  type ApplicationStatus,
  applicationChannels,
  applicationStatuses,
  seatStatuses,
} from '../../../shared/schemas/recuperation';
import type { Ctx } from '../../context';
import { decryptField } from '../../lib/pii';
import { safeCellText } from '../../lib/xlsx/cells';
import ExcelJS from '../../lib/xlsx/exceljs';
import { pathInScope, scopeFor } from '../../plugins/scope';
import { audit } from '../audit/audit.service';
import { members } from '../members/members.tables';
import { orgs } from '../orgs/orgs.tables';
import { visibleBatch } from './recuperation.programmes';
import { applicationsVisible } from './recuperation.queries';
import { recupApplications } from './recuperation.tables';

const columns = [
  { header: '序号', key: 'n', width: 6 },
  { header: '姓名', key: 'name', width: 12 },
  { header: '性别', key: 'gender', width: 6 },
  { header: '所属工会', key: 'union', width: 34 },
  { header: '手机号', key: 'mobile', width: 15, text: true },
  { header: '报名方式', key: 'channel', width: 10 },
  { header: '一线职工', key: 'frontLine', width: 9 },
  { header: '荣誉称号', key: 'honour', width: 16 },
  { header: '状态', key: 'status', width: 8 },
  { header: '备注', key: 'note', width: 24 },
];

/** Builds the roster of a batch (the seat holders, or one status) as an .xlsx buffer. */
export async function exportRoster(ctx: Ctx, batchId: number, status?: ApplicationStatus) {
  const { batch, programme } = await visibleBatch(ctx, ctx.db, batchId);
  const statuses = status ? [status] : [...seatStatuses];
  const rows = await ctx.db
    .select({ a: recupApplications, m: members, union: orgs.name })
    .from(recupApplications)
    .innerJoin(members, eq(members.id, recupApplications.memberId))
    .innerJoin(orgs, eq(orgs.id, recupApplications.orgId))
    .where(
      and(
        eq(recupApplications.batchId, batchId),
        inArray(recupApplications.status, statuses),
        applicationsVisible(scopeFor(ctx.actor, 'welfare.read')),
      ),
    )
    .orderBy(asc(recupApplications.orgPath), asc(recupApplications.id));
  const reveal = scopeFor(ctx.actor, 'members.reveal');
  const revealed = rows.filter((r) => r.m.mobileEnc && pathInScope(r.m.orgPath, reveal)).length;
  await audit(ctx, {
    action: 'recuperation.export',
    targetType: 'recup_batch',
    targetId: batchId,
    targetName: `${programme.title} ${batch.name}`,
    orgPath: programme.orgPath,
    details: { batchId, status: status ?? null, results: rows.length, revealed },
  });

  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('疗休养名单', { views: [{ state: 'frozen', ySplit: 3 }] });
  sheet.mergeCells(1, 1, 1, columns.length);
  sheet.getCell(1, 1).value = safeCellText(`${programme.title} ${batch.name} 人员名单`);
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.mergeCells(2, 1, 2, columns.length);
  sheet.getCell(2, 1).value = safeCellText(
    `${batch.startDate} 至 ${batch.endDate} · ${batch.destination}${batch.theme ? `（${batch.theme}）` : ''} · 每人 ${fenToYuanText(batch.costFen)} 元 · 共 ${rows.length} 人`,
  );
  const header = sheet.getRow(3);
  columns.forEach((c, i) => {
    header.getCell(i + 1).value = c.header;
    sheet.getColumn(i + 1).width = c.width;
    if (c.text) sheet.getColumn(i + 1).numFmt = '@';
  });
  header.font = { bold: true };
  rows.forEach((r, i) => {
    const full = r.m.mobileEnc && pathInScope(r.m.orgPath, reveal) ? decryptField(ctx.pii, r.m.mobileEnc) : null;
    sheet.addRow([
      i + 1,
      safeCellText(r.m.name),
      genders[r.m.gender],
      safeCellText(r.union),
      full ?? r.m.mobileMasked ?? '',
      applicationChannels[r.a.channel],
      r.a.frontLine ? '是' : '否',
      safeCellText(r.a.honour),
      applicationStatuses[r.a.status],
      safeCellText(r.a.note),
    ]);
  });
  const buffer = Buffer.from(await book.xlsx.writeBuffer());
  return { buffer, fileName: `疗休养名单-${programme.title}-${batch.name}.xlsx` };
}
