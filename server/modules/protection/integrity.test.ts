import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoped } from '../../platform/database/tenant';
import type { Agent } from '../../test/factories';
import { onlyOn } from '../../test/database';
import { testSystem, type TestSystem } from '../../test/harness';

const PERSON = { firstName: 'Zarghuna', secondName: 'Testwala', birthDate: '1998-04-12', gender: 'Feminine', citizenship: ['PK'], migrationStatus: 'returnee', exploitationTypes: ['ForcedLabour'] };

let system: TestSystem;
let networkId: string;
let ownerOrg: string;
let receiverOrg: string;
let supervisor: Agent;
let caseworker: Agent;
let receiverSupervisor: Agent;

beforeAll(async () => {
  system = await testSystem();
  const f = system.factory;
  networkId = await f.network();
  ownerOrg = await f.organisation(networkId, { services: ['psychosocial'] });
  receiverOrg = await f.organisation(networkId, { services: ['shelter'] });
  supervisor = await f.agent(networkId, ['case_supervisor'], ownerOrg);
  caseworker = await f.agent(networkId, ['caseworker'], ownerOrg);
  receiverSupervisor = await f.agent(networkId, ['case_supervisor'], receiverOrg);
});
afterAll(() => system.close());

async function newCase(agent: Agent): Promise<{ id: string; version: number }> {
  const res = await agent.post('/api/v1/protection/cases', {
    person: PERSON,
    province: 'PK-PB',
    registeredOn: '2025-03-01',
    consents: [{ purpose: 'services', givenOn: '2025-01-10' }],
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/**
 * Makes every `event` on `table` bump the version of the case it belongs to, as an edit of the
 * case committed by someone else at that moment would. Deterministic on PGlite and PostgreSQL (Citus runs no triggers on distributed tables).
 */
async function concurrentCaseEditOn(table: string, event: 'INSERT' | 'UPDATE', caseColumn: string) {
  await sql
    .raw(
      `CREATE OR REPLACE FUNCTION test_concurrent_case_edit() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN UPDATE protection_cases SET version = version + 1 WHERE network_id = NEW.network_id AND id = NEW.${caseColumn}; RETURN NEW; END $$;
       CREATE TRIGGER test_concurrent_case_edit AFTER ${event} ON ${table} FOR EACH ROW EXECUTE FUNCTION test_concurrent_case_edit();`,
    )
    .execute(system.db);
  return () => sql.raw(`DROP TRIGGER test_concurrent_case_edit ON ${table}; DROP FUNCTION test_concurrent_case_edit();`).execute(system.db);
}

const multipart = (filename: string, content: Buffer | string) => {
  const boundary = 'hamsafarboundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    head: Buffer.from(head),
    tail: Buffer.concat([Buffer.from(content), Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
};

const WITH_TRIGGERS = onlyOn(
  ['pglite', 'postgres'],
  "the concurrent edit is injected by a trigger inside the command's transaction, and Citus runs no triggers on distributed tables; the version checks are the same SQL there",
);

describe('version-guarded updates', WITH_TRIGGERS, () => {
  it('fails accepting a transfer with 409 when the case is edited meanwhile, and moves nothing', async () => {
    const c = await newCase(supervisor);
    const proposed = await supervisor.post(`/api/v1/protection/cases/${c.id}/transfers`, { toOrganisationId: receiverOrg, reason: 'The person moved to Karachi.' });
    expect(proposed.statusCode, proposed.body).toBe(201);
    const q = scoped(system.db, networkId);
    const counts = () => q.selectFrom('protection_case_counts').select(['organisation_id', 'status', 'cases']).orderBy('organisation_id').orderBy('status').execute();
    const countsBefore = await counts();
    const drop = await concurrentCaseEditOn('protection_transfers', 'UPDATE', 'case_id');
    const accepted = await receiverSupervisor.post(`/api/v1/protection/transfers/${proposed.json().id}/accept`);
    await drop();
    expect(accepted.statusCode, accepted.body).toBe(409);
    expect(accepted.headers['content-type']).toContain('application/problem+json');
    expect(accepted.json().type).toBe('https://hamsafar.dev/problems/stale-version');
    const kase = await q.selectFrom('protection_cases').select(['owner_organisation_id', 'person_id', 'version']).where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(kase).toMatchObject({ owner_organisation_id: ownerOrg, version: c.version });
    const person = await q.selectFrom('protection_persons').select('owner_organisation_id').where('id', '=', kase.person_id).executeTakeFirstOrThrow();
    expect(person.owner_organisation_id).toBe(ownerOrg);
    expect(await counts()).toEqual(countsBefore);
    const transfer = await q.selectFrom('protection_transfers').select('status').where('id', '=', proposed.json().id).executeTakeFirstOrThrow();
    expect(transfer.status).toBe('proposed');

    const retried = await receiverSupervisor.post(`/api/v1/protection/transfers/${proposed.json().id}/accept`);
    expect(retried.statusCode, retried.body).toBe(200);
    const moved = await q.selectFrom('protection_cases').select('owner_organisation_id').where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(moved.owner_organisation_id).toBe(receiverOrg);
  });

  it('fails adding a support plan or a service with 409 when the case is edited meanwhile, and keeps neither', async () => {
    const c = await newCase(caseworker);
    const q = scoped(system.db, networkId);
    const dropPlan = await concurrentCaseEditOn('protection_support_plans', 'INSERT', 'case_id');
    const plan = await caseworker.post(`/api/v1/protection/cases/${c.id}/support-plans`, { type: 'SocialCare', objectives: 'Weekly counselling sessions.' });
    await dropPlan();
    expect(plan.statusCode, plan.body).toBe(409);
    expect(await q.selectFrom('protection_support_plans').select('id').where('case_id', '=', c.id).execute()).toEqual([]);
    const dropService = await concurrentCaseEditOn('protection_services', 'INSERT', 'case_id');
    const service = await caseworker.post(`/api/v1/protection/cases/${c.id}/services`, { serviceType: 'shelter' });
    await dropService();
    expect(service.statusCode, service.body).toBe(409);
    expect(await q.selectFrom('protection_services').select('id').where('case_id', '=', c.id).execute()).toEqual([]);
    const kase = await q.selectFrom('protection_cases').select(['stage', 'version']).where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(kase).toEqual({ stage: 'registered', version: c.version });
  });
});

describe('case attachments', () => {
  it('refuses with 415 problem+json, naming the type found, files whose bytes contradict their name', async () => {
    const c = await newCase(caseworker);
    const pdf = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';
    const cases: Array<[string, string, string]> = [
      ['photo.jpg', '<!doctype html><html><body><script>alert(document.cookie)</script></body></html>', 'Files of type text/html are not accepted here.'],
      ['scan.png', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>', 'Files of type image/svg+xml are not accepted here.'],
      ['statement.exe', pdf, 'The file is named .exe but its content is application/pdf.'],
    ];
    for (const [filename, content, detail] of cases) {
      const body = multipart(filename, content);
      const res = await caseworker.request('POST', `/api/v1/protection/cases/${c.id}/attachments`, Buffer.concat([body.head, body.tail]), body.headers);
      expect({ filename, status: res.statusCode, type: res.headers['content-type'] }).toEqual({ filename, status: 415, type: expect.stringContaining('application/problem+json') });
      expect(res.json()).toMatchObject({ type: 'https://hamsafar.dev/problems/unsupported-file-type', detail });
    }
    const notes = await scoped(system.db, networkId).selectFrom('protection_case_notes').select('id').where('case_id', '=', c.id).execute();
    expect(notes).toEqual([]);
  });

  it('reads the upload before its transaction opens: other requests are answered while the file is still arriving', async () => {
    const c = await newCase(caseworker);
    const body = multipart('statement.txt', 'Statement taken at the shelter.');
    let startedReading!: () => void;
    const reading = new Promise<void>((resolve) => (startedReading = resolve));
    let finish!: () => void;
    const rest = new Promise<void>((resolve) => (finish = resolve));
    let sent = false;
    const stream = new Readable({
      read() {
        if (sent) return;
        sent = true;
        this.push(body.head);
        startedReading();
        void rest.then(() => {
          this.push(body.tail);
          this.push(null);
        });
      },
    });
    const upload = system.app.inject({
      method: 'POST',
      url: `/api/v1/protection/cases/${c.id}/attachments`,
      payload: stream,
      headers: { cookie: caseworker.cookie, 'x-csrf-token': caseworker.csrf, ...body.headers },
    });
    await reading;
    // On PGlite (one connection) this waited for ever while the upload held the transaction open.
    const meanwhile = await caseworker.get(`/api/v1/protection/cases/${c.id}`);
    expect(meanwhile.statusCode).toBe(200);
    finish();
    const done = await upload;
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json().body).toBe('statement.txt');
  });
});

describe('protection exports', () => {
  it('sends the case PDF and every export as an attachment that is never cached', async () => {
    const c = await newCase(supervisor);
    for (const url of [`/cases/${c.id}/export.pdf`, '/exports/htcds.csv', '/exports/htcds.xlsx', '/exports/anonymised.csv']) {
      const res = await supervisor.get(`/api/v1/protection${url}`);
      expect({ url, status: res.statusCode, cache: res.headers['cache-control'] }).toEqual({ url, status: 200, cache: 'no-store' });
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[^"]+"; filename\*=UTF-8''/);
    }
  });
});
