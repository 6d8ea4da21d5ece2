import type { Role } from '../../api/types';

/** Roles that manage the registry (create, import, export, qualifications). */
export const STAFF_ROLES: readonly Role[] = ['bureau_admin', 'district_officer'];

export function isStaff(role: Role): boolean {
  return STAFF_ROLES.includes(role);
}
