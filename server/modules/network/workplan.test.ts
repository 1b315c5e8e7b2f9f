import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSystem, type TestSystem } from '../../test/harness';
import { API, daysFromToday, memberNetwork, type MemberNetwork } from './test-support';

let system: TestSystem;
let net: MemberNetwork;
let outputId: string;

beforeAll(async () => {
  system = await testSystem();
  net = await memberNetwork(system);
});
afterAll(() => system.close());

const line = (agent = net.admin, overrides: Record<string, unknown> = {}) =>
  agent.post(`${API}/workplan`, {
    kind: 'output',
    titleEn: 'Standard operating procedures for victim referral',
    leadOrganisationId: net.orgA,
    partnerOrganisationIds: [net.orgB],
    startsOn: '2025-09-01',
    endsOn: '2026-08-31',
    status: 'in_progress',
    progress: 40,
    gcmObjectives: [10],
    guidingPrinciples: [4],
    sdgTargets: ['8.7', '16.2'],
    ...overrides,
  });

describe('workplan lines', () => {
  it('creates outputs and activities with their GCM objectives, principles and SDG targets', async () => {
    const output = await line();
    expect(output.statusCode).toBe(201);
    outputId = output.json().id;
    expect(output.json()).toMatchObject({ leadOrganisationId: net.orgA, partnerOrganisationIds: [net.orgB], gcmObjectives: [10], guidingPrinciples: [4], sdgTargets: ['8.7', '16.2'] });

    const activity = await line(net.admin, { kind: 'activity', parentId: outputId, titleEn: 'Train FIA circles', startsOn: '2025-10-01', endsOn: '2025-12-31', leadOrganisationId: net.orgC, partnerOrganisationIds: [], gcmObjectives: [10, 7] });
    expect(activity.statusCode).toBe(201);
  });

  it('refuses an end before the start and an activity outside its output\'s timeframe', async () => {
    const backwards = await line(net.admin, { startsOn: '2026-01-01', endsOn: '2025-12-31' });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().errors).toEqual([{ field: 'endsOn', code: 'network.workplan.end-before-start', message: 'The end is before the start.' }]);

    const outside = await line(net.admin, { kind: 'activity', parentId: outputId, startsOn: '2026-06-01', endsOn: '2026-12-31' });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().errors[0].field).toBe('startsOn');

    const unknownTarget = await line(net.admin, { sdgTargets: ['99.9'] });
    expect(unknownTarget.statusCode).toBe(422);
    expect(unknownTarget.json().errors[0].field).toBe('sdgTargets');
  });

  it('lets a focal point edit only the lines their organisation leads', async () => {
    const own = await line(net.focalA, { titleEn: 'Ministry A line', gcmObjectives: [6] });
    expect(own.statusCode).toBe(201);
    const foreign = await line(net.focalA, { leadOrganisationId: net.orgB });
    expect(foreign.statusCode).toBe(404);
    const edit = await net.focalA.patch(`${API}/workplan/${own.json().id}`, { progress: 60, version: own.json().version });
    expect(edit.json().progress).toBe(60);
    const byB = await net.focalB.patch(`${API}/workplan/${own.json().id}`, { progress: 10, version: edit.json().version });
    expect(byB.statusCode).toBe(404);
  });
});

describe('GCM × organisation matrix', () => {
  it('shows who contributes to which objective and the objectives nobody works on', async () => {
    const res = await net.chair.get(`${API}/workplan/matrix`);
    expect(res.statusCode).toBe(200);
    const matrix = res.json();
    expect(matrix.objectives).toHaveLength(23);
    expect(matrix.cells).toEqual(
      expect.arrayContaining([
        { organisationId: net.orgA, objective: 10, role: 'lead', items: 1 },
        { organisationId: net.orgB, objective: 10, role: 'partner', items: 1 },
        { organisationId: net.orgC, objective: 10, role: 'lead', items: 1 },
        { organisationId: net.orgC, objective: 7, role: 'lead', items: 1 },
        { organisationId: net.orgA, objective: 6, role: 'lead', items: 1 },
      ]),
    );
    expect(matrix.gaps).toContain(1);
    expect(matrix.gaps).not.toContain(10);
    expect(matrix.gaps).not.toContain(7);
    expect(matrix.objectives.find((o: { number: number }) => o.number === 10)).toMatchObject({ organisationCount: 3, gap: false });
    expect(matrix.organisations.map((o: { id: string }) => o.id)).toEqual(expect.arrayContaining([net.orgA, net.orgB, net.orgC, net.secretariatOrg]));
  });
});

describe('progress report', () => {
  it('renders the period in PDF and DOCX and refuses a period ending before it starts', async () => {
    const meeting = await net.admin.post(`${API}/meetings`, { kind: 'network', titleEn: 'Review', startsAt: '2025-11-05T05:00:00Z', endsAt: '2025-11-05T07:00:00Z' });
    await net.admin.post(`${API}/meetings/${meeting.json().id}/decisions`, { textEn: 'Adopt the referral SOPs.', gcmObjectives: [10] });
    await net.admin.post(`${API}/action-points`, { title: 'Print SOPs', ownerOrganisationId: net.orgB, dueDate: daysFromToday(5), gcmObjectives: [10] });

    const pdf = await net.chair.get(`${API}/workplan/report.pdf?from=2025-09-01&to=2025-12-31`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const docx = await net.chair.get(`${API}/workplan/report.docx?from=2025-09-01&to=2025-12-31`);
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const { default: JSZip } = await import('jszip');
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml).toContain('GCM objective 10: Prevent, combat and eradicate trafficking in persons');
    expect(xml).toContain('Adopt the referral SOPs.');
    expect(xml).toContain('Standard operating procedures for victim referral');

    const backwards = await net.chair.get(`${API}/workplan/report.pdf?from=2025-12-31&to=2025-09-01`);
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors[0].field).toBe('to');
  });

  it('lets the secretariat send the report to the chair through the outbox', async () => {
    expect((await net.focalA.post(`${API}/workplan/report/send`, { from: '2025-09-01', to: '2025-12-31', format: 'pdf' })).statusCode).toBe(403);
    const sent = await net.admin.post(`${API}/workplan/report/send`, { from: '2025-09-01', to: '2025-12-31', format: 'docx' });
    expect(sent.json()).toEqual({ sentTo: 1 });
    const mail = await system.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', net.chair.user.email).where('subject', 'like', 'Progress report%').executeTakeFirstOrThrow();
    expect(mail.attachments[0].filename).toBe('progress-report-2025-09-01-2025-12-31.docx');
    expect(Buffer.from(mail.attachments[0].contentBase64, 'base64').subarray(0, 2).toString()).toBe('PK');
  });
});

describe('secretariat dashboard', () => {
  it('answers members by type, decisions, action points by status and workplan progress by objective', async () => {
    const res = await net.admin.get(`${API}/dashboard`);
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.membersByType).toEqual(expect.arrayContaining([{ type: 'un_entity', count: 3 }, { type: 'government', count: 1 }]));
    expect(d.decisionsByYear).toEqual([{ year: 2025, count: 1 }]);
    expect(d.actionPointsByStatus.find((s: { status: string }) => s.status === 'open').count).toBe(1);
    expect(d.workplanByObjective.find((w: { objective: number }) => w.objective === 10)).toMatchObject({ items: 2, averageProgress: 40, completed: 0 });
    expect((await net.focalA.get(`${API}/dashboard`)).statusCode).toBe(403);
  });
});
