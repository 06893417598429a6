/**
 * The bank's disbursement list (发放清单) of a batch: one row per case with the full ID and account numbers
 * the bank needs (as text cells, so Excel keeps every digit), amounts in yuan with two decimals from the
 * integer fen, and a total row. Producing it marks the batch exported and is audited with count and total.
 */
import { assistanceTypes } from '../../../shared/schemas/assistance';
import type { Ctx } from '../../context';
import { decryptField } from '../../lib/pii';
import { safeCellText } from '../../lib/xlsx/cells';
import ExcelJS from '../../lib/xlsx/exceljs';
import { batchCases, getBatchInScope, markExported } from './assistance.batches';

const columns = [
  { header: '序号', key: 'no', width: 6 },
  { header: '姓名', key: 'name', width: 12 },
  { header: '身份证号', key: 'idNumber', width: 22, text: true },
  { header: '开户银行', key: 'bankName', width: 24 },
  { header: '银行账号', key: 'account', width: 26, text: true },
  { header: '金额（元）', key: 'amount', width: 14 },
  { header: '帮扶类型', key: 'type', width: 10 },
  { header: '所属工会', key: 'union', width: 32 },
];

/** The .xlsx of a batch for the bank, and its file name; in one transaction with the export mark and audit. */
export async function exportBatchXlsx(ctx: Ctx, id: number) {
  return ctx.db.transaction(async (tx) => {
    const b = await getBatchInScope(tx, ctx.scope, id);
    await markExported(ctx, tx, b);
    const rows = await batchCases(tx, id);
    const book = new ExcelJS.Workbook();
    book.creator = '智慧工会平台';
    const sheet = book.addWorksheet('发放清单', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = columns.map(({ header, key, width, text }) => ({
      header,
      key,
      width,
      style: text ? { numFmt: '@' } : key === 'amount' ? { numFmt: '0.00' } : {},
    }));
    sheet.getRow(1).font = { bold: true };
    let totalFen = 0;
    rows.forEach(({ c, memberName, idNumberEnc, orgName }, i) => {
      const fen = Number(c.amountApprovedFen);
      totalFen += fen;
      sheet.addRow({
        no: i + 1,
        name: safeCellText(c.payeeName || memberName),
        idNumber: decryptField(ctx.pii, idNumberEnc),
        bankName: safeCellText(c.bankName),
        account: decryptField(ctx.pii, c.bankAccountEnc),
        amount: fen / 100,
        type: assistanceTypes[c.type],
        union: safeCellText(orgName),
      });
    });
    const total = sheet.addRow({ no: '合计', name: `${rows.length} 人`, amount: totalFen / 100 });
    total.font = { bold: true };
    const content = Buffer.from(await book.xlsx.writeBuffer());
    return { fileName: `帮扶资金发放清单-${b.batchNo}.xlsx`, content };
  });
}
