import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import hxl from '../../../common/reference/hxl-1.1.json';
import { parseCsv } from '../../platform/csv';
import { scoped } from '../../platform/database/tenant';
import type { Agent } from '../../test/factories';
import { testSystem, type TestSystem } from '../../test/harness';
import { daysFromToday, expectOk } from '../network/test-support';
import { multipart } from '../places/test-support';
import { ACTIVITY_COLUMNS, HEADERS, HXL_ROW, REPORT_COLUMNS } from './sheet';
import { API, activityBody, activityWorld, monthEnd, monthStart, type ActivityWorld } from './test-support';

let system: TestSystem;
let world: ActivityWorld;

beforeAll(async () => {
  system = await testSystem();
  world = await activityWorld(system);
});
afterAll(() => system.close());

const csvLine = (cells: string[]) => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',');
/** A CSV file of the 5W table: headers, HXL row, and rows given by header. */
function sheet(rows: Array<Record<string, string>>): string {
  return [csvLine(HEADERS), csvLine(HXL_ROW), ...rows.map((r) => csvLine(HEADERS.map((h) => r[h] ?? '')))].join('\r\n');
}

const validRow = (overrides: Record<string, string> = {}) => ({
  'Lead organisation': 'Ministry A',
  Title: 'Returnee reintegration counselling',
  Sector: 'return_reintegration',
  'GCM objectives': '21',
  Status: 'ongoing',
  'Start date': '2026-01-01',
  'End date': '2026-12-31',
  'District codes': 'PK702',
  Funding: 'own_funds',
  Published: 'no',
  'People targeted (sex/age/group=people)': 'female/18-59/returnees=40; male/18-59/returnees=25',
  'Targeted (total)': '65',
  ...overrides,
});

function send(agent: Agent, path: string, csv: string, fields: Record<string, string> = {}) {
  const body = multipart(fields, { name: 'activities.csv', data: csv });
  return agent.request('POST', `${API}${path}`, body.payload, body.headers);
}

