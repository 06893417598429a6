import {
  consentMethods,
  hardshipCauses,
  hardshipLevels,
  hardshipStatuses,
  healthStates,
  householdRelations,
  resolveReasons,
  reviewOutcomes,
} from '../../../shared/schemas/hardship';

const optionsOf = <K extends string>(labels: Record<K, string>) =>
  (Object.entries(labels) as [K, string][]).map(([value, label]) => ({ value, label }));

export const levelOptions = optionsOf(hardshipLevels);
export const causeOptions = optionsOf(hardshipCauses);
export const statusOptions = optionsOf(hardshipStatuses);
export const relationOptions = optionsOf(householdRelations);
export const healthOptions = optionsOf(healthStates);
export const consentMethodOptions = optionsOf(consentMethods);
export const resolveReasonOptions = optionsOf(resolveReasons);
export const reviewOutcomeOptions = optionsOf(reviewOutcomes);

/** Tag colours of the levels: deep hardship stands out. */
export const levelColors: Record<string, string> = { deep: 'red', relative: 'orange', accident: 'purple' };

/** Income per head, rounded half up to the fen, exactly as the server computes it; null when unknown. */
export function perCapitaFen(incomes: (number | null | undefined)[], size: number) {
  if (incomes.length === 0 || size < 1 || incomes.some((v) => v === null || v === undefined)) return null;
  const total = incomes.reduce<number>((s, v) => s + (v ?? 0), 0);
  return { total, each: Math.floor((2 * total + size) / (2 * size)) };
}
