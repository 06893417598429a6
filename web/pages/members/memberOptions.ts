import { auditDetailKeys, grassrootsTypes, type OrgType } from '../../../shared/enums';
import {
  educationLevels,
  ethnicities,
  genders,
  memberStatuses,
  politicalStatuses,
  workerCategories,
} from '../../../shared/memberEnums';
import { memberSorts } from '../../../shared/schemas/members';
import { members } from '../../locales/zh-CN';

const fromLabels = <T extends Record<string, string>>(labels: T) =>
  (Object.keys(labels) as (keyof T & string)[]).map((value) => ({ value, label: labels[value] }));
const fromList = (list: readonly string[]) => list.map((value) => ({ value, label: value }));

export const genderOptions = fromLabels(genders);
export const statusOptions = fromLabels(memberStatuses);
export const categoryOptions = fromLabels(workerCategories);
export const sortOptions = memberSorts.map((value) => ({ value, label: members.sorts[value] }));
export const ethnicityOptions = fromList(ethnicities);
export const educationOptions = fromList(educationLevels);
export const politicalOptions = fromList(politicalStatuses);

/** The unions a member can belong to: grassroots unions and the groups below them. */
export const memberUnionTypes: readonly OrgType[] = [...grassrootsTypes, 'union_group'];

/** The Chinese name of a member field (history, drawer), falling back to the audit log's names. */
export function fieldLabel(key: string): string {
  return key in members.fields ? members.fields[key as keyof typeof members.fields] : (auditDetailKeys[key] ?? key);
}

/** A stored value as a cadre reads it: coded genders, categories and statuses in Chinese. */
export function valueLabel(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return members.emptyValue;
  const text = String(value);
  const labels: Record<string, Record<string, string>> = {
    gender: genders,
    workerCategory: workerCategories,
    status: memberStatuses,
  };
  return labels[key]?.[text] ?? text;
}
