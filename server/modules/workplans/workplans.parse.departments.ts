import { DEPARTMENT_LABEL, LEAD_LABELS, splitConjunction, splitTopLevel, tidy } from './workplans.parse.text';

/** Departments named by one 牵头部门/协同单位 line or parenthesis. */
export interface DepartmentBlock {
  lead: string[] | null;
  cooperating: string[] | null;
}

// The endings of an organisation's name. 和/及 split a list only where the words on both sides end so:
// "权益保障部和法律工作部" is two departments, "劳动和经济工作部" and "宣传教育和网络工作部" are one.
const ORG_ENDING = /(部|室|厅|局|委|办|会|宫|校|学|院|馆|站|所|中心|处|科|队|团|社|公司|集团|单位|机关)$/;

/**
 * Splits a list of departments or units: at 、，,；; outside brackets ("各县（市、区）总工会" stays whole), and
 * at 和/及/与 where both sides are complete names. A trailing 等 and end punctuation are dropped.
 */
export function splitDepartments(text: string): string[] {
  return splitTopLevel(text, '、，,；;')
    .flatMap((part) => splitConjunction(part, ORG_ENDING))
    .map((name) =>
      tidy(name)
        .replace(/[。.；;，,]+$/, '')
        .replace(/等$/, ''),
    )
    .filter((name) => name !== '');
}

/**
 * Reads the 牵头部门/协同单位 labels of a line or parenthesis ("牵头部门：A；协同单位：B、C"). Returns null when
 * the text carries no label.
 */
export function parseDepartmentBlock(text: string): DepartmentBlock | null {
  const labels = [...text.matchAll(DEPARTMENT_LABEL)];
  if (labels.length === 0) return null;
  const block: DepartmentBlock = { lead: null, cooperating: null };
  labels.forEach((label, i) => {
    const from = (label.index ?? 0) + label[0].length;
    const to = labels[i + 1]?.index ?? text.length;
    const names = splitDepartments(text.slice(from, to));
    const kind = LEAD_LABELS.includes(label[1] ?? '') ? 'lead' : 'cooperating';
    block[kind] = [...(block[kind] ?? []), ...names];
  });
  return block;
}
