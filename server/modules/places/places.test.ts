import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSqlDump } from '../../cli/backup';
import { scoped } from '../../platform/database/tenant';
import { TEST_DB } from '../../test/database';
import type { Agent } from '../../test/factories';
import { testSystem, type TestSystem } from '../../test/harness';
import { loadDefaultBoundaries, loadMissingDefaultBoundaries, SHIPPED_SETS, shippedUnits } from './defaults';
import { containingCandidate } from './geometry';
import { api, CITIES, collection, DISTRICT_FIELDS, districtFeatures, multipart, sendImport, square } from './test-support';
import { registerUnitUsage, unregisterUnitUsage } from './usage';

let system: TestSystem;
let pak: string;
let admin: Agent;
let focal: Agent;
beforeAll(async () => {
  system = await testSystem();
  pak = await system.factory.network('PAK');
  admin = await system.factory.agent(pak, ['network_admin']);
  focal = await system.factory.agent(pak, ['focal_point']);
});
afterAll(() => system.close());

async function units(agent: Agent, query = '') {
  const res = await agent.get(`${api}/units?limit=200${query}`);
  expect(res.statusCode).toBe(200);
  return res.json().items as Array<{ id: string; code: string; level: number; nameEn: string; nameUr: string | null; parentId: string | null; iso: string | null; retiredAt: string | null }>;
}

async function placesAudit(networkId: string) {
  return scoped(system.db, networkId).selectFrom('audit_log').select(['action', 'entity', 'entity_id', 'fields']).where('action', 'like', 'places.%').execute();
}

