import dayjs from 'dayjs';
import { DISTRICTS, type District, type Role } from './api/types';
import type { Translate } from './i18n';

/** "2026-03-01 09:30:00" in the browser's time zone; "—" for missing values. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = dayjs(value);
  return date.isValid() ? date.format('YYYY-MM-DD HH:mm:ss') : value;
}

export function roleLabel(t: Translate, role: Role | string): string {
  switch (role) {
    case 'bureau_admin':
    case 'district_officer':
    case 'org_user':
    case 'reviewer':
    case 'public':
      return t(`role.${role}`);
    default:
      return role;
  }
}

export function isDistrict(value: string): value is District {
  return (DISTRICTS as readonly string[]).includes(value);
}

export function districtLabel(t: Translate, district: string | null | undefined): string {
  if (!district) return t('common.none');
  return isDistrict(district) ? t(`district.${district}`) : district;
}
