import { MEETING_TIME_ZONE } from '../../common/network';
import { currentLanguage } from './i18n';

/**
 * The network works in Pakistan time whatever the reader's device says: deadlines and meetings
 * are shown there, labelled, so "17:00" means the same to everyone. Networks have no time-zone
 * field yet; this is the one place to read it from when they do. PKT is UTC+5 all year.
 */
export const NETWORK_TIME_ZONE = { id: MEETING_TIME_ZONE, label: 'PKT' } as const;

function locale(): string {
  return currentLanguage() === 'ur' ? 'ur-PK' : 'en-GB';
}

/** A moment in the reader's language, in Pakistan time, e.g. "3 Dec 2026, 16:00 PKT". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const text = new Date(iso).toLocaleString(locale(), { timeZone: NETWORK_TIME_ZONE.id, dateStyle: 'medium', timeStyle: 'short' });
  return `${text} ${NETWORK_TIME_ZONE.label}`;
}

/**
 * A calendar date in the reader's language. A timestamp (a deadline) shows its day in Pakistan,
 * not in UTC; a plain date is that day, read at noon UTC so no time zone moves it.
 */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const instant = value.length > 10 ? new Date(value) : new Date(`${value}T12:00:00Z`);
  const timeZone = value.length > 10 ? NETWORK_TIME_ZONE.id : 'UTC';
  return instant.toLocaleDateString(locale(), { timeZone, dateStyle: 'medium' });
}
