import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onlyOn } from '../../test/database';
import type { Agent } from '../../test/factories';
import { testSystem, type TestSystem } from '../../test/harness';
import { verifyAuditChains } from '../audit/chain';
import { scoped } from './tenant';

/**
 * An operator rebalances the cluster while people work: one network's shard group moves to the
 * worker that holds another network. No request may fail, and none may see the other network.
 */

interface Placement {
  shardId: number;
  host: string;
  port: number;
}

interface Tenant {
  networkId: string;
  code: string;
  admin: Agent;
  /** Organisations the API acknowledged creating. */
  created: string[];
}

describe('moving a network to another worker under load', { timeout: 300_000, ...onlyOn(['citus'], 'shard groups and workers exist on a Citus cluster only') }, () => {
  let system: TestSystem;

  /** The shard of `table` holding a network's rows, and its worker; every tenant table is co-located with organisations. */
  async function placementOf(networkId: string, table = 'organisations'): Promise<Placement> {
    const { rows } = await sql<{ shardid: number; nodename: string; nodeport: number }>`
      SELECT s.shardid, s.nodename, s.nodeport FROM citus_shards s
      WHERE s.shardid = get_shard_id_for_distribution_column(${table}::regclass, ${networkId}::uuid)`.execute(system.db);
    return { shardId: Number(rows[0].shardid), host: rows[0].nodename, port: rows[0].nodeport };
  }

  async function moveShardGroup(from: Placement, to: { host: string; port: number }): Promise<void> {
    await sql`SELECT citus_move_shard_placement(${from.shardId}::bigint, ${from.host}, ${from.port}, ${to.host}, ${to.port}, shard_transfer_mode => 'block_writes')`.execute(system.db);
  }

  async function tenant(code: string): Promise<Tenant> {
    const networkId = await system.factory.network(code);
    const secretariat = await system.factory.organisation(networkId, { nameEn: `${code} secretariat` });
    return { networkId, code, admin: await system.factory.agent(networkId, ['network_admin'], secretariat), created: [] };
  }

  beforeAll(async () => {
    system = await testSystem();
  });
  afterAll(() => system.close());

  it('keeps every request answered and every network to itself while a shard group moves', async () => {
    // Two networks in different shard groups, each group on its own worker.
    const a = await tenant('MVA');
    let b = await tenant('MVB');
    for (let n = 0; (await placementOf(b.networkId)).shardId === (await placementOf(a.networkId)).shardId; n++) b = await tenant(`MVB${n}`);
    const from = await placementOf(a.networkId);
    let to = await placementOf(b.networkId);
    if (to.port === from.port && to.host === from.host) {
      const { rows } = await sql<{ node_name: string; node_port: number }>`
        SELECT node_name, node_port FROM citus_get_active_worker_nodes() WHERE NOT (node_name = ${from.host} AND node_port = ${from.port}) LIMIT 1`.execute(system.db);
      await moveShardGroup(to, { host: rows[0].node_name, port: rows[0].node_port });
      to = await placementOf(b.networkId);
    }
    expect(`${to.host}:${to.port}`).not.toBe(`${from.host}:${from.port}`);

    let moving = true;
    let answeredDuringMove = 0;
    const problems: string[] = [];
    const work = async (t: Tenant, writer: number) => {
      for (let i = 0; moving; i++) {
        const nameEn = `${t.code} organisation ${writer}.${i}`;
        const created = await t.admin.post('/api/v1/admin/organisations', { nameEn, nameUr: `ادارہ ${i}`, type: 'civil_society', htcdsOrgType: 'NGO' });
        if (created.statusCode === 201) t.created.push(nameEn);
        else problems.push(`${t.code} create answered ${created.statusCode}: ${created.body}`);
        const listed = await t.admin.get('/api/v1/admin/organisations?limit=100');
        if (listed.statusCode !== 200) problems.push(`${t.code} list answered ${listed.statusCode}: ${listed.body}`);
        else {
          const foreign = (listed.json().items as Array<{ nameEn: string }>).filter((o) => !o.nameEn.startsWith(`${t.code} `));
          if (foreign.length) problems.push(`${t.code} saw ${foreign.map((o) => o.nameEn).join(', ')}`);
        }
        if (moving) answeredDuringMove++;
      }
    };
    const traffic = Promise.all([work(a, 1), work(a, 2), work(b, 1), work(b, 2)]);
    try {
      await moveShardGroup(from, to);
    } finally {
      moving = false;
      await traffic;
    }

    expect(problems).toEqual([]);
    expect(answeredDuringMove).toBeGreaterThan(0);
    // The whole group moved: the network's users and audit trail went with its organisations.
    for (const table of ['organisations', 'users', 'audit_log']) {
      const moved = await placementOf(a.networkId, table);
      expect({ table, worker: `${moved.host}:${moved.port}` }).toEqual({ table, worker: `${to.host}:${to.port}` });
    }
    for (const t of [a, b]) {
      const stored = await scoped(system.db, t.networkId).selectFrom('organisations').select('name_en').where('name_en', 'like', `${t.code} organisation %`).execute();
      expect(stored.map((o) => o.name_en).sort()).toEqual([...t.created].sort());
    }
    const chains = await verifyAuditChains(system.db);
    expect(chains.filter((c) => [a.networkId, b.networkId].includes(c.networkId)).map((c) => c.firstBroken)).toEqual([null, null]);
  });
});