const activityCount = async () => Number((await scoped(system.db, world.networkId).selectFrom('activities').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('the 5W table', () => {
  it('uses only hashtags and attributes of the HXL 1.1 core dictionary', async () => {
    const template = await world.focalA.get(`${API}/import/template?format=xlsx`);
    expectOk(template, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const tags = [...HXL_ROW, ...workbook.worksheets.flatMap((s) => (s.getRow(2).values as string[]).filter(Boolean))];
    expect(tags.length).toBeGreaterThan(ACTIVITY_COLUMNS.length);
    for (const tag of tags) {
      const [hashtag, ...attributes] = tag.replace(/^#/, '').split('+');
      expect(hxl.hashtags, tag).toContain(hashtag);
      for (const attribute of attributes) expect(hxl.attributes.includes(attribute) || /^i_[a-z]{2,3}$/.test(attribute), `${tag}: +${attribute}`).toBe(true);
    }
    expect(new Set(HXL_ROW).size).toBe(HXL_ROW.length);
  });

  it('has a template with the HXL row, the gazetteer and the organisations', async () => {
    const csv = await world.focalA.get(`${API}/import/template?format=csv`);
    expectOk(csv, 200);
    expect(parseCsv(csv.body)).toEqual([HEADERS, HXL_ROW]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await world.focalA.get(`${API}/import/template`)).rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Activities', 'Places', 'Organisations']);
    const places = workbook.getWorksheet('Places')!.getSheetValues().slice(3).map((r) => (r as string[]).slice(1, 6));
    expect(places).toContainEqual(['PK702', 2, 'Lahore', null, 'PK7'].map((v) => v ?? undefined));
    const orgs = workbook.getWorksheet('Organisations')!.getSheetValues().slice(3).map((r) => (r as string[])[1]);
    expect(orgs).toContain('Ministry A');
  });
});

describe('an import', () => {
  it('dry run reports each problem by row and column and writes nothing', async () => {
    const before = await activityCount();
    const res = await send(
      world.focalA,
      '/import/dry-run',
      sheet([
        validRow(),
        validRow({ 'District codes': 'PK999', 'Targeted (total)': '70', 'Start date': '2026-13-01', Sector: 'tourism' }),
        validRow({ 'Lead organisation': 'Nobody Ltd' }),
      ]),
    );
    expectOk(res, 200);
    const report = res.json();
    expect(report).toMatchObject({ rows: 3, valid: 1, invalid: 2 });
    expect(report.problems.map((p: { row: number; column: string; message: string }) => [p.row, p.column, p.message])).toEqual([
      [4, 'Sector', '"tourism" is not one of: protection, counter_trafficking, labour_migration, return_reintegration, border_management, legal_identity, data_evidence, climate_mobility, migrant_health, social_cohesion.'],
      [4, 'Start date', '"2026-13-01" is not a date (YYYY-MM-DD).'],
      [4, 'District codes', 'Unknown unit code PK999 at this level.'],
      [4, 'Targeted (total)', 'The total 70 does not add up: the figures add up to 65.'],
      [5, 'Lead organisation', 'Unknown organisation "Nobody Ltd".'],
    ]);
    const download = await send(world.focalA, '/import/dry-run/report', sheet([validRow({ 'Lead organisation': 'Nobody Ltd' })]));
    expectOk(download, 200);
    expect(download.headers['content-type']).toContain('text/csv');
    expect(parseCsv(download.body)).toEqual([
      ['Row', 'Column', 'Code', 'Message'],
      ['3', 'Lead organisation', 'activities.import.organisation-unknown', 'Unknown organisation "Nobody Ltd".'],
    ]);
    expect(await activityCount()).toBe(before);
  });

  it('all-or-nothing refuses a file with one bad row and writes nothing', async () => {
    const before = await activityCount();
    const res = await send(world.focalA, '/import', sheet([validRow(), validRow({ 'District codes': 'PK999' })]), { mode: 'all-or-nothing' });
    expectOk(res, 200);
    expect(res.json()).toMatchObject({ mode: 'all-or-nothing', written: false, created: 0, updated: 0, rejected: 2 });
    expect(await activityCount()).toBe(before);
  });

  it('valid-only imports the valid rows and rejects the others', async () => {
    const before = await activityCount();
    const res = await send(world.focalA, '/import', sheet([validRow({ Title: 'Imported one' }), validRow({ 'District codes': 'PK999' }), validRow({ Title: 'Imported two', 'Province codes': 'PK8' })]), {
      mode: 'valid-only',
    });
    expectOk(res, 200);
    expect(res.json()).toMatchObject({ written: true, created: 2, updated: 0, unchanged: 0, rejected: 1 });
    expect(await activityCount()).toBe(before + 2);
    const list = (await world.focalA.get(`${API}?limit=100`)).json().items as Array<{ id: string; titleEn: string; targetedTotal: number }>;
    const two = list.find((a) => a.titleEn === 'Imported two')!;
    const detail = (await world.focalA.get(`${API}/${two.id}`)).json();
    expect(detail.places.map((p: { code: string }) => p.code)).toEqual(['PK8', 'PK702']);
    expect(detail.targeted.totals.total).toBe(65);
  });

  it('re-importing an export unchanged changes nothing, and an edited row updates only that activity', async () => {
    expectOk(await world.focalA.post(API, activityBody(world)), 201);
    const exported = await world.focalA.get(`${API}/export?format=csv`);
    expectOk(exported, 200);
    const rows = parseCsv(exported.body);
    expect(rows[1]).toEqual(HXL_ROW);
    const versions = async () => (await scoped(system.db, world.networkId).selectFrom('activities').select(['id', 'version', 'updated_at']).orderBy('id').execute()).map((r) => `${r.id}:${r.version}:${r.updated_at.toISOString()}`);
    const before = await versions();
    const again = await send(world.focalA, '/import', exported.body, { mode: 'all-or-nothing' });
    expectOk(again, 200);
    expect(again.json()).toMatchObject({ written: false, created: 0, updated: 0, unchanged: rows.length - 2, rejected: 0 });
    expect(await versions()).toEqual(before);

    const xlsx = await world.focalA.get(`${API}/export?format=xlsx`);
    const body = multipart({ mode: 'all-or-nothing' }, { name: 'activities.xlsx', data: xlsx.rawPayload });
    const fromXlsx = await world.focalA.request('POST', `${API}/import`, body.payload, body.headers);
    expect(fromXlsx.json()).toMatchObject({ created: 0, updated: 0, unchanged: rows.length - 2 });

    const title = HEADERS.indexOf('Title');
    rows[2][title] = `${rows[2][title]} (revised)`;
    const edited = await send(world.focalA, '/import', rows.map(csvLine).join('\r\n'), { mode: 'all-or-nothing' });
    expect(edited.json()).toMatchObject({ written: true, created: 0, updated: 1, unchanged: rows.length - 3 });
  });

  it("does not let an organisation import rows for another organisation's activity", async () => {
    const exported = parseCsv((await world.focalA.get(`${API}/export?format=csv`)).body);
    const res = await send(world.focalB, '/import', exported.map(csvLine).join('\r\n'), { mode: 'valid-only' });
    expectOk(res, 200);
    const result = res.json();
    expect(result).toMatchObject({ written: false, created: 0, updated: 0, rejected: exported.length - 2 });
    const columns = new Set(result.report.problems.map((p: { column: string; code: string }) => `${p.column}: ${p.code}`));
    expect([...columns].sort()).toEqual(['Activity ID: activities.import.activity-unknown', 'Lead organisation: activities.import.organisation-not-own']);
  });

  it('refuses a file without the columns of the template, naming them', async () => {
    const res = await send(world.focalA, '/import/dry-run', 'Title,Sector\r\nA,protection\r\n');
    expectOk(res, 200);
    expect(res.json().problems).toContainEqual(expect.objectContaining({ row: 1, column: 'Lead organisation', code: 'activities.import.column-missing' }));
  });
});

describe('a period reports import', () => {
  const REPORT_HEADERS = REPORT_COLUMNS.map((c) => c.header);
  const reportsFile = (rows: Array<Record<string, string>>) =>
    [csvLine(REPORT_HEADERS), csvLine(REPORT_COLUMNS.map((c) => c.hxl)), ...rows.map((r) => csvLine(REPORT_HEADERS.map((h) => r[h] ?? '')))].join('\r\n');

  it('refuses per row a locked period, dates outside the period and an unknown period; imports the valid rows; re-imports its export unchanged', async () => {
    expectOk(await world.admin.post(`${API}/periods`, { kind: 'monthly', startsOn: monthStart(0), endsOn: monthEnd(0), deadline: daysFromToday(40) }), 201);
    expectOk(await world.admin.post(`${API}/periods`, { kind: 'monthly', startsOn: monthStart(-2), endsOn: monthEnd(-2), deadline: monthEnd(-1) }), 201);
    const activity = (await world.focalA.post(API, activityBody(world, { titleEn: 'Reported by import' }))).json();
    const row = (overrides: Record<string, string> = {}) => ({
      'Activity ID': activity.id,
      'Period (monthly or quarterly)': 'monthly',
      'Period start': monthStart(0),
      Narrative: 'Desks opened in two districts.',
      'People reached (sex/age/group=people)': 'female/18-59/migrants=12',
      'Reached (total)': '12',
      ...overrides,
    });
    const file = reportsFile([row(), row({ 'Period start': monthStart(-2) }), row({ 'Covered from': monthStart(-1) }), row({ 'Period start': monthStart(-6) })]);
    const dry = await send(world.focalA, '/import/dry-run', file, { table: 'reports' });
    expectOk(dry, 200);
    expect(dry.json().problems.map((p: { row: number; column: string; code: string }) => [p.row, p.column, p.code])).toEqual([
      [4, 'Period start', 'activities.period-locked'],
      [5, 'Covered from', 'activities.date-outside-period'],
      // Row 5 is also the same activity and period as row 3.
      [5, 'Activity ID', 'activities.import.report-twice'],
      [6, 'Period start', 'activities.import.period-unknown'],
    ]);

    const imported = await send(world.focalA, '/import', file, { table: 'reports', mode: 'valid-only' });
    expect(imported.json()).toMatchObject({ written: true, created: 1, updated: 0, unchanged: 0, rejected: 3 });
    const detail = (await world.focalA.get(`${API}/${activity.id}`)).json();
    expect(detail.reports).toMatchObject([{ narrative: 'Desks opened in two districts.', reached: { totals: { total: 12 } }, version: 1 }]);

    const exported = await world.focalA.get(`${API}/export?format=csv&table=reports`);
    expectOk(exported, 200);
    const again = await send(world.focalA, '/import', exported.body, { table: 'reports', mode: 'all-or-nothing' });
    expect(again.json()).toMatchObject({ written: false, created: 0, updated: 0, unchanged: parseCsv(exported.body).length - 2, rejected: 0 });
    expect((await world.focalA.get(`${API}/${activity.id}`)).json().reports[0].version).toBe(1);

    const other = await send(world.focalB, '/import', exported.body, { table: 'reports', mode: 'valid-only' });
    expect(other.json()).toMatchObject({ written: false, created: 0 });
    expect(other.json().report.problems[0]).toMatchObject({ column: 'Activity ID', code: 'activities.import.activity-unknown' });
  });
});
