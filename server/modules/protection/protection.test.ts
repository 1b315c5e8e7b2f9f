import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoped } from '../../platform/database/tenant';
import type { Agent } from '../../test/factories';
import { testSystem, type TestSystem } from '../../test/harness';
import { anonymiseExpiredCases, notifyOverdueReferrals } from './jobs';

let system: TestSystem;
let networkId: string;
let ownerOrg: string;
let receiverOrg: string;
let otherOrg: string;
let supervisor: Agent;
let caseworker: Agent;
let receiver: Agent;
let receiverSupervisor: Agent;
let outsider: Agent;

export const PERSON = {
  firstName: 'Zarghuna',
  secondName: 'Testwala',
  guardianName: 'Gul Testwala',
  guardianRelation: 'father',
  identityNumber: '35202-1234567-1',
  birthDate: '1998-04-12',
  gender: 'Feminine',
  citizenship: ['PK'],
  phone: '+92 300 1234567',
  migrationStatus: 'returnee',
  exploitationTypes: ['ForcedLabour'],
  traffickingStatus: 'ActualVictimOfTrafficking',
};

beforeAll(async () => {
  system = await testSystem();
  const f = system.factory;
  networkId = await f.network();
  ownerOrg = await f.organisation(networkId, { services: ['psychosocial'] });
  receiverOrg = await f.organisation(networkId, { services: ['shelter', 'legal_aid'] });
  otherOrg = await f.organisation(networkId, { services: ['shelter'] });
  supervisor = await f.agent(networkId, ['case_supervisor'], ownerOrg);
  caseworker = await f.agent(networkId, ['caseworker'], ownerOrg);
  receiver = await f.agent(networkId, ['caseworker'], receiverOrg);
  receiverSupervisor = await f.agent(networkId, ['case_supervisor'], receiverOrg);
  outsider = await f.agent(networkId, ['case_supervisor'], otherOrg);
});
afterAll(() => system.close());

