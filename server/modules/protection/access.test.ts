import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_KEYS, type RoleKey } from '../../../common/roles';
import type { Agent } from '../../test/factories';
import { testSystem, type TestSystem } from '../../test/harness';

/**
 * The authorisation matrix of the protection module: every route, called by a user of every role
 * from the owner organisation of a case, from the organisation that received its referral, and
 * from an unrelated organisation. Each call must land in exactly the expected class:
 * allowed (the request reached the domain: 2xx, or a 409/422 about the data), forbidden (403),
 * or hidden (404 that does not confirm the record exists).
 */
type Relation = 'owner' | 'receiver' | 'unrelated';
type Outcome = 'allowed' | 'forbidden' | 'hidden';
const RELATIONS: Relation[] = ['owner', 'receiver', 'unrelated'];
const HIDDEN_DETAILS = ['Case not found.', 'Referral not found.', 'Transfer not found.', 'Record not found.'];
const WRONG_VERSION = 999_999;

const caseRole = (role: RoleKey) => role === 'caseworker' || role === 'case_supervisor';
const rules = {
  /** Any caseworker or supervisor, whatever the organisation (lists of their own organisation). */
  caseStaff: (role: RoleKey): Outcome => (caseRole(role) ? 'allowed' : 'forbidden'),
  /** The owner organisation's assigned caseworker and its supervisors; hidden from all others. */
  ownerCase: (role: RoleKey, rel: Relation): Outcome => (!caseRole(role) ? 'forbidden' : rel === 'owner' ? 'allowed' : 'hidden'),
  ownerSupervisor: (role: RoleKey, rel: Relation): Outcome => (role !== 'case_supervisor' ? 'forbidden' : rel === 'owner' ? 'allowed' : 'hidden'),
  supervisors: (role: RoleKey): Outcome => (role === 'case_supervisor' ? 'allowed' : 'forbidden'),
  everyone: (): Outcome => 'allowed',
  referralParties: (role: RoleKey, rel: Relation): Outcome => (!caseRole(role) ? 'forbidden' : rel === 'unrelated' ? 'hidden' : 'allowed'),
  receiverAction: (role: RoleKey, rel: Relation): Outcome => (!caseRole(role) ? 'forbidden' : ({ owner: 'forbidden', receiver: 'allowed', unrelated: 'hidden' } as const)[rel]),
  senderAction: (role: RoleKey, rel: Relation): Outcome => (!caseRole(role) ? 'forbidden' : ({ owner: 'allowed', receiver: 'forbidden', unrelated: 'hidden' } as const)[rel]),
  transferProposal: (role: RoleKey, rel: Relation): Outcome =>
    !caseRole(role) ? 'forbidden' : rel !== 'owner' ? 'hidden' : role === 'case_supervisor' ? 'allowed' : 'forbidden',
  transferAnswer: (role: RoleKey, rel: Relation): Outcome => (role !== 'case_supervisor' ? 'forbidden' : rel === 'receiver' ? 'allowed' : 'hidden'),
  anonymisedExport: (role: RoleKey): Outcome => (role === 'case_supervisor' || role === 'network_admin' ? 'allowed' : 'forbidden'),
  networkAdmin: (role: RoleKey): Outcome => (role === 'network_admin' ? 'allowed' : 'forbidden'),
};

interface Ids {
  caseId: string;
  breakGlassCaseId: string;
  referralId: string;
  transferId: string;
  teamId: string;
  receiverOrg: string;
}

const PERSON = { firstName: 'Matrix', secondName: 'Person', gender: 'Masculine', migrationStatus: 'returnee', identityNumber: '42101-1111111-1' };
const random = () => crypto.randomUUID();

