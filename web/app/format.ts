import { currentLanguage } from './i18n';

/** Dates and times in the reader's language, Pakistan's calendar conventions. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(currentLanguage() === 'ur' ? 'ur-PK' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** A calendar date (or the date part of a timestamp) in the reader's language; noon UTC keeps the day in every time zone. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  return new Date(`${value.slice(0, 10)}T12:00:00Z`).toLocaleDateString(currentLanguage() === 'ur' ? 'ur-PK' : 'en-GB', { dateStyle: 'medium' });
}
