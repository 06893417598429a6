import { inflateRawSync } from 'node:zlib';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../server/lib/dates';
import ExcelJS from '../server/lib/xlsx/exceljs';
import { zipDirectoryOf } from '../server/lib/zip';
import { auditLog } from '../server/modules/audit/audit.tables';
import { docxText } from '../server/modules/workplans/workplans.docx';
import type { DocumentInput } from '../shared/schemas/workplans';
import { useTestApp } from './app';
import { type Agent, buildCity, type City, signInAs, uid } from './factories';

const w = useTestApp();

let city: City;
let cityAdmin: Agent;
let countyA: Agent;
let countyB: Agent;
const today = () => chinaDate(new Date());
const year = () => Number(today().slice(0, 4));

/**
 * Two sections, three tasks. Task 1 was due last 31 December (60 名 to county A, 40 to B): A has done
 * its share, B is overdue. Task 2 runs from last January to the end of next year, so at least a third
 * is due on any day of this year: one 场次 of 10 (5 each, shared evenly) is behind for everyone. Task 3
 * has no target. The names carry characters XML and spreadsheets must neutralise.
 */
function plan(): DocumentInput {
  const last = year() - 1;
  const task = (number: string, title: string, lead: string) => ({
    number,
    group: null,
    title,
    content: '',
    startMonth: `${last}-01`,
    endMonth: `${year() + 1}-12`,
    leadDepartments: [lead],
    cooperatingUnits: [],
    assignment: { mode: 'counties' as const, orgIds: [] },
    targets: [],
  });
  const target = (metric: string, unit: '名' | '场次', value: number) => ({
    metric,
    unit,
    value,
    dueDate: null,
    metricCode: null,
    milestones: [],
    allotments: [],
  });
  return {
    type: 'work_plan',
    docNumber: `测工发〔${year()}〕${Math.floor(Math.random() * 900) + 100}号`,
    title: `关于做好年度重点工作的通知${uid()}`,
    issuedDate: `${last}-01-05`,
    recipients: ['各县（市）区总工会'],
    preamble: '',
    fullText: '',
    attachments: [],
    sections: [
      {
        number: '一',
        title: '重点工作',
        content: '',
        groups: [],
        tasks: [
          {
            ...task('1', '开展班组长培训', '劳动和经济工作部'),
            endMonth: `${last}-12`,
            targets: [
              {
                ...target('培训班组长', '名', 100),
                dueDate: `${last}-12-31`,
                allotments: [
                  { orgId: city.countyA.id, value: 60 },
                  { orgId: city.countyB.id, value: 40 },
                ],
              },
            ],
          },
          {
            ...task('2', '举办“职工<书屋>”&宣讲活动', '宣传教育和网络工作部'),
            targets: [target('+宣讲场次', '场次', 10)],
          },
        ],
      },
      {
        number: '二',
        title: '组织保障',
        content: '',
        groups: [],
        tasks: [task('3', '加强组织领导', '办公室')],
      },
    ],
  };
}

function report(agent: Agent, taskId: number, targetId: number, value: number) {
  return agent.upload('/api/workplans/reports', [
    { name: 'taskId', value: String(taskId) },
    { name: 'targetId', value: String(targetId) },
    { name: 'value', value: String(value) },
    { name: 'narrative', value: '按计划推进' },
    { name: 'reportDate', value: today() },
  ]);
}

/** A published plan on which county A reported 60 on task 1 and 1 on task 2, county B 10 on task 1. */
async function reportedPlan() {
  const input = plan();
  const created = await cityAdmin.post('/api/documents', input);
  expect(created.statusCode, created.body).toBe(201);
  const published = await cityAdmin.post(`/api/documents/${created.json().id}/publish`);
  expect(published.statusCode, published.body).toBe(200);
  const doc = published.json();
  const [task1, task2] = doc.sections[0].tasks;
  for (const [agent, task, value] of [
    [countyA, task1, 60],
    [countyA, task2, 1],
    [countyB, task1, 10],
  ] as const) {
    const res = await report(agent, task.id, task.targets[0].id, value);
    expect(res.statusCode, res.body).toBe(201);
  }
  return { id: doc.id as number, input };
}

async function download(agent: Agent, url: string) {
  const res = await agent.get(url);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res;
}

