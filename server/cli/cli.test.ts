import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../config';
import { verifyPassword } from '../platform/auth/passwords';
import { KeyRing, loadMasterKey } from '../platform/crypto';
import { openDatabase } from '../platform/database/connection';
import type { Executor } from '../platform/database/tenant';
import { emptyDatabase, freshDatabase, ON_SERVER, onlyOn, TEST_DB } from '../test/database';
import { runCli } from './commands';

/** Each test opens embedded databases several times (each a WebAssembly PostgreSQL start): slow on a busy machine. */
const HEAVY = 300_000;
const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamsafar-cli-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function embeddedConfig(dataDir = tempDir()): Config {
  return loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
}

/** Runs one command line in-process and keeps what it printed. */
async function cli(config: Config, ...argv: string[]) {
  const info: string[] = [];
  const error: string[] = [];
  const code = await runCli(argv, { info: (l) => info.push(l), error: (l) => error.push(l) }, () => config);
  return { code, out: info.join('\n'), err: error.join('\n') };
}

async function emptyServerDatabase(): Promise<string> {
  const database = await emptyDatabase();
  cleanups.push(() => database.drop());
  return database.url;
}

/** A network with an admin, an organisation whose names need quoting, and audit entries. */
async function populate(config: Config): Promise<void> {
  expect((await cli(config, 'create-network', '--code', 'BAK', '--name-en', 'Backup network', '--name-ur', 'بیک اپ نیٹ ورک')).code).toBe(0);
  const org = await cli(
    config,
    'create-organisation', '--network', 'bak', '--name-en', `Women's "Safe" Shelter \\ Lahore`, '--name-ur', 'خواتین کی پناہ گاہ',
    '--type', 'civil_society', '--htcds-type', 'NGO', '--acronym', 'WSS', '--province', 'PK-PB',
  );
  expect(org.code).toBe(0);
  const admin = await cli(config, 'create-admin', '--network', 'BAK', '--email', 'Admin@Backup.pk', '--name', 'Admin', '--organisation', 'wss', '--password', 'a long enough password');
  expect(admin.code).toBe(0);
}

/** The rows a restore must reproduce, in a stable order. */
async function snapshot(db: Executor) {
  const rows = async (query: ReturnType<typeof sql>) => (await query.execute(db)).rows;
  return {
    networks: await rows(sql`SELECT to_jsonb(t) AS r FROM networks t ORDER BY id`),
    organisations: await rows(sql`SELECT to_jsonb(t) AS r FROM organisations t ORDER BY id`),
    users: await rows(sql`SELECT to_jsonb(t) AS r FROM users t ORDER BY id`),
    roles: await rows(sql`SELECT to_jsonb(t) AS r FROM roles t ORDER BY network_id, key`),
    audit: await rows(sql`SELECT to_jsonb(t) AS r FROM audit_log t ORDER BY network_id, seq`),
    subdivisions: await rows(sql`SELECT count(*)::int AS n FROM subdivisions`),
    migrations: await rows(sql`SELECT name FROM kysely_migration ORDER BY name`),
  };
}

async function snapshotOf(config: Config) {
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await snapshot(handle.db);
  } finally {
    await handle.close();
  }
}

describe('cli help and arguments', () => {
  const config = embeddedConfig();

  it('refuses a file that is no backup, and a SQL dump of an unknown migration, before touching the target', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a backup');
    expect(await cli(config, 'restore', '--in', path.join(dir, 'notes.txt'))).toMatchObject({ code: 1, err: expect.stringContaining('is not a Hamsafar backup') });
    fs.writeFileSync(path.join(dir, 'future.sql'), '-- Hamsafar SQL dump\n-- format: 1\n-- migration: 9999_future\n');
    expect(await cli(config, 'restore', '--in', path.join(dir, 'future.sql'))).toMatchObject({
      code: 1,
      err: 'The dump was taken at migration 9999_future, which this version of Hamsafar does not know: restore it with the version that made it.',
    });
    expect(fs.existsSync(path.join(config.dataDir, 'pgdata'))).toBe(false);
  });

  it('lists every command with --help, and explains one command with <command> --help', async () => {
    const help = await cli(config, '--help');
    expect(help.code).toBe(0);
    for (const name of ['migrate', 'distribute', 'seed-demo', 'create-network', 'create-admin', 'reset-password', 'verify-audit', 'backup', 'restore', 'rotate-master-key']) {
      expect(help.out).toContain(`  ${name}`);
    }
    const backup = await cli(config, 'backup', '--help');
    expect(backup.code).toBe(0);
    expect(backup.out).toContain('Usage: npm run cli -- backup --out FILE [--format pglite|pg_dump|sql]');
  });

  it('refuses an unknown command, a missing option and an unknown option with exit code 1', async () => {
    expect(await cli(config, 'drop-everything')).toMatchObject({ code: 1, err: expect.stringContaining('Unknown command "drop-everything"') });
    expect(await cli(config, 'create-admin', '--network', 'PAK')).toMatchObject({ code: 1, err: expect.stringContaining('Missing --email, --name, --organisation.') });
    expect(await cli(config, 'verify-audit', '--everything')).toMatchObject({ code: 1, err: expect.stringContaining("Unknown option '--everything'") });
  });
});

