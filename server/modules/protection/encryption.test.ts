import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoped } from '../../platform/database/tenant';
import { testSystem, type TestSystem } from '../../test/harness';
import { seedProtectionDemo } from './demo';
import { sealMissingDisplayNames } from './jobs';
import { personOf } from './service';
import { cnicDigits } from './search';

let system: TestSystem;
let networkId: string;

const DEMO_ORGS = ['cso1', 'cso2', 'cso3', 'iom', 'fia'];
const DEMO_STAFF = {
  'caseworker@demo.hamsafar.pk': 'cso1',
  'supervisor@demo.hamsafar.pk': 'cso1',
  'caseworker.shelter@demo.hamsafar.pk': 'cso3',
  'supervisor.shelter@demo.hamsafar.pk': 'cso3',
} as const;

beforeAll(async () => {
  system = await testSystem();
  const f = system.factory;
  networkId = await f.network();
  const organisations: Record<string, string> = {};
  for (const key of DEMO_ORGS) organisations[key] = await f.organisation(networkId, { services: ['shelter', 'medical', 'psychosocial', 'legal_aid', 'return_reintegration', 'family_tracing', 'livelihood', 'documentation', 'investigation'] });
  const users: Record<string, string> = {};
  for (const [email, org] of Object.entries(DEMO_STAFF)) {
    users[email] = (await f.user(networkId, organisations[org], email.startsWith('caseworker') ? ['caseworker'] : ['case_supervisor'], { email, mfa: true })).id;
  }
  await seedProtectionDemo({ db: system.db, services: system.services, networkId, organisations, users });
  const supervisor = await f.agent(networkId, ['case_supervisor'], organisations.cso1);
  const created = await supervisor.post('/api/v1/protection/cases', {
    person: {
      firstName: 'Gulalai', secondName: 'Dumptest', guardianName: 'Sher Dumptest', identityNumber: '17301-5550123-7', birthDate: '1990-02-03',
      gender: 'Feminine', migrationStatus: 'deportee', phone: '+92 333 5550123', address: { street: '12 Qissa Khwani Bazaar', city: 'Peshawar', country: 'PK' },
      perpetratorDetails: 'Travel agent in Saddar arranged the visa.',
    },
    consents: [{ purpose: 'sharing', sharedFields: ['name'], givenOn: '2025-05-01' }],
  });
  expect(created.statusCode).toBe(201);
  const note = await supervisor.post(`/api/v1/protection/cases/${created.json().id}/notes`, { body: 'Confided that her brother-in-law sold her gold bangles.' });
  expect(note.statusCode).toBe(201);
});
afterAll(() => system.close());

/** Every row of every table of the database, as JSON text: what a stolen backup would show. */
async function dumpDatabase(): Promise<string> {
  const tables = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(system.db);
  const parts: string[] = [];
  for (const { table_name } of tables.rows) {
    const rows = await sql<{ row: string }>`SELECT row_to_json(t)::text AS row FROM ${sql.table(table_name)} t`.execute(system.db);
    parts.push(...rows.rows.map((r) => r.row));
  }
  return parts.join('\n');
}