type Row = Record<string, unknown>;

/** The sheets of an exported workbook as rows keyed by the header row (row 2; row 1 is the title). */
async function workbook(agent: Agent, url: string) {
  const res = await download(agent, url);
  expect(res.headers['content-type']).toMatch(/spreadsheetml/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = (name: string) => {
    const found = book.getWorksheet(name);
    if (!found) throw new Error(`no sheet ${name}`);
    const header = (found.getRow(2).values as unknown[]).slice(1).map(String);
    const rows: Row[] = [];
    found.eachRow((row, n) => {
      if (n <= 2) return;
      const values = (row.values as unknown[]).slice(1);
      rows.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? null])));
    });
    return { sheet: found, header, rows };
  };
  return { res, book, sheet };
}

/** The parts of an exported .docx: its entry names and one entry's XML. */
function unzip(docx: Buffer) {
  const entries = zipDirectoryOf(docx);
  if (!Array.isArray(entries)) throw new Error('not a zip');
  const xml = (name: string) => {
    const entry = entries.find((e) => e.name === name);
    if (!entry) throw new Error(`no ${name}`);
    const start = entry.localOffset + 30 + docx.readUInt16LE(entry.localOffset + 26);
    return inflateRawSync(docx.subarray(start, start + entry.compressedSize)).toString('utf8');
  };
  return { names: entries.map((e) => e.name), xml };
}

beforeAll(async () => {
  city = await buildCity(w.db);
  cityAdmin = (await signInAs(w.app, w.db, 'union_admin', city.root)).agent;
  countyA = (await signInAs(w.app, w.db, 'union_admin', city.countyA)).agent;
  countyB = (await signInAs(w.app, w.db, 'union_admin', city.countyB)).agent;
});

