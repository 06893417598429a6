import {
  educationLevels,
  ethnicities,
  politicalStatuses,
  workerCategories,
  workerCategoryCodes,
} from '../../shared/memberEnums';
import type { CorrectionRequestInput } from '../api/corrections';
import type { SelfMember } from '../api/portal';

/** The correction form's values: text as typed, choices as antd-mobile's Picker and Selector hold them. */
export interface CorrectionFormValues {
  name: string;
  ethnicity: string[];
  mobile: string;
  education: string[];
  politicalStatus: string[];
  employerName: string;
  employerCreditCode: string;
  position: string;
  workerCategory: string[];
  note: string;
}

type Changes = CorrectionRequestInput['changes'];
type TextField = 'name' | 'employerName' | 'employerCreditCode' | 'position';

const toOptions = (list: readonly string[]) => list.map((value) => ({ value, label: value }));

/** The choices of the form, as Picker columns and Selector options take them. */
export const choices = {
  ethnicity: toOptions(ethnicities),
  education: toOptions(educationLevels),
  politicalStatus: toOptions(politicalStatuses),
  workerCategory: workerCategoryCodes.map((value) => ({ value, label: workerCategories[value] })),
};

const one = (value: string | null) => (value ? [value] : []);

/** The form starts from the current record; the mobile number starts empty (it is shown masked). */
export function initialCorrectionValues(member: SelfMember): CorrectionFormValues {
  return {
    name: member.name,
    ethnicity: one(member.ethnicity),
    mobile: '',
    education: one(member.education),
    politicalStatus: one(member.politicalStatus),
    employerName: member.employerName ?? '',
    employerCreditCode: member.employerCreditCode ?? '',
    position: member.position ?? '',
    workerCategory: one(member.workerCategory),
    note: '',
  };
}

/** The chosen value when it is one of the list's and differs from the current one. */
function changedChoice<T extends string>(list: readonly T[], chosen: string[], current: string | null) {
  const value = list.find((v) => v === chosen[0]);
  return value !== undefined && value !== current ? value : undefined;
}

/**
 * Only what the member changed: text that differs from the record once trimmed (a blank field means
 * "leave it"), another choice, or a typed mobile number. Undefined entries are dropped by JSON.
 */
export function correctionChanges(values: CorrectionFormValues, member: SelfMember): Changes {
  const text = (field: TextField) => {
    const typed = values[field]?.trim();
    return typed && typed !== (member[field] ?? '') ? typed : undefined;
  };
  const mobile = values.mobile?.trim();
  return {
    name: text('name'),
    ethnicity: changedChoice(ethnicities, values.ethnicity ?? [], member.ethnicity),
    mobile: mobile && mobile !== member.mobileFull ? mobile : undefined,
    education: changedChoice(educationLevels, values.education ?? [], member.education),
    politicalStatus: changedChoice(politicalStatuses, values.politicalStatus ?? [], member.politicalStatus),
    employerName: text('employerName'),
    employerCreditCode: text('employerCreditCode'),
    position: text('position'),
    workerCategory: changedChoice(workerCategoryCodes, values.workerCategory ?? [], member.workerCategory),
  };
}

/** Whether the member changed anything at all. */
export const hasChanges = (changes: Changes) => Object.values(changes).some((v) => v !== undefined);
