import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../test/factories';
import { testSystem, type TestSystem } from '../../test/harness';

const PERSON = { firstName: 'Zarghuna', secondName: 'Formwala', identityNumber: '35202-1234567-1', gender: 'Feminine', citizenship: ['PK'], migrationStatus: 'returnee' };

/** What the protection forms send: CNICs without dashes, country codes, and the receiver's inbox before acceptance. */
let system: TestSystem;
let receiverOrg: string;
let senderOrg: string;
let caseworker: Agent;
let receiver: Agent;

beforeAll(async () => {
  system = await testSystem();
  const f = system.factory;
  const networkId = await f.network();
  senderOrg = await f.organisation(networkId, { services: ['psychosocial'] });
  receiverOrg = await f.organisation(networkId, { services: ['shelter'] });
  caseworker = await f.agent(networkId, ['caseworker'], senderOrg);
  receiver = await f.agent(networkId, ['caseworker'], receiverOrg);
});
afterAll(() => system.close());

async function newCase(person: Record<string, unknown> = {}) {
  const res = await caseworker.post('/api/v1/protection/cases', {
    person: { ...PERSON, ...person },
    consents: [{ purpose: 'sharing', organisationId: receiverOrg, sharedFields: ['name', 'gender', 'needs'], givenOn: '2025-01-10' }],
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('CNIC', () => {
  it('accepts 13 digits without dashes and keeps the printed form', async () => {
    const created = await newCase({ identityNumber: '4210112345673' });
    expect(created.person.identityNumber).toBe('42101-1234567-3');
  });

  it('finds the case by the CNIC typed without dashes', async () => {
    const created = await newCase({ identityNumber: '61101-7654329-1' });
    const found = await caseworker.get('/api/v1/protection/cases?identityNumber=6110176543291');
    expect(found.statusCode).toBe(200);
    expect(found.json().items.map((c: { reference: string }) => c.reference)).toEqual([created.reference]);
  });

  it('refuses 12 digits, naming the field', async () => {
    const res = await caseworker.post('/api/v1/protection/cases', { person: { ...PERSON, identityNumber: '421011234567' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('person.identityNumber');
  });
});

describe('countries', () => {
  it('refuses a journey country that is no ISO 3166 code, naming the field', async () => {
    const created = await newCase();
    const res = await caseworker.post(`/api/v1/protection/cases/${created.id}/journey`, { type: 'Transit', country: 'XX' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors[0].field).toBe('country');
    const listed = await caseworker.get(`/api/v1/protection/cases/${created.id}/journey`);
    expect(listed.json().items).toEqual([]);
  });

  it('saves a journey country that is an ISO 3166 code', async () => {
    const created = await newCase();
    const res = await caseworker.post(`/api/v1/protection/cases/${created.id}/journey`, { type: 'Transit', country: 'IR' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().country).toBe('IR');
  });

  it('refuses a citizenship that is no ISO 3166 code, naming the field', async () => {
    const res = await caseworker.post('/api/v1/protection/cases', { person: { ...PERSON, citizenship: ['PK', 'XX'] } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('person.citizenship.1');
  });
});

describe('referral inbox', () => {
  it('shows the receiver service, urgency, deadline, sender and message before acceptance, without personal data', async () => {
    const created = await newCase();
    const sent = await caseworker.post(`/api/v1/protection/cases/${created.id}/referrals`, {
      receivingOrganisationId: receiverOrg, serviceType: 'shelter', urgent: true, sharedFields: ['name', 'gender'], message: 'A bed for two nights, please.',
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const inbox = await receiver.get('/api/v1/protection/referrals?box=inbox');
    expect(inbox.statusCode).toBe(200);
    const item = inbox.json().items.find((r: { id: string }) => r.id === sent.json().referral.id);
    expect(item).toMatchObject({
      serviceType: 'shelter', urgent: true, senderOrganisationId: senderOrg, message: 'A bed for two nights, please.', status: 'sent',
      dueAt: sent.json().referral.dueAt, caseId: null, caseReference: null,
    });
    expect(JSON.stringify(inbox.json())).not.toContain(PERSON.firstName);
    const detail = await receiver.get(`/api/v1/protection/referrals/${item.id}`);
    expect(detail.json().message).toBe('A bed for two nights, please.');
    expect(detail.json().shared).toBeNull();
  });
});
