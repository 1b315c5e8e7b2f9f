import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS, PROTECTION_DATA_PERMISSIONS } from '../../../common/permissions';
import { PROTECTION_CLOSED_ROLES } from '../../../common/roles';
import { TEST_PASSWORD, anonymous, type Agent } from '../../test/factories';
import { testSystem, type TestSystem } from '../../test/harness';

let system: TestSystem;
let networkId: string;
let secretariat: string;
let shelter: string;
let legalAid: string;
let admin: Agent;
let shelterAdmin: Agent;

beforeAll(async () => {
  system = await testSystem();
  networkId = await system.factory.network();
  secretariat = await system.factory.organisation(networkId, { nameEn: 'Secretariat', type: 'un_entity' });
  shelter = await system.factory.organisation(networkId, { nameEn: 'Sahara Shelter', type: 'civil_society' });
  legalAid = await system.factory.organisation(networkId, { nameEn: 'Legal Aid Forum', type: 'civil_society' });
  admin = await system.factory.agent(networkId, ['network_admin'], secretariat);
  shelterAdmin = await system.factory.agent(networkId, ['org_admin'], shelter);
});
afterAll(() => system.close());

async function login(email: string, password = TEST_PASSWORD) {
  return (await anonymous(system.app)).post('/api/v1/auth/login', { email, password });
}

async function summaryOf(userId: string) {
  const res = await admin.get(`/api/v1/admin/users?limit=200`);
  return res.json().items.find((u: { id: string }) => u.id === userId);
}

describe('user list', () => {
  it('shows a network admin the users of every organisation, with search and organisation filter', async () => {
    const worker = await system.factory.user(networkId, legalAid, ['focal_point'], { email: 'zara.legal@test.hamsafar.pk' });
    const all = await admin.get('/api/v1/admin/users?limit=200');
    expect(all.statusCode).toBe(200);
    const organisations = new Set(all.json().items.map((u: { organisationId: string }) => u.organisationId));
    expect(organisations).toEqual(new Set([secretariat, shelter, legalAid]));
    expect(all.json().total).toBe(all.json().items.length);

    const found = await admin.get('/api/v1/admin/users?search=ZARA.legal');
    expect(found.json().items.map((u: { id: string }) => u.id)).toEqual([worker.id]);
    expect(found.json().items[0]).toMatchObject({ organisationName: 'Legal Aid Forum', roles: ['focal_point'], status: 'active', locked: false });
    const wildcard = await admin.get('/api/v1/admin/users?search=%25');
    expect(wildcard.json().total).toBe(0);

    const byOrg = await admin.get(`/api/v1/admin/users?organisationId=${legalAid}`);
    expect(byOrg.json().items.every((u: { organisationId: string }) => u.organisationId === legalAid)).toBe(true);
    const paged = await admin.get('/api/v1/admin/users?limit=1&offset=1');
    expect(paged.json()).toMatchObject({ limit: 1, offset: 1, total: all.json().total });
    expect(paged.json().items).toHaveLength(1);
  });

  it('shows an organisation admin only the users of their own organisation', async () => {
    await system.factory.user(networkId, legalAid, ['focal_point']);
    const own = await system.factory.user(networkId, shelter, ['caseworker']);
    const res = await shelterAdmin.get('/api/v1/admin/users?limit=200');
    expect(res.statusCode).toBe(200);
    const ids = res.json().items.map((u: { id: string }) => u.id);
    expect(ids).toContain(own.id);
    expect(res.json().items.every((u: { organisationId: string }) => u.organisationId === shelter)).toBe(true);
    const other = await shelterAdmin.get(`/api/v1/admin/users?organisationId=${legalAid}`);
    expect(other.statusCode).toBe(404);
  });

  it('refuses users without users.manage', async () => {
    const focal = await system.factory.agent(networkId, ['focal_point'], shelter);
    expect((await focal.get('/api/v1/admin/users')).statusCode).toBe(403);
  });
});

