import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InsertQueryNode } from 'kysely';
import { freshDatabase } from '../../test/database';
import type { DatabaseHandle } from '../database/connection';
import { createNetwork } from '../../seed/networks';
import { appendAudit, verifyAuditChains, type AuditEntry } from './chain';
import { ReadAuditTrail } from './reads';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await freshDatabase({ poolSize: 20 });
});
afterAll(() => database.close());

const entry = (networkId: string, entityId: string): AuditEntry => ({
  networkId,
  actorUserId: null,
  actorOrganisationId: null,
  action: 'test.read',
  entity: 'case',
  entityId,
  fields: [],
  ip: null,
  userAgent: 'vitest',
});

/** The database, and the table of every INSERT sent through it. */
function recordingInserts() {
  const tables: string[] = [];
  const db = database.db.withPlugin({
    transformQuery: (args) => {
      if (InsertQueryNode.is(args.node)) tables.push(args.node.into?.table.identifier.name ?? '');
      return args.node;
    },
    transformResult: async (args) => args.result,
  });
  return { db, tables };
}

describe('audit entries of reads', () => {
  it('commits every entry of many concurrent reads, sharing INSERTs between concurrent reads, on one unbroken chain per network', async () => {
    const networks = [
      await createNetwork(database.db, { code: 'RA', nameEn: 'Reads A', nameUr: 'الف' }),
      await createNetwork(database.db, { code: 'RB', nameEn: 'Reads B', nameUr: 'ب' }),
    ];
    const trail = new ReadAuditTrail(database.db);
    const counted = recordingInserts();
    const countedTrail = new ReadAuditTrail(counted.db);
    await Promise.all(
      Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? trail : countedTrail).record([entry(networks[i % 2], `case-${i}`)])),
    );
    const rows = await database.db.selectFrom('audit_log').select(['network_id', 'seq', 'entity_id']).where('network_id', 'in', networks).orderBy('seq').execute();
    expect(rows).toHaveLength(60);
    for (const networkId of networks) {
      expect(rows.filter((r) => r.network_id === networkId).map((r) => Number(r.seq))).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    }
    expect(new Set(rows.map((r) => r.entity_id)).size).toBe(60);
    // 40 reads went through the counted trail; concurrent ones shared their INSERTs.
    expect(counted.tables.length).toBeGreaterThan(0);
    expect(counted.tables.length).toBeLessThan(40);
    const reports = (await verifyAuditChains(database.db)).filter((r) => networks.includes(r.networkId));
    expect(reports.map((r) => r.firstBroken)).toEqual([null, null]);
  });

  it("fails the reads of a network's batch that could not be recorded, keeps other networks' reads, and records the next batch", async () => {
    const networkId = await createNetwork(database.db, { code: 'RC', nameEn: 'Reads C', nameUr: 'ج' });
    const otherNetworkId = await createNetwork(database.db, { code: 'RD', nameEn: 'Reads D', nameUr: 'د' });
    const trail = new ReadAuditTrail(database.db);
    const first = trail.record([entry(networkId, 'a')]);
    // A batch goes out on the turn after its first read; the reads below are queued while it commits.
    await new Promise((resolve) => setImmediate(resolve));
    // They form the next batch; 'x' names an actor that is not a uuid, so its network's INSERT fails.
    const refused = trail.record([{ ...entry(networkId, 'x'), actorUserId: 'not-a-uuid' }]);
    const sameBatch = trail.record([entry(networkId, 'y')]);
    const otherNetwork = trail.record([entry(otherNetworkId, 'o')]);
    await first;
    await expect(refused).rejects.toThrow();
    await expect(sameBatch).rejects.toThrow();
    await otherNetwork;
    await trail.record([entry(networkId, 'z')]);
    const rows = await database.db.selectFrom('audit_log').select(['seq', 'entity_id']).where('network_id', '=', networkId).orderBy('seq').execute();
    expect(rows.map((r) => [Number(r.seq), r.entity_id])).toEqual([[1, 'a'], [2, 'z']]);
    const other = await database.db.selectFrom('audit_log').select('entity_id').where('network_id', '=', otherNetworkId).execute();
    expect(other.map((r) => r.entity_id)).toEqual(['o']);
  });

  it('records the reads of one event-loop turn with one statement per network', async () => {
    const networks = [
      await createNetwork(database.db, { code: 'RF', nameEn: 'Reads F', nameUr: 'و' }),
      await createNetwork(database.db, { code: 'RG', nameEn: 'Reads G', nameUr: 'ز' }),
    ];
    const counted = recordingInserts();
    const trail = new ReadAuditTrail(counted.db);
    await Promise.all(Array.from({ length: 12 }, (_, i) => trail.record([entry(networks[i % 2], `turn-${i}`)])));
    // Per network one INSERT of its six entries, after its head row is created.
    expect(counted.tables.filter((table) => table === 'audit_log')).toHaveLength(2);
    const rows = await database.db.selectFrom('audit_log').select('entity_id').where('network_id', 'in', networks).execute();
    expect(rows).toHaveLength(12);
  });

  it('chains on the head another writer moved since its last append', async () => {
    const networkId = await createNetwork(database.db, { code: 'RE', nameEn: 'Reads E', nameUr: 'ہ' });
    const trail = new ReadAuditTrail(database.db);
    await trail.record([entry(networkId, 'read-1')]);
    await database.db.transaction().execute((trx) => appendAudit(trx, { ...entry(networkId, 'write-1'), action: 'test.write' }));
    await trail.record([entry(networkId, 'read-2')]);
    const rows = await database.db.selectFrom('audit_log').select(['seq', 'entity_id']).where('network_id', '=', networkId).orderBy('seq').execute();
    expect(rows.map((r) => [Number(r.seq), r.entity_id])).toEqual([[1, 'read-1'], [2, 'write-1'], [3, 'read-2']]);
    const report = (await verifyAuditChains(database.db)).find((r) => r.networkId === networkId);
    expect(report?.firstBroken).toBeNull();
  });

  it('refuses a read whose entries name two networks', async () => {
    const trail = new ReadAuditTrail(database.db);
    await expect(trail.record([entry(randomUUID(), 'a'), entry(randomUUID(), 'b')])).rejects.toThrow('one read records entries of one network');
  });
});
