import { describe, expect, it } from 'vitest';
import gcm from '../../common/reference/gcm.json';
import { formatDate, formatDateTime } from './format';

describe('dates and times are shown in Pakistan time', () => {
  it('shows a moment in Pakistan time, labelled, whatever the time zone of the machine', () => {
    // 19:30 UTC is 00:30 the next day in Karachi.
    expect(formatDateTime('2026-12-03T19:30:00.000Z')).toBe('4 Dec 2026, 00:30 PKT');
  });

  it('shows the Pakistan day of a deadline stored as a timestamp', () => {
    expect(formatDate('2026-12-03T20:00:00.000Z')).toBe('4 Dec 2026');
  });

  it('keeps a plain calendar date as it is', () => {
    expect(formatDate('2026-12-03')).toBe('3 Dec 2026');
  });

  it('has an Urdu title for each of the 23 GCM objectives', () => {
    expect(gcm.objectives).toHaveLength(23);
    for (const objective of gcm.objectives) expect(objective.title_ur, `objective ${objective.number}`).toMatch(/^[\u0600-\u06FF][\u0600-\u06FF\s،()]+$/);
  });
});
