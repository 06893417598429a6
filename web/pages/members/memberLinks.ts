/** The roster filtered to an org's subtree (the home page's member count links here). */
export function membersPageLink(orgId: number): string {
  return `/members?orgId=${orgId}`;
}