const ROUTES: Array<{ method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; url: (ids: Ids) => string; body?: (ids: Ids) => unknown; expect: (role: RoleKey, rel: Relation) => Outcome }> = [
  { method: 'GET', url: () => '/work-queue', expect: rules.caseStaff },
  { method: 'GET', url: () => '/cases', expect: rules.caseStaff },
  { method: 'POST', url: () => '/cases', body: () => ({ person: PERSON }), expect: rules.caseStaff },
  { method: 'GET', url: (i) => `/cases/${i.caseId}`, expect: rules.ownerCase },
  { method: 'PATCH', url: (i) => `/cases/${i.caseId}`, body: () => ({ version: WRONG_VERSION, riskLevel: 'high' }), expect: rules.ownerCase },
  { method: 'GET', url: (i) => `/cases/${i.caseId}/person`, expect: rules.ownerCase },
  { method: 'PUT', url: (i) => `/cases/${i.caseId}/person`, body: () => ({ ...PERSON, version: WRONG_VERSION }), expect: rules.ownerCase },
  { method: 'PUT', url: (i) => `/cases/${i.caseId}/screening`, body: () => ({ version: WRONG_VERSION, indicators: ['deception'], outcome: 'likely_victim' }), expect: rules.ownerCase },
  { method: 'PUT', url: (i) => `/cases/${i.caseId}/assessment`, body: () => ({ version: WRONG_VERSION, needs: ['shelter'], priority: 'high' }), expect: rules.ownerCase },
  { method: 'POST', url: (i) => `/cases/${i.caseId}/support-plans`, body: () => ({ type: 'Health', objectives: 'Medical care' }), expect: rules.ownerCase },
  { method: 'PATCH', url: (i) => `/cases/${i.caseId}/support-plans/${random()}`, body: () => ({ version: 1, objectives: 'x' }), expect: rules.ownerCase },
  { method: 'POST', url: (i) => `/cases/${i.caseId}/services`, body: () => ({ serviceType: 'medical' }), expect: rules.ownerCase },
  { method: 'GET', url: (i) => `/cases/${i.caseId}/notes`, expect: rules.ownerCase },
  { method: 'POST', url: (i) => `/cases/${i.caseId}/notes`, body: () => ({ body: 'A note' }), expect: rules.ownerCase },
  { method: 'POST', url: (i) => `/cases/${i.caseId}/attachments`, body: () => ({}), expect: rules.ownerCase },
  { method: 'GET', url: (i) => `/cases/${i.caseId}/attachments/${random()}`, expect: rules.ownerCase },
  { method: 'GET', url: (i) => `/cases/${i.caseId}/journey`, expect: rules.ownerCase },
  { method: 'POST', url: (i) => `/cases/${i.caseId}/journey`, body: () => ({ type: 'Transit', country: 'IR' }), expect: rules.ownerCase },
  { method: 'DELETE', url: (i) => `/cases/${i.caseId}/journey/${random()}`, expect: rules.ownerCase },
  { method: 'GET', url: (i) => `/cases/${i.caseId}/consents`, expect: rules.ownerCase },
  { method: 'POST', url: (i) => `/cases/${i.caseId}/consents`, body: () => ({ purpose: 'services', givenOn: '2025-01-01' }), expect: rules.ownerCase },
  { method: 'POST', url: (i) => `/cases/${i.caseId}/consents/${random()}/withdraw`, expect: rules.ownerCase },
  { method: 'POST', url: (i) => `/cases/${i.caseId}/closure-request`, body: () => ({ version: WRONG_VERSION, reason: 'Done' }), expect: rules.ownerCase },
  { method: 'POST', url: (i) => `/cases/${i.caseId}/closure-decision`, body: () => ({ version: WRONG_VERSION, approve: true }), expect: rules.ownerSupervisor },
  { method: 'GET', url: (i) => `/cases/${i.caseId}/history`, expect: rules.ownerCase },
  { method: 'GET', url: (i) => `/cases/${i.caseId}/referrals`, expect: rules.ownerCase },
  { method: 'POST', url: (i) => `/cases/${i.caseId}/referrals/preview`, body: (i) => ({ receivingOrganisationId: i.receiverOrg, serviceType: 'shelter', sharedFields: ['name'] }), expect: rules.ownerCase },
  { method: 'POST', url: (i) => `/cases/${i.caseId}/referrals`, body: (i) => ({ receivingOrganisationId: i.receiverOrg, serviceType: 'shelter', sharedFields: ['name'] }), expect: rules.ownerCase },
  { method: 'POST', url: (i) => `/cases/${i.caseId}/transfers`, body: (i) => ({ toOrganisationId: i.receiverOrg, reason: 'Moving' }), expect: rules.transferProposal },
  { method: 'GET', url: (i) => `/cases/${i.caseId}/export.pdf`, expect: rules.ownerSupervisor },
  { method: 'POST', url: () => '/break-glass', body: (i) => ({ caseId: i.breakGlassCaseId, reason: 'An emergency that needs the file now.' }), expect: rules.supervisors },
  { method: 'GET', url: () => '/teams', expect: rules.caseStaff },
  { method: 'POST', url: () => '/teams', body: () => ({ name: 'Matrix team' }), expect: rules.supervisors },
  { method: 'PUT', url: (i) => `/teams/${i.teamId}`, body: () => ({ name: 'Team', memberUserIds: [] }), expect: rules.ownerSupervisor },
  { method: 'GET', url: () => '/referral-targets?serviceType=shelter', expect: rules.caseStaff },
  { method: 'GET', url: () => '/referrals?box=inbox', expect: rules.caseStaff },
  { method: 'GET', url: () => '/referrals?box=outbox', expect: rules.caseStaff },
  { method: 'GET', url: () => '/referrals/overdue', expect: rules.caseStaff },
  { method: 'GET', url: (i) => `/referrals/${i.referralId}`, expect: rules.referralParties },
  { method: 'POST', url: (i) => `/referrals/${i.referralId}/accept`, body: () => ({ version: WRONG_VERSION }), expect: rules.receiverAction },
  { method: 'POST', url: (i) => `/referrals/${i.referralId}/decline`, body: () => ({ version: WRONG_VERSION, reason: 'No' }), expect: rules.receiverAction },
  { method: 'POST', url: (i) => `/referrals/${i.referralId}/start`, body: () => ({ version: WRONG_VERSION }), expect: rules.receiverAction },
  { method: 'POST', url: (i) => `/referrals/${i.referralId}/complete`, body: () => ({ version: WRONG_VERSION, feedback: 'Done' }), expect: rules.receiverAction },
  { method: 'POST', url: (i) => `/referrals/${i.referralId}/withdraw`, body: () => ({ version: WRONG_VERSION }), expect: rules.senderAction },
  { method: 'GET', url: () => '/transfers?box=inbox', expect: rules.supervisors },
  { method: 'POST', url: (i) => `/transfers/${i.transferId}/decline`, expect: rules.transferAnswer },
  { method: 'POST', url: (i) => `/transfers/${i.transferId}/accept`, expect: rules.transferAnswer },
  { method: 'GET', url: () => '/stats?dimension=month', expect: rules.everyone },
  { method: 'GET', url: () => '/exports/htcds.csv', expect: rules.supervisors },
  { method: 'GET', url: () => '/exports/htcds.xlsx', expect: rules.supervisors },
  { method: 'GET', url: () => '/exports/anonymised', expect: rules.anonymisedExport },
  { method: 'GET', url: () => '/exports/anonymised.csv', expect: rules.anonymisedExport },
  { method: 'GET', url: () => '/settings', expect: rules.networkAdmin },
  { method: 'PUT', url: () => '/settings', body: () => ({ referralDeadlineHours: { shelter: 48 } }), expect: rules.networkAdmin },
];

