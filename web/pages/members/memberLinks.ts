import { withQuery } from '../../api/client';

/** The roster filtered to an org's subtree (the home page's member count links here). */
export function membersPageLink(orgId: number): string {
  return `/members?orgId=${orgId}`;
}

/** The roster filtered by a roster query, e.g. the `filter` of a statistics figure. */
export function rosterLink(filter: object): string {
  return withQuery('/members', filter);
}

/** The member statistics of an org's subtree; without an org, of the caller's top org. */
export function memberStatsLink(orgId?: number): string {
  return orgId ? `/members/stats?orgId=${orgId}` : '/members/stats';
}
