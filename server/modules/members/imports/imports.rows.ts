import { errorCatalog } from '../../../../shared/errors';
import {
  ethnicities,
  type Gender,
  genders,
  type WorkerCategory,
  workerCategories,
} from '../../../../shared/memberEnums';
import { parseCreditCode } from '../../../../shared/validators/creditCode';
import { parseIdNumber } from '../../../../shared/validators/idNumber';
import { normaliseMobile } from '../../../../shared/validators/mobile';
import { isCalendarDate, toHalfWidth } from '../../../../shared/validators/text';
import { ageOn } from '../../../lib/dates';
import { choiceSynonyms, columnLabel, type HeaderMap, type ImportField, importColumns } from './imports.columns';
import { cellText, type ImportCell } from './imports.source';
import type { CellError } from './imports.tables';

/** What a row that passed every check that needs no database registers, besides its personal numbers. */
export interface MemberProfile {
  name: string;
  gender: Gender;
  ethnicity: string;
  birthDate: string;
  education: string | null;
  politicalStatus: string | null;
  employerName: string | null;
  employerCreditCode: string | null;
  position: string | null;
  workerCategory: WorkerCategory;
  joinedDate: string;
}

/** A row that passed every check that needs no database: the member as it will be registered. */
export interface CheckedMember {
  profile: MemberProfile;
  idNumber: string;
  mobile: string | null;
  /** The union the row names, if it names one. */
  unionName: string | null;
}

export type CheckedRow = { ok: true; member: CheckedMember } | { ok: false; errors: CellError[] };

const NAME_RE = /^[\u4e00-\u9fa5\u3400-\u4dbf·•A-Za-z\s]+$/;
const SCIENTIFIC_RE = /^[+-]?\d+(\.\d+)?e\+?\d+$/i;
const categoryByLabel = new Map<string, WorkerCategory>(
  Object.entries(workerCategories).map(([code, label]) => [label, code as WorkerCategory]),
);
const genderByLabel = new Map<string, Gender>(Object.entries(genders).map(([code, label]) => [label, code as Gender]));

/** Explains an ID number that Excel turned into a number, which can never be imported as it is. */
export const idAsNumberReason =
  '身份证号被保存成了数字（Excel 只保留 15 位有效数字，18 位号码的末几位已经丢失，常显示为 3.20614E+17 这样的科学计数法）。' +
  '请选中“身份证号”整列，设置单元格格式为“文本”，再重新输入或粘贴正确的号码';

/** An Excel serial day number (1900 date system) as YYYY-MM-DD. */
function fromSerial(serial: number): string | null {
  if (serial < 1 || serial > 2_958_465) return null;
  return new Date(Math.round((serial - 25_569) * 86_400_000)).toISOString().slice(0, 10);
}

