import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { scoped } from '../../platform/database/tenant';
import { testSystem, type TestSystem } from '../../test/harness';
import { fundDemoWorld, FOCAL_IOM, FOCAL_UNODC, SECRETARIAT } from '../fund/test-support';
import { expectOk } from '../network/test-support';
import { seedActivitiesDemo } from './demo';
import { API, monthEnd, monthStart } from './test-support';

/**
 * The official IATI 2.03 activity schema (IATI/IATI-Schemas, branch version-2.03; see docs/iati.md),
 * read where it is, never copied into the repository: a folder named by HAMSAFAR_IATI_SCHEMAS, or the
 * search tool's snapshot of the IATI repository on this machine. Without either the test says why it
 * did not run.
 */
const SCHEMA_FILES = ['iati-activities-schema.xsd', 'iati-common.xsd', 'xml.xsd'];
const SNAPSHOT = '/work/.mirror/IATI+IATI-Schemas/repo';

function schemaFiles(): Array<{ fileName: string; contents: string }> | null {
  const dir = process.env.HAMSAFAR_IATI_SCHEMAS;
  if (dir) return SCHEMA_FILES.map((fileName) => ({ fileName, contents: readFileSync(path.join(dir, fileName), 'utf8') }));
  if (!existsSync(SNAPSHOT)) return null;
  try {
    return SCHEMA_FILES.map((fileName) => ({ fileName, contents: execFileSync('git', ['--git-dir', SNAPSHOT, 'show', `version-2.03:${fileName}`], { encoding: 'utf8' }) }));
  } catch {
    return null;
  }
}

const schema = schemaFiles();
const schemaTest = schema
  ? { skip: false }
  : { skip: true, meta: { notRunBecause: `the IATI 2.03 schema is not on this machine: set HAMSAFAR_IATI_SCHEMAS to a folder holding ${SCHEMA_FILES.join(', ')}` } };

async function validateAgainstIati(xml: string) {
  const [main, ...imported] = schema!;
  return validateXML({ xml: { fileName: 'activities.xml', contents: xml }, schema: [main], preload: imported });
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  alwaysCreateTextNode: true,
  isArray: (name) => ['iati-activity', 'narrative', 'participating-org', 'activity-date', 'recipient-country', 'location', 'sector', 'tag'].includes(name),
});

interface Narrative {
  '#text': string;
  'xml:lang'?: string;
}
interface ParsedActivity {
  'iati-identifier': { '#text': string };
  title: { narrative: Narrative[] };
  'participating-org': Array<{ role: string; ref?: string; type?: string; narrative: Narrative[] }>;
  'activity-status': { code: string };
  tag: Array<{ vocabulary: string; code: string }>;
}
const activitiesOf = (xml: string): ParsedActivity[] => parser.parse(xml)['iati-activities']['iati-activity'];
const identifierOf = (activity: ParsedActivity) => activity['iati-identifier']['#text'];

let system: TestSystem;
let world: Awaited<ReturnType<typeof fundDemoWorld>>;
const fileOf = (organisationId: string) => `${API}/organisations/${organisationId}/iati.xml`;

beforeAll(async () => {
  system = await testSystem();
  world = await fundDemoWorld(system);
  const q = scoped(system.db, world.networkId);
  const set = await q.insertInto('admin_unit_sets', { country: 'PK', gazetteer: 'iati test', version: '1', source: 'tests', licence: 'public domain', imported_by: null }).returning('id').executeTakeFirstOrThrow();
  for (const [n, name] of ['Punjab', 'Sindh', 'Khyber Pakhtunkhwa', 'Balochistan', 'Islamabad'].entries()) {
    const province = await q.insertInto('admin_units', { set_id: set.id, code: `PK${n + 1}`, level: 1, name_en: name, name_ur: null, parent_id: null, geometry: null, retired_at: null }).returning('id').executeTakeFirstOrThrow();
    await q.insertInto('admin_units', { set_id: set.id, code: `PK${n + 1}01`, level: 2, name_en: `${name} district`, name_ur: `ضلع ${n + 1}`, parent_id: province.id, geometry: null, retired_at: null }).execute();
  }
  await seedActivitiesDemo(world);
});
afterAll(() => system.close());