async function newCase(agent: Agent, overrides: Record<string, unknown> = {}) {
  const res = await agent.post('/api/v1/protection/cases', {
    person: PERSON,
    province: 'PK-PB',
    registeredOn: '2025-03-01',
    consents: [
      { purpose: 'services', givenOn: '2025-01-10' },
      { purpose: 'statistics', givenOn: '2025-01-10' },
      { purpose: 'sharing', organisationId: receiverOrg, sharedFields: ['name', 'gender', 'age', 'needs'], givenOn: '2025-01-10' },
    ],
    ...overrides,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const referralBody = { receivingOrganisationId: '', serviceType: 'shelter', sharedFields: ['name', 'gender', 'needs'], message: 'Needs a safe place tonight.' };

describe('cases', () => {
  it('registers a case and its person, and the caseworker who registered it sees it', async () => {
    const created = await newCase(caseworker);
    expect(created.person.firstName).toBe('Zarghuna');
    expect(created.person.identityNumber).toBe('35202-1234567-1');
    expect(created.stage).toBe('registered');
    expect(created.caseOwnerUserId).toBe(caseworker.user.id);
    const read = await caseworker.get(`/api/v1/protection/cases/${created.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().access).toBe('assigned');
  });

  it('rejects a malformed CNIC with a 400 naming the field', async () => {
    const res = await caseworker.post('/api/v1/protection/cases', { person: { ...PERSON, identityNumber: '352021234567' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('person.identityNumber');
  });

  it('finds a case by exact CNIC (any spelling of the dashes) and by normalised full name', async () => {
    const created = await newCase(supervisor, { person: { ...PERSON, identityNumber: '61101-7654321-9', firstName: 'Muḥammad', secondName: 'Searchable' } });
    const byCnic = await supervisor.get('/api/v1/protection/cases?identityNumber=61101-7654321-9');
    expect(byCnic.json().items.map((c: { id: string }) => c.id)).toEqual([created.id]);
    const byName = await supervisor.get(`/api/v1/protection/cases?name=${encodeURIComponent('  muhammad   SEARCHABLE ')}`);
    expect(byName.json().items.map((c: { id: string }) => c.id)).toEqual([created.id]);
  });

  it('answers a stale edit with 409 and the current version, never overwriting', async () => {
    const created = await newCase(caseworker);
    const first = await supervisor.patch(`/api/v1/protection/cases/${created.id}`, { version: created.version, riskLevel: 'high' });
    expect(first.statusCode).toBe(200);
    const stale = await caseworker.patch(`/api/v1/protection/cases/${created.id}`, { version: created.version, riskLevel: 'low' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().currentVersion).toBe(first.json().version);
    const now = await supervisor.get(`/api/v1/protection/cases/${created.id}`);
    expect(now.json().riskLevel).toBe('high');
  });

  it('runs the workflow to a closure approved by a supervisor', async () => {
    let c = await newCase(caseworker);
    const put = async (path: string, body: Record<string, unknown>) => {
      const res = await caseworker.put(`/api/v1/protection/cases/${c.id}/${path}`, { ...body, version: c.version });
      expect(res.statusCode, res.body).toBe(200);
      c = res.json();
    };
    await put('screening', { indicators: ['deception', 'retention_of_documents'], outcome: 'likely_victim', notes: 'Passport kept by the employer.' });
    expect(c.stage).toBe('screened');
    await put('assessment', { needs: ['shelter', 'legal_aid'], priority: 'high' });
    expect(c.stage).toBe('assessment');
    const plan = await caseworker.post(`/api/v1/protection/cases/${c.id}/support-plans`, { type: 'Legal', objectives: 'Recover the passport' });
    expect(plan.statusCode).toBe(201);
    const service = await caseworker.post(`/api/v1/protection/cases/${c.id}/services`, { serviceType: 'psychosocial', status: 'in_progress' });
    expect(service.statusCode).toBe(201);
    c = (await caseworker.get(`/api/v1/protection/cases/${c.id}`)).json();
    expect(c.stage).toBe('services');
    const request = await caseworker.post(`/api/v1/protection/cases/${c.id}/closure-request`, { version: c.version, reason: 'Returned home, services done.' });
    expect(request.statusCode).toBe(200);
    expect(request.json().stage).toBe('closure_requested');
    const byCaseworker = await caseworker.post(`/api/v1/protection/cases/${c.id}/closure-decision`, { version: request.json().version, approve: true });
    expect(byCaseworker.statusCode).toBe(403);
    const approved = await supervisor.post(`/api/v1/protection/cases/${c.id}/closure-decision`, { version: request.json().version, approve: true });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ stage: 'closed', status: 'Closed' });
  });

  it('stores an attachment encrypted on disk under a neutral name, and serves it back to the case team', async () => {
    const c = await newCase(caseworker);
    const boundary = 'hamsafarboundary';
    const payload = [`--${boundary}`, 'Content-Disposition: form-data; name="file"; filename="Zarghuna passport.txt"', 'Content-Type: text/plain', '', 'Passport number AB1234567 of Zarghuna Testwala', `--${boundary}--`, ''].join('\r\n');
    const upload = await caseworker.request('POST', `/api/v1/protection/cases/${c.id}/attachments`, payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect(upload.statusCode, upload.body).toBe(201);
    const fileId = upload.json().fileId;
    const stored = await scoped(system.db, networkId).selectFrom('files').select(['name', 'sensitive']).where('id', '=', fileId).executeTakeFirstOrThrow();
    expect(stored).toEqual({ name: 'case-attachment.txt', sensitive: true });
    const onDisk = fs.readFileSync(path.join(system.config.dataDir, 'files', networkId, fileId), 'utf8');
    expect(onDisk).not.toContain('Zarghuna');
    const download = await caseworker.get(`/api/v1/protection/cases/${c.id}/attachments/${fileId}`);
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe('Passport number AB1234567 of Zarghuna Testwala');
    expect((await outsider.get(`/api/v1/protection/cases/${c.id}/attachments/${fileId}`)).statusCode).toBe(404);
  });

  it('answers list totals from the maintained counts that match the cases', async () => {
    const q = scoped(system.db, networkId);
    const count = async (status?: string) =>
      Number((await q.selectFrom('protection_cases').select((eb) => eb.fn.countAll<number>().as('n')).where('owner_organisation_id', '=', ownerOrg).$if(!!status, (qb) => qb.where('status', '=', status as never)).executeTakeFirstOrThrow()).n);
    const c = await newCase(supervisor);
    await supervisor.patch(`/api/v1/protection/cases/${c.id}`, { version: c.version, status: 'FollowUp' });
    const all = await supervisor.get('/api/v1/protection/cases?limit=1');
    expect(all.json().total).toBe(await count());
    const followUp = await supervisor.get('/api/v1/protection/cases?limit=1&status=FollowUp');
    expect(followUp.json().total).toBe(await count('FollowUp'));
    expect(followUp.json().total).toBeGreaterThanOrEqual(1);
    const active = await supervisor.get(`/api/v1/protection/cases?limit=1&status=Active&organisationId=${ownerOrg}`);
    expect(active.json().total).toBe(await count('Active'));
  });

  it('keeps every read of a case and a person in the audit trail', async () => {
    const created = await newCase(supervisor);
    await supervisor.get(`/api/v1/protection/cases/${created.id}`);
    await supervisor.get(`/api/v1/protection/cases/${created.id}/person`);
    const actions = await scoped(system.db, networkId).selectFrom('audit_log').select(['action', 'entity_id']).where('actor_user_id', '=', supervisor.user.id).execute();
    expect(actions).toContainEqual({ action: 'protection.case.read', entity_id: created.id });
    expect(actions).toContainEqual({ action: 'protection.person.read', entity_id: created.person.id });
  });
});

describe('referrals', () => {
  it('makes a full round trip: consent, preview, send, accept, feedback, complete', async () => {
    const c = await newCase(caseworker);
    const body = { ...referralBody, receivingOrganisationId: receiverOrg };
    const preview = await caseworker.post(`/api/v1/protection/cases/${c.id}/referrals/preview`, { ...body, sharedFields: ['name', 'gender', 'identityNumber'] });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().sharedFields).toEqual(['name', 'gender']);
    expect(preview.json().refusedFields.map((f: { field: string }) => f.field)).toEqual(['identityNumber']);
    expect(preview.json().data.name.firstName).toBe('Zarghuna');
    expect(preview.json().data.identityNumber).toBeUndefined();

    const refused = await caseworker.post(`/api/v1/protection/cases/${c.id}/referrals`, { ...body, sharedFields: ['name', 'identityNumber'] });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0].field).toBe('sharedFields');

    const sent = await caseworker.post(`/api/v1/protection/cases/${c.id}/referrals`, body);
    expect(sent.statusCode, sent.body).toBe(201);
    const referral = sent.json().referral;
    expect(referral.status).toBe('sent');
    expect(sent.json().outsideDelivery).toBeNull();

    const inbox = await receiver.get('/api/v1/protection/referrals?box=inbox');
    expect(inbox.json().items.map((r: { id: string }) => r.id)).toContain(referral.id);
    const beforeAccept = await receiver.get(`/api/v1/protection/referrals/${referral.id}`);
    expect(beforeAccept.json().shared).toBeNull();
    const notified = await scoped(system.db, networkId).selectFrom('notifications').select('kind').where('user_id', '=', receiver.user.id).execute();
    expect(notified.map((n) => n.kind)).toContain('protection.referral.received');

    const accepted = await receiver.post(`/api/v1/protection/referrals/${referral.id}/accept`, { version: referral.version });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().shared.name.firstName).toBe('Zarghuna');
    expect(accepted.json().shared.identityNumber).toBeUndefined();
    const caseOfOther = await receiver.get(`/api/v1/protection/cases/${c.id}`);
    expect(caseOfOther.statusCode).toBe(404);

    const started = await receiver.post(`/api/v1/protection/referrals/${referral.id}/start`, { version: accepted.json().version });
    expect(started.json().status).toBe('in_progress');
    const completed = await receiver.post(`/api/v1/protection/referrals/${referral.id}/complete`, { version: started.json().version, feedback: 'Sheltered for three weeks.' });
    expect(completed.statusCode).toBe(200);
    expect(completed.json().status).toBe('completed');
    expect(completed.json().shared).toBeNull();

    const senderView = await caseworker.get(`/api/v1/protection/referrals/${referral.id}`);
    expect(senderView.json().feedback).toBe('Sheltered for three weeks.');
    const senderNotes = await scoped(system.db, networkId).selectFrom('notifications').select('kind').where('user_id', '=', caseworker.user.id).execute();
    expect(senderNotes.map((n) => n.kind)).toEqual(expect.arrayContaining(['protection.referral.accepted', 'protection.referral.completed']));
  });

  it('lets the receiver decline with a reason, which the sender reads', async () => {
    const c = await newCase(caseworker);
    const sent = (await caseworker.post(`/api/v1/protection/cases/${c.id}/referrals`, { ...referralBody, receivingOrganisationId: receiverOrg })).json().referral;
    const noReason = await receiver.post(`/api/v1/protection/referrals/${sent.id}/decline`, { version: sent.version });
    expect(noReason.statusCode).toBe(400);
    const declined = await receiver.post(`/api/v1/protection/referrals/${sent.id}/decline`, { version: sent.version, reason: 'No beds until next month.' });
    expect(declined.statusCode).toBe(200);
    expect(declined.json().status).toBe('declined');
    expect(declined.json().shared).toBeNull();
    const senderView = await caseworker.get(`/api/v1/protection/referrals/${sent.id}`);
    expect(senderView.json().declineReason).toBe('No beds until next month.');
    const again = await receiver.post(`/api/v1/protection/referrals/${sent.id}/accept`, { version: declined.json().version });
    expect(again.statusCode).toBe(409);
  });

  it('refuses a service the receiving organisation does not offer', async () => {
    const c = await newCase(caseworker);
    const res = await caseworker.post(`/api/v1/protection/cases/${c.id}/referrals`, { ...referralBody, receivingOrganisationId: receiverOrg, serviceType: 'medical' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('serviceType');
  });

  it('notifies receiver and sender once when a referral passes its deadline, and lists it as overdue', async () => {
    const c = await newCase(caseworker);
    const sent = (await caseworker.post(`/api/v1/protection/cases/${c.id}/referrals`, { ...referralBody, receivingOrganisationId: receiverOrg, urgent: true })).json().referral;
    expect(Date.parse(sent.dueAt) - Date.parse(sent.sentAt)).toBe(24 * 3600_000);
    await scoped(system.db, networkId).updateTable('protection_referrals').set({ due_at: new Date(Date.now() - 60_000) }).where('id', '=', sent.id).execute();
    expect(await notifyOverdueReferrals(system.db, system.services)).toBeGreaterThanOrEqual(1);
    expect(await notifyOverdueReferrals(system.db, system.services)).toBe(0);
    const kinds = async (userId: string) =>
      (await scoped(system.db, networkId).selectFrom('notifications').select('kind').where('user_id', '=', userId).where('kind', '=', 'protection.referral.overdue').execute()).length;
    expect(await kinds(receiver.user.id)).toBe(1);
    expect(await kinds(receiverSupervisor.user.id)).toBe(1);
    expect(await kinds(caseworker.user.id)).toBe(1);
    const report = await caseworker.get('/api/v1/protection/referrals/overdue');
    expect(report.json().sent.map((r: { id: string }) => r.id)).toContain(sent.id);
    const receiverReport = await receiver.get('/api/v1/protection/referrals/overdue');
    expect(receiverReport.json().received.map((r: { id: string; caseId: string | null }) => [r.id, r.caseId])).toContainEqual([sent.id, null]);
  });

  it('blocks sharing once the consent is withdrawn, and withdraws referrals nobody accepted yet', async () => {
    const c = await newCase(caseworker);
    const pending = (await caseworker.post(`/api/v1/protection/cases/${c.id}/referrals`, { ...referralBody, receivingOrganisationId: receiverOrg })).json().referral;
    const sharing = c.consents.find((x: { purpose: string }) => x.purpose === 'sharing');
    const withdrawn = await caseworker.post(`/api/v1/protection/cases/${c.id}/consents/${sharing.id}/withdraw`);
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json().withdrawnAt).not.toBeNull();
    const preview = await caseworker.post(`/api/v1/protection/cases/${c.id}/referrals/preview`, { ...referralBody, receivingOrganisationId: receiverOrg });
    expect(preview.json().sharedFields).toEqual([]);
    expect(preview.json().refusedFields[0].reason).toBe('The person has not consented to sharing with this organisation.');
    const send = await caseworker.post(`/api/v1/protection/cases/${c.id}/referrals`, { ...referralBody, receivingOrganisationId: receiverOrg });
    expect(send.statusCode).toBe(422);
    const receiverView = await receiver.get(`/api/v1/protection/referrals/${pending.id}`);
    expect(receiverView.json().status).toBe('withdrawn');
    expect(receiverView.json().shared).toBeNull();
  });

  it('delivers to an organisation outside the platform as an encrypted PDF whose password is shown once', async () => {
    const c = await newCase(caseworker, { consents: [{ purpose: 'sharing', sharedFields: ['name', 'needs'], givenOn: '2025-02-01' }] });
    const res = await caseworker.post(`/api/v1/protection/cases/${c.id}/referrals`, { outsideOrganisationName: 'District Hospital Okara', serviceType: 'medical', sharedFields: ['name'] });
    expect(res.statusCode, res.body).toBe(201);
    const { password, contentBase64 } = res.json().outsideDelivery;
    expect(password.length).toBeGreaterThanOrEqual(16);
    const pdf = Buffer.from(contentBase64, 'base64').toString('latin1');
    expect(pdf.startsWith('%PDF')).toBe(true);
    expect(pdf).toContain('/Encrypt');
    expect(pdf).not.toContain('Zarghuna');
    const row = await scoped(system.db, networkId).selectFrom('protection_referrals').select('outside_password_hash').where('id', '=', res.json().referral.id).executeTakeFirstOrThrow();
    expect(row.outside_password_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.outside_password_hash).not.toContain(password);
  });

  it('transfers ownership only when the receiving organisation accepts', async () => {
    const c = await newCase(supervisor);
    const proposed = await supervisor.post(`/api/v1/protection/cases/${c.id}/transfers`, { toOrganisationId: receiverOrg, reason: 'Moved to Karachi.' });
    expect(proposed.statusCode).toBe(201);
    expect((await receiverSupervisor.get(`/api/v1/protection/cases/${c.id}`)).statusCode).toBe(404);
    const inbox = await receiverSupervisor.get('/api/v1/protection/transfers?box=inbox');
    expect(inbox.json().items[0]).toMatchObject({ id: proposed.json().id, caseId: null });
    const accepted = await receiverSupervisor.post(`/api/v1/protection/transfers/${proposed.json().id}/accept`);
    expect(accepted.statusCode).toBe(200);
    expect((await receiverSupervisor.get(`/api/v1/protection/cases/${c.id}`)).statusCode).toBe(200);
    expect((await supervisor.get(`/api/v1/protection/cases/${c.id}`)).statusCode).toBe(404);
  });
});

describe('break the glass', () => {
  it('needs a written reason, opens one case read-only and alerts the owner organisation', async () => {
    const c = await newCase(caseworker);
    expect((await outsider.get(`/api/v1/protection/cases/${c.id}`)).statusCode).toBe(404);
    const short = await outsider.post('/api/v1/protection/break-glass', { caseId: c.id, reason: 'urgent' });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0].field).toBe('reason');
    const byCaseworker = await receiver.post('/api/v1/protection/break-glass', { caseId: c.id, reason: 'Person arrived at our shelter injured at night.' });
    expect(byCaseworker.statusCode).toBe(403);
    const opened = await outsider.post('/api/v1/protection/break-glass', { caseId: c.id, reason: 'Person arrived at our shelter injured at night.' });
    expect(opened.statusCode).toBe(201);
    const read = await outsider.get(`/api/v1/protection/cases/${c.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().access).toBe('break_glass');
    const write = await outsider.post(`/api/v1/protection/cases/${c.id}/notes`, { body: 'Trying to write' });
    expect(write.statusCode).toBe(403);
    const alerts = await scoped(system.db, networkId).selectFrom('notifications').select(['user_id', 'params']).where('kind', '=', 'protection.breakGlass.opened').execute();
    expect(alerts.map((a) => a.user_id)).toContain(supervisor.user.id);
    expect(alerts.map((a) => a.user_id)).not.toContain(caseworker.user.id);
    const audit = await scoped(system.db, networkId).selectFrom('audit_log').select('action').where('actor_user_id', '=', outsider.user.id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['protection.case.break_glass', 'protection.case.read_break_glass']));
    const unknown = await outsider.post('/api/v1/protection/break-glass', { caseId: crypto.randomUUID(), reason: 'Person arrived at our shelter injured at night.' });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('statistics, exports and retention', () => {
  it('counts only consented cases, and withholds a small count and the counts that would give it away', async () => {
    const donor = await system.factory.agent(networkId, ['donor_viewer']);
    const before = await donor.get('/api/v1/protection/stats?dimension=gender');
    const feminineBefore = before.json().items.find((i: { key: string }) => i.key === 'Feminine');
    await newCase(caseworker, { consents: [{ purpose: 'services', givenOn: '2025-01-01' }] });
    const after = await donor.get('/api/v1/protection/stats?dimension=gender');
    expect(after.json().items.find((i: { key: string }) => i.key === 'Feminine')).toEqual(feminineBefore);
    const stats = await scoped(system.db, networkId).selectFrom('protection_stat_counts').select((eb) => eb.fn.sum<number>('cases').as('n')).where('exploitation_type', '=', '*').executeTakeFirstOrThrow();
    expect(Number(stats.n)).toBeGreaterThan(5);
    expect(after.json().items[0]).toMatchObject({ key: 'Feminine', display: String(Number(stats.n)) });
    const byAge = await donor.get('/api/v1/protection/stats?dimension=ageBand');
    expect(byAge.json().items).toEqual([{ key: '27-29', count: Number(stats.n), display: String(Number(stats.n)) }]);
    const single = await newCase(caseworker, { person: { ...PERSON, gender: 'Masculine' } });
    expect(single.id).toBeDefined();
    // One man: shown "<5" beside the women, he would be all cases (by age band) minus the women.
    const byGender = (await donor.get('/api/v1/protection/stats?dimension=gender')).json();
    expect(byGender.items).toEqual([
      { key: 'Feminine', count: null, display: 'x' },
      { key: 'Masculine', count: null, display: 'x' },
    ]);
    expect(byGender.note).toContain('counts from which one could be worked out');
    const partYear = await donor.get('/api/v1/protection/stats?dimension=gender&from=2025-03-01');
    expect(partYear.statusCode).toBe(422);
    expect(partYear.json().errors).toEqual([{ field: 'from', message: 'Counts by this dimension are published by calendar year: start the range on 1 January.' }]);
    const wholeYear = await donor.get('/api/v1/protection/stats?dimension=ageBand&from=2025-01-01&to=2025-12-31');
    expect(wholeYear.statusCode).toBe(200);
    expect(wholeYear.json().items).toEqual([{ key: '27-29', count: Number(stats.n) + 1, display: String(Number(stats.n) + 1) }]);
    const personal = await donor.get('/api/v1/protection/cases');
    expect(personal.statusCode).toBe(403);
  });

  it('exports HTCDS CSV and XLSX with the standard column names, audited', async () => {
    const csv = await supervisor.get('/api/v1/protection/exports/htcds.csv');
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.split('\r\n');
    expect(lines[0]).toContain('CC BY 4.0');
    expect(lines[1].split(',').slice(0, 3)).toEqual(['cas_CaseNumber', 'cas_Status', 'cas_CaseOwner']);
    expect(csv.body).toContain('35202-1234567-1');
    const xlsx = await supervisor.get('/api/v1/protection/exports/htcds.xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await caseworker.get('/api/v1/protection/exports/htcds.csv')).statusCode).toBe(403);
    const audit = await scoped(system.db, networkId).selectFrom('audit_log').select('action').where('actor_user_id', '=', supervisor.user.id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['protection.export.htcds_csv', 'protection.export.htcds_xlsx']));
  });

  it('publishes a k-anonymous dataset, suppressing combinations rarer than 11', async () => {
    const admin = await system.factory.agent(networkId, ['network_admin']);
    const res = await admin.get('/api/v1/protection/exports/anonymised');
    expect(res.statusCode).toBe(200);
    const data = res.json();
    expect(data.k).toBe(11);
    const groups = new Map<string, number>();
    for (const row of data.rows) {
      const key = data.quasiIdentifiers.map((q: string) => row[q]).join('|');
      groups.set(key, (groups.get(key) ?? 0) + 1);
    }
    for (const n of groups.values()) expect(n).toBeGreaterThanOrEqual(11);
    expect(data.report.publishedRows + data.report.suppressedRows).toBe(data.report.consentedCases);
    expect(JSON.stringify(data)).not.toContain('Zarghuna');
  });

  it('anonymises a closed case after the retention period, keeping its counts', async () => {
    const c = await newCase(supervisor);
    const request = (await supervisor.post(`/api/v1/protection/cases/${c.id}/closure-request`, { version: c.version, reason: 'Done' })).json();
    await supervisor.post(`/api/v1/protection/cases/${c.id}/closure-decision`, { version: request.version, approve: true });
    const q = scoped(system.db, networkId);
    const statsBefore = await q.selectFrom('protection_stat_counts').select((eb) => eb.fn.sum<number>('cases').as('n')).executeTakeFirstOrThrow();
    await q.updateTable('protection_cases').set({ closed_at: new Date(Date.now() - 11 * 365 * 86_400_000) }).where('id', '=', c.id).execute();
    expect(await anonymiseExpiredCases(system.db)).toBeGreaterThanOrEqual(1);
    const read = await supervisor.get(`/api/v1/protection/cases/${c.id}`);
    expect(read.json().anonymised).toBe(true);
    expect(read.json().person).toMatchObject({ firstName: null, identityNumber: null, birthDate: null, gender: 'Feminine', anonymised: true });
    const statsAfter = await q.selectFrom('protection_stat_counts').select((eb) => eb.fn.sum<number>('cases').as('n')).executeTakeFirstOrThrow();
    expect(Number(statsAfter.n)).toBe(Number(statsBefore.n));
    const audit = await q.selectFrom('audit_log').select('action').where('entity_id', '=', c.id).where('action', '=', 'protection.case.anonymised').execute();
    expect(audit).toHaveLength(1);
  });
});