let system: TestSystem;
let ids: Ids;
const agents = new Map<string, Agent>();

beforeAll(async () => {
  system = await testSystem();
  const f = system.factory;
  const networkId = await f.network();
  const orgs: Record<Relation, string> = {
    owner: await f.organisation(networkId, { services: ['medical'] }),
    receiver: await f.organisation(networkId, { services: ['shelter'] }),
    unrelated: await f.organisation(networkId, { services: ['shelter'] }),
  };
  for (const rel of RELATIONS) for (const role of ROLE_KEYS) agents.set(`${role}/${rel}`, await f.agent(networkId, [role], orgs[rel]));
  const supervisor = agents.get('case_supervisor/owner')!;
  const caseworker = agents.get('caseworker/owner')!;
  const body = {
    person: PERSON,
    caseOwnerUserId: caseworker.user.id,
    consents: [{ purpose: 'sharing', organisationId: orgs.receiver, sharedFields: ['name', 'gender'], givenOn: '2025-01-01' }],
  };
  const created = await supervisor.post('/api/v1/protection/cases', body);
  expect(created.statusCode, created.body).toBe(201);
  const breakGlassCase = await supervisor.post('/api/v1/protection/cases', body);
  const transferCase = await supervisor.post('/api/v1/protection/cases', body);
  const sent = await caseworker.post(`/api/v1/protection/cases/${created.json().id}/referrals`, { receivingOrganisationId: orgs.receiver, serviceType: 'shelter', sharedFields: ['name'] });
  const referral = sent.json().referral;
  const accepted = await agents.get('caseworker/receiver')!.post(`/api/v1/protection/referrals/${referral.id}/accept`, { version: referral.version });
  expect(accepted.statusCode).toBe(200);
  const transfer = await supervisor.post(`/api/v1/protection/cases/${transferCase.json().id}/transfers`, { toOrganisationId: orgs.receiver, reason: 'Moving' });
  const team = await supervisor.post('/api/v1/protection/teams', { name: 'Owner team', memberUserIds: [caseworker.user.id] });
  ids = {
    caseId: created.json().id,
    breakGlassCaseId: breakGlassCase.json().id,
    referralId: referral.id,
    transferId: transfer.json().id,
    teamId: team.json().id,
    receiverOrg: orgs.receiver,
  };
}, 120_000);
afterAll(() => system.close());

