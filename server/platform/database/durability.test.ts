import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAdminCommand, createNetworkCommand, createOrganisationCommand } from '../../cli/accounts';
import type { Output } from '../../cli/context';
import { loadConfig, type Config } from '../../config';
import { activeWorkers, freshDatabase, ON_SERVER, TEST_DB } from '../../test/database';
import { verifyAuditChains } from '../audit/chain';
import { openDatabase } from './connection';
import { scoped } from './tenant';

/**
 * The real server is killed with SIGKILL in the middle of a stream of writes, then started again
 * on the same data: every write it acknowledged must still be there.
 */
const ADMIN_EMAIL = 'durability-admin@test.hamsafar.pk';
const ADMIN_PASSWORD = 'durability test password';
const WRITERS = 4;
const KILL_AFTER_ACKS = 80;

const quiet: Output = { info: () => {}, error: () => {} };
const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface RunningServer {
  child: ChildProcess;
  url: string;
  output: () => string;
}

async function startServer(env: Record<string, string>): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', JOBS_ENABLED: 'false', DEMO_DATA: 'false', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  await new Promise<void>((resolve, reject) => {
    const onData = () => {
      if (output.includes('Hamsafar is running at')) resolve();
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code, signal) => reject(new Error(`server exited (${code ?? signal}) before it was ready:\n${output}`)));
  });
  return { child, url: `http://127.0.0.1:${port}`, output: () => output };
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function cookiesOf(response: Response): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';');
    const at = pair.indexOf('=');
    cookies[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return cookies;
}

async function signIn(url: string) {
  const anonymous = await fetch(`${url}/api/v1/auth/session`);
  const csrfCookie = cookiesOf(anonymous).hamsafar_csrf;
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `hamsafar_csrf=${csrfCookie}`, 'x-csrf-token': csrfCookie },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
  const body = (await login.json()) as { state: string; csrfToken: string };
  if (body.state !== 'active') throw new Error(`sign-in ended in state ${body.state}`);
  return { cookie: `hamsafar_csrf=${csrfCookie}; hamsafar_session=${cookiesOf(login).hamsafar_session}`, csrf: body.csrfToken };
}

/** Prepares a network and its admin through the CLI, as an operator would on a fresh install. */
async function prepare(config: Config): Promise<void> {
  const ctx = { config, out: quiet };
  expect(await createNetworkCommand(ctx, { code: 'DUR', nameEn: 'Durability network', nameUr: 'پائیداری نیٹ ورک' })).toBe(0);
  expect(await createOrganisationCommand(ctx, { network: 'DUR', nameEn: 'Secretariat', nameUr: 'سیکرٹریٹ', type: 'un_entity', htcdsType: 'NGO' })).toBe(0);
  expect(await createAdminCommand(ctx, { network: 'DUR', email: ADMIN_EMAIL, name: 'Admin', organisation: 'Secretariat', password: ADMIN_PASSWORD })).toBe(0);
}

describe('durability of acknowledged writes', () => {
  it(`keeps every acknowledged write after SIGKILL mid-stream (${TEST_DB})`, { timeout: 300_000 }, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamsafar-durability-'));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const env: Record<string, string> = { DATA_DIR: dataDir };
    let banner = 'embedded';
    if (ON_SERVER) {
      const database = await freshDatabase({ poolSize: 1 });
      cleanups.push(() => database.close());
      env.DATABASE_URL = database.url!;
      banner = TEST_DB === 'citus' ? `citus, ${await activeWorkers(database.db)} workers` : 'postgres';
    }
    const config = loadConfig({ ...env, LOG_LEVEL: 'silent' });
    await prepare(config);

    const first = await startServer(env);
    expect(first.output()).toContain(`(database: ${banner})`);
    const session = await signIn(first.url);
    const acknowledged: string[] = [];
    let killed = false;
    const writer = async (w: number) => {
      for (let i = 0; !killed; i++) {
        const name = `Durability writer ${w} organisation ${i}`;
        try {
          const res = await fetch(`${first.url}/api/v1/admin/organisations`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
            body: JSON.stringify({ nameEn: name, nameUr: `ادارہ ${w}-${i}`, type: 'civil_society', htcdsOrgType: 'NGO', services: ['shelter'] }),
          });
          if (res.status !== 201) throw new Error(`write answered ${res.status}: ${await res.text()}`);
          acknowledged.push(name);
        } catch (error) {
          if (killed) return;
          throw error;
        }
        if (acknowledged.length >= KILL_AFTER_ACKS && !killed) {
          // The other writers have requests in flight at this moment.
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
    await exited(first.child);
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);

    const second = await startServer(env);
    const health = await fetch(`${second.url}/api/v1/health`);
    expect(health.status).toBe(200);
    // The session written before the crash is still valid.
    const list = await fetch(`${second.url}/api/v1/admin/organisations?limit=1&search=Durability`, { headers: { cookie: session.cookie } });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { total: number }).total).toBeGreaterThanOrEqual(acknowledged.length);
    second.child.kill('SIGTERM');
    await exited(second.child);
    expect(second.child.exitCode).toBe(0);

    const handle = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir });
    try {
      const network = await handle.db.selectFrom('networks').select('id').where('code', '=', 'DUR').executeTakeFirstOrThrow();
      const stored = new Set(
        (await scoped(handle.db, network.id).selectFrom('organisations').select('name_en').where('name_en', 'like', 'Durability writer%').execute()).map((r) => r.name_en),
      );
      const lost = acknowledged.filter((name) => !stored.has(name));
      expect(lost).toEqual([]);
      // At most one write per writer was in flight when the server died.
      expect(stored.size).toBeLessThanOrEqual(acknowledged.length + WRITERS);
      const chains = await verifyAuditChains(handle.db);
      expect(chains.filter((c) => c.firstBroken !== null)).toEqual([]);
      const created = await scoped(handle.db, network.id).selectFrom('audit_log').select('entity_id').where('action', '=', 'organisation.created').execute();
      // One audit entry per stored organisation (plus the secretariat the CLI created), in the same transactions.
      expect(created.length).toBe(stored.size + 1);
    } finally {
      await handle.close();
    }
  });
});