function isoDate(y: number, m: number, d: number): string | null {
  if (!isCalendarDate(y, m, d) || y < 1900) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * A date as cadres write it: an Excel date cell or serial number, or text such as 2019-03-01,
 * 2019/3/1, 2019.03.01, 2019年3月1日, 20190301 (a month alone, 2019.03 or 2019年3月, means its first day).
 */
export function parseImportDate(cell: ImportCell | undefined): string | null | 'invalid' {
  if (!cell || cell.kind === 'empty') return null;
  if (cell.kind === 'date') return cell.date.toISOString().slice(0, 10);
  if (cell.kind === 'number') {
    const eight = /^(\d{4})(\d{2})(\d{2})$/.exec(String(cell.value));
    if (eight) return isoDate(Number(eight[1]), Number(eight[2]), Number(eight[3])) ?? 'invalid';
    return Number.isInteger(cell.value) ? (fromSerial(cell.value) ?? 'invalid') : 'invalid';
  }
  const text = toHalfWidth(cell.text)
    .trim()
    .replace(/\s+\d{1,2}:\d{2}(:\d{2})?$/, '');
  const match =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(text) ??
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?()$/.exec(text);
  if (!match) return 'invalid';
  return isoDate(Number(match[1]), Number(match[2]), Number(match[3] || 1)) ?? 'invalid';
}

/** A row's cells read by field, and its errors; the checks' helpers are methods, so a row makes no functions. */
class RowCells {
  readonly errors: CellError[] = [];

  constructor(
    private readonly cells: readonly ImportCell[],
    private readonly headers: HeaderMap,
  ) {}

  fail(field: ImportField, reason: string): null {
    this.errors.push({ column: columnLabel(this.headers, field), reason });
    return null;
  }

  cell(field: ImportField): ImportCell | undefined {
    const at = this.headers.get(field);
    return at ? this.cells[at.index] : undefined;
  }

  text(field: ImportField): string | null {
    return toHalfWidth(cellText(this.cell(field))).trim() || null;
  }

  /** The value of a drop-down column (or one of its synonyms), or a reason. */
  choice(field: ImportField, allowed: readonly string[]): string | null {
    const raw = this.text(field)?.replace(/\s+/g, '');
    if (!raw) return null;
    const value = allowed.includes(raw) ? raw : choiceSynonyms[field]?.[raw];
    return value ?? this.fail(field, `“${raw}”不是可选的值，应为：${allowed.join('、')}`);
  }

  /** Free text up to `max` characters, or a reason. */
  limited(field: ImportField, max: number): string | null {
    const value = cellText(this.cell(field)) || null;
    if (value && value.length > max) return this.fail(field, `不能超过 ${max} 个字（当前 ${value.length} 个）`);
    return value;
  }
}

/** Checks one data row against every rule that needs no database; `today` is the China date. */
export function checkRow(cells: readonly ImportCell[], headers: HeaderMap, today: string): CheckedRow {
  const row = new RowCells(cells, headers);
  const { errors } = row;

  const name = row.text('name')?.replace(/\s+/g, ' ') ?? null;
  if (!name) row.fail('name', '必填项，不能为空');
  else if (name.length > 30) row.fail('name', '姓名不能超过 30 个字');
  else if (!NAME_RE.test(name)) row.fail('name', `“${name}”含有姓名中不应出现的字符（只能是汉字、字母和间隔号）`);

  const idCell = row.cell('idNumber');
  const idText = row.text('idNumber');
  let id: ReturnType<typeof parseIdNumber> | null = null;
  if (idCell?.kind === 'number' || (idText && SCIENTIFIC_RE.test(idText))) row.fail('idNumber', idAsNumberReason);
  else if (!idText) row.fail('idNumber', '必填项，不能为空');
  else {
    id = parseIdNumber(idText, today);
    if (!id.ok) {
      const hint =
        id.problem === 'check_character' && /000$/.test(idText)
          ? '；末三位为 000，可能是被 Excel 当成数字截断了，请改为文本格式后重新输入'
          : '';
      row.fail('idNumber', `${id.message}${hint}`);
    }
  }
  const parsedId = id?.ok ? id : null;

  const genderLabel = row.choice('gender', Object.values(genders));
  const gender = genderLabel ? genderByLabel.get(genderLabel) : undefined;
  if (gender && parsedId && gender !== parsedId.gender) {
    row.fail(
      'gender',
      `${errorCatalog['members/gender_mismatch'].message}（身份证号显示为${genders[parsedId.gender]}）`,
    );
  }

  const birth = parseImportDate(row.cell('birthDate'));
  if (birth === 'invalid')
    row.fail('birthDate', `“${row.text('birthDate')}”不是有效日期，请写成 1988-06-15 或 1988年6月15日`);
  else if (birth && parsedId && birth !== parsedId.birthDate) {
    row.fail(
      'birthDate',
      `${errorCatalog['members/birth_date_mismatch'].message}（身份证号中为 ${parsedId.birthDate}）`,
    );
  }

  const joined = parseImportDate(row.cell('joinedDate'));
  const joinedDate = joined ?? today;
  if (joined === 'invalid')
    row.fail('joinedDate', `“${row.text('joinedDate')}”不是有效日期，请写成 2019-03-01、2019/3/1 或 2019年3月1日`);
  else if (joinedDate > today)
    row.fail('joinedDate', `${errorCatalog['members/joined_in_future'].message}（${joinedDate}）`);
  else if (parsedId) {
    const age = ageOn(parsedId.birthDate, joinedDate);
    if (age < 16 || age > 100)
      row.fail('joinedDate', `${errorCatalog['members/age_out_of_range'].message}（入会时 ${age} 岁）`);
  }

  const mobileCell = row.cell('mobile');
  const mobileText = row.text('mobile');
  const mobile = mobileText ? normaliseMobile(mobileText) : null;
  if (mobileText && !mobile) {
    row.fail('mobile', `“${mobileText}”不是有效的手机号码（11 位数字，以 1 开头；可带 +86）`);
  } else if (mobileCell?.kind === 'number' && !Number.isInteger(mobileCell.value)) {
    row.fail('mobile', '手机号码不应含小数');
  }

  const creditText = row.text('employerCreditCode');
  const credit = creditText ? parseCreditCode(creditText) : null;
  if (credit && !credit.ok) row.fail('employerCreditCode', credit.message);

  const ethnicityRaw = row.text('ethnicity');
  const ethnicity = ethnicityRaw
    ? ([ethnicityRaw, `${ethnicityRaw}族`].find((v) => (ethnicities as readonly string[]).includes(v)) ??
      row.fail('ethnicity', `“${ethnicityRaw}”不是身份证上使用的民族名称（如 汉族、回族、满族）`))
    : '汉族';
  const education = row.choice('education', importColumns.find((c) => c.field === 'education')?.choices ?? []);
  const politicalStatus = row.choice(
    'politicalStatus',
    importColumns.find((c) => c.field === 'politicalStatus')?.choices ?? [],
  );
  const categoryLabel = row.choice('workerCategory', Object.values(workerCategories));
  const employerName = row.limited('employerName', 100);
  const position = row.limited('position', 50);
  const unionName = row.limited('union', 100);

  if (errors.length > 0 || !name || !parsedId || !ethnicity) return { ok: false, errors };
  return {
    ok: true,
    member: {
      profile: {
        name,
        gender: parsedId.gender,
        ethnicity,
        birthDate: parsedId.birthDate,
        education,
        politicalStatus,
        employerName,
        employerCreditCode: credit?.ok ? credit.value : null,
        position,
        workerCategory: (categoryLabel && categoryByLabel.get(categoryLabel)) || 'regular',
        joinedDate,
      },
      idNumber: parsedId.value,
      mobile,
      unionName,
    },
  };
}