/** An empty database of the suite's kind: a new embedded folder, or a new PostgreSQL database. */
async function emptyTarget(): Promise<Config> {
  if (ON_SERVER) return loadConfig({ DATABASE_URL: await emptyServerDatabase(), DATA_DIR: tempDir(), LOG_LEVEL: 'silent' });
  return embeddedConfig();
}

describe('cli set-up commands', { timeout: HEAVY }, () => {
  it('migrates an empty database, then finds it up to date', async () => {
    const config = await emptyTarget();
    const first = await cli(config, 'migrate');
    expect(first.code).toBe(0);
    expect(first.out).toContain('applied 0001_platform');
    expect(first.out).toMatch(/Database migrated to \d{4}_\w+\./);
    const second = await cli(config, 'migrate');
    expect(second).toMatchObject({ code: 0, out: expect.stringMatching(/^Database is up to date \(\d{4}_\w+\)\.$/) });
  });

  it('seeds the demo network once, with an intact audit trail', async () => {
    const config = await emptyTarget();
    const seeded = await cli(config, 'seed-demo');
    expect(seeded.code).toBe(0);
    expect(seeded.out).toContain('admin@demo.hamsafar.pk');
    expect(await cli(config, 'seed-demo')).toMatchObject({ code: 0, out: 'The demo network (PAK) exists already; nothing to do.' });
    const verified = await cli(config, 'verify-audit');
    expect(verified.code).toBe(0);
    expect(verified.out).toMatch(/OK {6}PAK: \d+ entries, chain intact/);
  });
});

