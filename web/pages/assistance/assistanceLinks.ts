import type { CaseListQuery } from '../../api/assistance';

/** The filters of the cases list that live in its address (/assistance?status=…&type=…). */
export type CaseFilters = Omit<CaseListQuery, 'cursor' | 'limit'>;

const keys = ['status', 'type', 'fundId', 'orgId', 'q', 'from', 'to', 'channel', 'period', 'batchId'] as const;
const numeric = new Set<string>(['fundId', 'orgId', 'period', 'batchId']);

/** The cases list filtered (the statistics and the funds open it so). */
export function casesLink(filters: CaseFilters = {}): string {
  const params = queryFromCaseFilters(filters);
  const qs = params.toString();
  return qs ? `/assistance?${qs}` : '/assistance';
}

/** The address query of the filters, leaving out empty ones. */
export function queryFromCaseFilters(filters: CaseFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of keys) {
    const value = filters[key];
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  return params;
}

/** The filters an address names (unknown keys and bad numbers are ignored). */
export function caseFiltersFromQuery(params: URLSearchParams): CaseFilters {
  const filters: Record<string, string | number> = {};
  for (const key of keys) {
    const value = params.get(key);
    if (!value) continue;
    if (numeric.has(key)) {
      const num = Number(value);
      if (Number.isInteger(num) && num > 0) filters[key] = num;
    } else filters[key] = value;
  }
  return filters as CaseFilters;
}

/** The statistics of an org's subtree over a period. */
export function assistanceStatsLink(query: { orgId?: number; from?: string; to?: string } = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, String(value));
  const qs = params.toString();
  return qs ? `/assistance/stats?${qs}` : '/assistance/stats';
}
