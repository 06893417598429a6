/** The org page with one org selected (home cards and search results link here). */
export function orgPageLink(orgId: number): string {
  return `/orgs?org=${orgId}`;
}