describe('cli on the embedded database', { timeout: HEAVY, ...onlyOn(['pglite'], 'these commands act on the embedded folder (PGlite archive, folder lock): they run once, in the PGlite run') }, () => {
  it('creates a network, an organisation and an admin who can sign in with the printed password', async () => {
    const config = embeddedConfig();
    expect((await cli(config, 'create-network', '--code', 'PAK', '--name-en', 'Pakistan', '--name-ur', 'پاکستان')).code).toBe(0);
    expect((await cli(config, 'create-network', '--code', 'PAK', '--name-en', 'Again', '--name-ur', 'پھر'))).toMatchObject({
      code: 1,
      err: 'A network with code PAK exists already.',
    });
    expect((await cli(config, 'create-organisation', '--network', 'PAK', '--name-en', 'IOM', '--name-ur', 'آئی او ایم', '--type', 'un_entity', '--htcds-type', 'NGO')).code).toBe(0);
    expect(await cli(config, 'create-admin', '--network', 'PAK', '--email', 'a@iom.int', '--name', 'A', '--organisation', 'Nobody')).toMatchObject({
      code: 1,
      err: 'No organisation "Nobody" in this network. Create it with create-organisation.',
    });
    const created = await cli(config, 'create-admin', '--network', 'PAK', '--email', 'Admin@IOM.int', '--name', 'Secretariat admin', '--organisation', 'iom');
    expect(created.code).toBe(0);
    const password = /One-time password: (\S+)/.exec(created.out)![1];

    const handle = await openDatabase({ dataDir: config.dataDir });
    try {
      const user = await handle.db.selectFrom('users').selectAll().where('email', '=', 'admin@iom.int').executeTakeFirstOrThrow();
      expect(await verifyPassword(user.password_hash, password)).toBe(true);
      const roles = await handle.db.selectFrom('user_roles').innerJoin('roles', 'roles.id', 'user_roles.role_id').select('roles.key').where('user_roles.user_id', '=', user.id).execute();
      expect(roles.map((r) => r.key)).toEqual(['network_admin']);
      // A locked account with a session, for reset-password.
      await handle.db.updateTable('users').set({ failed_logins: 5, locked_until: new Date(Date.now() + 3_600_000) }).where('id', '=', user.id).execute();
      await handle.db.insertInto('sessions').values({ network_id: user.network_id, id: 'old-session', user_id: user.id, csrf_token: 'x', state: 'active', last_seen_at: new Date() }).execute();
    } finally {
      await handle.close();
    }

    const reset = await cli(config, 'reset-password', '--email', 'admin@iom.int');
    expect(reset.code).toBe(0);
    const newPassword = /One-time password: (\S+)/.exec(reset.out)![1];
    const after = await openDatabase({ dataDir: config.dataDir });
    try {
      const user = await after.db.selectFrom('users').selectAll().where('email', '=', 'admin@iom.int').executeTakeFirstOrThrow();
      expect(await verifyPassword(user.password_hash, newPassword)).toBe(true);
      expect(user).toMatchObject({ failed_logins: 0, locked_until: null });
      expect(await after.db.selectFrom('sessions').select('id').execute()).toEqual([]);
      const audit = await after.db.selectFrom('audit_log').select(['action', 'user_agent', 'actor_user_id']).orderBy('seq').execute();
      expect(audit.map((a) => a.action)).toEqual(['network.created', 'organisation.created', 'user.created', 'user.password.reset']);
      expect(audit.every((a) => a.actor_user_id === null && a.user_agent?.startsWith('hamsafar-cli ('))).toBe(true);
    } finally {
      await after.close();
    }
  });

  it('verify-audit answers 0 on intact chains and 1 naming the first broken seq', async () => {
    const config = embeddedConfig();
    await populate(config);
    const intact = await cli(config, 'verify-audit');
    expect(intact).toMatchObject({ code: 0, out: 'OK      BAK: 3 entries, chain intact' });
    const handle = await openDatabase({ dataDir: config.dataDir });
    await sql`UPDATE audit_log SET fields = '{}' WHERE seq = 2`.execute(handle.db);
    await handle.close();
    const broken = await cli(config, 'verify-audit');
    expect(broken.code).toBe(1);
    expect(broken.err).toContain('BROKEN  BAK: 2 entries read; first broken link at seq 2: entry content does not match its hash');
  });

  it('backs up to a PGlite archive and to a SQL dump, and each restores into an empty folder with the same data', async () => {
    const source = embeddedConfig();
    await populate(source);
    const expected = await snapshotOf(source);
    const dir = tempDir();

    expect((await cli(source, 'backup', '--out', path.join(dir, 'hamsafar.tar.gz'))).code).toBe(0);
    expect(await cli(source, 'backup', '--out', path.join(dir, 'hamsafar.tar.gz'))).toMatchObject({ code: 1, err: expect.stringContaining('exists already') });
    const fromArchive = embeddedConfig();
    const restored = await cli(fromArchive, 'restore', '--in', path.join(dir, 'hamsafar.tar.gz'));
    expect(restored.code).toBe(0);
    expect(restored.out).toContain('(pglite): 1 network(s), 1 user(s)');
    expect(await snapshotOf(fromArchive)).toEqual(expected);

    expect((await cli(source, 'backup', '--out', path.join(dir, 'hamsafar.sql'), '--format', 'sql')).code).toBe(0);
    const fromSql = embeddedConfig();
    expect((await cli(fromSql, 'restore', '--in', path.join(dir, 'hamsafar.sql'))).code).toBe(0);
    expect(await snapshotOf(fromSql)).toEqual(expected);
    expect((await cli(fromSql, 'verify-audit')).code).toBe(0);

    // A target that holds data is refused, unless --force, which keeps the old folder aside.
    expect(await cli(fromSql, 'restore', '--in', path.join(dir, 'hamsafar.tar.gz'))).toMatchObject({ code: 1, err: expect.stringContaining('already holds a database') });
    const forced = await cli(fromSql, 'restore', '--in', path.join(dir, 'hamsafar.tar.gz'), '--force');
    expect(forced.code).toBe(0);
    expect(fs.readdirSync(fromSql.dataDir).some((name) => name.startsWith('pgdata.replaced-'))).toBe(true);
    expect(await snapshotOf(fromSql)).toEqual(expected);
  });

  it('re-wraps the network keys under a new master key and installs it, keeping the data readable', async () => {
    const config = embeddedConfig();
    await populate(config);
    const handle = await openDatabase({ dataDir: config.dataDir });
    const network = await handle.db.selectFrom('networks').select('id').executeTakeFirstOrThrow();
    const sealed = (await new KeyRing(loadMasterKey(config)).forNetwork(handle.db, network.id)).encrypt('name of a survivor');
    await handle.close();
    const oldKeyText = fs.readFileSync(config.masterKeyFile, 'utf8');
    const newKeyFile = path.join(tempDir(), 'new.key');
    fs.writeFileSync(newKeyFile, randomBytes(32).toString('base64'));

    const rotated = await cli(config, 'rotate-master-key', '--new-key-file', newKeyFile);
    expect(rotated.code).toBe(0);
    expect(rotated.out).toContain('Re-wrapped the data keys of 1 network(s)');
    expect(fs.readFileSync(`${config.masterKeyFile}.previous`, 'utf8')).toBe(oldKeyText);
    expect(loadMasterKey(config).equals(Buffer.from(fs.readFileSync(newKeyFile, 'utf8'), 'base64'))).toBe(true);
    const after = await openDatabase({ dataDir: config.dataDir });
    try {
      expect((await new KeyRing(loadMasterKey(config)).forNetwork(after.db, network.id)).decrypt(sealed)).toBe('name of a survivor');
    } finally {
      await after.close();
    }
  });

  it('explains the folder lock when the server holds the embedded database', async () => {
    const config = embeddedConfig();
    const server = await openDatabase({ dataDir: config.dataDir });
    try {
      const child = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'verify-audit'], {
        env: { ...process.env, DATA_DIR: config.dataDir },
        encoding: 'utf8',
      });
      expect(child.status).toBe(2);
      expect(child.stderr).toContain(`is in use by another Hamsafar process (pid ${process.pid})`);
      expect(child.stderr).toContain('the CLI cannot run while the Hamsafar server runs on the same DATA_DIR');
    } finally {
      await server.close();
    }
  });
});

