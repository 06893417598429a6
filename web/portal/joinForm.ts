import {
  educationLevels,
  ethnicities,
  genderCodes,
  newEmploymentCategories,
  politicalStatuses,
  type WorkerCategory,
  workerCategoryCodes,
} from '../../shared/memberEnums';
import type { JoinRequestInput, JoinView } from '../api/joins';
import type { ChosenUnion } from './JoinUnionField';

/** The join form's values: text as typed, choices as antd-mobile's Picker and Selector hold them. */
export interface JoinFormValues {
  union: ChosenUnion | null;
  name: string;
  idNumber: string;
  gender: string[];
  ethnicity: string[];
  education: string[];
  politicalStatus: string[];
  employerName: string;
  employerCreditCode: string;
  position: string;
  workerCategory: string[];
  note: string;
}

const one = (value: string | null | undefined) => (value ? [value] : []);
const pick = <T extends string>(list: readonly T[], chosen: string[] | undefined) =>
  list.find((v) => v === chosen?.[0]);
const blank = (value: string | undefined) => value?.trim() || undefined;

/** The form to start with: an earlier (rejected) application's values, or the worker's name and a union. */
export function initialJoinValues(opts: {
  name?: string;
  union?: ChosenUnion | null;
  previous?: JoinView | null;
}): JoinFormValues {
  const p = opts.previous;
  return {
    union: opts.union ?? (p ? { id: p.union.id, name: p.union.name } : null),
    name: p?.name ?? opts.name ?? '',
    // The number is not sent back to the phone: it is typed again.
    idNumber: '',
    gender: one(p?.gender),
    ethnicity: one(p?.ethnicity ?? '汉族'),
    education: one(p?.education),
    politicalStatus: one(p?.politicalStatus),
    employerName: p?.employerName ?? '',
    employerCreditCode: p?.employerCreditCode ?? '',
    position: p?.position ?? '',
    workerCategory: one(p?.workerCategory ?? 'regular'),
    note: '',
  };
}

/** What the API takes; the server checks everything again (ID number, gender, age, employer). */
export function joinBody(values: JoinFormValues): JoinRequestInput {
  return {
    orgId: values.union?.id ?? 0,
    name: values.name?.trim() ?? '',
    idNumber: values.idNumber?.trim() ?? '',
    gender: pick(genderCodes, values.gender) ?? 'male',
    ethnicity: pick(ethnicities, values.ethnicity),
    education: pick(educationLevels, values.education),
    politicalStatus: pick(politicalStatuses, values.politicalStatus),
    employerName: blank(values.employerName),
    employerCreditCode: blank(values.employerCreditCode),
    position: blank(values.position),
    workerCategory: pick(workerCategoryCodes, values.workerCategory),
    note: blank(values.note),
  };
}

/** New-employment and other flexible workers may join a joint or trade union without an employer. */
export function isFlexible(category: string | undefined): boolean {
  return category === 'flexible' || newEmploymentCategories.includes(category as WorkerCategory);
}

/** Where the server's errors without a field belong on the form. */
export const errorFields: Partial<Record<string, keyof JoinFormValues>> = {
  'members/gender_mismatch': 'gender',
  'members/age_out_of_range': 'idNumber',
  'joins/id_number_pending': 'idNumber',
  'joins/union_unavailable': 'union',
  'joins/employer_required': 'employerName',
};
