import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, type Agent } from '../../test/factories';
import { testSystem, type TestSystem } from '../../test/harness';

let system: TestSystem;
let networkId: string;
let shelter: string;
let legalAid: string;
let auditor: Agent;
let shelterAdmin: Agent;
let shelterWorker: Agent;
let legalWorker: Agent;

interface Entry {
  seq: number;
  at: string;
  actorUserId: string | null;
  actorName: string | null;
  actorOrganisationId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  fields: string[];
  userAgent: string | null;
}

beforeAll(async () => {
  system = await testSystem();
  networkId = await system.factory.network();
  shelter = await system.factory.organisation(networkId, { nameEn: 'Shelter' });
  legalAid = await system.factory.organisation(networkId, { nameEn: 'Legal aid' });
  auditor = await system.factory.agent(networkId, ['auditor']);
  shelterAdmin = await system.factory.agent(networkId, ['org_admin'], shelter);
  shelterWorker = await system.factory.agent(networkId, ['focal_point'], shelter);
  legalWorker = await system.factory.agent(networkId, ['focal_point'], legalAid);
  expect((await shelterWorker.patch('/api/v1/auth/profile', { displayName: 'Shelter focal point' })).statusCode).toBe(200);
  expect((await legalWorker.patch('/api/v1/auth/profile', { displayName: 'Legal focal point' })).statusCode).toBe(200);
});
afterAll(() => system.close());

async function entries(agent: Agent, query = ''): Promise<{ items: Entry[]; total: number }> {
  const res = await agent.get(`/api/v1/audit?limit=200${query}`);
  expect(res.statusCode).toBe(200);
  return res.json();
}

