import { memberListQuery } from '../../../shared/schemas/members';
import type { MemberFilters } from './MemberFilters';

/** The roster filters the address may carry, as the API names them. */
const filterKeys = [
  'q',
  'orgId',
  'status',
  'category',
  'gender',
  'ageMin',
  'ageMax',
  'joinedFrom',
  'joinedTo',
  'sort',
] as const;

/**
 * The roster filters in an address (/members?category=courier&orgId=40…), each checked by the API's own
 * rules: a malformed or unknown value is left out rather than sent on to fail the whole query.
 */
export function filtersFromQuery(params: URLSearchParams): MemberFilters {
  const filters: Record<string, unknown> = {};
  for (const key of filterKeys) {
    const raw = params.get(key);
    if (raw === null || raw.trim() === '') continue;
    const parsed = memberListQuery.shape[key].safeParse(raw);
    if (parsed.success && parsed.data !== undefined) filters[key] = parsed.data;
  }
  return filters as MemberFilters;
}

/** The address query of a set of roster filters; empty ones are left out. */
export function queryFromFilters(filters: MemberFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of filterKeys) {
    const value: unknown = filters[key];
    if ((typeof value === 'string' && value !== '') || typeof value === 'number') params.set(key, String(value));
  }
  return params;
}
