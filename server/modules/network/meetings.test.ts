import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSystem, type TestSystem } from '../../test/harness';
import { foldLine } from './ics';
import { API, expectOk, memberNetwork, type MemberNetwork } from './test-support';
import { pakistanDate } from './time';

let system: TestSystem;
let net: MemberNetwork;
const inDays = (days: number, hourUtc = 5) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hourUtc, 0, 0, 0);
  return d.toISOString();
};

beforeAll(async () => {
  system = await testSystem();
  net = await memberNetwork(system);
});
afterAll(() => system.close());

async function schedule(body: Record<string, unknown>) {
  return net.admin.post(`${API}/meetings`, {
    kind: 'network',
    titleEn: 'Quarterly network meeting',
    startsAt: inDays(7, 5),
    endsAt: inDays(7, 7),
    location: 'Serena Hotel, Room 1',
    agenda: [{ title: 'Opening' }, { title: 'Counter-trafficking update', presenter: 'FIA' }],
    ...body,
  });
}

describe('scheduling a meeting', () => {
  it('refuses an end before the start with a 422 naming endsAt', async () => {
    const res = await schedule({ startsAt: inDays(3, 9), endsAt: inDays(3, 8) });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ field: 'endsAt', code: 'network.meeting.ends-before-start', message: 'The meeting ends before it starts.' }]);
  });

  it('refuses a working group meeting overlapping another in the same room with a 409', async () => {
    const group = await net.admin.post(`${API}/working-groups`, { nameEn: 'Room clash group', nameUr: 'گروپ' });
    expectOk(group, 201);
    const first = await schedule({ kind: 'working_group', workingGroupId: group.json().id, location: 'FIA HQ, Hall B', startsAt: inDays(20, 5), endsAt: inDays(20, 8) });
    expectOk(first, 201);
    const clash = await schedule({ kind: 'working_group', workingGroupId: group.json().id, location: 'fia hq, hall b ', startsAt: inDays(20, 7), endsAt: inDays(20, 9) });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().errors[0].field).toBe('startsAt');
    const otherRoom = await schedule({ kind: 'working_group', workingGroupId: group.json().id, location: 'FIA HQ, Hall C', startsAt: inDays(20, 7), endsAt: inDays(20, 9) });
    expect(otherRoom.statusCode).toBe(201);
  });

  it('refuses a focal point scheduling a network meeting', async () => {
    const res = await net.focalA.post(`${API}/meetings`, { kind: 'network', titleEn: 'x', startsAt: inDays(5), endsAt: inDays(5, 6) });
    expect(res.statusCode).toBe(403);
  });
});

