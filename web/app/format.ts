import { currentLanguage } from './i18n';

/** Dates and times in the reader's language, Pakistan's calendar conventions. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(currentLanguage() === 'ur' ? 'ur-PK' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}
