import { type RoleCode, restrictedRoles, roleCodes, roles } from '../../../shared/permissions';
import type { Me } from '../../api/auth';

/** Every role with its Chinese name, for filters. */
export const allRoleOptions = roleCodes.map((code) => ({ value: code, label: roles[code].name }));

/**
 * The roles this account may hand out: platform_admin only by a platform admin (shared/permissions.ts);
 * everything else is the server's decision (it answers accounts/role_not_grantable).
 */
export function grantableRoleOptions(me: Me): { value: RoleCode; label: string; title: string }[] {
  const isPlatformAdmin = me.grants.some((g) => g.role === 'platform_admin');
  return roleCodes
    .filter((code) => isPlatformAdmin || !restrictedRoles.includes(code))
    .map((code) => ({ value: code, label: roles[code].name, title: roles[code].description }));
}
