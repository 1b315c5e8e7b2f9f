import { MEETING_TIME_ZONE } from '../../../common/network';

const dateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: MEETING_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: MEETING_TIME_ZONE,
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** The calendar date in Pakistan at an instant, as YYYY-MM-DD: due dates and meeting dates are Pakistani days. */
export function pakistanDate(at: Date = new Date()): string {
  return dateFormat.format(at);
}

/** "1 Sept 2025, 10:00 PKT", for e-mails and reports. */
export function pakistanDateTime(at: Date): string {
  return `${dateTimeFormat.format(at)} PKT`;
}

export function iso(at: Date): string {
  return at.toISOString();
}

export function isoOrNull(at: Date | null): string | null {
  return at ? at.toISOString() : null;
}