describe('organisation admins stay within their organisation', () => {
  it('answers 404 for a user of another organisation, whatever the action', async () => {
    const outsider = await system.factory.user(networkId, legalAid, ['focal_point']);
    const version = (await summaryOf(outsider.id)).version;
    const patch = await shelterAdmin.patch(`/api/v1/admin/users/${outsider.id}`, { displayName: 'Taken over', version });
    expect(patch.statusCode).toBe(404);
    expect(patch.json().detail).toBe('Record not found.');
    expect((await shelterAdmin.post(`/api/v1/admin/users/${outsider.id}/password-reset`)).statusCode).toBe(404);
    const invite = await shelterAdmin.post('/api/v1/admin/invitations', { email: 'x1@test.hamsafar.pk', displayName: 'X', organisationId: legalAid, roles: ['focal_point'], language: 'en' });
    expect(invite.statusCode).toBe(404);
    expect((await summaryOf(outsider.id)).displayName).not.toBe('Taken over');
  });

  it('cannot give network roles, neither when inviting nor when editing', async () => {
    const invite = await shelterAdmin.post('/api/v1/admin/invitations', { email: 'x2@test.hamsafar.pk', displayName: 'X', organisationId: shelter, roles: ['network_admin'], language: 'en' });
    expect(invite.statusCode).toBe(403);
    expect(invite.json().errors).toEqual([
      {
        field: 'roles',
        code: 'admin.roles.org-admin-limit',
        params: { roles: 'focal_point, caseworker, case_supervisor, org_admin' },
        message: 'Organisation admins may give only these roles: focal_point, caseworker, case_supervisor, org_admin.',
      },
    ]);
    const colleague = await system.factory.user(networkId, shelter, ['caseworker']);
    const version = (await summaryOf(colleague.id)).version;
    const promote = await shelterAdmin.patch(`/api/v1/admin/users/${colleague.id}`, { roles: ['caseworker', 'network_admin'], version });
    expect(promote.statusCode).toBe(403);
    expect((await summaryOf(colleague.id)).roles).toEqual(['caseworker']);
  });

  it('cannot change an account of their organisation that holds a network role', async () => {
    const fundManager = await system.factory.user(networkId, shelter, ['fund_manager']);
    const version = (await summaryOf(fundManager.id)).version;
    const res = await shelterAdmin.patch(`/api/v1/admin/users/${fundManager.id}`, { status: 'disabled', version });
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toBe('This account holds a role that only a network admin can manage.');
  });

  it('invites and manages the organisation roles of their own organisation', async () => {
    const invite = await shelterAdmin.post('/api/v1/admin/invitations', { email: 'shelter.worker@test.hamsafar.pk', displayName: 'Shelter worker', organisationId: shelter, roles: ['caseworker'], language: 'en' });
    expect(invite.statusCode).toBe(201);
    const changed = await shelterAdmin.patch(`/api/v1/admin/users/${invite.json().id}`, { roles: ['case_supervisor'], version: invite.json().version });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ roles: ['case_supervisor'], status: 'invited', version: 2 });
  });

  it('keeps a user of another network invisible to a network admin', async () => {
    const otherNetwork = await system.factory.network();
    const foreign = await system.factory.user(otherNetwork, await system.factory.organisation(otherNetwork), ['focal_point']);
    expect((await admin.patch(`/api/v1/admin/users/${foreign.id}`, { displayName: 'X', version: 1 })).statusCode).toBe(404);
  });
});