describe('the shipped default boundaries', () => {
  it('gives the Pakistan network its seven provinces and territories, mapped to ISO 3166-2:PK, with Urdu names', async () => {
    const provinces = await units(focal, '&level=1');
    expect(provinces.map((u) => u.iso).sort()).toEqual(['PK-BA', 'PK-GB', 'PK-IS', 'PK-JK', 'PK-KP', 'PK-PB', 'PK-SD']);
    expect(provinces.find((u) => u.iso === 'PK-PB')).toMatchObject({ code: 'PK-PB', nameEn: 'Punjab', nameUr: 'پنجاب', parentId: null, retiredAt: null });

    const mapping = (await focal.get(`${api}/subdivisions`)).json().items as Array<{ iso: string; unitId: string | null }>;
    expect(mapping.filter((m) => m.iso.startsWith('PK-')).every((m) => m.unitId !== null)).toBe(true);

    const sets = (await focal.get(`${api}/sets`)).json();
    expect(sets.items).toEqual([expect.objectContaining({ country: 'PK', gazetteer: 'geoBoundaries gbOpen', licence: 'Public Domain' })]);
    expect(sets.notice).toContain('for display only');
  });

  it('places each district in its province from the geometry: a point inside it, tested against the provinces', async () => {
    const provinces = shippedUnits(SHIPPED_SETS.PAK.levels[0])!.map((u) => ({ key: u.code, geometry: u.geometry }));
    for (const city of CITIES) expect([city.name, containingCandidate(square(city.at) as never, provinces)]).toEqual([city.name, city.province]);
    // Where the shipped districts are present, every one of them found its province at load.
    if (shippedUnits(SHIPPED_SETS.PAK.levels[1]) !== null) {
      const districts = await units(focal, '&level=2');
      expect(districts.length).toBeGreaterThan(100);
      expect(districts.filter((d) => d.parentId === null)).toEqual([]);
    }
  });

  it('leaves a network of a country without shipped boundaries empty', async () => {
    const other = await system.factory.network();
    expect(await units(await system.factory.agent(other, ['focal_point']))).toEqual([]);
  });

  it('gives the shipped boundaries at start to a network created before the places module, once', async () => {
    const code = 'TPLACES';
    const older = await system.factory.network(code);
    SHIPPED_SETS[code] = SHIPPED_SETS.PAK;
    try {
      await loadMissingDefaultBoundaries(system.db);
      await loadMissingDefaultBoundaries(system.db);
    } finally {
      delete SHIPPED_SETS[code];
    }
    const agent = await system.factory.agent(older, ['focal_point']);
    expect((await units(agent, '&level=1')).length).toBe(7);
    expect((await agent.get(`${api}/sets`)).json().items).toHaveLength(1);
  });

  it('serves a level as GeoJSON for the maps, gzipped, and answers 304 to a client whose copy is current', async () => {
    const res = await focal.request('GET', `${api}/levels/1/features`, undefined, { 'accept-encoding': 'gzip' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toBe('private, no-cache');
    const map = JSON.parse(gunzipSync(res.rawPayload).toString('utf8'));
    expect(map.type).toBe('FeatureCollection');
    expect(map.features).toHaveLength(7);
    expect(map.features[0].geometry.type).toMatch(/Polygon/);
    expect(map.attribution).toContain('for display only');
    const again = await focal.request('GET', `${api}/levels/1/features`, undefined, { 'if-none-match': String(res.headers.etag) });
    expect(again.statusCode).toBe(304);
    const plain = await focal.get(`${api}/levels/1/features`);
    expect(plain.json().features).toHaveLength(7);
  });
});

describe('a boundary import', () => {
  it('previews a district file without changing anything', async () => {
    const preview = await sendImport(admin, 'preview', DISTRICT_FIELDS, collection(districtFeatures()));
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ level: 2, unitsPerLevel: { 2: 7 }, counts: { new: 7, changed: 0, unchanged: 0, retired: 0, deleted: 0 } });
    const lahore = preview.json().features.features.find((f: { id: string }) => f.id === 'PK0601');
    expect(lahore.properties).toMatchObject({ parentCode: 'PK-PB', status: 'new' });
    expect(await units(focal, '&level=2')).toEqual([]);
    expect(await placesAudit(pak)).toEqual([]);
  });

  it('inserts the districts under the provinces that hold them, keeping leading zeros of the codes, and audits the commit', async () => {
    const preview = await sendImport(admin, 'preview', DISTRICT_FIELDS, collection(districtFeatures()));
    const res = await sendImport(admin, 'commit', { ...DISTRICT_FIELDS, digest: preview.json().digest }, collection(districtFeatures()));
    expect(res.statusCode).toBe(201);
    expect(res.json().counts).toEqual({ new: 7, changed: 0, unchanged: 0, retired: 0, deleted: 0, reparented: 0 });
    const provinces = new Map((await units(focal, '&level=1')).map((u) => [u.id, u.iso]));
    const districts = await units(focal, '&level=2');
    expect(districts.map((d) => [d.code, provinces.get(d.parentId!)]).sort()).toEqual(CITIES.map((c) => [c.code, c.province]).sort());
    const punjab = [...provinces].find(([, iso]) => iso === 'PK-PB')![0];
    expect((await units(focal, `&parentId=${punjab}`)).map((d) => d.nameEn)).toEqual(['Lahore', 'Multan']);
    expect(await placesAudit(pak)).toEqual([{ action: 'places.boundaries.import', entity: 'admin_unit_set', entity_id: res.json().setId, fields: ['level', 'gazetteer', 'version', 'units'] }]);
  });

  it('updates units in place by code, inserts new ones, deletes the unused missing ones and retires the used ones', async () => {
    const before = new Map((await units(focal, '&level=2')).map((d) => [d.code, d.id]));
    const quetta = before.get('PK0201')!;
    // An activity points to Quetta: simulated by a table with a foreign key to admin_units, as the activities module has.
    await sql`CREATE TABLE places_test_references (network_id uuid NOT NULL, id uuid NOT NULL DEFAULT gen_random_uuid(), unit_id uuid NOT NULL, PRIMARY KEY (network_id, id))`.execute(system.db);
    if (TEST_DB === 'citus') await sql`SELECT create_distributed_table('places_test_references', 'network_id', colocate_with => 'organisations')`.execute(system.db);
    await sql`ALTER TABLE places_test_references ADD FOREIGN KEY (network_id, unit_id) REFERENCES admin_units (network_id, id)`.execute(system.db);
    await sql`INSERT INTO places_test_references (network_id, unit_id) VALUES (${pak}, ${quetta})`.execute(system.db);

    const next = [...CITIES.filter((c) => c.code !== 'PK0201' && c.code !== 'PK0401'), { code: 'PK0802', name: 'Hyderabad', at: [68.37, 25.4], province: 'PK-SD' }];
    const file = collection(districtFeatures(next, { PK0601: 'Lahore District' }));
    const preview = await sendImport(admin, 'preview', DISTRICT_FIELDS, file);
    expect(preview.json()).toMatchObject({
      counts: { new: 1, changed: 1, unchanged: 4, retired: 1, deleted: 1 },
      new: ['PK0802'],
      changed: ['PK0601'],
      removed: [{ code: 'PK0201', nameEn: 'Quetta', outcome: 'retired' }, { code: 'PK0401', nameEn: 'Gilgit', outcome: 'deleted' }],
    });
    const res = await sendImport(admin, 'commit', DISTRICT_FIELDS, file);
    expect(res.statusCode).toBe(201);

    const current = await units(focal, '&level=2');
    expect(current.map((d) => d.code).sort()).toEqual(['PK0501', 'PK0601', 'PK0602', 'PK0701', 'PK0801', 'PK0802']);
    expect(current.find((d) => d.code === 'PK0601')).toMatchObject({ id: before.get('PK0601'), nameEn: 'Lahore District' });
    const withRetired = await units(focal, '&level=2&includeRetired=true');
    expect(withRetired.find((d) => d.code === 'PK0201')).toMatchObject({ id: quetta, retiredAt: expect.any(String) });
    expect(withRetired.find((d) => d.code === 'PK0401')).toBeUndefined();
    expect((await focal.get(`${api}/units/${quetta}`)).statusCode).toBe(200);
    await sql`DROP TABLE places_test_references`.execute(system.db);
  });

  it('keeps a unit that a module registered as in use, and brings a retired unit back when a file has it again', async () => {
    const multan = (await units(focal, '&level=2')).find((d) => d.code === 'PK0602')!;
    registerUnitUsage('places-test', async (_q, ids) => ids.filter((id) => id === multan.id));
    try {
      const file = collection(districtFeatures([...CITIES.filter((c) => c.code !== 'PK0602')]));
      const res = await sendImport(admin, 'commit', DISTRICT_FIELDS, file);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().removed).toEqual([{ code: 'PK0602', nameEn: 'Multan', outcome: 'retired' }, { code: 'PK0802', nameEn: 'Hyderabad', outcome: 'deleted' }]);
      expect(res.json().new).toEqual(['PK0401']);
      expect(res.json().changed).toEqual(['PK0601', 'PK0201']);
      expect((await units(focal, '&level=2')).find((d) => d.code === 'PK0201')?.retiredAt).toBeNull();
    } finally {
      unregisterUnitUsage('places-test');
    }
  });

  it('replaces the shipped provinces by official P-codes, moving the ISO 3166-2 mapping to them, placing the districts in them from the geometry and deleting the old ones nothing uses', async () => {
    const network = await system.factory.network();
    await system.db.transaction().execute((trx) => loadDefaultBoundaries(trx, network, 'PAK'));
    const secretariat = await system.factory.agent(network, ['network_admin']);
    expect((await sendImport(secretariat, 'commit', DISTRICT_FIELDS, collection(districtFeatures()))).statusCode).toBe(201);
    const shipped = shippedUnits(SHIPPED_SETS.PAK.levels[0])!;
    const official = shipped.map((u, i) => ({ properties: { ADM1_PCODE: `PK${i + 1}`, ADM1_EN: u.nameEn, ADM1_UR: u.nameUr, ISO: u.code }, geometry: u.geometry }));
    const fields = { level: '1', codeProperty: 'ADM1_PCODE', nameProperty: 'ADM1_EN', nameUrProperty: 'ADM1_UR', isoProperty: 'ISO', gazetteer: 'OCHA COD-AB', version: '2024' };
    const res = await sendImport(secretariat, 'commit', fields, collection(official));
    expect(res.statusCode).toBe(201);
    // Every district is placed in a new province, and nothing else uses the old ones: they are deleted.
    expect(res.json().counts).toEqual({ new: 7, changed: 0, unchanged: 0, retired: 0, deleted: 7, reparented: 7 });
    const mapping = (await secretariat.get(`${api}/subdivisions`)).json().items as Array<{ iso: string; unitCode: string | null }>;
    expect(mapping.find((m) => m.iso === 'PK-PB')?.unitCode).toBe(`PK${shipped.findIndex((u) => u.code === 'PK-PB') + 1}`);
    // The districts were placed, from their boundaries, in the new provinces.
    const provinces = new Map(((await secretariat.get(`${api}/units?level=1&limit=200`)).json().items as Array<{ id: string; iso: string }>).map((u) => [u.id, u.iso]));
    const districts = (await secretariat.get(`${api}/units?level=2&limit=200`)).json().items as Array<{ code: string; parentId: string }>;
    expect(districts.map((d) => [d.code, provinces.get(d.parentId)]).sort()).toEqual(CITIES.map((c) => [c.code, c.province]).sort());
    expect((await sendImport(secretariat, 'preview', DISTRICT_FIELDS, collection(districtFeatures()))).json().counts).toMatchObject({ changed: 0, unchanged: 7 });
  });

  it('refuses a commit of another file than the one previewed', async () => {
    const res = await sendImport(admin, 'commit', { ...DISTRICT_FIELDS, digest: '0'.repeat(64) }, collection(districtFeatures()));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ field: 'file', code: 'places.import.changed-since-preview' });
  });
});

