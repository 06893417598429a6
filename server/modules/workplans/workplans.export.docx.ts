/**
 * The printable progress report (.docx) in the layout of Party and government documents (GB/T 9704-2012):
 * A4, margins 37 mm top, 35 mm bottom, 28 mm left, 26 mm right; the title in 二号 宋体 bold; the body
 * in 三号 仿宋 at 22 lines a page; first-level headings in 黑体, second-level in 楷体; page numbers
 * "— n —" in 四号 宋体, right on odd pages and left on even ones. The WordprocessingML is written here:
 * the report needs paragraphs, runs and tables, not a document library.
 */
import { type ProgressStatus, progressStatuses } from '../../../shared/schemas/workplans';
import { zipOf } from '../../lib/zipWriter';
import type { DashboardCell, DashboardTarget, DashboardTask, DocumentProgress } from './workplans.export';

export const docxMime = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

/** Twips (1/20 pt) of a length in centimetres. */
const cm = (value: number) => Math.round((value * 1440) / 2.54);
const page = { width: 11906, height: 16838, top: cm(3.7), bottom: cm(3.5), left: cm(2.8), right: cm(2.6) };
const textWidth = page.width - page.left - page.right;
/** 22 lines on the 225 mm text block: the fixed line height Chinese offices set (28.95 pt). */
const linePitch = 579;

/** Sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt. */
const size = { erhao: 44, sanhao: 32, sihao: 28, xiaosi: 24 } as const;
const fonts = { song: '宋体', fang: '仿宋', hei: '黑体', kai: '楷体' } as const;
type Font = keyof typeof fonts;