describe('user changes', () => {
  it('refuses a change made on a stale version with 409 and the current record', async () => {
    const user = await system.factory.user(networkId, legalAid, ['focal_point']);
    const first = await admin.patch(`/api/v1/admin/users/${user.id}`, { displayName: 'First edit', version: 1 });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ displayName: 'First edit', version: 2 });
    const stale = await admin.patch(`/api/v1/admin/users/${user.id}`, { displayName: 'Second edit', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ title: 'The record was changed by someone else', currentVersion: 2, current: { displayName: 'First edit' } });
  });

  it('disabling signs the user out everywhere and refuses sign-in; re-enabling lets them back', async () => {
    const user = await system.factory.user(networkId, legalAid, ['focal_point']);
    const session = await system.factory.signIn(user);
    const disabled = await admin.patch(`/api/v1/admin/users/${user.id}`, { status: 'disabled', version: 1 });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().status).toBe('disabled');
    expect(await system.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
    expect((await session.get('/api/v1/notifications')).statusCode).toBe(401);
    expect((await login(user.email)).statusCode).toBe(401);

    const enabled = await admin.patch(`/api/v1/admin/users/${user.id}`, { status: 'active', version: 2 });
    expect(enabled.json().status).toBe('active');
    expect((await login(user.email)).statusCode).toBe(200);
  });

  it('unlocks an account locked by failed sign-ins', async () => {
    const user = await system.factory.user(networkId, legalAid, ['focal_point']);
    for (let i = 0; i < system.config.loginMaxFailures; i++) await login(user.email, 'wrong password');
    expect((await login(user.email)).statusCode).toBe(401);
    const summary = await summaryOf(user.id);
    expect(summary.locked).toBe(true);
    const unlocked = await admin.patch(`/api/v1/admin/users/${user.id}`, { unlock: true, version: summary.version });
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json().locked).toBe(false);
    expect((await login(user.email)).statusCode).toBe(200);
  });

  it('changing roles ends the sessions so a new MFA requirement applies at once', async () => {
    const user = await system.factory.user(networkId, shelter, ['focal_point']);
    const session = await system.factory.signIn(user);
    const res = await admin.patch(`/api/v1/admin/users/${user.id}`, { roles: ['caseworker'], version: 1 });
    expect(res.json().roles).toEqual(['caseworker']);
    expect((await session.get('/api/v1/notifications')).statusCode).toBe(401);
    expect((await login(user.email)).json().state).toBe('mfa_enrolment');
  });

  it('keeps an admin from disabling their own account or changing their own roles', async () => {
    const self = await summaryOf(admin.user.id);
    const disable = await admin.patch(`/api/v1/admin/users/${admin.user.id}`, { status: 'disabled', version: self.version });
    expect(disable.statusCode).toBe(422);
    expect(disable.json().errors).toEqual([{ field: 'status', code: 'admin.user.cannot-disable-self', message: 'You cannot disable your own account.' }]);
    const roles = await admin.patch(`/api/v1/admin/users/${admin.user.id}`, { roles: ['auditor'], version: self.version });
    expect(roles.statusCode).toBe(422);
  });

  it('treats fields sent unchanged (as the edit form does) as no change: own account editable, sessions kept, only changes audited', async () => {
    const self = await summaryOf(admin.user.id);
    const renamed = await admin.patch(`/api/v1/admin/users/${admin.user.id}`, { displayName: 'Secretariat admin', roles: self.roles, status: 'active', version: self.version });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ displayName: 'Secretariat admin', roles: ['network_admin'], version: self.version + 1 });
    expect((await admin.get('/api/v1/notifications')).statusCode).toBe(200);
    const entry = await system.db.selectFrom('audit_log').select('fields').where('action', '=', 'user.updated').where('entity_id', '=', admin.user.id).executeTakeFirstOrThrow();
    expect(entry.fields).toEqual(['display_name']);
  });

  it('answers unknown fields and bad ids with 400 naming them', async () => {
    const unknown = await admin.patch(`/api/v1/admin/users/${admin.user.id}`, { displayName: 'X', version: 1, isAdmin: true });
    expect(unknown.statusCode).toBe(400);
    expect(JSON.stringify(unknown.json().errors)).toContain('isAdmin');
    const badId = await admin.patch('/api/v1/admin/users/not-a-uuid', { displayName: 'X', version: 1 });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().errors[0].field).toBe('id');
  });
});