describe('a backup of the units', () => {
  it('writes the units in one statement of the SQL dump, so no page break puts a district before its province', async () => {
    // More units than one page of the dump (500 rows): tehsils under a district.
    const q = scoped(system.db, pak);
    const district = (await units(focal, '&level=2'))[0];
    const set = (await q.selectFrom('admin_unit_sets').select('id').executeTakeFirstOrThrow()).id;
    const tehsils = Array.from({ length: 501 }, (_, i) => ({ set_id: set, code: `T${String(i).padStart(4, '0')}`, level: 3 as const, name_en: `Tehsil ${i}`, name_ur: null, parent_id: district.id, geometry: null, retired_at: null }));
    await q.insertInto('admin_units', tehsils).execute();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hamsafar-places-')), 'dump.sql');
    await writeSqlDump(system.db, file);
    await q.deleteFrom('admin_units').where('level', '=', 3).execute();
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    expect(lines.filter((line) => line.startsWith('INSERT INTO "admin_units"'))).toHaveLength(1);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
});

describe('who may import and see boundaries', () => {
  it('lets only the network admin preview or import', async () => {
    for (const role of ['focal_point', 'chair', 'org_admin', 'auditor'] as const) {
      const agent = await system.factory.agent(pak, [role]);
      expect([role, (await sendImport(agent, 'preview', DISTRICT_FIELDS, collection(districtFeatures()))).statusCode]).toEqual([role, 403]);
      expect([role, (await sendImport(agent, 'commit', DISTRICT_FIELDS, collection(districtFeatures()))).statusCode]).toEqual([role, 403]);
    }
  });

  it("keeps another network's units invisible: 404, never its data", async () => {
    const other = await system.factory.network();
    const stranger = await system.factory.agent(other, ['network_admin']);
    const punjab = (await units(focal, '&level=1')).find((u) => u.iso === 'PK-PB')!;
    const res = await stranger.get(`${api}/units/${punjab.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(await units(stranger)).toEqual([]);
    expect((await stranger.get(`${api}/units?parentId=${punjab.id}`)).json().items).toEqual([]);
    expect((await stranger.get(`${api}/levels/2/features`)).json().features).toEqual([]);
  });

  it('asks for a session', async () => {
    const res = await system.app.inject({ method: 'GET', url: `${api}/units` });
    expect(res.statusCode).toBe(401);
  });
});

describe('a bad boundary file', () => {
  const preview = (file: unknown, fields: Record<string, string> = DISTRICT_FIELDS, name?: string) => sendImport(admin, 'preview', fields, file, name);
  const firstError = async (res: Awaited<ReturnType<typeof preview>>) => {
    expect(res.headers['content-type']).toContain('application/problem+json');
    return { status: res.statusCode, ...(res.json().errors?.[0] ?? {}) };
  };

  it('is refused with a problem naming the field, never a 500', async () => {
    expect(await firstError(await preview('{"type": "FeatureCollection", "features": ['))).toMatchObject({ status: 422, field: 'file', code: 'places.import.not-json' });
    expect(await firstError(await preview({ type: 'Feature', geometry: square([74, 31]) }))).toMatchObject({ status: 422, field: 'file', code: 'places.import.not-feature-collection' });
    expect(await firstError(await preview(collection([])))).toMatchObject({ status: 422, field: 'file', code: 'places.import.empty' });
    expect(await firstError(await preview(collection([{ properties: { ADM2_EN: 'Lahore' }, geometry: square([74.34, 31.55]) }])))).toMatchObject({
      status: 422, field: 'codeProperty', code: 'places.import.missing-property', params: { index: 1, property: 'ADM2_PCODE' },
    });
    const twice = districtFeatures(CITIES.slice(0, 1)).concat(districtFeatures(CITIES.slice(0, 1)));
    expect(await firstError(await preview(collection(twice)))).toMatchObject({ status: 422, field: 'codeProperty', code: 'places.import.duplicate-code', params: { code: 'PK0601', first: 1, second: 2 } });
    const point = [{ properties: { ADM2_PCODE: 'PK0601', ADM2_EN: 'Lahore' }, geometry: { type: 'Point', coordinates: [74.34, 31.55] } }];
    expect(await firstError(await preview(collection(point)))).toMatchObject({ status: 422, field: 'file', code: 'places.import.not-polygon', params: { type: 'Point' } });
    const atSea = [{ properties: { ADM2_PCODE: 'PK9999', ADM2_EN: 'Arabian Sea' }, geometry: square([64, 20]) }];
    expect(await firstError(await preview(collection(atSea)))).toMatchObject({ status: 422, field: 'file', code: 'places.import.no-parent' });
    const provinceCode = [{ properties: { ADM2_PCODE: 'PK-PB', ADM2_EN: 'Punjab' }, geometry: square([74.34, 31.55]) }];
    expect(await firstError(await preview(collection(provinceCode)))).toMatchObject({ status: 422, field: 'codeProperty', code: 'places.import.code-other-level' });
    const unknownParent = { ...DISTRICT_FIELDS, parentCodeProperty: 'ADM1_PCODE' };
    const withParent = [{ properties: { ADM2_PCODE: 'PK0601', ADM2_EN: 'Lahore', ADM1_PCODE: 'PK6' }, geometry: square([74.34, 31.55]) }];
    expect(await firstError(await preview(collection(withParent), unknownParent))).toMatchObject({ status: 422, field: 'parentCodeProperty', code: 'places.import.unknown-parent' });
  });

  it('answers missing or wrong fields with 400 naming them, and a file of another type with 415', async () => {
    const { level: _level, ...withoutLevel } = DISTRICT_FIELDS;
    expect(await firstError(await preview(collection(districtFeatures()), withoutLevel))).toMatchObject({ status: 400, field: 'level' });
    expect(await firstError(await preview(collection(districtFeatures()), { ...DISTRICT_FIELDS, level: '4' }))).toMatchObject({ status: 400, field: 'level' });
    expect(await firstError(await preview(collection(districtFeatures()), { ...DISTRICT_FIELDS, unknown: 'x' }))).toMatchObject({ status: 400 });
    const pdf = multipart(DISTRICT_FIELDS, { name: 'districts.pdf', data: Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1') });
    const refused = await admin.request('POST', `${api}/imports/preview`, pdf.payload, pdf.headers);
    expect(refused.statusCode).toBe(415);
  });
});