// Characters XML 1.0 forbids (a pasted notice can carry them); Word refuses the whole file over one.
const notXml =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this strips
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text made safe for XML content and attribute values. */
export function xmlEscape(text: string): string {
  return text
    .replace(notXml, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

interface RunStyle {
  font?: Font;
  size?: number;
  bold?: boolean;
}

function run(text: string, style: RunStyle = {}): string {
  // Digits and Latin letters in Times New Roman, Chinese in the given face, as offices set it.
  const props =
    (style.font
      ? `<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="${fonts[style.font]}" w:hint="eastAsia"/>`
      : '') +
    (style.bold ? '<w:b/><w:bCs/>' : '') +
    (style.size ? `<w:sz w:val="${style.size}"/><w:szCs w:val="${style.size}"/>` : '');
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${xmlEscape(text)}</w:t></w:r>`;
}

interface ParagraphStyle {
  align?: 'left' | 'center' | 'right' | 'both';
  /** First-line indent in characters (body text: 2). */
  indent?: number;
  /** Right indent in characters (the date under the body: 4). */
  rightIndent?: number;
  keepNext?: boolean;
  /** Line height in 240ths of a line; the default is the fixed 28.95 pt of the body. */
  autoLine?: number;
  /** The font size the character indents are measured in. */
  size?: number;
}

function paragraph(runs: string, style: ParagraphStyle = {}): string {
  const charTwips = ((style.size ?? size.sanhao) / 2) * 20;
  const indent = [
    style.indent ? `w:firstLineChars="${style.indent * 100}" w:firstLine="${style.indent * charTwips}"` : '',
    style.rightIndent ? `w:rightChars="${style.rightIndent * 100}" w:right="${style.rightIndent * charTwips}"` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const props =
    (style.keepNext ? '<w:keepNext/>' : '') +
    (style.autoLine ? `<w:spacing w:line="${style.autoLine}" w:lineRule="auto"/>` : '') +
    (indent ? `<w:ind ${indent}/>` : '') +
    (style.align ? `<w:jc w:val="${style.align}"/>` : '');
  return `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ''}${runs}</w:p>`;
}

const body = (text: string) => paragraph(run(text), { indent: 2, align: 'both' });
const heading = (text: string) => paragraph(run(text, { font: 'hei' }), { indent: 2, keepNext: true });
const subheading = (text: string) => paragraph(run(text, { font: 'kai' }), { indent: 2, keepNext: true });
const empty = () => paragraph('');

/** "2026-05-06" → "2026年5月6日". */
export function chineseDate(date: string): string {
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

const digits = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 23 → 二十三 (headings never pass 99). */
export function chineseNumber(n: number): string {
  if (n < 10) return digits[n] ?? String(n);
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : digits[tens]}十${digits[n % 10]}`;
}

/** A figure as text: at most two decimals, no trailing zeros. */
const figure = (value: number) => String(Math.round(value * 100) / 100);
const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const label = (status: ProgressStatus) => progressStatuses[status];

interface TableCell {
  text: string;
  merge?: 'restart' | 'continue';
  align?: 'left' | 'center' | 'right';
}

/** A bordered table across the text width; the header row repeats on every page. */
function table(columns: { header: string; width: number }[], rows: TableCell[][]): string {
  const scale = textWidth / columns.reduce((n, c) => n + c.width, 0);
  const widths = columns.map((c) => Math.floor(c.width * scale));
  const line = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`;
  const cellXml = (cell: TableCell, width: number, header: boolean) =>
    `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>${
      cell.merge ? `<w:vMerge w:val="${cell.merge}"/>` : ''
    }<w:vAlign w:val="center"/></w:tcPr>${paragraph(
      cell.merge === 'continue' ? '' : run(cell.text, { font: header ? 'hei' : 'fang', size: size.xiaosi }),
      { align: cell.align ?? 'center', autoLine: 300, size: size.xiaosi },
    )}</w:tc>`;
  const rowXml = (cells: TableCell[], header: boolean) =>
    `<w:tr><w:trPr><w:cantSplit/>${header ? '<w:tblHeader/>' : ''}</w:trPr>${cells
      .map((c, i) => cellXml(c, widths[i] ?? 0, header))
      .join('')}</w:tr>`;
  return (
    `<w:tbl><w:tblPr><w:tblW w:w="${widths.reduce((a, b) => a + b, 0)}" w:type="dxa"/><w:jc w:val="center"/>` +
    `<w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(line).join('')}</w:tblBorders>` +
    '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>' +
    `</w:tblPr><w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>` +
    rowXml(
      columns.map((c) => ({ text: c.header })),
      true,
    ) +
    rows.map((cells) => rowXml(cells, false)).join('') +
    '</w:tbl>'
  );
}

const taskColumns = [
  { header: '序号', width: 6 },
  { header: '任务', width: 26 },
  { header: '指标', width: 18 },
  { header: '目标值', width: 11 },
  { header: '完成值', width: 11 },
  { header: '完成率', width: 10 },
  { header: '状态', width: 10 },
];

/** One row per target; a task's number and title cells span its targets. */
function taskRows(tasks: DashboardTask[]): TableCell[][] {
  const rows: TableCell[][] = [];
  for (const task of tasks) {
    const lead = (i: number): TableCell[] => {
      const merge = task.targets.length > 1 ? (i === 0 ? 'restart' : 'continue') : undefined;
      return [
        { text: task.number, merge },
        { text: task.title, merge, align: 'left' },
      ];
    };
    if (task.targets.length === 0) {
      rows.push([
        ...lead(0),
        { text: '（无量化指标）', align: 'left' },
        ...['—', '—', '—', '—'].map((text) => ({ text })),
      ]);
    }
    task.targets.forEach((t, i) => {
      rows.push([
        ...lead(i),
        { text: t.metric, align: 'left' },
        { text: `${figure(t.value)}${t.unit}`, align: 'right' },
        { text: `${figure(t.actual)}${t.unit}`, align: 'right' },
        { text: percent(t.actualShare), align: 'right' },
        { text: label(t.status) },
      ]);
    });
  }
  return rows;
}

/** "已完成3项，滞后1项": the counts that are not zero, in the dashboard's order of statuses. */
function statusCounts(counts: Record<ProgressStatus, number>, measure: string): string {
  const order: ProgressStatus[] = ['done', 'ahead', 'on_schedule', 'behind', 'overdue', 'not_started'];
  const names: Record<ProgressStatus, string> = {
    done: '已完成',
    ahead: '超前推进',
    on_schedule: '序时推进',
    behind: '滞后',
    overdue: '逾期未完成',
    not_started: '尚未开始',
  };
  return order
    .filter((s) => counts[s] > 0)
    .map((s) => `${names[s]}${counts[s]}${measure}`)
    .join('，');
}

function summary(progress: DocumentProgress): string[] {
  const { document, asOf, tasks, totals } = progress.dashboard;
  const targets = tasks.flatMap((t) => t.targets);
  const byTarget = { done: 0, ahead: 0, on_schedule: 0, behind: 0, overdue: 0, not_started: 0 };
  for (const t of targets) byTarget[t.status]++;
  const issued = document.issuedDate ? `于${chineseDate(document.issuedDate)}` : '';
  const number = document.docNumber ? `（${document.docNumber}）` : '';
  const paragraphs = [
    `${document.issuerName}${issued}印发《${document.title}》${number}，部署重点任务${tasks.length}项、量化指标${targets.length}项。现将截至${chineseDate(asOf)}的推进情况报告如下。`,
  ];
  if (progress.coverage === 'subtree') paragraphs.push('本报告中各单位完成情况仅含本单位及下级单位承担部分。');
  if (progress.coverage === 'split') {
    paragraphs.push(`本报告中各单位完成情况为${progress.splitOrgName ?? ''}向下级单位分解部分。`);
  }
  const overall = [
    targets.length
      ? `${targets.length}项量化指标中，${statusCounts(byTarget, '项')}。`
      : '本文件暂无量化指标，各项任务按进度推进。',
  ];
  const cellCount = Object.values(totals).reduce((a, b) => a + b, 0);
  const units = new Set(targets.flatMap((t) => t.byOrg.map((c) => c.orgId)));
  overall.push(
    cellCount
      ? `分解到承担单位的指标共${cellCount}个（涉及${units.size}个单位），其中${statusCounts(totals as Record<ProgressStatus, number>, '个')}。`
      : '指标尚未分解到承担单位。',
  );
  return [...paragraphs.map(body), heading('一、总体进展'), ...overall.map(body)];
}

function sectionTables(progress: DocumentProgress): string[] {
  const out = [heading('二、分项推进情况')];
  progress.sections.forEach((section, i) => {
    out.push(subheading(`（${chineseNumber(i + 1)}）${section.title}`), table(taskColumns, taskRows(section.tasks)));
  });
  if (progress.sections.length === 0) out.push(body('本文件暂无任务。'));
  return out;
}

/** The units behind schedule or overdue, one numbered line each, under the department leading the task. */
function behindList(progress: DocumentProgress): string[] {
  const { tasks, behindByDepartment } = progress.dashboard;
  const out = [heading('三、滞后单位情况')];
  if (behindByDepartment.length === 0) return [...out, body('截至目前，没有滞后或逾期未完成的承担单位。')];
  const cells = new Map<string, { task: DashboardTask; target: DashboardTarget; cell: DashboardCell }>();
  for (const task of tasks) {
    for (const target of task.targets) {
      for (const cell of target.byOrg) cells.set(`${target.targetId}:${cell.orgId}`, { task, target, cell });
    }
  }
  behindByDepartment.forEach(({ department, units }, i) => {
    out.push(subheading(`（${chineseNumber(i + 1)}）${department}牵头任务`));
    units.forEach((unit, k) => {
      const found = cells.get(`${unit.targetId}:${unit.orgId}`);
      const figures = found
        ? `完成${figure(found.cell.actual)}${found.target.unit}，承担目标${figure(found.cell.goal)}${found.target.unit}，完成率${percent(found.cell.actualShare)}，序时进度${percent(found.cell.expectedShare)}，`
        : '';
      const task = found ? `第${unit.taskNumber}项任务“${found.task.title}”` : `第${unit.taskNumber}项任务`;
      out.push(body(`${k + 1}．${unit.orgName}：${task}中“${unit.metric}”指标${figures}${label(unit.status)}。`));
    });
  });
  return out;
}

/** word/document.xml of the report. */
export function reportDocumentXml(progress: DocumentProgress): string {
  const { document, asOf } = progress.dashboard;
  const parts = [
    paragraph(run(`关于《${document.title}》推进情况的报告`, { font: 'song', size: size.erhao, bold: true }), {
      align: 'center',
    }),
    document.docNumber ? paragraph(run(document.docNumber), { align: 'center' }) : '',
    paragraph(run(`（截至${chineseDate(asOf)}）`, { font: 'kai' }), { align: 'center' }),
    empty(),
    ...summary(progress),
    ...sectionTables(progress),
    ...behindList(progress),
    empty(),
    paragraph(run(chineseDate(asOf)), { align: 'right', rightIndent: 4 }),
  ];
  const sectPr =
    '<w:sectPr><w:footerReference w:type="default" r:id="rId3"/><w:footerReference w:type="even" r:id="rId4"/>' +
    `<w:pgSz w:w="${page.width}" w:h="${page.height}"/>` +
    `<w:pgMar w:top="${page.top}" w:right="${page.right}" w:bottom="${page.bottom}" w:left="${page.left}" w:header="851" w:footer="992" w:gutter="0"/>` +
    `<w:docGrid w:type="lines" w:linePitch="${linePitch}"/></w:sectPr>`;
  return `${XML_HEAD}<w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${parts.join('')}${sectPr}</w:body></w:document>`;
}

/** A footer with the page number "— n —", one character in from the outer edge. */
function footerXml(side: 'right' | 'left'): string {
  const ind = side === 'right' ? 'w:right="280"' : 'w:left="280"';
  const font = { font: 'song' as const, size: size.sihao };
  return (
    `${XML_HEAD}<w:ftr xmlns:w="${W}" xmlns:r="${R}"><w:p><w:pPr><w:spacing w:line="240" w:lineRule="auto"/>` +
    `<w:ind ${ind}/><w:jc w:val="${side}"/></w:pPr>${run('— ', font)}` +
    `<w:fldSimple w:instr=" PAGE ">${run('1', font)}</w:fldSimple>${run(' —', font)}</w:p></w:ftr>`
  );
}

const stylesXml =
  `${XML_HEAD}<w:styles xmlns:w="${W}"><w:docDefaults><w:rPrDefault><w:rPr>` +
  `<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="${fonts.fang}" w:cs="Times New Roman"/>` +
  `<w:kern w:val="2"/><w:sz w:val="${size.sanhao}"/><w:szCs w:val="${size.sanhao}"/>` +
  '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>' +
  `<w:pPrDefault><w:pPr><w:spacing w:line="${linePitch}" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr></w:pPrDefault>` +
  '</w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>' +
  '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/>' +
  '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>' +
  '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>';

// Odd and even pages carry their page numbers on opposite sides.
const settingsXml =
  `${XML_HEAD}<w:settings xmlns:w="${W}"><w:defaultTabStop w:val="420"/><w:evenAndOddHeaders/>` +
  '<w:characterSpacingControl w:val="compressPunctuation"/><w:compat>' +
  '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>' +
  '</w:compat></w:settings>';

const part = (name: string) => `application/vnd.openxmlformats-officedocument.wordprocessingml.${name}+xml`;
const contentTypesXml =
  `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  `<Override PartName="/word/document.xml" ContentType="${part('document.main')}"/>` +
  `<Override PartName="/word/styles.xml" ContentType="${part('styles')}"/>` +
  `<Override PartName="/word/settings.xml" ContentType="${part('settings')}"/>` +
  `<Override PartName="/word/footer1.xml" ContentType="${part('footer')}"/>` +
  `<Override PartName="/word/footer2.xml" ContentType="${part('footer')}"/>` +
  '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
  '</Types>';

const relationship = (id: string, type: string, target: string) =>
  `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`;
const officeRel = (type: string) => `http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}`;

const packageRelsXml =
  `${XML_HEAD}<Relationships xmlns="${RELS}">` +
  relationship('rId1', officeRel('officeDocument'), 'word/document.xml') +
  relationship('rId2', `${RELS}/metadata/core-properties`, 'docProps/core.xml') +
  '</Relationships>';

const documentRelsXml =
  `${XML_HEAD}<Relationships xmlns="${RELS}">` +
  relationship('rId1', officeRel('styles'), 'styles.xml') +
  relationship('rId2', officeRel('settings'), 'settings.xml') +
  relationship('rId3', officeRel('footer'), 'footer1.xml') +
  relationship('rId4', officeRel('footer'), 'footer2.xml') +
  '</Relationships>';

function coreXml(title: string, now: Date): string {
  const at = `${now.toISOString().slice(0, 19)}Z`;
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xmlEscape(title)}</dc:title>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${at}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${at}</dcterms:modified></cp:coreProperties>`
  );
}

/** The report as a .docx package. */
export function progressReportDocx(progress: DocumentProgress, now: Date): Buffer {
  return zipOf(
    {
      '[Content_Types].xml': contentTypesXml,
      '_rels/.rels': packageRelsXml,
      'word/document.xml': reportDocumentXml(progress),
      'word/_rels/document.xml.rels': documentRelsXml,
      'word/styles.xml': stylesXml,
      'word/settings.xml': settingsXml,
      'word/footer1.xml': footerXml('right'),
      'word/footer2.xml': footerXml('left'),
      'docProps/core.xml': coreXml(`关于《${progress.dashboard.document.title}》推进情况的报告`, now),
    },
    now,
  );
}