describe('cli on a database server', { timeout: HEAVY, ...onlyOn(['postgres', 'citus'], 'pg_dump and restores into a new server database need a database server') }, () => {
  async function populatedSource(): Promise<Config> {
    const database = await freshDatabase();
    cleanups.push(() => database.close());
    const config = loadConfig({ DATABASE_URL: database.url!, DATA_DIR: tempDir(), LOG_LEVEL: 'silent' });
    await populate(config);
    return config;
  }

  it('backs up with pg_dump and with the SQL dump, and each restores into an empty database with the same data', async () => {
    const source = await populatedSource();
    const expected = await snapshotOf(source);
    const dir = tempDir();
    for (const format of ['pg_dump', 'sql'] as const) {
      const file = path.join(dir, `${format}.sql`);
      const backup = await cli(source, 'backup', '--out', file, '--format', format);
      expect(backup).toMatchObject({ code: 0 });
      const target = loadConfig({ DATABASE_URL: await emptyServerDatabase(), DATA_DIR: tempDir(), LOG_LEVEL: 'silent' });
      const restored = await cli(target, 'restore', '--in', file);
      expect(restored.code).toBe(0);
      expect(restored.out).toContain(`(${format}): 1 network(s), 1 user(s)`);
      // On a Citus coordinator the restored tables are placed on the workers.
      expect(restored.out.includes('Distributed the restored schema over')).toBe(TEST_DB === 'citus');
      expect(await snapshotOf(target)).toEqual(expected);
      expect((await cli(target, 'verify-audit')).code).toBe(0);
      expect(await cli(target, 'restore', '--in', file)).toMatchObject({ code: 1, err: expect.stringContaining('The PostgreSQL database already holds a database') });
    }
  });

  it(`moves an embedded trial onto ${TEST_DB} through the SQL dump`, async () => {
    const trial = embeddedConfig();
    await populate(trial);
    const expected = await snapshotOf(trial);
    const file = path.join(tempDir(), 'trial.sql');
    expect((await cli(trial, 'backup', '--out', file, '--format', 'sql')).code).toBe(0);
    const target = loadConfig({ DATABASE_URL: await emptyServerDatabase(), DATA_DIR: tempDir(), LOG_LEVEL: 'silent' });
    const restored = await cli(target, 'restore', '--in', file);
    expect(restored.code).toBe(0);
    expect(restored.out.includes('Distributed the restored schema over')).toBe(TEST_DB === 'citus');
    expect(await snapshotOf(target)).toEqual(expected);
  });

  it('verify-audit answers 1 naming the missing seq when an entry is deleted', async () => {
    const source = await populatedSource();
    expect((await cli(source, 'verify-audit')).code).toBe(0);
    const handle = await openDatabase({ databaseUrl: source.databaseUrl });
    await sql`DELETE FROM audit_log WHERE seq = 2`.execute(handle.db);
    await handle.close();
    const broken = await cli(source, 'verify-audit');
    expect(broken.code).toBe(1);
    expect(broken.err).toContain('first broken link at seq 2: entry 2 is missing');
  });
});