describe('progress export (.xlsx)', () => {
  it('lists tasks, units and units behind schedule with rates and Chinese statuses; a county sees its own units', async () => {
    const { id, input } = await reportedPlan();
    const { res, sheet } = await workbook(cityAdmin, `/api/documents/${id}/export.xlsx`);
    const fileName = `${input.docNumber}-推进情况-${today().replaceAll('-', '')}.xlsx`;
    expect(res.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`);

    const tasks = sheet('任务进度');
    expect(tasks.sheet.getCell('A1').value).toContain(`《${input.title}》`);
    expect(tasks.header).toEqual([
      '序号',
      '任务',
      '牵头部门',
      '指标',
      '单位',
      '目标值',
      '完成值',
      '完成率',
      '序时进度',
      '状态',
    ]);
    expect(tasks.sheet.getRow(2).font?.bold ?? tasks.sheet.getCell('A2').font?.bold).toBe(true);
    expect(tasks.sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(tasks.sheet.getColumn(2).width).toBeGreaterThan(20);
    expect(tasks.rows).toHaveLength(3);
    expect(tasks.rows[0]).toMatchObject({
      序号: '1',
      任务: '开展班组长培训',
      牵头部门: '劳动和经济工作部',
      指标: '培训班组长',
      单位: '名',
      目标值: 100,
      完成值: 70,
      完成率: 0.7,
      序时进度: 1,
      状态: '逾期',
    });
    expect(tasks.sheet.getCell('H3').numFmt).toBe('0.0%');
    // A metric typed as "+…" is text, not a formula.
    expect(tasks.rows[1]).toMatchObject({ 指标: "'+宣讲场次", 目标值: 10, 完成值: 1, 完成率: 0.1, 状态: '滞后' });
    expect(tasks.rows[1]?.序时进度).toBeGreaterThan(0.3);
    expect(tasks.rows[2]).toMatchObject({ 序号: '3', 任务: '加强组织领导', 指标: '（无量化指标）' });

    const units = sheet('单位进度');
    expect(units.header).toEqual(expect.arrayContaining(['承担单位', '承担目标', '完成值', '完成率', '状态']));
    const unit = (org: string, metric: string) => units.rows.find((r) => r.承担单位 === org && r.指标 === metric);
    expect(units.rows).toHaveLength(4);
    expect(unit(city.countyA.name, '培训班组长')).toMatchObject({
      承担目标: 60,
      完成值: 60,
      完成率: 1,
      状态: '已完成',
    });
    expect(unit(city.countyB.name, '培训班组长')).toMatchObject({
      承担目标: 40,
      完成值: 10,
      完成率: 0.25,
      状态: '逾期',
    });
    expect(unit(city.countyA.name, "'+宣讲场次")).toMatchObject({ 承担目标: 5, 完成值: 1, 完成率: 0.2, 状态: '滞后' });
    expect(unit(city.countyB.name, "'+宣讲场次")).toMatchObject({ 承担目标: 5, 完成值: 0, 状态: '滞后', 填报次数: 0 });

    const behind = sheet('滞后单位');
    expect(behind.rows.map((r) => [r.牵头部门, r.承担单位, r.状态])).toEqual(
      expect.arrayContaining([
        ['劳动和经济工作部', city.countyB.name, '逾期'],
        ['宣传教育和网络工作部', city.countyA.name, '滞后'],
        ['宣传教育和网络工作部', city.countyB.name, '滞后'],
      ]),
    );
    expect(behind.rows).toHaveLength(3);

    // County A gets the same tasks but only its own units' rows.
    const mine = await workbook(countyA, `/api/documents/${id}/export.xlsx`);
    expect(mine.sheet('任务进度').rows).toHaveLength(3);
    expect(mine.sheet('单位进度').rows.map((r) => r.承担单位)).toEqual([city.countyA.name, city.countyA.name]);
    expect(mine.sheet('滞后单位').rows.map((r) => [r.承担单位, r.状态])).toEqual([[city.countyA.name, '滞后']]);
    expect(mine.sheet('任务进度').sheet.getCell('A1').value).toContain('本单位及下级单位');

    const audits = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'workplans.export'), eq(auditLog.targetId, String(id))));
    expect(audits.map((a) => [a.targetType, a.details])).toEqual([
      ['workplan_document', { documentId: id, format: 'xlsx', cells: 4 }],
      ['workplan_document', { documentId: id, format: 'xlsx', cells: 2 }],
    ]);
  });
});

describe('progress report (.docx)', () => {
  it('writes the report in the official layout with the summary, a table per section and the units behind', async () => {
    const { id, input } = await reportedPlan();
    const res = await download(cityAdmin, `/api/documents/${id}/export.docx`);
    expect(res.headers['content-type']).toMatch(/wordprocessingml\.document/);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('-推进情况-'));
    expect(String(res.headers['content-disposition'])).toMatch(/\.docx$/);
    const docx = res.rawPayload;
    const { names, xml } = unzip(docx);
    expect(names).toEqual(
      expect.arrayContaining(['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml']),
    );
    const documentXml = xml('word/document.xml');
    // A4 with the GB/T 9704 margins (twips), the title in 二号 宋体, the body default 三号 仿宋.
    expect(documentXml).toContain('<w:pgSz w:w="11906" w:h="16838"/>');
    expect(documentXml).toContain('<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"');
    expect(documentXml).toMatch(/w:eastAsia="宋体"[^>]*\/><w:b\/><w:bCs\/><w:sz w:val="44"\/>/);
    expect(xml('word/styles.xml')).toContain('w:eastAsia="仿宋"');
    // Escaped, never raw markup from the title.
    expect(documentXml).toContain('举办“职工&lt;书屋&gt;”&amp;宣讲活动');
    expect(xml('word/_rels/document.xml.rels')).toContain('footer1.xml');

    const lines = docxText(docx).split('\n');
    const [y, m, d] = today().split('-').map(Number);
    expect(lines[0]).toBe(`关于《${input.title}》推进情况的报告`);
    expect(lines).toContain(input.docNumber);
    expect(lines).toContain(`（截至${y}年${m}月${d}日）`);
    expect(lines).toEqual(
      expect.arrayContaining([
        '一、总体进展',
        '2项量化指标中，滞后1项，逾期未完成1项。',
        '分解到承担单位的指标共4个（涉及2个单位），其中已完成1个，滞后2个，逾期未完成1个。',
        '二、分项推进情况',
        '（一）重点工作',
        '（二）组织保障',
        '三、滞后单位情况',
        '（一）劳动和经济工作部牵头任务',
        '（二）宣传教育和网络工作部牵头任务',
      ]),
    );
    // The table of section 一: header, then task 1's target row.
    const header = lines.indexOf('序号');
    expect(lines.slice(header, header + 14)).toEqual([
      '序号',
      '任务',
      '指标',
      '目标值',
      '完成值',
      '完成率',
      '状态',
      '1',
      '开展班组长培训',
      '培训班组长',
      '100名',
      '70名',
      '70.0%',
      '逾期',
    ]);
    expect(lines).toContain('（无量化指标）');
    expect(lines).toContain(
      `1．${city.countyB.name}：第1项任务“开展班组长培训”中“培训班组长”指标完成10名，承担目标40名，完成率25.0%，序时进度100.0%，逾期。`,
    );
    expect(lines.filter((l) => l.includes('：第2项任务“举办“职工<书屋>”&宣讲活动”'))).toHaveLength(2);

    // County A's report: its own units only, and it says so.
    const mine = docxText((await download(countyA, `/api/documents/${id}/export.docx`)).rawPayload);
    expect(mine).toContain('本报告中各单位完成情况仅含本单位及下级单位承担部分。');
    expect(mine).toContain('分解到承担单位的指标共2个（涉及1个单位）');
    expect(mine).not.toContain(city.countyB.name);

    const audits = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'workplans.export'), eq(auditLog.targetId, String(id))));
    expect(audits.map((a) => a.details)).toEqual([
      { documentId: id, format: 'docx', cells: 4 },
      { documentId: id, format: 'docx', cells: 2 },
    ]);
  });
});

describe('export access', () => {
  it('answers 404 for a document the caller cannot see, 400 for bad ids, and writes no audit row', async () => {
    const draft = await cityAdmin.post('/api/documents', plan());
    expect(draft.statusCode, draft.body).toBe(201);
    const { id } = await reportedPlan();
    const before = (await w.db.select().from(auditLog).where(eq(auditLog.action, 'workplans.export'))).length;
    for (const format of ['xlsx', 'docx']) {
      const hidden = await countyA.get(`/api/documents/${draft.json().id}/export.${format}`);
      expect(hidden.statusCode).toBe(404);
      expect(hidden.json().message).toBe('工作文件或任务不存在');
      expect((await countyA.get(`/api/documents/999999999/export.${format}`)).statusCode).toBe(404);
      // Drilling into another county's split is as invisible as on the dashboard.
      expect((await countyA.get(`/api/documents/${id}/export.${format}?orgId=${city.countyB.id}`)).statusCode).toBe(
        404,
      );
      for (const url of [
        `/api/documents/abc/export.${format}`,
        `/api/documents/0/export.${format}`,
        `/api/documents/${id}/export.${format}?orgId=x`,
        `/api/documents/${id}/export.${format}?other=1`,
      ]) {
        const res = await countyA.get(url);
        expect(res.statusCode, url).toBe(400);
        expect(res.json().error).toBe('common/invalid_input');
      }
    }
    const after = (await w.db.select().from(auditLog).where(eq(auditLog.action, 'workplans.export'))).length;
    expect(after).toBe(before);
  });

  it('exports the children a county split its share among', async () => {
    const { id } = await reportedPlan();
    const doc = (await cityAdmin.get(`/api/documents/${id}`)).json();
    const targetId = doc.sections[0].tasks[0].targets[0].id;
    const split = await countyA.post('/api/workplans/allotments/split', {
      targetId,
      orgId: city.countyA.id,
      parts: [{ orgId: city.townA.id, value: 25 }],
    });
    expect(split.statusCode, split.body).toBe(200);
    const drill = await workbook(countyA, `/api/documents/${id}/export.xlsx?orgId=${city.countyA.id}`);
    expect(drill.sheet('单位进度').rows).toEqual([
      expect.objectContaining({ 承担单位: city.townA.name, 承担目标: 25, 完成值: 0 }),
    ]);
    expect(drill.sheet('任务进度').sheet.getCell('A1').value).toContain(`${city.countyA.name}分解部分`);
    const report = docxText(
      (await download(countyA, `/api/documents/${id}/export.docx?orgId=${city.countyA.id}`)).rawPayload,
    );
    expect(report).toContain(`本报告中各单位完成情况为${city.countyA.name}向下级单位分解部分。`);
  });
});
