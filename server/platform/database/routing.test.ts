import { CompiledQuery, type KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUND, fundDemoWorld, SECRETARIAT } from '../../modules/fund/test-support';
import { onlyOn } from '../../test/database';
import { Agent } from '../../test/factories';
import { testSystem, type TestSystem } from '../../test/harness';
import { ReadAuditTrail } from '../audit/reads';
import { buildApp } from '../http/app';
import type { HamsafarApp } from '../http/types';
import type { Executor } from './tenant';
import type { ReadOnly } from './connection';

/**
 * Every request of a hot path touches one network, so Citus must run each of its statements on one
 * shard (router execution). The statements checked are the ones the application sends, recorded
 * from a second app on the same database, not copies written for the test.
 */

/** Keeps every statement sent through `db` or the read-only connections of `readOnly`, compiled exactly as the driver receives it. */
function statementRecorder(db: Executor, readOnly: ReadOnly) {
  const statements: CompiledQuery[] = [];
  const executor = db.getExecutor();
  const plugin: KyselyPlugin = {
    transformQuery: ({ node, queryId }) => {
      statements.push(executor.compileQuery(node, queryId));
      return node;
    },
    transformResult: async ({ result }) => result,
  };
  return {
    db: db.withPlugin(plugin),
    readOnly: ((work) => readOnly((reader) => work(reader.withPlugin(plugin)))) as ReadOnly,
    take: () => statements.splice(0, statements.length),
  };
}

/** "Task Count" of every distributed step in the plan; empty for a statement that touches no Citus table. */
async function taskCounts(db: Executor, statement: CompiledQuery): Promise<number[]> {
  const plan = await db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN ${statement.sql}`, [...statement.parameters]));
  return plan.rows.flatMap((row) => [...row['QUERY PLAN'].matchAll(/Task Count: (\d+)/g)].map((m) => Number(m[1])));
}

const PERSON = { firstName: 'Routed', secondName: 'Person', birthDate: '1996-02-03', gender: 'Feminine', citizenship: ['PK'], migrationStatus: 'returnee', exploitationTypes: ['ForcedLabour'], identityNumber: '35202-1234567-1' };

describe('router execution of the hot paths', { timeout: 120_000, ...onlyOn(['citus'], 'router execution is how a Citus cluster runs a one-network query: it exists on Citus only') }, () => {
  let system: TestSystem;
  let recorder: ReturnType<typeof statementRecorder>;
  let recordingApp: HamsafarApp;
  let caseworker: Agent;
  let fundManager: Agent;
  let secretariat: Agent;
  let programmeId: string;

  /** The same signed-in user, talking to the recording app. */
  const recorded = (agent: Agent) => new Agent(recordingApp, agent.cookie, agent.csrf, agent.user);

  /**
   * GETs `url` and checks that every statement the request sent runs on one shard, and that one of
   * them reads `table` (so the check saw the hot path). Answers the response body.
   */
  async function expectRouted(agent: Agent, url: string, table: string) {
    recorder.take();
    const res = await recorded(agent).get(url);
    expect(res.statusCode, res.body).toBe(200);
    const plans = await Promise.all(recorder.take().map(async (statement) => ({ sql: statement.sql, tasks: await taskCounts(system.db, statement) })));
    expect(plans.some((p) => p.sql.includes(`from "${table}"`) && p.tasks.length > 0), `no statement on ${table} in ${url}`).toBe(true);
    expect(plans.filter((p) => p.tasks.some((count) => count !== 1))).toEqual([]);
    return res.json();
  }

  beforeAll(async () => {
    system = await testSystem();
    recorder = statementRecorder(system.db, system.services.readOnly);
    recordingApp = (await buildApp({ db: recorder.db, services: { ...system.services, readOnly: recorder.readOnly } })).app;
    const world = await fundDemoWorld(system);
    caseworker = await world.as('caseworker@demo.hamsafar.pk');
    fundManager = await world.as(FUND);
    programmeId = (await fundManager.get('/api/v1/fund/programmes')).json().items[0].id;
    for (const firstName of ['Routed', 'Another']) {
      const created = await caseworker.post('/api/v1/protection/cases', { person: { ...PERSON, firstName }, province: 'PK-PB', registeredOn: '2025-03-01', consents: [{ purpose: 'services', givenOn: '2025-01-10' }] });
      expect(created.statusCode, created.body).toBe(201);
    }
    secretariat = await world.as(SECRETARIAT);
    const starts = new Date(Date.now() + 7 * 86_400_000);
    const meeting = await secretariat.post('/api/v1/network/meetings', {
      kind: 'network',
      titleEn: 'Routed meeting',
      startsAt: starts.toISOString(),
      endsAt: new Date(starts.getTime() + 7_200_000).toISOString(),
    });
    expect(meeting.statusCode, meeting.body).toBe(201);
  });
  afterAll(async () => {
    await recordingApp.close();
    await system.close();
  });

  it('loads the session from one shard', async () => {
    await expectRouted(caseworker, '/api/v1/auth/session', 'sessions');
  });

  it('lists cases from one shard', async () => {
    expect((await expectRouted(caseworker, '/api/v1/protection/cases', 'protection_cases')).total).toBe(2);
  });

  it('searches cases by name and by CNIC from one shard', async () => {
    expect((await expectRouted(caseworker, '/api/v1/protection/cases?name=Routed%20Person', 'protection_cases')).total).toBe(1);
    expect((await expectRouted(caseworker, '/api/v1/protection/cases?identityNumber=35202-1234567-1', 'protection_cases')).total).toBe(2);
  });

  it("appends a read's audit entry on one shard", async () => {
    recorder.take();
    const trail = new ReadAuditTrail(recorder.db);
    await trail.record([{ networkId: caseworker.user.networkId, actorUserId: caseworker.user.id, actorOrganisationId: null, action: 'test.read', entity: 'case', entityId: null, ip: null, userAgent: null }]);
    await trail.record([{ networkId: caseworker.user.networkId, actorUserId: caseworker.user.id, actorOrganisationId: null, action: 'test.read', entity: 'case', entityId: null, ip: null, userAgent: null }]);
    const plans = await Promise.all(recorder.take().map(async (statement) => ({ sql: statement.sql, tasks: await taskCounts(system.db, statement) })));
    expect(plans.some((p) => p.sql.includes('insert into "audit_log"') && p.tasks.length > 0)).toBe(true);
    expect(plans.filter((p) => p.tasks.some((count) => count !== 1))).toEqual([]);
  });

  it('lists meetings from one shard', async () => {
    expect((await expectRouted(secretariat, '/api/v1/network/meetings', 'meetings')).items.map((m: { titleEn: string }) => m.titleEn)).toContain('Routed meeting');
  });

  it('shows a fund programme from one shard', async () => {
    expect((await expectRouted(fundManager, `/api/v1/fund/programmes/${programmeId}`, 'fund_programmes')).id).toBe(programmeId);
  });
});
