import { workerCategories } from '../../shared/memberEnums';
import type { CorrectableField, CorrectionView } from '../api/corrections';

// No antd here: the review page (antd) and the member portal (antd-mobile) both show requests this way.

/** The fields a member may ask to correct, in the order the form and the lists show them. */
export const correctableFields: readonly CorrectableField[] = [
  'name',
  'ethnicity',
  'mobile',
  'education',
  'politicalStatus',
  'employerName',
  'employerCreditCode',
  'position',
  'workerCategory',
];

/** One asked change: the field's name and both values as people read them. */
export interface ChangeLine {
  field: string;
  text: string;
}

function shown(field: string, value: string | null, empty: string): string {
  if (value === null || value === '') return empty;
  if (field === 'workerCategory' && value in workerCategories) {
    return workerCategories[value as keyof typeof workerCategories];
  }
  return value;
}

const rank = (field: string) => {
  const i = correctableFields.indexOf(field as CorrectableField);
  return i < 0 ? correctableFields.length : i;
};

/** The words the lines need, from the caller's locale. */
export interface ChangeWords {
  /** Stands for a blank value, e.g. （空）. */
  empty: string;
  /** Says an approved change was applied, e.g. 已更正为. */
  correctedTo: string;
}

/**
 * The lines "字段：原值 → 新值" of a request, in form order. The server reads 原值 from the record as it
 * is now, so once a request is approved it equals 新值: those lines say "字段：已更正为 新值" instead.
 */
export function changeLines(correction: CorrectionView, labels: Partial<Record<string, string>>, words: ChangeWords) {
  return Object.entries(correction.changes)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([field, { before, after }]): ChangeLine => {
      const label = labels[field] ?? field;
      const asked = shown(field, after, words.empty);
      const text =
        correction.status === 'approved' && before === after
          ? `${label}：${words.correctedTo} ${asked}`
          : `${label}：${shown(field, before, words.empty)} → ${asked}`;
      return { field, text };
    });
}