describe('organisations', () => {
  const input = { nameEn: 'Federal Investigation Agency', nameUr: 'وفاقی تحقیقاتی ادارہ', acronym: 'FIA', type: 'government', htcdsOrgType: 'LawEnforcement', province: 'PK-IS', services: ['investigation'] };

  it('creates, lists, searches and edits an organisation with its version', async () => {
    const created = await admin.post('/api/v1/admin/organisations', input);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ ...input, isDemo: false, version: 1 });
    const id = created.json().id;

    const bySearch = await admin.get('/api/v1/admin/organisations?search=fia');
    expect(bySearch.json().items.map((o: { id: string }) => o.id)).toEqual([id]);
    const byUrdu = await admin.get(`/api/v1/admin/organisations?search=${encodeURIComponent('تحقیقاتی')}`);
    expect(byUrdu.json().items.map((o: { id: string }) => o.id)).toEqual([id]);
    const byType = await admin.get('/api/v1/admin/organisations?type=government');
    expect(byType.json().items.map((o: { id: string }) => o.id)).toEqual([id]);

    const updated = await admin.patch(`/api/v1/admin/organisations/${id}`, { ...input, services: ['investigation', 'legal_aid'], province: 'PK-PB', version: 1 });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ services: ['investigation', 'legal_aid'], province: 'PK-PB', version: 2 });
    const stale = await admin.patch(`/api/v1/admin/organisations/${id}`, { ...input, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().currentVersion).toBe(2);

    const entries = await system.db.selectFrom('audit_log').select(['action', 'fields']).where('entity_id', '=', id).orderBy('seq').execute();
    expect(entries.map((e) => e.action)).toEqual(['organisation.created', 'organisation.updated']);
    expect(JSON.stringify(entries)).not.toContain('Federal');
  });

  it('refuses a duplicate name, an unknown province and an unknown HTCDS type, naming the field', async () => {
    const duplicate = await admin.post('/api/v1/admin/organisations', { ...input, nameEn: 'sahara shelter' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().errors).toEqual([{ field: 'nameEn', code: 'admin.organisation.name-taken', message: 'Another organisation of this network has this name.' }]);
    const province = await admin.post('/api/v1/admin/organisations', { ...input, nameEn: 'Elsewhere', province: 'PK-XX' });
    expect(province.statusCode).toBe(400);
    expect(province.json().errors[0].field).toBe('province');
    const htcds = await admin.post('/api/v1/admin/organisations', { ...input, nameEn: 'Elsewhere', htcdsOrgType: 'Club' });
    expect(htcds.statusCode).toBe(400);
    expect(htcds.json().errors[0].field).toBe('htcdsOrgType');
  });

  it('lets every member read the directory but only network admins change it', async () => {
    const focal = await system.factory.agent(networkId, ['focal_point'], shelter);
    expect((await focal.get('/api/v1/admin/organisations')).statusCode).toBe(200);
    expect((await focal.post('/api/v1/admin/organisations', { ...input, nameEn: 'By a focal point' })).statusCode).toBe(403);
    expect((await shelterAdmin.post('/api/v1/admin/organisations', { ...input, nameEn: 'By an org admin' })).statusCode).toBe(403);
  });
});

