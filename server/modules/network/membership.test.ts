import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSystem, type TestSystem } from '../../test/harness';
import { API, expectOk, memberNetwork, type MemberNetwork } from './test-support';

let system: TestSystem;
let net: MemberNetwork;

beforeAll(async () => {
  system = await testSystem();
  net = await memberNetwork(system);
});
afterAll(() => system.close());

describe('membership application through approval', () => {
  it('lets an organisation apply, the secretariat review, and only a network admin approve', async () => {
    const newOrg = await system.factory.organisation(net.networkId, { nameEn: 'New Legal Aid Centre' });
    const applicant = await system.factory.agent(net.networkId, ['focal_point'], newOrg);

    const applied = await applicant.post(`${API}/applications`, {
      requestedRole: 'member',
      sector: 'Legal aid',
      motivation: 'We represent victims of trafficking in Lahore.',
      gcmObjectives: [7, 10],
      provinces: ['PK-PB'],
    });
    expect(applied.statusCode).toBe(201);
    const application = applied.json();
    expect(application.status).toBe('submitted');

    const twice = await applicant.post(`${API}/applications`, { requestedRole: 'member', motivation: 'Again' });
    expect(twice.statusCode).toBe(409);

    // The applicant sees its own application, not other organisations'.
    const own = await applicant.get(`${API}/applications`);
    expect(own.json().items.map((a: { id: string }) => a.id)).toEqual([application.id]);
    expect((await net.focalA.get(`${API}/applications`)).json().items).toEqual([]);

    const reviewed = await net.admin.post(`${API}/applications/${application.id}/review`, { note: 'References checked.', version: application.version });
    expect(reviewed.statusCode).toBe(200);
    expect(reviewed.json().status).toBe('under_review');

    for (const agent of [applicant, net.chair, net.focalA]) {
      const refused = await agent.post(`${API}/applications/${application.id}/approve`, { version: reviewed.json().version });
      expect(refused.statusCode).toBe(403);
    }

    const approved = await net.admin.post(`${API}/applications/${application.id}/approve`, { joinedOn: '2025-10-01', version: reviewed.json().version });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', membershipId: expect.any(String) });

    const directory = await applicant.get(`${API}/directory?search=Legal%20Aid%20Centre`);
    expect(directory.json().items).toHaveLength(1);
    expect(directory.json().items[0]).toMatchObject({ role: 'member', joinedOn: '2025-10-01', leftOn: null, active: true, gcmObjectives: [7, 10], provinces: ['PK-PB'], sector: 'Legal aid' });
    expect(directory.json().items[0].focalPoint.id).toBe(applicant.user.id);

    const notice = await system.db.selectFrom('notifications').select(['kind', 'params']).where('user_id', '=', applicant.user.id).execute();
    expect(notice.map((n) => n.kind)).toContain('network.membership.approved');

    const again = await net.admin.post(`${API}/applications/${application.id}/approve`, { version: approved.json().version });
    expect(again.statusCode).toBe(409);
  });

  it('requires a reason to reject', async () => {
    const org = await system.factory.organisation(net.networkId, { nameEn: 'Unclear Foundation' });
    const applicant = await system.factory.agent(net.networkId, ['focal_point'], org);
    const app = (await applicant.post(`${API}/applications`, { requestedRole: 'observer', motivation: 'Interested.' })).json();
    const noReason = await net.admin.post(`${API}/applications/${app.id}/reject`, { reason: '  ', version: app.version });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().errors).toEqual([{ field: 'reason', code: 'network.application.reason-needed', message: 'Give the reason for the rejection.' }]);
    const rejected = await net.admin.post(`${API}/applications/${app.id}/reject`, { reason: 'Not registered in Pakistan.', version: app.version });
    expect(rejected.json()).toMatchObject({ status: 'rejected', decisionReason: 'Not registered in Pakistan.' });
  });
});