describe('encryption at rest', () => {
  it('seeds about 200 demo cases with referrals in every state, some overdue', async () => {
    const q = scoped(system.db, networkId);
    const cases = await q.selectFrom('protection_cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(cases.n)).toBeGreaterThanOrEqual(195);
    const states = await q.selectFrom('protection_referrals').select('status').distinct().execute();
    expect(states.map((s) => s.status).sort()).toEqual(['accepted', 'completed', 'declined', 'in_progress', 'sent', 'withdrawn']);
    const overdue = await q.selectFrom('protection_referrals').select('id').where('status', '=', 'sent').where('due_at', '<', new Date()).execute();
    expect(overdue.length).toBeGreaterThanOrEqual(3);
  });

  it('finds no plaintext name, CNIC, contact or note of any case anywhere in a database dump', async () => {
    const q = scoped(system.db, networkId);
    const cipher = await system.services.keys.forNetwork(system.db, networkId);
    const persons = await q.selectFrom('protection_persons').selectAll().execute();
    const notes = await q.selectFrom('protection_case_notes').select('body_enc').execute();
    const secrets = new Set<string>();
    for (const row of persons) {
      const p = personOf(cipher, row);
      secrets.add(`${p.firstName} ${p.secondName}`);
      if (p.guardianName) secrets.add(p.guardianName);
      if (p.identityNumber) {
        secrets.add(p.identityNumber);
        secrets.add(cnicDigits(p.identityNumber));
      }
      if (p.phone) secrets.add(p.phone);
      if (p.birthDate) secrets.add(p.birthDate);
      if (p.address?.street) secrets.add(p.address.street);
      if (p.perpetratorDetails) secrets.add(p.perpetratorDetails);
    }
    for (const n of notes) secrets.add(cipher.decrypt(n.body_enc)!);
    expect(secrets).toContain('Gulalai Dumptest');
    expect(secrets).toContain('17301-5550123-7');
    expect(secrets).toContain('Confided that her brother-in-law sold her gold bangles.');
    expect(secrets.size).toBeGreaterThan(400);

    const dump = await dumpDatabase();
    expect(dump).toContain('protection');
    expect(dump.length).toBeGreaterThan(100_000);
    // A bare birth date can equal an unrelated date column (a journey step, a registration day), so dates are left out.
    const found = [...secrets].filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s) && dump.includes(s));
    expect(found).toEqual([]);
  });

  it('looks up a CNIC through its blind index, not a plain hash', async () => {
    const q = scoped(system.db, networkId);
    const row = await q.selectFrom('protection_persons').select(['identity_index']).where('identity_index', 'is not', null).limit(1).executeTakeFirstOrThrow();
    expect(row.identity_index).toMatch(/^[0-9a-f]{64}$/);
    const { createHash } = await import('node:crypto');
    const persons = await q.selectFrom('protection_persons').select('identity_number_enc').where('identity_index', '=', row.identity_index).execute();
    const cipher = await system.services.keys.forNetwork(system.db, networkId);
    const plain = cnicDigits(cipher.decrypt(persons[0].identity_number_enc)!);
    expect(createHash('sha256').update(plain).digest('hex')).not.toBe(row.identity_index);
    expect(createHash('sha256').update(`cnic:${plain}`).digest('hex')).not.toBe(row.identity_index);
  });

  it('lists persons written before their list name was sealed by their two names, until the job seals it from them', async () => {
    const q = scoped(system.db, networkId);
    const cipher = await system.services.keys.forNetwork(system.db, networkId);
    const { owner_organisation_id: organisationId } = await q.selectFrom('protection_cases').select('owner_organisation_id').limit(1).executeTakeFirstOrThrow();
    const supervisor = await system.factory.agent(networkId, ['case_supervisor'], organisationId);
    const listed = async () => Object.fromEntries((await supervisor.get('/api/v1/protection/cases?limit=200')).json().items.map((c: { id: string; displayName: string }) => [c.id, c.displayName]));
    const before = await listed();
    expect(Object.keys(before).length).toBeGreaterThan(10);

    await q.updateTable('protection_persons').set({ display_name_enc: null }).execute();
    expect(await listed()).toEqual(before);

    const sealed = await sealMissingDisplayNames(system.db, system.services);
    const persons = await q.selectFrom('protection_persons').select(['display_name_enc', 'first_name_enc', 'second_name_enc']).execute();
    expect(sealed).toBe(persons.filter((p) => p.first_name_enc !== null || p.second_name_enc !== null).length);
    for (const p of persons.filter((row) => row.first_name_enc !== null)) {
      expect(p.display_name_enc).toMatch(/^v1\./);
      expect(cipher.decrypt(p.display_name_enc)).toBe([cipher.decrypt(p.first_name_enc), cipher.decrypt(p.second_name_enc)].filter(Boolean).join(' '));
    }
    expect(await listed()).toEqual(before);
    const audited = await q.selectFrom('audit_log').select('fields').where('action', '=', 'protection.person.display_names_sealed').execute();
    expect(audited.length).toBeGreaterThan(0);
    expect(audited[0].fields).toEqual(['firstName', 'secondName']);
    expect(await sealMissingDisplayNames(system.db, system.services)).toBe(0);
  });
});