describe('roles and permissions', () => {
  async function role(key: string) {
    const res = await admin.get('/api/v1/admin/roles');
    expect(res.statusCode).toBe(200);
    return res.json().find((r: { key: string }) => r.key === key);
  }

  it('lists the roles with MFA enforced for those that open protection data, and every permission', async () => {
    expect(await role('caseworker')).toMatchObject({ mfaEnforced: true, mfaRequired: true });
    expect(await role('focal_point')).toMatchObject({ mfaEnforced: false, mfaRequired: false });
    const permissions = await admin.get('/api/v1/admin/permissions');
    expect([...permissions.json().permissions].sort()).toEqual([...ALL_PERMISSIONS].sort());
    expect((await shelterAdmin.get('/api/v1/admin/roles')).statusCode).toBe(403);
  });

  it('applies at once a change to a role that opens no protection data', async () => {
    const donor = await role('donor_viewer');
    const res = await admin.patch(`/api/v1/admin/roles/${donor.id}`, { grants: [...donor.grants, 'meetings.read'], mfaRequired: false, version: donor.version });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ mfaEnforced: false, version: donor.version + 1 });
    expect(res.json().grants).toContain('meetings.read');
    const stale = await admin.patch(`/api/v1/admin/roles/${donor.id}`, { grants: donor.grants, mfaRequired: false, version: donor.version });
    expect(stale.statusCode).toBe(409);
    const entry = await system.db.selectFrom('audit_log').select('fields').where('action', '=', 'role.updated').where('entity_id', '=', donor.id).executeTakeFirstOrThrow();
    expect(entry.fields).toEqual(['grants', 'mfa_required']);
  });

  it('refuses to give a permission opening protection data to a role the access model closes, naming the field', async () => {
    for (const key of PROTECTION_CLOSED_ROLES) {
      const closed = await role(key);
      for (const permission of PROTECTION_DATA_PERMISSIONS) {
        for (const grant of [permission, `${permission}:own-org`]) {
          const res = await admin.patch(`/api/v1/admin/roles/${closed.id}`, { grants: [...closed.grants, grant], mfaRequired: false, version: closed.version });
          expect(res.statusCode, `${key} ${grant}`).toBe(422);
          expect(res.headers['content-type']).toContain('application/problem+json');
          expect(res.json().errors).toEqual([{ field: `grants.${closed.grants.length}`, code: 'admin.role.protection-closed', params: { role: key, grant }, message: `The ${key} role may not open personal protection data: ${grant} cannot be granted.` }]);
        }
      }
      expect((await role(key)).grants).toEqual(closed.grants);
    }
    const reads = await admin.get('/api/v1/admin/role-changes');
    expect(reads.json()).toEqual([]);
  });

  it('holds a change to a role that opens protection data until a second network admin approves it, and alerts the case supervisors', async () => {
    const supervisor = await system.factory.user(networkId, shelter, ['case_supervisor']);
    const secondAdmin = await system.factory.agent(networkId, ['network_admin'], secretariat);
    const caseworker = await role('caseworker');
    const grants = [...caseworker.grants, 'cases.close:own-org'];
    const proposed = await admin.patch(`/api/v1/admin/roles/${caseworker.id}`, { grants, mfaRequired: true, version: caseworker.version });
    expect(proposed.statusCode).toBe(202);
    expect(proposed.json()).toMatchObject({ roleId: caseworker.id, roleKey: 'caseworker', status: 'pending', grants: [...grants].sort(), currentGrants: caseworker.grants, proposedBy: { id: admin.user.id } });
    expect(await role('caseworker')).toMatchObject({ grants: caseworker.grants, version: caseworker.version });

    const alerts = await system.db.selectFrom('notifications').select(['kind', 'params']).where('user_id', '=', supervisor.id).execute();
    expect(alerts).toEqual([{ kind: 'notification.role.protectionChange', params: { role: 'Caseworker' } }]);
    const mail = await system.db.selectFrom('mail_outbox').select('subject').where('to_address', '=', supervisor.email).execute();
    expect(mail.map((m) => m.subject)).toEqual(['Hamsafar: A change to the role "Caseworker", which opens protection data, waits for a second network admin']);

    const change = proposed.json();
    expect((await admin.get('/api/v1/admin/role-changes')).json()).toEqual([change]);
    const own = await admin.post(`/api/v1/admin/role-changes/${change.id}/approve`, { version: change.version });
    expect(own.statusCode).toBe(403);
    expect(own.json().detail).toBe('Another network admin must decide on a change you proposed.');
    expect((await shelterAdmin.post(`/api/v1/admin/role-changes/${change.id}/approve`, { version: change.version })).statusCode).toBe(403);

    const approved = await secondAdmin.post(`/api/v1/admin/role-changes/${change.id}/approve`, { version: change.version });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved' });
    expect(await role('caseworker')).toMatchObject({ grants: [...grants].sort(), version: caseworker.version + 1 });
    expect((await secondAdmin.post(`/api/v1/admin/role-changes/${change.id}/reject`, { version: change.version + 1 })).statusCode).toBe(409);
    expect((await admin.get('/api/v1/admin/role-changes')).json()).toEqual([]);

    const trail = await system.db.selectFrom('audit_log').select(['action', 'actor_user_id']).where('entity_id', '=', caseworker.id).orderBy('seq').execute();
    expect(trail).toEqual([
      { action: 'role.change.proposed', actor_user_id: admin.user.id },
      { action: 'role.updated', actor_user_id: secondAdmin.user.id },
      { action: 'role.change.approved', actor_user_id: secondAdmin.user.id },
    ]);
  });

  it('leaves the role as it was when the second admin rejects the change, and refuses one proposed on an older version', async () => {
    const secondAdmin = await system.factory.agent(networkId, ['network_admin'], secretariat);
    const supervisorRole = await role('case_supervisor');
    const narrower = supervisorRole.grants.filter((g: string) => g !== 'cases.break-glass');
    const first = (await admin.patch(`/api/v1/admin/roles/${supervisorRole.id}`, { grants: narrower, mfaRequired: true, version: supervisorRole.version })).json();
    const second = (await admin.patch(`/api/v1/admin/roles/${supervisorRole.id}`, { grants: supervisorRole.grants.filter((g: string) => g !== 'protection.export:own-org'), mfaRequired: true, version: supervisorRole.version })).json();
    const rejected = await secondAdmin.post(`/api/v1/admin/role-changes/${first.id}/reject`, { version: first.version });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json().status).toBe('rejected');
    expect((await role('case_supervisor')).grants).toEqual(supervisorRole.grants);
    const approved = await secondAdmin.post(`/api/v1/admin/role-changes/${second.id}/approve`, { version: second.version });
    expect(approved.statusCode).toBe(200);
    expect((await role('case_supervisor')).grants).not.toContain('protection.export:own-org');
    // A proposal on a version that is no longer current is refused at once.
    const late = await admin.patch(`/api/v1/admin/roles/${supervisorRole.id}`, { grants: supervisorRole.grants, mfaRequired: true, version: supervisorRole.version });
    expect(late.statusCode).toBe(409);
  });

  it('refuses unknown grants naming each, and keeps roles.manage on the network admin role', async () => {
    const chair = await role('chair');
    const unknown = await admin.patch(`/api/v1/admin/roles/${chair.id}`, { grants: ['directory.read', 'everything', 'cases.read:all-orgs'], mfaRequired: false, version: chair.version });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors).toEqual([
      { field: 'grants.1', code: 'admin.role.unknown-permission', params: { grant: 'everything' }, message: 'Unknown permission: everything' },
      { field: 'grants.2', code: 'admin.role.unknown-permission', params: { grant: 'cases.read:all-orgs' }, message: 'Unknown permission: cases.read:all-orgs' },
    ]);
    const networkAdmin = await role('network_admin');
    const lockout = await admin.patch(`/api/v1/admin/roles/${networkAdmin.id}`, {
      grants: networkAdmin.grants.filter((g: string) => g !== 'roles.manage'),
      mfaRequired: false,
      version: networkAdmin.version,
    });
    expect(lockout.statusCode).toBe(422);
    expect(lockout.json().errors).toEqual([{ field: 'grants', code: 'admin.role.keep-roles-manage', params: { permission: 'roles.manage' }, message: 'The network admin role must keep roles.manage.' }]);
  });
});