/** An unpublished IOM activity whose texts need escaping, funded by another donor. */
async function createUnpublishedIomActivity() {
  const unit = await scoped(system.db, world.networkId).selectFrom('admin_units').select('id').where('code', '=', 'PK201').executeTakeFirstOrThrow();
  const res = await (await world.as(FOCAL_IOM)).post(API, {
    titleEn: 'Desks for "returnees" <Karachi & Quetta>',
    titleUr: 'واپس آنے والوں کے لیے ڈیسک',
    descriptionEn: 'Help & advice at < 3 km from the port.',
    descriptionUr: 'بندرگاہ کے قریب مدد اور مشورہ',
    leadOrganisationId: world.organisations.iom,
    partnerOrganisationIds: [world.organisations.beoe],
    gcmObjectives: [21],
    sector: 'return_reintegration',
    fundingKind: 'other_donor',
    donorName: 'Donor & Partners <Ltd>',
    unitIds: [unit.id],
    startsOn: monthStart(-3),
    endsOn: monthEnd(9),
    status: 'ongoing',
    published: false,
    targeted: { cells: [{ sex: 'female', ageBand: '18-59', group: 'returnees', people: 40 }] },
  });
  expectOk(res, 201);
  return res.json() as { id: string; titleEn: string };
}

describe('IATI 2.03 activity file of an organisation', () => {
  let unpublished: { id: string; titleEn: string };
  let iomFile: string;
  beforeAll(async () => {
    unpublished = await createUnpublishedIomActivity();
    const res = await (await world.as(FOCAL_IOM)).get(fileOf(world.organisations.iom));
    expectOk(res);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('iati-activities-XM-DAC-47066.xml');
    expect(res.headers['cache-control']).toBe('no-store');
    iomFile = res.body;
  });

  it('of the demo IOM validates against the official schema, and a broken file does not', schemaTest, async () => {
    const valid = await validateAgainstIati(iomFile);
    expect(valid.errors).toEqual([]);
    expect(valid.valid).toBe(true);

    // activity-status before participating-org breaks the order the schema enforces.
    const status = iomFile.match(/<activity-status code="\d"\/>/)![0];
    const reordered = iomFile.replace(status, '').replace('<participating-org ', `${status}<participating-org `);
    const broken = await validateAgainstIati(reordered);
    expect(broken.valid).toBe(false);
    expect(broken.errors[0].message).toContain("Element 'activity-status': This element is not expected.");
  });

  it('holds one activity per IOM activity the MMPTF does not fund, identified by the IATI organisation identifier', async () => {
    const rows = await scoped(system.db, world.networkId).selectFrom('activities').select(['id', 'funding_kind']).where('lead_organisation_id', '=', world.organisations.iom).execute();
    const fundFunded = rows.filter((r) => r.funding_kind === 'mmptf').map((r) => `XM-DAC-47066-${r.id}`);
    const others = rows.filter((r) => r.funding_kind !== 'mmptf').map((r) => `XM-DAC-47066-${r.id}`);
    expect(fundFunded.length).toBeGreaterThan(0);
    const identifiers = activitiesOf(iomFile).map((a) => identifierOf(a));
    expect(identifiers.sort()).toEqual(others.sort());
    for (const id of fundFunded) expect(iomFile).not.toContain(id);
  });

  it('names the reporting organisation, the donor, the accountable lead and the implementing partners with IATI codes', async () => {
    const doc = parser.parse(iomFile)['iati-activities'];
    expect(doc.version).toBe('2.03');
    const activity = activitiesOf(iomFile).find((a) => identifierOf(a) === `XM-DAC-47066-${unpublished.id}`)!;
    expect((activity as unknown as { 'reporting-org': { ref: string; type: string } })['reporting-org']).toMatchObject({ ref: 'XM-DAC-47066', type: '40' });
    expect(activity['participating-org'].map((o) => [o.role, o.ref, o.type, o.narrative[0]['#text']])).toEqual([
      ['1', undefined, undefined, 'Donor & Partners <Ltd>'],
      ['2', 'XM-DAC-47066', '40', 'International Organization for Migration'],
      ['4', undefined, '10', 'Bureau of Emigration and Overseas Employment'],
    ]);
    expect(activity['activity-status'].code).toBe('2');
    expect(activity.tag).toContainEqual(expect.objectContaining({ vocabulary: '99', code: 'GCM-21' }));
  });

  it('escapes text, and gives Urdu narratives xml:lang="ur"', () => {
    const activity = activitiesOf(iomFile).find((a) => identifierOf(a) === `XM-DAC-47066-${unpublished.id}`)!;
    expect(iomFile).toContain('Desks for &quot;returnees&quot; &lt;Karachi &amp; Quetta&gt;');
    expect(activity.title.narrative).toEqual([{ '#text': 'Desks for "returnees" <Karachi & Quetta>' }, { '#text': 'واپس آنے والوں کے لیے ڈیسک', 'xml:lang': 'ur' }]);
    expect(iomFile).toContain('<narrative xml:lang="ur">بندرگاہ کے قریب مدد اور مشورہ</narrative>');
  });

  it('is refused with 409 for an organisation that does not publish to IATI', async () => {
    const res = await (await world.as(FOCAL_UNODC)).get(fileOf(world.organisations.unodc));
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 409, messageCode: 'activities.iati-not-publisher', detail: expect.stringContaining('does not publish to IATI') });
  });

  it("is refused to another organisation's user, with none of the organisation's unpublished activities", async () => {
    const res = await (await world.as(FOCAL_UNODC)).get(fileOf(world.organisations.iom));
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).not.toContain(unpublished.id);
    expect(res.body).not.toContain('iati-activities');
  });

  it('is open to the secretariat for any organisation, and 404 for one that does not exist', async () => {
    const secretariat = await world.as(SECRETARIAT);
    const res = await secretariat.get(fileOf(world.organisations.iom));
    expectOk(res);
    expect(activitiesOf(res.body).map((a) => identifierOf(a))).toContain(`XM-DAC-47066-${unpublished.id}`);
    expect((await secretariat.get(fileOf('00000000-0000-4000-8000-000000000000'))).statusCode).toBe(404);
  });
});