function classify(res: { statusCode: number; body: string }): Outcome | `unexpected ${number}` {
  if (res.statusCode === 403) return 'forbidden';
  if (res.statusCode === 404) return HIDDEN_DETAILS.includes(JSON.parse(res.body).detail) ? 'hidden' : 'allowed';
  if (res.statusCode === 401 || res.statusCode >= 500 || res.statusCode === 400) return `unexpected ${res.statusCode}`;
  return 'allowed';
}

describe('protection authorisation matrix', () => {
  it('covers every protection route', () => {
    const registered = system.routes
      .filter((r) => r.url.startsWith('/api/v1/protection/') && r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url.replace('/api/v1/protection', '')}`)
      .sort();
    const tested = new Set(
      ROUTES.map((r) => `${r.method} ${r.url(ids).split('?')[0].replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id')}`),
    );
    const normalise = (route: string) => route.replace(/:childId/g, ':id');
    expect(registered.map(normalise).filter((r) => !tested.has(r))).toEqual([]);
  });

  it('gives each role of each organisation exactly the access of the access model', async () => {
    const mismatches: string[] = [];
    for (const route of ROUTES) {
      for (const rel of RELATIONS) {
        for (const role of ROLE_KEYS) {
          const agent = agents.get(`${role}/${rel}`)!;
          const res = await agent.request(route.method, `/api/v1/protection${route.url(ids)}`, route.body?.(ids));
          const got = classify(res);
          const want = route.expect(role, rel);
          if (got !== want) mismatches.push(`${route.method} ${route.url(ids)} as ${role} of ${rel} org: expected ${want}, got ${got} (${res.statusCode} ${res.body.slice(0, 120)})`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 300_000);

  it('never lists another organisation’s case, and answers an unknown case id like a hidden one', async () => {
    for (const rel of ['receiver', 'unrelated'] as const) {
      const list = await agents.get(`case_supervisor/${rel}`)!.get('/api/v1/protection/cases');
      expect(list.json().items.map((c: { id: string }) => c.id)).not.toContain(ids.caseId);
    }
    const unknown = await agents.get('case_supervisor/owner')!.get(`/api/v1/protection/cases/${crypto.randomUUID()}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().detail).toBe('Case not found.');
  });
});