describe('mail outbox', () => {
  it('lists held mail with attachment facts and serves an attachment, auditing both reads', async () => {
    const content = Buffer.from('%PDF-1.4 minutes of the meeting');
    await system.db.transaction().execute((trx) =>
      system.services.mailer.queue(trx, networkId, { to: 'chair@test.hamsafar.pk', subject: 'Minutes', text: 'Attached.', attachments: [{ filename: 'کارروائی minutes.pdf', contentType: 'application/pdf', content }] }),
    );
    const list = await admin.get('/api/v1/admin/mail-outbox');
    expect(list.statusCode).toBe(200);
    const mail = list.json().items.find((m: { subject: string }) => m.subject === 'Minutes');
    expect(mail).toMatchObject({ to: 'chair@test.hamsafar.pk', bodyText: 'Attached.', status: 'held', attachments: [{ filename: 'کارروائی minutes.pdf', contentType: 'application/pdf', size: content.length }] });

    const file = await admin.get(`/api/v1/admin/mail-outbox/${mail.id}/attachments/0`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toBe(`attachment; filename="________ minutes.pdf"; filename*=UTF-8''${encodeURIComponent('کارروائی minutes.pdf')}`);
    expect(file.rawPayload.equals(content)).toBe(true);
    expect((await admin.get(`/api/v1/admin/mail-outbox/${mail.id}/attachments/1`)).statusCode).toBe(404);

    const reads = await system.db.selectFrom('audit_log').select(['action', 'fields']).where('actor_user_id', '=', admin.user.id).where('entity', '=', 'mail_outbox').execute();
    expect(reads.map((r) => r.action)).toEqual(expect.arrayContaining(['mail_outbox.read', 'mail_outbox.attachment.read']));
  });

  it('keeps mail of another network and the outbox of non-admins out of reach', async () => {
    const otherNetwork = await system.factory.network();
    const foreignId = await system.db.transaction().execute((trx) => system.services.mailer.queue(trx, otherNetwork, { to: 'x@test.hamsafar.pk', subject: 'Foreign', text: 'x', attachments: [{ filename: 'a.txt', contentType: 'text/plain', content: Buffer.from('a') }] }));
    const list = await admin.get('/api/v1/admin/mail-outbox?limit=200');
    expect(list.json().items.some((m: { subject: string }) => m.subject === 'Foreign')).toBe(false);
    expect((await admin.get(`/api/v1/admin/mail-outbox/${foreignId}/attachments/0`)).statusCode).toBe(404);
    expect((await shelterAdmin.get('/api/v1/admin/mail-outbox')).statusCode).toBe(403);
  });
});

describe('network settings', () => {
  it('reads and changes the case retention period with optimistic locking', async () => {
    const current = await admin.get('/api/v1/admin/network-settings');
    expect(current.json()).toEqual({ caseRetentionYears: 10, version: 1 });
    const changed = await admin.patch('/api/v1/admin/network-settings', { caseRetentionYears: 7, version: 1 });
    expect(changed.json()).toEqual({ caseRetentionYears: 7, version: 2 });
    const stale = await admin.patch('/api/v1/admin/network-settings', { caseRetentionYears: 5, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ currentVersion: 2, current: { caseRetentionYears: 7 } });
    const unversioned = await admin.patch('/api/v1/admin/network-settings', { caseRetentionYears: 8 });
    expect(unversioned.json()).toEqual({ caseRetentionYears: 8, version: 3 });
    const stored = await system.db.selectFrom('networks').select('settings').where('id', '=', networkId).executeTakeFirstOrThrow();
    expect(stored.settings.caseRetentionYears).toBe(8);

    const outOfRange = await admin.patch('/api/v1/admin/network-settings', { caseRetentionYears: 0 });
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.json().errors).toEqual([{ field: 'caseRetentionYears', code: 'retention_too_short', message: 'Keep closed cases at least 1 year.' }]);
    expect((await shelterAdmin.get('/api/v1/admin/network-settings')).statusCode).toBe(403);
  });
});