describe('IATI publishing of an organisation', () => {
  async function unhcr() {
    const res = await (await world.as(SECRETARIAT)).get('/api/v1/admin/organisations?search=UNHCR');
    expectOk(res);
    return res.json().items[0];
  }

  it('needs the IATI organisation identifier, then the network admin turns it on', async () => {
    const admin = await world.as(SECRETARIAT);
    const org = await unhcr();
    expect(org).toMatchObject({ iatiOrganisationId: null, publishesToIati: false });
    const { id, isDemo: _isDemo, ...fields } = org;

    const missing = await admin.patch(`/api/v1/admin/organisations/${id}`, { ...fields, publishesToIati: true });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors).toEqual([expect.objectContaining({ field: 'iatiOrganisationId', code: 'admin.organisation.iati-id-required' })]);

    const malformed = await admin.patch(`/api/v1/admin/organisations/${id}`, { ...fields, publishesToIati: true, iatiOrganisationId: 'UNHCR 41121' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors).toEqual([expect.objectContaining({ field: 'iatiOrganisationId' })]);

    const saved = await admin.patch(`/api/v1/admin/organisations/${id}`, { ...fields, publishesToIati: true, iatiOrganisationId: 'XM-DAC-41121' });
    expectOk(saved);
    expect(saved.json()).toMatchObject({ iatiOrganisationId: 'XM-DAC-41121', publishesToIati: true });
    const file = await admin.get(fileOf(id));
    expectOk(file);
    expect(activitiesOf(file.body).every((a) => identifierOf(a).startsWith('XM-DAC-41121-'))).toBe(true);
  });
});