describe('a network meeting from invitation to amended minutes', () => {
  let meetingId: string;
  let agenda: { id: string; version: number }[];

  it('schedules the meeting and invites member organisations by e-mail with an .ics attachment', async () => {
    const created = await schedule({});
    expect(created.statusCode).toBe(201);
    meetingId = created.json().id;
    agenda = created.json().agenda;
    expect(agenda).toHaveLength(2);

    const invited = await net.admin.post(`${API}/meetings/${meetingId}/invitations`, { organisationIds: [net.orgA, net.orgB] });
    expect(invited.statusCode).toBe(200);
    expect(invited.json().invitations.map((i: { email: string }) => i.email).sort()).toEqual([net.focalAUser.email, net.focalBUser.email].sort());

    const outbox = await system.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('network_id', '=', net.networkId)
      .where('subject', 'like', 'Invitation:%')
      .execute();
    expect(outbox.map((m) => m.to_address).sort()).toEqual([net.focalAUser.email, net.focalBUser.email].sort());
    const mail = outbox[0];
    expect(mail.subject).toContain('PKT');
    expect(mail.body_text).toContain('Pakistan Standard Time');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0].filename).toBe('invite.ics');
    expect(mail.attachments[0].contentType).toContain('text/calendar');
    const ics = Buffer.from(mail.attachments[0].contentBase64, 'base64').toString('utf8');
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics).toContain('\r\nMETHOD:REQUEST\r\n');
    expect(ics).toContain(`\r\nUID:meeting-${meetingId}@`);
    expect(ics).toMatch(/\r\nDTSTAMP:\d{8}T\d{6}Z\r\n/);
    const start = new Date(created.json().startsAt).toISOString().replace(/[-:]/g, '').replace('.000', '');
    expect(ics).toContain(`\r\nDTSTART:${start}\r\n`);
    expect(ics).toContain('\r\nSUMMARY:Quarterly network meeting\r\n');
    expect(ics).toContain('\r\nLOCATION:Serena Hotel\\, Room 1\r\n');
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '').includes('\n')).toBe(false);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);

    // Inviting again does not send a second mail to the same person.
    await net.admin.post(`${API}/meetings/${meetingId}/invitations`, { organisationIds: [net.orgA] });
    const again = await system.db.selectFrom('mail_outbox').select('id').where('network_id', '=', net.networkId).where('subject', 'like', 'Invitation:%').execute();
    expect(again).toHaveLength(2);
  });

  it('computes the quorum against the membership on the meeting date', async () => {
    // Five voting members (secretariat, chair, A, B, C; the observer does not count): three are a quorum.
    const two = await net.admin.put(`${API}/meetings/${meetingId}/attendance`, {
      organisations: [{ organisationId: net.orgA, attendees: 'Two officers' }, { organisationId: net.orgB }, { organisationId: net.observerOrg }],
    });
    expect(two.statusCode).toBe(200);
    expect(two.json().quorum).toMatchObject({ eligible: 5, present: 2, required: 3, reached: false });
    expect(two.json().status).toBe('held');

    const three = await net.admin.put(`${API}/meetings/${meetingId}/attendance`, {
      organisations: [{ organisationId: net.orgA }, { organisationId: net.orgB }, { organisationId: net.secretariatOrg }],
    });
    expect(three.json().quorum).toMatchObject({ eligible: 5, present: 3, required: 3, reached: true });
  });

  it('does not count an organisation that joined after the meeting date', async () => {
    const late = await system.factory.organisation(net.networkId, { nameEn: 'Late joiner' });
    expectOk(await net.admin.post(`${API}/memberships`, { organisationId: late, role: 'member', joinedOn: pakistanDate(new Date(Date.now() + 30 * 86_400_000)) }), 201);
    const detail = await net.admin.get(`${API}/meetings/${meetingId}`);
    expect(detail.json().quorum.eligible).toBe(5);
  });

  it('drafts, circulates, takes comments and lets only the chair approve the minutes', async () => {
    const drafted = await net.admin.put(`${API}/meetings/${meetingId}/agenda/${agenda[0].id}/minutes`, { minutes: 'The chair opened the meeting.', version: agenda[0].version });
    expect(drafted.statusCode).toBe(200);
    expect(drafted.json().agenda[0].minutes).toBe('The chair opened the meeting.');

    const tooEarly = await net.chair.post(`${API}/meetings/${meetingId}/minutes/approve`);
    expect(tooEarly.statusCode).toBe(409);
    expect(tooEarly.json().detail).toBe('Circulate the minutes for comment before approving them.');

    expect((await net.admin.post(`${API}/meetings/${meetingId}/minutes/circulate`)).json().minutesStatus).toBe('circulated');
    const notice = await system.db.selectFrom('notifications').select('kind').where('user_id', '=', net.focalAUser.id).execute();
    expect(notice.map((n) => n.kind)).toContain('network.minutes.circulated');

    const comment = await net.focalA.post(`${API}/meetings/${meetingId}/minutes/comments`, { agendaItemId: agenda[0].id, body: 'Please add the FIA figures.' });
    expect(comment.statusCode).toBe(200);
    expect(comment.json().comments).toHaveLength(1);

    const byAdmin = await net.admin.post(`${API}/meetings/${meetingId}/minutes/approve`);
    expect(byAdmin.statusCode).toBe(403);
    expect(byAdmin.json().detail).toBe('The chair approves the minutes of network meetings.');
    expect((await net.focalA.post(`${API}/meetings/${meetingId}/minutes/approve`)).statusCode).toBe(403);

    const approved = await net.chair.post(`${API}/meetings/${meetingId}/minutes/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json().minutesStatus).toBe('approved');
    expect(approved.json().minutesApprovedAt).not.toBeNull();
  });

  it('refuses edits to approved minutes and keeps corrections as numbered amendments', async () => {
    const current = (await net.admin.get(`${API}/meetings/${meetingId}`)).json();
    const edit = await net.admin.put(`${API}/meetings/${meetingId}/agenda/${agenda[0].id}/minutes`, { minutes: 'Rewritten', version: current.agenda[0].version });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().detail).toBe('Approved minutes cannot be changed. Record an amendment instead.');
    expect((await net.admin.post(`${API}/meetings/${meetingId}/minutes/circulate`)).statusCode).toBe(409);

    const first = await net.admin.post(`${API}/meetings/${meetingId}/minutes/amendments`, { agendaItemId: agenda[0].id, text: 'The deputy chair opened the meeting.', reason: 'Correction from the chair' });
    expect(first.statusCode).toBe(200);
    const second = await net.admin.post(`${API}/meetings/${meetingId}/minutes/amendments`, { agendaItemId: agenda[0].id, text: 'Add: 12 participants.', reason: 'Count' });
    expect(second.json().amendments.map((a: { number: number }) => a.number)).toEqual([1, 2]);
    expect(second.json().agenda[0].minutes).toBe('The chair opened the meeting.');
  });

  it('serves the calendar file of the meeting', async () => {
    const res = await net.focalA.get(`${API}/meetings/${meetingId}/calendar.ics`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    expect(res.body).toContain('BEGIN:VEVENT\r\n');
  });

  it('hides meetings a focal point\'s organisation was not invited to', async () => {
    const other = await schedule({ location: null, titleEn: 'Closed planning session' });
    expectOk(other, 201);
    expect((await net.focalA.get(`${API}/meetings/${other.json().id}`)).statusCode).toBe(404);
    const list = await net.focalA.get(`${API}/meetings?limit=50`);
    const ids = list.json().items.map((m: { id: string }) => m.id);
    expect(ids).toContain(meetingId);
    expect(ids).not.toContain(other.json().id);
  });
});

describe('decision numbers', () => {
  it('numbers decisions per network and year and never gives two requests the same number', async () => {
    const meeting = await schedule({ location: null, startsAt: '2031-03-10T05:00:00Z', endsAt: '2031-03-10T07:00:00Z' });
    expectOk(meeting, 201);
    const id = meeting.json().id;
    const count = 12;
    const results = await Promise.all(Array.from({ length: count }, (_, i) => net.admin.post(`${API}/meetings/${id}/decisions`, { textEn: `Decision ${i + 1}`, gcmObjectives: [10] })));
    expect(results.map((r) => r.statusCode)).toEqual(Array(count).fill(201));
    const numbers = results.map((r) => r.json().number as string);
    expect(new Set(numbers).size).toBe(count);
    const code = (await system.db.selectFrom('networks').select('code').where('id', '=', net.networkId).executeTakeFirstOrThrow()).code;
    expect(numbers.sort()).toEqual(Array.from({ length: count }, (_, i) => `UNNM-${code}/2031/${String(i + 1).padStart(2, '0')}`));

    const nextYear = await schedule({ location: null, startsAt: '2031-12-31T20:00:00Z', endsAt: '2031-12-31T21:00:00Z' });
    // 20:00 UTC on 31 December is already 1 January in Pakistan.
    const decision = await net.admin.post(`${API}/meetings/${nextYear.json().id}/decisions`, { textEn: 'New year decision' });
    expect(decision.json().number).toBe(`UNNM-${code}/2032/01`);

    const list = await net.focalA.get(`${API}/decisions?year=2031&limit=5`);
    expect(list.json().total).toBe(count);
  });
});

describe('iCalendar line folding', () => {
  it('folds long lines at 75 octets without splitting an Urdu character', () => {
    const line = `SUMMARY:${'نیٹ ورک اجلاس '.repeat(10)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
  });
});

describe('stale edits', () => {
  it('answers 409 with the current version when a meeting was changed meanwhile', async () => {
    const meeting = await schedule({ location: null });
    const id = meeting.json().id;
    expectOk(await net.admin.patch(`${API}/meetings/${id}`, { titleEn: 'Renamed', version: 1 }));
    const stale = await net.admin.patch(`${API}/meetings/${id}`, { titleEn: 'Again', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().currentVersion).toBe(2);
  });
});
