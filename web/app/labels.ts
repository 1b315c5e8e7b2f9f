import { ROLE_NAMES, type RoleKey } from '../../common/roles';
import { currentLanguage } from './i18n';

/** Role names come from `common/roles.ts`, the one list the server seeds roles from. */
export function roleName(key: string): string {
  const names = ROLE_NAMES[key as RoleKey];
  return names ? names[currentLanguage()] : key;
}

/** Picks the Urdu or English name of a record that carries both. */
export function localName(record: { nameEn: string; nameUr: string }): string {
  return currentLanguage() === 'ur' ? record.nameUr : record.nameEn;
}
