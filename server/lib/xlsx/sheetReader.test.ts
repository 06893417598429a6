import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CellValue, Worksheet } from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { zipOf } from '../../../test/fixtures/zip';
import { importTemplate } from '../../modules/members/imports/imports.workbooks';
import { zipDirectoryOf } from '../zip';
import ExcelJS from './exceljs';
import { readFirstSheet, type SheetRow, type SheetValue } from './sheetReader';
import { isDateFormatCode } from './sheetReader.parts';
import { SheetParser } from './sheetReader.sheet';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sheet-reader-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let fileCount = 0;

function tempFile(data: Buffer): string {
  const file = path.join(dir, `${++fileCount}.xlsx`);
  fs.writeFileSync(file, data);
  return file;
}

async function ours(file: string, chunkSize?: number): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  for await (const row of readFirstSheet(file, { chunkSize })) rows.push(row);
  return rows;
}

/** exceljs' value in this reader's terms: rich text joined, formulas as their cached result. */
function fromExceljs(value: CellValue | undefined): SheetValue {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return fromExceljs((value as { result?: CellValue }).result);
  if ('error' in value) return { error: value.error };
  if ('text' in value && typeof value.text === 'string') return value.text;
  return null;
}

/** The first worksheet as exceljs' streaming reader (the one the import used) sees it. */
async function theirs(file: string): Promise<SheetRow[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const rows: SheetRow[] = [];
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = row.values as CellValue[];
      rows.push({ rowNo: row.number, values: Array.from(values.slice(1), (v) => fromExceljs(v)) });
    }
    break;
  }
  return rows;
}

