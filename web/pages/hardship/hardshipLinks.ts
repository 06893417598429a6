import type { HardshipListQuery } from '../../api/hardship';

/** The list query without paging. */
export type HardshipFilters = Omit<HardshipListQuery, 'cursor' | 'limit'>;

const keys = ['q', 'orgId', 'level', 'cause', 'status', 'reviewDue', 'resolvedFrom', 'resolvedTo', 'sort'] as const;

/** The filters an address stands for (/hardship?level=deep&orgId=…). */
export function filtersFromQuery(params: URLSearchParams): HardshipFilters {
  const filters: Record<string, string | number> = {};
  for (const key of keys) {
    const value = params.get(key);
    if (value) filters[key] = key === 'orgId' ? Number(value) : value;
  }
  return filters as HardshipFilters;
}

/** The address of a list of files: each figure of the statistics opens one. */
export function hardshipLink(filter: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter as Record<string, unknown>)) {
    if (value !== undefined && value !== null && value !== '' && value !== false) params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `/hardship?${qs}` : '/hardship';
}
