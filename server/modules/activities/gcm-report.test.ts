import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import gcm from '../../../common/reference/gcm.json';
import { DEFAULT_ROLE_GRANTS } from '../../../common/roles';
import type { RequestContext } from '../../platform/context';
import { scoped } from '../../platform/database/tenant';
import { pdfLines } from '../../test/pdf-text';
import { testSystem, type TestSystem } from '../../test/harness';
import { daysFromToday, expectOk } from '../network/test-support';
import { assembleGcmReport } from './gcm-report.service';
import { API, activityBody, activityWorld, monthEnd, monthStart, type ActivityWorld } from './test-support';

let system: TestSystem;
let world: ActivityWorld;
let periodId: string;
let desks: string;
let shelters: string;
let pathways: string;
const year = Number(monthStart(0).slice(0, 4));

const objectiveTitle = (n: number) => gcm.objectives.find((o) => o.number === n)!;

/** The chair's request context: a network-wide reader of activities, the workplan, the fund dashboard and the protection counts. */
function chairContext(): RequestContext {
  const actor = {
    userId: world.chair.user.id,
    networkId: world.networkId,
    organisationId: world.chairOrg,
    roles: ['chair'],
    grants: new Set<string>(DEFAULT_ROLE_GRANTS.chair),
    sessionId: 'test',
    language: 'en' as const,
  };
  return { db: system.db, actor, ip: null, userAgent: null, services: system.services };
}