/** A workbook with one of every kind of cell the import meets, written by exceljs. */
async function everyKindOfCell(options: { date1904?: boolean; streamed?: boolean } = {}): Promise<Buffer> {
  const fill = (sheet: Worksheet) => {
    sheet.addRow(['姓名', 'A & B <c> "d" \'e\'', ' 前后空格 ', '换\n行', '']);
    const row = sheet.addRow([
      '张三',
      42,
      -3.25,
      0.1 + 0.2,
      1e21,
      320684198806152300,
      true,
      false,
      new Date(Date.UTC(2019, 2, 1)),
      new Date(Date.UTC(1988, 5, 15)),
      new Date(Date.UTC(2024, 0, 31)),
      new Date(Date.UTC(2024, 0, 31, 13, 45, 30)),
      { richText: [{ text: '富' }, { font: { bold: true }, text: '文本 & <b>' }] },
      { formula: '1+1', result: 2 },
      { formula: '"a"&"b"', result: 'a&b' },
      { error: '#N/A' },
      { text: '链接', hyperlink: 'https://example.com/?a=1&b=2' },
      12345.678,
    ] as CellValue[]);
    row.getCell(9).numFmt = 'yyyy-mm-dd';
    row.getCell(10).numFmt = 'mm-dd-yy'; // built-in 14
    row.getCell(11).numFmt = 'yyyy"年"m"月"d"日"';
    row.getCell(12).numFmt = 'yyyy/m/d h:mm:ss';
    row.getCell(18).numFmt = '#,##0.00"元"';
    // Gaps: cells at A, D and AB only; then a row number skipped.
    const gaps = sheet.getRow(3);
    gaps.getCell(1).value = '甲';
    gaps.getCell(4).value = 4;
    gaps.getCell(28).value = '远';
    gaps.commit();
    const later = sheet.getRow(6);
    later.getCell(1).value = '320684198806152312';
    later.getCell(1).numFmt = '@';
    later.getCell(3).numFmt = 'yyyy-mm-dd'; // formatted but empty: takes no place
    later.commit();
  };
  if (options.streamed) {
    const file = path.join(dir, `${++fileCount}-streamed.xlsx`);
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
    fill(book.addWorksheet('名册'));
    await book.commit();
    return fs.readFileSync(file);
  }
  const book = new ExcelJS.Workbook();
  if (options.date1904) book.properties.date1904 = true;
  fill(book.addWorksheet('名册'));
  book.addWorksheet('说明').addRow(['不读这一页']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('readFirstSheet against exceljs', () => {
  for (const [label, options] of [
    ['shared strings', {}],
    ['inline strings (streamed writer)', { streamed: true }],
    ['the 1904 date system', { date1904: true }],
  ] as const) {
    it(`reads every kind of cell as exceljs does: ${label}`, async () => {
      const file = tempFile(await everyKindOfCell(options));
      const rows = await ours(file);
      const expected = await theirs(file);
      // exceljs keeps only the last run of an inline rich-text string (its <t> handler restarts the value).
      if (options.streamed && expected[1]) expected[1].values[12] = '富文本 & <b>';
      expect(rows).toEqual(expected);
      expect(rows.map((r) => r.rowNo)).toEqual([1, 2, 3, 6]);
      const [header, values, gaps, later] = rows.map((r) => r.values);
      expect(header?.slice(0, 4)).toEqual(['姓名', 'A & B <c> "d" \'e\'', ' 前后空格 ', '换\n行']);
      expect(values?.slice(6, 17)).toEqual([
        true,
        false,
        new Date('2019-03-01T00:00:00Z'),
        new Date('1988-06-15T00:00:00Z'),
        new Date('2024-01-31T00:00:00Z'),
        new Date('2024-01-31T13:45:30Z'),
        '富文本 & <b>',
        2,
        'a&b',
        { error: '#N/A' },
        '链接',
      ]);
      expect(gaps).toHaveLength(28);
      expect([gaps?.[0], gaps?.[3], gaps?.[27], gaps?.[1]]).toEqual(['甲', 4, '远', null]);
      expect(later).toEqual(['320684198806152312']);
    });
  }

  it('gives the same rows when every tag is cut by a chunk boundary', async () => {
    const file = tempFile(await everyKindOfCell());
    expect(await ours(file, 64)).toEqual(await ours(file));
  });

  it('reads the import template as exceljs does', async () => {
    const file = tempFile(await importTemplate());
    const rows = await ours(file);
    expect(rows).toEqual(await theirs(file));
    expect(rows[1]?.values[0]).toBe('张建国');
  });

  it('reads a long roster of text IDs, serial numbers and date cells as exceljs does', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('会员名册');
    sheet.addRow(['姓名', '身份证号', '入会日期', '手机号码']);
    for (let i = 0; i < 3000; i++) {
      const row = sheet.addRow([`会员${i}`, `32068419880615${String(i).padStart(4, '0')}`, 43525 + i, 13800000000 + i]);
      if (i % 3 === 0) row.getCell(3).numFmt = 'yyyy-mm-dd';
    }
    const file = tempFile(Buffer.from(await book.xlsx.writeBuffer()));
    expect(await ours(file, 1000)).toEqual(await theirs(file));
  });
});

/** A package with a hand-written sheet, for what exceljs never writes. */
function handMade(sheetXml: string, extra: { sheetPath?: string; styles?: string; strings?: string } = {}): Buffer {
  const sheetPath = extra.sheetPath ?? 'worksheets/first.xml';
  const files: Record<string, string> = {
    '[Content_Types].xml': '<Types/>',
    'xl/workbook.xml':
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      '<sheets><sheet name="会员" sheetId="2" r:id="rId7"/><sheet name="旧" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
      `<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="${sheetPath}"/>` +
      '<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' +
      '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
      '</Relationships>',
    'xl/worksheets/sheet1.xml':
      '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>旧表</t></is></c></row></sheetData></worksheet>',
  };
  const resolved = sheetPath.startsWith('/') ? sheetPath.slice(1) : `xl/${sheetPath}`;
  files[resolved] = sheetXml;
  if (extra.styles) files['xl/styles.xml'] = extra.styles;
  if (extra.strings) files['xl/sharedStrings.xml'] = extra.strings;
  return zipOf(files);
}

const oddSheet =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<x:worksheet xmlns:x="main"><x:dimension ref="A1:C4"/>' +
  '<x:sheetData>\n  <x:row r="2" spans="1:3">' +
  '<x:c r="A2" t="inlineStr"><x:is><x:r><x:rPr><x:b/></x:rPr><x:t>王</x:t></x:r><x:r><x:t xml:space="preserve"> 小明 </x:t></x:r></x:is></x:c>' +
  '<x:c r="B2" t="s"><x:v>0</x:v></x:c><x:c r="C2" t="s"><x:v>1</x:v></x:c></x:row>' +
  '<x:row><x:c t="str"><x:f>A1</x:f><x:v>&#x4E2D;&#25991;&amp;lt;_x000D_</x:v></x:c><x:c><x:v>1.5E+3</x:v></x:c>' +
  '<x:c t="b"><x:f>TRUE()</x:f><x:v>1</x:v></x:c><x:c t="d"><x:v>2019-03-01T08:30:00</x:v></x:c>' +
  '<x:c s="1"><x:v>43525</x:v></x:c><x:c s="2"><x:v>43525</x:v></x:c><x:c s="3"><x:v>43525.5</x:v></x:c>' +
  '<x:c s="4"><x:v>43525</x:v></x:c><x:c><x:f>NOW()</x:f></x:c></x:row>' +
  '<!-- a comment with <row> in it --><x:row r="9"/>' +
  '<x:row r="10"><x:c r="A10" t="inlineStr"><x:is><x:t><![CDATA[<括号> & ]]>末尾</x:t></x:is></x:c>' +
  '<x:c r="B10" t="e"><x:v>#DIV/0!</x:v></x:c><x:c r="C10" t="inlineStr"><x:is><x:t>_x005F_x0041_</x:t></x:is></x:c></x:row>' +
  '</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A1:C1"/></x:mergeCells></x:worksheet>';
const oddStyles =
  '<styleSheet><numFmts count="2"><numFmt numFmtId="176" formatCode="[$-804]yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>' +
  '<numFmt numFmtId="177" formatCode="0.00_);[Red]\\(0.00\\)"/></numFmts>' +
  '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>' +
  '<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="31" applyNumberFormat="1"/><xf numFmtId="176"><alignment/></xf>' +
  '<xf numFmtId="57"/><xf numFmtId="177"/></cellXfs></styleSheet>';
const oddStrings =
  '<sst count="2" uniqueCount="2"><si><t>张伟</t><rPh sb="0" eb="2"><t>zhāng wěi</t></rPh><phoneticPr fontId="1"/></si>' +
  '<si><r><t>甲</t></r><r><rPr><sz val="11"/></rPr><t>乙&amp;丙</t></r></si></sst>';
const oddRows: SheetRow[] = [
  { rowNo: 2, values: ['王 小明 ', '张伟', '甲乙&丙'] },
  {
    rowNo: 3,
    values: [
      '中文&lt;\r',
      1500,
      true,
      new Date('2019-03-01T08:30:00Z'),
      new Date('2019-03-01T00:00:00Z'),
      new Date('2019-03-01T00:00:00Z'),
      new Date('2019-03-01T12:00:00Z'),
      43525,
      null,
    ],
  },
  { rowNo: 9, values: [] },
  { rowNo: 10, values: ['<括号> & 末尾', { error: '#DIV/0!' }, '_x0041_'] },
];

describe('readFirstSheet on files exceljs does not write', () => {
  it('reads the first tab when it is not sheet1.xml, with prefixes, rich and phonetic text, escapes, CDATA and Chinese date formats', async () => {
    const file = tempFile(
      handMade(oddSheet, { sheetPath: 'worksheets/roster.xml', styles: oddStyles, strings: oddStrings }),
    );
    expect(await ours(file)).toEqual(oddRows);
    expect(await ours(file, 64)).toEqual(oddRows);
  });

  it('resolves absolute relationship targets', async () => {
    const file = tempFile(
      handMade(oddSheet, { sheetPath: '/xl/sheets/first.xml', styles: oddStyles, strings: oddStrings }),
    );
    expect(await ours(file)).toEqual(oddRows);
  });

  it('gives the same rows for the sheet XML pushed in pieces of any size, as bytes or as text', () => {
    const context = {
      sharedStrings: ['张伟', '甲乙&丙'],
      dateStyles: [false, true, true, true, false],
      date1904: false,
    };
    const bytes = Buffer.from(oddSheet);
    for (const size of [1, 2, 3, 7, 13, 64]) {
      const parser = new SheetParser(context);
      const rows: SheetRow[] = [];
      for (let at = 0; at < bytes.length; at += size) rows.push(...parser.push(bytes.subarray(at, at + size)));
      rows.push(...parser.end());
      expect(rows, `${size}-byte pieces`).toEqual(oddRows);
    }
    const parser = new SheetParser(context);
    const rows: SheetRow[] = [];
    for (let at = 0; at < oddSheet.length; at += 5) rows.push(...parser.push(oddSheet.slice(at, at + 5)));
    expect([...rows, ...parser.end()]).toEqual(oddRows);
  });

  it('refuses a sheet cut short, a cell beyond column XFD, a workbook without sheets and an entry inflating past its declared size', async () => {
    const cut = tempFile(handMade(oddSheet.slice(0, oddSheet.indexOf('<x:row r="10">') + 20)));
    await expect(ours(cut)).rejects.toThrow(/ends before/);
    const tooWide = tempFile(
      handMade('<worksheet><sheetData><row r="1"><c r="ZZZZZZ1"><v>1</v></c></row></sheetData></worksheet>'),
    );
    await expect(ours(tooWide)).rejects.toThrow(/beyond column XFD/);
    const noSheets = tempFile(zipOf({ 'xl/workbook.xml': '<<<not xml', 'xl/worksheets/sheet1.xml': '<<<' }));
    await expect(ours(noSheets)).rejects.toThrow(/no worksheet/);

    const zip = handMade(`<worksheet><sheetData>${'<row><c><v>1</v></c></row>'.repeat(2000)}</sheetData></worksheet>`);
    const directory = zipDirectoryOf(zip);
    if (!Array.isArray(directory)) throw new Error('zip expected');
    const end = zip.length - 22;
    let at = zip.readUInt32LE(end + 16);
    for (const entry of directory) {
      // The central directory (what the upload check weighs) claims 1,000 bytes for the first tab's sheet.
      if (entry.name === 'xl/worksheets/first.xml') zip.writeUInt32LE(1000, at + 24);
      at += 46 + Buffer.byteLength(entry.name) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    }
    await expect(ours(tempFile(zip))).rejects.toThrow(/declared size/);
  });
});

describe('isDateFormatCode', () => {
  it('tells date and time formats from number and text formats', () => {
    for (const code of ['yyyy-mm-dd', 'YYYY/M/D', 'm"月"d"日"', '[$-804]yyyy年m月', '[h]:mm', 'h:mm AM/PM', 'mmss.0']) {
      expect(isDateFormatCode(code), code).toBe(true);
    }
    for (const code of [
      'General',
      '0.00',
      '#,##0_);[Red](#,##0)',
      '@',
      '0"天"',
      '\\d0',
      '[DBNum1]General',
      '0.00E+00',
    ]) {
      expect(isDateFormatCode(code), code).toBe(false);
    }
  });
});
