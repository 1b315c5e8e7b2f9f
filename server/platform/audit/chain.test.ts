import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/database';
import type { DatabaseHandle } from '../database/connection';
import type { Executor } from '../database/tenant';
import { createNetwork } from '../../seed/networks';
import { appendAudit, verifyAuditChains } from './chain';

let database: DatabaseHandle;
let db: Executor;
beforeAll(async () => {
  database = await freshDatabase({ poolSize: 20 });
  db = database.db;
});
afterAll(() => database.close());

async function networkWithEntries(count: number): Promise<string> {
  const networkId = await createNetwork(db, { code: `A${Math.random().toString(36).slice(2, 8).toUpperCase()}`, nameEn: 'Audit test', nameUr: 'آڈٹ' });
  for (let i = 1; i <= count; i++) {
    await db.transaction().execute((trx) =>
      appendAudit(trx, {
        networkId,
        actorUserId: null,
        actorOrganisationId: null,
        action: 'test.write',
        entity: 'thing',
        entityId: String(i),
        fields: ['name', 'status'],
        ip: '203.0.113.7',
        userAgent: 'vitest',
      }),
    );
  }
  return networkId;
}

async function reportOf(networkId: string) {
  const report = (await verifyAuditChains(db)).find((r) => r.networkId === networkId);
  if (!report) throw new Error('no report for the network');
  return report;
}

describe('audit hash chain', () => {
  it('appends entries numbered 1..n, each linked to the previous, and verifies them', async () => {
    const networkId = await networkWithEntries(5);
    const rows = await db.selectFrom('audit_log').select(['seq', 'prev_hash', 'hash']).where('network_id', '=', networkId).orderBy('seq').execute();
    expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5]);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
    expect(await reportOf(networkId)).toEqual({ networkId, entries: 5, firstBroken: null });
  });

  it('names the first changed entry when a field is altered by SQL', async () => {
    const networkId = await networkWithEntries(6);
    await sql`UPDATE audit_log SET action = 'test.innocent' WHERE network_id = ${networkId} AND seq = 4`.execute(db);
    expect((await reportOf(networkId)).firstBroken).toEqual({ seq: 4, reason: 'entry content does not match its hash' });
  });

  it('names the entry whose stored hash was overwritten', async () => {
    const networkId = await networkWithEntries(6);
    await sql`UPDATE audit_log SET hash = repeat('a', 64) WHERE network_id = ${networkId} AND seq = 2`.execute(db);
    // Entry 2 no longer matches its content; entry 3 would still point at the old hash.
    expect((await reportOf(networkId)).firstBroken?.seq).toBe(2);
  });

  it('names the missing seq when a row is deleted', async () => {
    const networkId = await networkWithEntries(6);
    await sql`DELETE FROM audit_log WHERE network_id = ${networkId} AND seq = 3`.execute(db);
    expect((await reportOf(networkId)).firstBroken).toEqual({ seq: 3, reason: 'entry 3 is missing' });
  });

  it('notices when the newest entries are deleted', async () => {
    const networkId = await networkWithEntries(4);
    await sql`DELETE FROM audit_log WHERE network_id = ${networkId} AND seq >= 3`.execute(db);
    expect((await reportOf(networkId)).firstBroken).toEqual({ seq: 3, reason: 'chain ends before its recorded head (entries removed)' });
  });

  it('keeps one unbroken chain under 20 concurrent transactions', async () => {
    const networkId = await networkWithEntries(1);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.transaction().execute(async (trx) => {
          await appendAudit(trx, {
            networkId,
            actorUserId: null,
            actorOrganisationId: null,
            action: 'test.concurrent',
            entity: 'thing',
            entityId: `c${i}`,
            fields: [],
            ip: null,
            userAgent: null,
          });
        }),
      ),
    );
    const seqs = await db.selectFrom('audit_log').select('seq').where('network_id', '=', networkId).orderBy('seq').execute();
    expect(seqs.map((r) => Number(r.seq))).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(await reportOf(networkId)).toEqual({ networkId, entries: 21, firstBroken: null });
  });

  it('keeps each network on its own chain', async () => {
    const first = await networkWithEntries(2);
    const second = await networkWithEntries(3);
    await sql`UPDATE audit_log SET entity = 'other' WHERE network_id = ${first} AND seq = 1`.execute(db);
    expect((await reportOf(first)).firstBroken?.seq).toBe(1);
    expect((await reportOf(second)).firstBroken).toBeNull();
  });
});