describe('historical membership', () => {
  it('keeps leaving dates and refuses a period overlapping the previous one for the same organisation', async () => {
    const org = await system.factory.organisation(net.networkId, { nameEn: 'Returning Partner' });
    const first = await net.admin.post(`${API}/memberships`, { organisationId: org, role: 'member', joinedOn: '2022-01-01', leftOn: '2023-06-30' });
    expect(first.statusCode).toBe(201);
    expect(first.json().active).toBe(false);

    const overlapping = await net.admin.post(`${API}/memberships`, { organisationId: org, role: 'observer', joinedOn: '2023-03-01' });
    expect(overlapping.statusCode).toBe(409);
    expect(overlapping.json().errors[0]).toEqual({ field: 'joinedOn', code: 'network.membership.overlaps-period', params: { from: '2022-01-01', to: '2023-06-30' }, message: 'Overlaps the membership from 2022-01-01 to 2023-06-30.' });

    const endBeforeStart = await net.admin.post(`${API}/memberships`, { organisationId: org, role: 'member', joinedOn: '2024-05-01', leftOn: '2024-04-01' });
    expect(endBeforeStart.statusCode).toBe(422);
    expect(endBeforeStart.json().errors[0].field).toBe('leftOn');

    expect((await net.admin.post(`${API}/memberships`, { organisationId: org, role: 'member', joinedOn: '2023-06-30' })).statusCode).toBe(201);

    const history = await net.focalA.get(`${API}/organisations/${org}/memberships`);
    expect(history.json().map((m: { joinedOn: string; leftOn: string | null }) => [m.joinedOn, m.leftOn])).toEqual([
      ['2023-06-30', null],
      ['2022-01-01', '2023-06-30'],
    ]);
    const current = await net.focalA.get(`${API}/directory?search=Returning`);
    expect(current.json().total).toBe(1);
    const withFormer = await net.focalA.get(`${API}/directory?search=Returning&includeFormer=true`);
    expect(withFormer.json().total).toBe(2);
  });

  it('refuses a focal point who does not work for the member organisation', async () => {
    const org = await system.factory.organisation(net.networkId);
    const res = await net.admin.post(`${API}/memberships`, { organisationId: org, role: 'member', joinedOn: '2025-01-01', focalPointUserId: net.focalAUser.id });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('focalPointUserId');
  });

  it('answers 409 with the current version on a stale edit', async () => {
    const entry = (await net.admin.get(`${API}/directory?search=Society%20B`)).json().items[0];
    expectOk(await net.admin.patch(`${API}/memberships/${entry.membershipId}`, { sector: 'Shelter', version: entry.version }));
    const stale = await net.admin.patch(`${API}/memberships/${entry.membershipId}`, { sector: 'Other', version: entry.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().currentVersion).toBe(entry.version + 1);
  });
});

describe('directory', () => {
  it('filters by role, type, GCM objective and province', async () => {
    const observers = await net.focalA.get(`${API}/directory?role=observer`);
    expect(observers.json().items.map((e: { nameEn: string }) => e.nameEn)).toEqual(['Observer O']);
    const government = await net.focalA.get(`${API}/directory?type=government`);
    expect(government.json().items.map((e: { nameEn: string }) => e.nameEn)).toEqual(['Ministry A']);
    const objective7 = await net.focalA.get(`${API}/directory?gcmObjective=7`);
    expect(objective7.json().items.map((e: { nameEn: string }) => e.nameEn)).toEqual(['New Legal Aid Centre']);
    const punjab = await net.focalA.get(`${API}/directory?province=PK-PB`);
    expect(punjab.json().items.map((e: { nameEn: string }) => e.nameEn)).toEqual(['New Legal Aid Centre']);
    expect((await net.focalA.get(`${API}/directory?province=PK-XX`)).statusCode).toBe(400);
  });

  it('exports the filtered directory as CSV and XLSX', async () => {
    const csv = await net.focalA.get(`${API}/directory/export.csv?type=government`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0].startsWith('Organisation,Organisation (Urdu),Acronym,Type')).toBe(true);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('Ministry A');
    expect(lines[1]).toContain(net.focalAUser.email);

    const xlsx = await net.focalA.request('GET', `${API}/directory/export.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Directory')!;
    const names = sheet.getColumn(1).values.slice(2);
    expect(names).toContain('Ministry A');
    expect(names).toContain('Society B');
  });
});

describe('working groups', () => {
  let groupId: string;
  it('lets only co-chairs and the secretariat edit a working group', async () => {
    const created = await net.admin.post(`${API}/working-groups`, {
      nameEn: 'Counter-trafficking and smuggling',
      nameUr: 'انسداد انسانی اسمگلنگ',
      gcmObjectives: [9, 10],
      memberOrganisationIds: [net.orgA, net.orgB],
      coChairUserIds: [net.focalAUser.id],
    });
    expect(created.statusCode).toBe(201);
    groupId = created.json().id;
    expect((await net.focalA.post(`${API}/working-groups`, { nameEn: 'x', nameUr: 'x' })).statusCode).toBe(403);

    const byCoChair = await net.focalA.patch(`${API}/working-groups/${groupId}`, { description: 'Meets monthly.', memberOrganisationIds: [net.orgA, net.orgB, net.orgC], version: 1 });
    expect(byCoChair.statusCode).toBe(200);
    expect(byCoChair.json().members).toHaveLength(3);
    expect(byCoChair.json().canEdit).toBe(true);

    const byOtherFocalPoint = await net.focalB.patch(`${API}/working-groups/${groupId}`, { description: 'Hijacked', version: 2 });
    expect(byOtherFocalPoint.statusCode).toBe(403);
    expect(byOtherFocalPoint.json().detail).toBe('Only the co-chairs and the secretariat edit a working group.');
    expect((await net.chair.patch(`${API}/working-groups/${groupId}`, { description: 'Chair edit', version: 2 })).statusCode).toBe(403);

    const coChairAppoints = await net.focalA.patch(`${API}/working-groups/${groupId}`, { coChairUserIds: [net.focalBUser.id], version: 2 });
    expect(coChairAppoints.statusCode).toBe(403);

    const bySecretariat = await net.admin.patch(`${API}/working-groups/${groupId}`, { coChairUserIds: [net.focalAUser.id, net.focalBUser.id], version: 2 });
    expect(bySecretariat.statusCode).toBe(200);
    expect(bySecretariat.json().coChairs).toHaveLength(2);
    expect((await net.focalB.get(`${API}/working-groups/${groupId}`)).json().canEdit).toBe(true);
  });

  it('keeps versioned governance documents with the current version marked', async () => {
    const form = (fields: Record<string, string>, content: string) => {
      const boundary = '----hamsafar-test';
      const parts = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
      parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="tor.txt"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n--${boundary}--\r\n`);
      return { payload: parts.join(''), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
    };
    const first = form({ kind: 'working_group_tor', title: 'ToR of the counter-trafficking group', workingGroupId: groupId }, 'Version one of the terms of reference.');
    const created = await net.focalA.request('POST', `${API}/documents`, first.payload, first.headers);
    expect(created.statusCode).toBe(201);
    const documentId = created.json().id;
    expect(created.json().versions).toMatchObject([{ number: 1, isCurrent: true, contentType: 'text/plain' }]);

    const refused = form({ kind: 'governance', title: 'Rules of procedure' }, 'Rules');
    expect((await net.focalA.request('POST', `${API}/documents`, refused.payload, refused.headers)).statusCode).toBe(403);

    const second = form({ note: 'Adds data sharing' }, 'Version two of the terms of reference.');
    const updated = await net.admin.request('POST', `${API}/documents/${documentId}/versions`, second.payload, second.headers);
    expect(updated.statusCode).toBe(200);
    expect(updated.json().versions.map((v: { number: number; isCurrent: boolean }) => [v.number, v.isCurrent])).toEqual([
      [2, true],
      [1, false],
    ]);
    const v1 = updated.json().versions[1].id;
    const back = await net.admin.post(`${API}/documents/${documentId}/versions/${v1}/current`);
    expect(back.json().versions.map((v: { isCurrent: boolean }) => v.isCurrent)).toEqual([false, true]);
    const download = await net.focalB.get(`${API}/documents/${documentId}/versions/${v1}/file`);
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe('Version one of the terms of reference.');
    expect((await net.focalB.get(`${API}/documents?workingGroupId=${groupId}`)).json()).toHaveLength(1);
  });
});
