import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { freshDatabase, ON_SERVER, onlyOn, TEST_DB } from '../test/database';
import { openDatabase, type DatabaseHandle } from './database/connection';
import { migrateToLatest } from './database/migrate';
import { JobRunner } from './jobs';

/** A database that can be closed and opened again, as a server restart does. */
async function persistentDatabase(): Promise<{ open(): Promise<DatabaseHandle>; dispose(): Promise<void> }> {
  if (ON_SERVER) {
    const base = await freshDatabase();
    return { open: () => openDatabase({ databaseUrl: base.url, poolSize: 5 }), dispose: () => base.close() };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamsafar-jobs-'));
  const first = await openDatabase({ dataDir: dir });
  await migrateToLatest(first.db);
  await first.close();
  return { open: () => openDatabase({ dataDir: dir }), dispose: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setUp() {
  const database = await persistentDatabase();
  cleanups.push(database.dispose);
  // Each handle closes once, by the test (a restart) or after it.
  const open = async (): Promise<DatabaseHandle> => {
    const handle = await database.open();
    let closed: Promise<void> | null = null;
    const close = () => (closed ??= handle.close());
    cleanups.push(close);
    return { ...handle, close };
  };
  return { open };
}

// Restarts open the database again (for PGlite a WebAssembly PostgreSQL start): slow on a busy machine.
describe('job runner', { timeout: 300_000 }, () => {
  it('runs a job enqueued before a restart on the next server', async () => {
    const { open } = await setUp();
    const before = await open();
    await new JobRunner(before.db, 1000).enqueue(before.db, 'report.send', { reportId: 'r-1' });
    await before.close();

    const after = await open();
    const seen: unknown[] = [];
    const runner = new JobRunner(after.db, 1000);
    runner.register('report.send', async (payload) => {
      seen.push(payload);
    });
    expect(await runner.runDue()).toBe(1);
    expect(seen).toEqual([{ reportId: 'r-1' }]);
    const job = await after.db.selectFrom('jobs').select(['status', 'attempts']).executeTakeFirstOrThrow();
    expect(job).toEqual({ status: 'done', attempts: 1 });
  });

  it('takes over a job left running by a server that died, once its lease has run out', async () => {
    const { open } = await setUp();
    const handle = await open();
    const runner = new JobRunner(handle.db, 1000);
    let runs = 0;
    runner.register('work', async () => {
      runs++;
    });
    await runner.enqueue(handle.db, 'work', {});
    await handle.db.updateTable('jobs').set({ status: 'running', attempts: 1, locked_until: sql`now() + interval '5 minutes'` }).execute();
    expect(await runner.runDue()).toBe(0);
    await handle.db.updateTable('jobs').set({ locked_until: sql`now() - interval '1 second'` }).execute();
    expect(await runner.runDue()).toBe(1);
    expect(runs).toBe(1);
  });

  it(`never runs a job twice when two servers poll one ${TEST_DB} database`, onlyOn(['postgres', 'citus'], 'two servers need two connections to one database; PGlite has one'), async () => {
    const { open } = await setUp();
    const serverA = await open();
    const serverB = await open();
    const runs = new Map<number, number>();
    const ranBy = { a: 0, b: 0 };
    const runnerFor = (handle: DatabaseHandle, name: 'a' | 'b') => {
      const runner = new JobRunner(handle.db, 1000);
      runner.register('count', async (payload, db) => {
        const n = payload.n as number;
        runs.set(n, (runs.get(n) ?? 0) + 1);
        ranBy[name]++;
        // Real work touches the database, which lets the other server claim in between.
        await sql`SELECT 1`.execute(db);
      });
      return runner;
    };
    const a = runnerFor(serverA, 'a');
    const b = runnerFor(serverB, 'b');
    for (let n = 0; n < 200; n++) await a.enqueue(serverA.db, 'count', { n });
    const [ranA, ranB] = await Promise.all([a.runDue(), b.runDue()]);
    expect(ranA + ranB).toBe(200);
    expect(runs.size).toBe(200);
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
    expect(ranBy.a + ranBy.b).toBe(200);
    const pending = await serverA.db.selectFrom('jobs').select('id').where('status', '!=', 'done').execute();
    expect(pending).toEqual([]);
  });

  it('runs a scheduled job once per interval across two servers', async () => {
    const { open } = await setUp();
    const serverA = await open();
    // PGlite is one process' database: there the second "server" shares the connection.
    const serverB = ON_SERVER ? await open() : serverA;
    let ticks = 0;
    const runners = [serverA, serverB].map((handle) => {
      const runner = new JobRunner(handle.db, 1000);
      runner.every('overdue.check', 3600, async () => {
        ticks++;
      });
      return runner;
    });
    await Promise.all(runners.map((r) => r.runDue()));
    expect(ticks).toBe(1);
    await Promise.all(runners.map((r) => r.runDue()));
    expect(ticks).toBe(1);
    // The interval passes.
    await serverA.db.updateTable('job_schedules').set({ next_run_at: sql`now() - interval '1 second'` }).execute();
    await Promise.all(runners.map((r) => r.runDue()));
    await Promise.all(runners.map((r) => r.runDue()));
    expect(ticks).toBe(2);
  });

  it('retries a failed job with growing back-off, then marks it failed after its last attempt', async () => {
    const { open } = await setUp();
    const handle = await open();
    const errors: string[] = [];
    const runner = new JobRunner(handle.db, 1000, (error) => errors.push((error as Error).message));
    let calls = 0;
    runner.register('flaky', async () => {
      calls++;
      throw new Error(`attempt ${calls} failed`);
    });
    await runner.enqueue(handle.db, 'flaky', {});
    await handle.db.updateTable('jobs').set({ max_attempts: 3 }).execute();
    const job = () => handle.db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();

    const started = Date.now();
    expect(await runner.runDue()).toBe(1);
    const first = await job();
    expect(first).toMatchObject({ status: 'pending', attempts: 1, last_error: 'attempt 1 failed' });
    expect(first.run_at.getTime()).toBeGreaterThanOrEqual(started + 30_000);
    expect(first.run_at.getTime()).toBeLessThanOrEqual(Date.now() + 30_000);
    // Not due yet: nothing runs.
    expect(await runner.runDue()).toBe(0);

    await handle.db.updateTable('jobs').set({ run_at: sql`now()` }).execute();
    const secondStarted = Date.now();
    await runner.runDue();
    const second = await job();
    expect(second).toMatchObject({ status: 'pending', attempts: 2 });
    expect(second.run_at.getTime()).toBeGreaterThanOrEqual(secondStarted + 120_000);
    expect(second.run_at.getTime()).toBeLessThanOrEqual(Date.now() + 120_000);

    await handle.db.updateTable('jobs').set({ run_at: sql`now()` }).execute();
    await runner.runDue();
    expect(await job()).toMatchObject({ status: 'failed', attempts: 3, last_error: 'attempt 3 failed' });
    expect(calls).toBe(3);
    expect(errors).toEqual(['attempt 1 failed', 'attempt 2 failed', 'attempt 3 failed']);
  });
});