async function docxText(body: Buffer): Promise<string> {
  return (await (await JSZip.loadAsync(body)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
}

/** An approved and active MMPTF programme on objective 10, with money moved and an indicator reported last year and, after the period, next year. */
async function activeProgramme() {
  const q = scoped(system.db, world.networkId);
  const indicatorId = '6f1c7c9e-8a53-4c59-9d0e-3b2f2a9c1d01';
  const framework = {
    outcomes: [
      {
        id: '6f1c7c9e-8a53-4c59-9d0e-3b2f2a9c1d02',
        statement: 'Victims are protected.',
        outputs: [
          {
            id: '6f1c7c9e-8a53-4c59-9d0e-3b2f2a9c1d03',
            statement: 'Victims are referred.',
            indicators: [
              { id: indicatorId, statement: 'Victims referred', organisationId: world.orgC, unit: 'persons', baseline: '10.00', target: '110.00', meansOfVerification: 'Referral records', disaggregation: { sex: true, age: true } },
            ],
          },
        ],
      },
    ],
  };
  const markers = { gender: { score: 2, justification: 'x' }, humanRights: { score: 2, justification: 'x' }, childSensitivity: { score: 1, justification: 'x' } };
  const programme = await q
    .insertInto('fund_programmes', {
      code: 'PAK-JP-001',
      title: 'Joint programme against trafficking',
      summary: 'Test programme.',
      duration_months: 24,
      start_date: `${year - 1}-01-01`,
      convening_organisation_id: world.orgC,
      status: 'active',
      partner_organisation_ids: [],
      thematic_areas: [3],
      gcm_objectives: [10],
      guiding_principles: [],
      sdg_targets: [],
      provinces: ['PK-PB'],
      markers: JSON.stringify(markers) as never,
      results_framework: JSON.stringify(framework) as never,
      total_budget: '1000.00',
      created_by: world.admin.user.id,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await q.insertInto('fund_programme_punos', { programme_id: programme.id, organisation_id: world.orgC, direct_costs: JSON.stringify(['1000.00', '0', '0', '0', '0', '0', '0']) as never, requested_total: '1000.00', approved_amount: '1000.00' }).execute();
  await q.insertInto('fund_transfers', { programme_id: programme.id, organisation_id: world.orgC, kind: 'transfer', tranche: 1, transfer_date: `${year - 1}-02-01`, amount_usd: '800.00', recorded_by: world.admin.user.id }).execute();
  await q.insertInto('fund_expenditures', { programme_id: programme.id, organisation_id: world.orgC, year: year - 1, category: 1, amount_usd: '200.00', reported_by: world.admin.user.id, reported_at: new Date() }).execute();
  for (const [period, actual] of [[`${year - 1}`, '60.00'], [`${year + 1}`, '100.00']]) {
    await q.insertInto('fund_indicator_results', { programme_id: programme.id, indicator_id: indicatorId, organisation_id: world.orgC, period, actual, narrative: '', reported_by: world.admin.user.id, reported_at: new Date() }).execute();
  }
}

/** Consented cases as the protection module counts them: some counts large, some small enough to be withheld. */
async function protectionCounts() {
  const q = scoped(system.db, world.networkId);
  const month = monthStart(0);
  const rows = [
    { gender: 'Feminine', province: 'PK-PB', age_band: '18-20', exploitation_type: '*', cases: 9 },
    { gender: 'Masculine', province: 'PK-SD', age_band: '30-38', exploitation_type: '*', cases: 2 },
    { gender: 'Feminine', province: 'PK-PB', age_band: '18-20', exploitation_type: 'ForcedLabour', cases: 9 },
    { gender: 'Masculine', province: 'PK-SD', age_band: '30-38', exploitation_type: 'SexualExploitation', cases: 2 },
  ];
  await q.insertInto('protection_stat_counts', rows.map((r) => ({ ...r, month }))).execute();
}

beforeAll(async () => {
  system = await testSystem();
  world = await activityWorld(system);
  const period = await world.admin.post(`${API}/periods`, { kind: 'monthly', startsOn: monthStart(0), endsOn: monthEnd(0), deadline: daysFromToday(40) });
  expectOk(period, 201);
  periodId = period.json().id;
  const create = async (agent: typeof world.focalA, overrides: Record<string, unknown>) => {
    const res = await agent.post(API, activityBody(world, overrides));
    expectOk(res, 201);
    return res.json().id as string;
  };
  desks = await create(world.focalA, { titleEn: 'Information desks', gcmObjectives: [3, 10], unitIds: [world.units.lahore, world.units.sindh] });
  shelters = await create(world.focalB, { titleEn: 'Shelters for survivors', leadOrganisationId: world.orgB, partnerOrganisationIds: [], gcmObjectives: [10], unitIds: [world.units.karachi] });
  pathways = await create(world.focalA, { titleEn: 'Labour pathways advice', gcmObjectives: [5], unitIds: [world.units.lahore] });
  await create(world.focalB, { titleEn: 'Finished survey', leadOrganisationId: world.orgB, partnerOrganisationIds: [], gcmObjectives: [1], startsOn: monthStart(-14), endsOn: monthEnd(-6), status: 'completed' });
  const report = (agent: typeof world.focalA, id: string, cells: unknown[]) => agent.put(`${API}/${id}/reports/${periodId}`, { narrative: 'Done.', reached: { cells } });
  expectOk(
    await report(world.focalA, desks, [
      { sex: 'female', ageBand: '18-59', group: 'migrants', people: 30 },
      { sex: 'male', ageBand: '0-17', group: 'returnees', people: 12 },
    ]),
  );
  expectOk(await report(world.focalB, shelters, [{ sex: 'female', ageBand: '60+', group: 'host_community', people: 5 }]));
  expectOk(
    await world.admin.post('/api/v1/network/workplan', {
      kind: 'output', titleEn: 'Referral procedures for survivors', leadOrganisationId: world.orgB, startsOn: `${year - 1}-01-01`, endsOn: `${year + 1}-12-31`, gcmObjectives: [10], status: 'in_progress', progress: 40,
    }),
    201,
  );
  await activeProgramme();
  await protectionCounts();
});
afterAll(() => system.close());

describe('the GCM progress report of a period', () => {
  it('lists per objective the activities running in the period and sums the people its reports reached', async () => {
    const report = await assembleGcmReport(chairContext(), periodId, 'en');
    expect(report.overall).toMatchObject({ activities: 3, organisations: 2, reports: 2, missingReports: 1 });
    expect(report.overall.reached).toMatchObject({ total: 47, bySex: { female: 35, male: 12, other: 0 }, byAgeBand: { '0-17': 12, '18-59': 30, '60+': 5 } });
    expect(report.objectives).toHaveLength(23);

    const trafficking = report.objectives.find((o) => o.number === 10)!;
    expect(trafficking.title).toBe(objectiveTitle(10).title);
    expect(trafficking.activities).toEqual([
      { id: desks, title: 'Information desks', leadOrganisation: 'Ministry A', places: ['Sindh', 'Lahore'], status: 'ongoing', reached: 42 },
      { id: shelters, title: 'Shelters for survivors', leadOrganisation: 'Society B', places: ['Karachi'], status: 'ongoing', reached: 5 },
    ]);
    expect(trafficking.reached).toMatchObject({ total: 47, bySex: { female: 35, male: 12 }, byAgeBand: { '0-17': 12, '18-59': 30, '60+': 5 } });
    expect(report.objectives.find((o) => o.number === 3)!.reached.total).toBe(42);
    expect(report.objectives.find((o) => o.number === 5)!.activities).toEqual([expect.objectContaining({ id: pathways, reached: null })]);
    expect(report.objectives.find((o) => o.number === 1)!.activities).toEqual([]);
  });

  it('shows the workplan lines and the MMPTF programmes of each objective, the fund figures as they stood at the end of the period', async () => {
    const trafficking = (await assembleGcmReport(chairContext(), periodId, 'en')).objectives.find((o) => o.number === 10)!;
    expect(trafficking.workplan).toEqual([{ title: 'Referral procedures for survivors', lead: 'Society B', status: 'in_progress', progress: 40 }]);
    expect(trafficking.programmes).toEqual([
      {
        code: 'PAK-JP-001',
        title: 'Joint programme against trafficking',
        status: 'active',
        approved: '1000.00',
        netFunded: '800.00',
        expenditure: '200.00',
        deliveryRate: '25.00',
        // Next year's result (100) is after the period: the latest is last year's 60, half-way from 10 to 110.
        indicators: [{ statement: 'Victims referred', unit: 'persons', baseline: '10.00', target: '110.00', latest: '60.00', progress: '50.00' }],
      },
    ]);
    expect((await assembleGcmReport(chairContext(), periodId, 'en')).objectives.find((o) => o.number === 3)!.programmes).toEqual([]);
  });

  it('gives the protection counts exactly as the dashboard publishes them, withheld counts included', async () => {
    const { protection } = await assembleGcmReport(chairContext(), periodId, 'en');
    expect(protection).not.toBeNull();
    const stats = async (query: string) => {
      const res = await world.chair.get(`/api/v1/protection/stats?${query}`);
      expectOk(res);
      return res.json().items.map((i: { key: string; count: number | null; display: string }) => ({ key: i.key, count: i.count, display: i.display }));
    };
    const strip = (items: Array<{ key: string; count: number | null; display: string }>) => items.map(({ key, count, display }) => ({ key, count, display }));
    expect(strip(protection!.byMonth)).toEqual(await stats(`dimension=month&from=${monthStart(0)}&to=${monthEnd(0)}`));
    for (const { dimension, items } of protection!.byDimension) expect(strip(items)).toEqual(await stats(`dimension=${dimension}&from=${year}-01-01&to=${year}-12-31`));
    const gender = protection!.byDimension.find((d) => d.dimension === 'gender')!.items;
    // The 2 men are under the small-cell limit, and the 9 women would give them away: both withheld.
    expect(gender).toEqual([
      { key: 'Feminine', label: 'Female', count: null, display: 'x' },
      { key: 'Masculine', label: 'Male', count: null, display: 'x' },
    ]);
  });

  it('finds the gaps: the organisations per objective and province, zero where nobody works', async () => {
    const { gaps } = await assembleGcmReport(chairContext(), periodId, 'en');
    expect(gaps.provinces.map((p) => p.name)).toEqual(['Punjab', 'Sindh']);
    const row = (objective: number) => gaps.rows.find((r) => r.objective === objective)!.organisations;
    expect(row(10)).toEqual([1, 2]);
    expect(row(3)).toEqual([1, 1]);
    expect(row(5)).toEqual([1, 0]);
    expect(row(1)).toEqual([0, 0]);
  });

  it('renders a PDF that shows the report, in English and in Urdu', async () => {
    const res = await world.chair.get(`${API}/periods/${periodId}/gcm-report?format=pdf&language=en`);
    expectOk(res);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`gcm-progress-report-${monthStart(0)}-${monthEnd(0)}-en.pdf`);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // The text as it reads, lines joined: headings and titles wrap.
    const text = pdfLines(res.rawPayload).join(' ').replace(/\s+/g, ' ');
    expect(text.startsWith(`Test network`)).toBe(true);
    expect(text).toContain(`GCM progress report, ${monthStart(0)} to ${monthEnd(0)}`);
    expect(text).toContain('Summary 3 activities of 2 organisations ran in the period; 2 reports were submitted and 1 are missing.');
    expect(text).toContain('GCM objective 3: Provide accurate and timely information at all stages of migration');
    expect(text).toContain('Information desks');

    const urdu = await world.chair.get(`${API}/periods/${periodId}/gcm-report?format=pdf&language=ur`);
    expectOk(urdu);
    const urduLines = pdfLines(urdu.rawPayload);
    expect(urduLines).toContain('⟨خلاصہ⟩');
    expect(urduLines).toContain('⟨مشترکہ ورک پلان⟩');
  });

  it('renders a DOCX with the objective titles in English, and in Urdu right to left', async () => {
    const english = await world.chair.get(`${API}/periods/${periodId}/gcm-report?format=docx&language=en`);
    expectOk(english);
    expect(english.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const text = await docxText(english.rawPayload);
    for (const n of [1, 3, 10, 23]) expect(text).toContain(`GCM objective ${n}: ${objectiveTitle(n).title}`);
    expect(text).toContain('Shelters for survivors');

    const urdu = await world.chair.get(`${API}/periods/${periodId}/gcm-report?format=docx&language=ur`);
    expectOk(urdu);
    const xml = await (await JSZip.loadAsync(urdu.rawPayload)).file('word/document.xml')!.async('string');
    const urduText = xml.replace(/<[^>]+>/g, '');
    for (const n of [1, 3, 10, 23]) expect(urduText).toContain(`جی سی ایم مقصد ${n}: ${objectiveTitle(n).title_ur}`);
    expect(xml).toContain('<w:bidi/>');
    expect(xml).toContain('w:cs="Noto Nastaliq Urdu"');
  });

  it('is refused to an organisation that reads only its own activities, and unknown periods are 404', async () => {
    expect((await world.focalA.get(`${API}/periods/${periodId}/gcm-report?format=pdf`)).statusCode).toBe(403);
    expect((await world.chair.get(`${API}/periods/${world.orgA}/gcm-report?format=pdf`)).statusCode).toBe(404);
    const bad = await world.chair.get(`${API}/periods/${periodId}/gcm-report?format=odt`);
    expect(bad.statusCode).toBe(400);
  });
});