describe('audit trail browsing', () => {
  it('shows an auditor the entries of every organisation, newest first, with the actor name', async () => {
    const { items, total } = await entries(auditor);
    expect(total).toBe(items.length);
    const orgs = new Set(items.map((e) => e.actorOrganisationId));
    expect(orgs.has(shelter) && orgs.has(legalAid)).toBe(true);
    const seqs = items.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    const profile = items.find((e) => e.action === 'user.profile.updated' && e.actorUserId === legalWorker.user.id)!;
    expect(profile).toMatchObject({ actorName: 'Legal focal point', actorOrganisationId: legalAid, entity: 'user', entityId: legalWorker.user.id, fields: ['displayName'] });
    expect(new Date(profile.at).toISOString()).toBe(profile.at);
  });

  it('filters by action (and the actions below it), entity, entity id, actor and period', async () => {
    const login = await entries(auditor, '&action=auth.login');
    expect(login.total).toBeGreaterThan(0);
    expect(login.items.every((e) => e.action === 'auth.login' || e.action.startsWith('auth.login.'))).toBe(true);
    expect((await entries(auditor, '&action=auth.log')).total).toBe(0);

    const byActor = await entries(auditor, `&actorUserId=${shelterWorker.user.id}&entity=user&entityId=${shelterWorker.user.id}&action=user.profile.updated`);
    expect(byActor.items.map((e) => e.action)).toEqual(['user.profile.updated']);

    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect((await entries(auditor, `&from=${today}&to=${today}`)).total).toBeGreaterThan(0);
    expect((await entries(auditor, `&from=${tomorrow}`)).total).toBe(0);
    expect((await entries(auditor, `&to=${yesterday}`)).total).toBe(0);
    expect((await entries(auditor, `&to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).total).toBeGreaterThan(0);

    const page = await auditor.get('/api/v1/audit?limit=2&offset=1');
    expect(page.json()).toMatchObject({ limit: 2, offset: 1 });
    expect(page.json().items).toHaveLength(2);
  });

  it('answers bad filters with 400 naming the field', async () => {
    const badDate = await auditor.get('/api/v1/audit?from=yesterday');
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().errors[0].field).toBe('from');
    const badActor = await auditor.get('/api/v1/audit?actorUserId=42');
    expect(badActor.statusCode).toBe(400);
    expect(badActor.json().errors[0].field).toBe('actorUserId');
  });

  it('shows organisation admins and case supervisors only entries by users of their own organisation', async () => {
    const supervisor = await system.factory.agent(networkId, ['case_supervisor'], shelter);
    for (const agent of [shelterAdmin, supervisor]) {
      const { items } = await entries(agent);
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((e) => e.actorOrganisationId === shelter)).toBe(true);
      expect(items.some((e) => e.actorUserId === shelterWorker.user.id)).toBe(true);
    }
    const filteredToOther = await entries(shelterAdmin, `&actorUserId=${legalWorker.user.id}`);
    expect(filteredToOther.total).toBe(0);
  });

  it('refuses users without audit access', async () => {
    expect((await shelterWorker.get('/api/v1/audit')).statusCode).toBe(403);
    expect((await shelterWorker.get('/api/v1/audit/export.csv')).statusCode).toBe(403);
  });
});

describe('CSV export', () => {
  it('exports the filtered entries as escaped CSV with a header row, and audits the export', async () => {
    // A client can put anything in its user agent: quotes, commas and spreadsheet formulas.
    await shelterWorker.request('PATCH', '/api/v1/auth/profile', { language: 'en' }, { 'user-agent': '=HYPERLINK("http://x"), "quoted", line' });
    const res = await auditor.get(`/api/v1/audit/export.csv?actorUserId=${shelterWorker.user.id}&action=user.profile`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const filename = `audit-${new Date().toISOString().slice(0, 10)}.csv`;
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${filename}"; filename*=UTF-8''${filename}`);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const lines = res.body.slice(1).split('\r\n');
    expect(lines[0]).toBe('seq,at,actor_user_id,actor_name,actor_organisation_id,action,entity,entity_id,fields,ip,user_agent');
    expect(lines.at(-1)).toBe('');
    const rows = lines.slice(1, -1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(new RegExp(`^\\d+,[^,]+,${shelterWorker.user.id},Shelter focal point,${shelter},user\\.profile\\.updated,user,${shelterWorker.user.id},language,`));
    expect(rows[0].endsWith(`,"'=HYPERLINK(""http://x""), ""quoted"", line"`)).toBe(true);
    expect(rows[1]).toContain(',displayName,');

    const exported = await entries(auditor, `&action=audit.exported&actorUserId=${auditor.user.id}`);
    expect(exported.items[0]).toMatchObject({ entity: 'audit_log', fields: ['action', 'actorUserId'] });
  });

  it('limits an organisation admin export to their own organisation', async () => {
    const res = await shelterAdmin.get('/api/v1/audit/export.csv');
    expect(res.statusCode).toBe(200);
    const rows = res.body.split('\r\n').slice(1, -1);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.split(',')[4] === shelter)).toBe(true);
    expect(res.body).not.toContain(legalWorker.user.id);
  });
});

describe('chain verification', () => {
  it('reports an intact chain, then the first altered entry', async () => {
    const otherNetwork = await system.factory.network();
    const otherAuditor = await system.factory.agent(otherNetwork, ['auditor']);
    const otherWorker = await system.factory.agent(otherNetwork, ['focal_point']);
    await otherWorker.patch('/api/v1/auth/profile', { displayName: 'Someone' });

    const stored = await system.db.selectFrom('audit_log').select('seq').where('network_id', '=', otherNetwork).execute();
    const intact = await otherAuditor.get('/api/v1/audit/verify');
    expect(intact.statusCode).toBe(200);
    expect(intact.json()).toEqual({ entries: stored.length, firstBroken: null });

    const target = await system.db.selectFrom('audit_log').select('seq').where('network_id', '=', otherNetwork).where('action', '=', 'user.profile.updated').executeTakeFirstOrThrow();
    await system.db.updateTable('audit_log').set({ fields: ['nothing'] }).where('network_id', '=', otherNetwork).where('seq', '=', target.seq).execute();
    const broken = await otherAuditor.get('/api/v1/audit/verify');
    expect(broken.json().firstBroken).toEqual({ seq: Number(target.seq), reason: 'entry content does not match its hash' });

    // The first network's chain is untouched and reported on its own.
    expect((await auditor.get('/api/v1/audit/verify')).json().firstBroken).toBeNull();
  });

  it('is for network-wide audit access only', async () => {
    const res = await shelterAdmin.get('/api/v1/audit/verify');
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toBe('Verifying the audit chain needs audit access to the whole network.');
  });
});

describe('audit entries hold field names, never values', () => {
  it('stores no password, name, e-mail, token or mail text written by the audited actions', async () => {
    const admin = await system.factory.agent(networkId, ['network_admin']);
    const secrets = ['Very Private Name', 'rotated password value', 'invitee.private@test.hamsafar.pk', 'Invitee Private', 'Ministry of Private Affairs'];
    await shelterWorker.patch('/api/v1/auth/profile', { displayName: secrets[0] });
    expect((await shelterWorker.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: secrets[1] })).statusCode).toBe(200);
    const invited = await admin.post('/api/v1/admin/invitations', { email: secrets[2], displayName: secrets[3], organisationId: shelter, roles: ['focal_point'], language: 'en' });
    expect(invited.statusCode).toBe(201);
    const org = await admin.post('/api/v1/admin/organisations', { nameEn: secrets[4], nameUr: 'نجی امور', type: 'government', htcdsOrgType: 'CentralGovernmentOrganisation', services: [] });
    expect(org.statusCode).toBe(201);
    // As mailed: the outbox API never shows the link.
    const invitationBody = (await system.db.selectFrom('mail_outbox').select('body_text').where('to_address', '=', secrets[2]).executeTakeFirstOrThrow()).body_text;
    const token = /token=([A-Za-z0-9_-]+)/.exec(invitationBody)![1];

    const rows = await system.db.selectFrom('audit_log').selectAll().where('network_id', '=', networkId).execute();
    const stored = JSON.stringify(rows);
    for (const value of [...secrets, token, invitationBody.slice(0, 30)]) expect(stored).not.toContain(value);
    const written = rows.filter((r) => ['user.profile.updated', 'auth.password.changed', 'user.invited', 'organisation.created'].includes(r.action));
    expect(written.length).toBeGreaterThanOrEqual(4);
    for (const row of written) expect(row.fields.every((f) => /^[a-zA-Z_]+$/.test(f))).toBe(true);
  });
});
