import {
  educationLevels,
  ethnicities,
  genders,
  politicalStatuses,
  workerCategories,
} from '../../../../shared/memberEnums';
import { toHalfWidth } from '../../../../shared/validators/text';

export type ImportField =
  | 'name'
  | 'idNumber'
  | 'gender'
  | 'ethnicity'
  | 'birthDate'
  | 'mobile'
  | 'education'
  | 'politicalStatus'
  | 'employerName'
  | 'employerCreditCode'
  | 'position'
  | 'workerCategory'
  | 'union'
  | 'joinedDate';

export interface ImportColumn {
  field: ImportField;
  /** The header the template writes (and error messages name when the file has no such column). */
  header: string;
  /** Other headers cadres' own sheets use for the same thing. */
  synonyms: readonly string[];
  required?: boolean;
  /** Written as a text-formatted column in the template (long digit strings must not become numbers). */
  text?: boolean;
  /** The template's drop-down list. */
  choices?: readonly string[];
  width: number;
  example: string;
  hint?: string;
}

/** The columns of a roster file, in the template's order. */
export const importColumns: readonly ImportColumn[] = [
  {
    field: 'name',
    header: '姓名',
    synonyms: ['职工姓名', '会员姓名', '名字'],
    required: true,
    width: 12,
    example: '张建国',
  },
  {
    field: 'idNumber',
    header: '身份证号',
    synonyms: ['身份证号码', '公民身份号码', '证件号码', '身份证', '居民身份证号码', '证件号', '身份证件号码'],
    required: true,
    text: true,
    width: 22,
    example: '320684198806152312',
    hint: '18位，请保持本列为“文本”格式',
  },
  {
    field: 'gender',
    header: '性别',
    synonyms: [],
    choices: Object.values(genders),
    width: 6,
    example: '男',
    hint: '可不填，按身份证号推算',
  },
  {
    field: 'ethnicity',
    header: '民族',
    synonyms: [],
    choices: ethnicities,
    width: 10,
    example: '汉族',
    hint: '不填默认为汉族',
  },
  {
    field: 'birthDate',
    header: '出生日期',
    synonyms: ['出生年月日', '生日'],
    width: 12,
    example: '1988-06-15',
    hint: '可不填，按身份证号推算',
  },
  {
    field: 'mobile',
    header: '手机号码',
    synonyms: ['手机', '手机号', '联系电话', '电话', '联系方式', '移动电话', '电话号码'],
    text: true,
    width: 15,
    example: '13800000001',
  },
  {
    field: 'education',
    header: '学历',
    synonyms: ['文化程度', '最高学历'],
    choices: educationLevels,
    width: 12,
    example: '大学专科',
  },
  {
    field: 'politicalStatus',
    header: '政治面貌',
    synonyms: [],
    choices: politicalStatuses,
    width: 12,
    example: '群众',
  },
  {
    field: 'employerName',
    header: '工作单位',
    synonyms: ['单位名称', '所在单位', '单位', '用人单位'],
    width: 28,
    example: '江苏叠石桥家纺有限公司',
  },
  {
    field: 'employerCreditCode',
    header: '统一社会信用代码',
    synonyms: ['单位统一社会信用代码', '单位信用代码', '信用代码'],
    text: true,
    width: 22,
    example: '',
  },
  { field: 'position', header: '职务', synonyms: ['岗位', '职务/岗位', '职务岗位'], width: 12, example: '车间主任' },
  {
    field: 'workerCategory',
    header: '职工类别',
    synonyms: ['人员类别', '会员类别', '就业类别', '类别'],
    choices: Object.values(workerCategories),
    width: 14,
    example: '普通职工',
    hint: '不填默认为普通职工',
  },
  {
    field: 'union',
    header: '所属工会',
    synonyms: ['工会名称', '所在工会', '工会'],
    width: 30,
    example: '',
    hint: '不填则导入到上传时选择的工会',
  },
  {
    field: 'joinedDate',
    header: '入会日期',
    synonyms: ['入会时间', '加入工会日期', '入会年月日'],
    width: 12,
    example: '2019-03-01',
    hint: '如 2019-03-01、2019/3/1、2019年3月1日；不填默认为导入当天',
  },
];

/** The template's example row; a file that still holds it does not register a 张建国 by mistake. */
export function isTemplateExample(name: string, idNumber: string): boolean {
  return name === '张建国' && idNumber === '320684198806152312';
}

/** A header as people write it, reduced to compare: no spaces, marks of required fields or colons. */
export function normaliseHeader(raw: string): string {
  return toHalfWidth(raw)
    .replace(/\s+/g, '')
    .replace(/[(（][^)）]*[)）]/g, '')
    .replace(/^\*+|\*+$|[:：]$/g, '')
    .toLowerCase();
}

const columnByHeader = new Map<string, ImportColumn>();
for (const column of importColumns) {
  for (const header of [column.header, ...column.synonyms]) columnByHeader.set(normaliseHeader(header), column);
}

/** The column a header names, if any. */
export function columnForHeader(raw: string): ImportColumn | undefined {
  return columnByHeader.get(normaliseHeader(raw));
}

/** Field → index in the row, plus the header text as the file wrote it (error reports name that). */
export type HeaderMap = Map<ImportField, { index: number; header: string }>;

/** How an error names a column: as the file's header wrote it, or by the template's name. */
export function columnLabel(headers: HeaderMap, field: ImportField): string {
  return headers.get(field)?.header ?? importColumns.find((c) => c.field === field)?.header ?? field;
}

/**
 * Reads a row as a header row: returns the map when it names the required columns, otherwise null.
 * A column named twice keeps its first occurrence.
 */
export function matchHeaderRow(cells: readonly string[]): HeaderMap | null {
  const map: HeaderMap = new Map();
  cells.forEach((text, index) => {
    const column = text ? columnForHeader(text) : undefined;
    if (column && !map.has(column.field)) map.set(column.field, { index, header: text.trim() });
  });
  return map.has('name') || map.has('idNumber') ? map : null;
}

/** Spelling variants accepted for the enumerated columns, beside the exact labels. */
export const choiceSynonyms: Partial<Record<ImportField, Record<string, string>>> = {
  gender: { 男性: '男', 女性: '女' },
  education: {
    博士: '研究生',
    硕士: '研究生',
    博士研究生: '研究生',
    硕士研究生: '研究生',
    本科: '大学本科',
    大学: '大学本科',
    大专: '大学专科',
    专科: '大学专科',
    中技: '中专',
    技校: '中专',
    中职: '中专',
    职高: '高中',
    初中: '初中及以下',
    小学: '初中及以下',
  },
  politicalStatus: {
    党员: '中共党员',
    预备党员: '中共预备党员',
    团员: '共青团员',
    民主党派: '民主党派成员',
    无党派: '无党派人士',
  },
  workerCategory: {
    职工: '普通职工',
    派遣: '劳务派遣',
    派遣工: '劳务派遣',
    快递: '快递员',
    快递小哥: '快递员',
    外卖: '外卖骑手',
    骑手: '外卖骑手',
    网约车: '网约车司机',
    货车: '货车司机',
    货运司机: '货车司机',
    灵活就业: '其他灵活就业',
  },
};
