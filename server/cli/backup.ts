import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import pg from 'pg';
import { citusCoordinator, distributeSchema, DistributionError } from '../platform/database/distribution';
import { lockDataDir } from '../platform/database/lock';
import { currentMigration, knownMigrations, migrateTo, migrateToLatest } from '../platform/database/migrate';
import type { Executor } from '../platform/database/tenant';
import { CliError, openConfiguredDatabase, withDatabase, type CommandContext } from './context';

export type BackupFormat = 'pglite' | 'pg_dump' | 'sql';

/** First line of a dump written by `writeSqlDump`; `restore` recognises the format by it. */
export const SQL_DUMP_HEADER = '-- Hamsafar SQL dump';
const PG_DUMP_HEADER = '-- PostgreSQL database dump';
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);
/** Kysely's own bookkeeping: a restore recreates it by migrating, so it is not dumped. */
const MIGRATION_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);
const BATCH_ROWS = 500;

export function commandOnPath(name: string): boolean {
  return spawnSync(name, ['--version'], { stdio: 'ignore' }).status === 0;
}

function pgdataOf(dataDir: string): string {
  return path.join(dataDir, 'pgdata');
}

function embeddedHoldsData(dataDir: string): boolean {
  return fs.existsSync(path.join(pgdataOf(dataDir), 'PG_VERSION'));
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const quoteLiteral = (text: string) => `'${text.replace(/'/g, "''")}'`;

interface TableInfo {
  name: string;
  columns: string[];
  primaryKey: { name: string; type: string }[];
  sequences: string[];
  /** A foreign key to itself (a unit's parent, a workplan item's output): its rows go in one statement. */
  selfReferencing: boolean;
}

/** Tables of the public schema, parents before the tables whose foreign keys reference them. */
async function tablesInDependencyOrder(db: Executor): Promise<TableInfo[]> {
  const tables = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname`.execute(db);
  const columns = await sql<{ table_name: string; column_name: string; serial: boolean }>`
    SELECT table_name, column_name, (column_default LIKE 'nextval(%' OR is_identity = 'YES') AS serial
    FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`.execute(db);
  const keys = await sql<{ table_name: string; column_name: string; type: string }>`
    SELECT c.relname AS table_name, a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS type
    FROM pg_index i
    JOIN pg_class c ON c.oid = i.indrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position) ON true
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
    WHERE n.nspname = 'public' AND i.indisprimary ORDER BY c.relname, k.position`.execute(db);
  const references = await sql<{ child: string; parent: string }>`
    SELECT child.relname AS child, parent.relname AS parent
    FROM pg_constraint f
    JOIN pg_class child ON child.oid = f.conrelid
    JOIN pg_class parent ON parent.oid = f.confrelid
    JOIN pg_namespace n ON n.oid = child.relnamespace
    WHERE f.contype = 'f' AND n.nspname = 'public'`.execute(db);

  const info = new Map<string, TableInfo>();
  for (const t of tables.rows) {
    if (MIGRATION_TABLES.has(t.name)) continue;
    info.set(t.name, { name: t.name, columns: [], primaryKey: [], sequences: [], selfReferencing: false });
  }
  for (const c of columns.rows) {
    const table = info.get(c.table_name);
    if (!table) continue;
    table.columns.push(c.column_name);
    if (c.serial) table.sequences.push(c.column_name);
  }
  for (const k of keys.rows) info.get(k.table_name)?.primaryKey.push({ name: k.column_name, type: k.type });
  const parents = new Map<string, Set<string>>();
  for (const r of references.rows) {
    if (r.child === r.parent) {
      const table = info.get(r.child);
      if (table) table.selfReferencing = true;
      continue;
    }
    if (!parents.has(r.child)) parents.set(r.child, new Set());
    parents.get(r.child)!.add(r.parent);
  }
  const ordered: TableInfo[] = [];
  const visiting = new Set<string>();
  const done = new Set<string>();
  const visit = (name: string) => {
    if (done.has(name) || !info.has(name)) return;
    if (visiting.has(name)) throw new Error(`Foreign keys form a cycle through ${name}; the SQL dump cannot order these tables.`);
    visiting.add(name);
    for (const parent of parents.get(name) ?? []) visit(parent);
    visiting.delete(name);
    done.add(name);
    ordered.push(info.get(name)!);
  };
  for (const name of [...info.keys()].sort()) visit(name);
  return ordered;
}

/** Rows of one table as JSON texts, in primary-key order, read in pages so memory stays flat. */
async function* tableRows(db: Executor, table: TableInfo): AsyncGenerator<string[]> {
  const from = sql.raw(quoteIdent(table.name));
  // A foreign key is checked at the end of its statement: rows that reference rows of the same
  // table restore in any order only when they are inserted by one statement, so no page break
  // can put a child before its parent.
  if (table.primaryKey.length === 0 || table.selfReferencing) {
    const all = await sql<{ j: string }>`SELECT to_jsonb(t)::text AS j FROM ${from} t`.execute(db);
    if (all.rows.length) yield all.rows.map((r) => r.j);
    return;
  }
  const keyList = sql.raw(table.primaryKey.map((k) => `t.${quoteIdent(k.name)}`).join(', '));
  let after: unknown[] | null = null;
  for (;;) {
    const bound: unknown[] | null = after;
    const condition =
      bound === null
        ? sql`true`
        : sql`(${keyList}) > (${sql.join(table.primaryKey.map((k, i) => sql`CAST(${bound[i] === null ? null : String(bound[i])} AS ${sql.raw(k.type)})`))})`;
    const page = await sql<{ j: string; k: unknown[] }>`
      SELECT to_jsonb(t)::text AS j, jsonb_build_array(${keyList}) AS k FROM ${from} t
      WHERE ${condition} ORDER BY ${keyList} LIMIT ${BATCH_ROWS}`.execute(db);
    if (page.rows.length === 0) return;
    yield page.rows.map((r) => r.j);
    const last: unknown = page.rows[page.rows.length - 1].k;
    after = (typeof last === 'string' ? JSON.parse(last) : last) as unknown[];
    if (page.rows.length < BATCH_ROWS) return;
  }
}

/**
 * Writes every table as plain SQL, one statement a line: TRUNCATE, then INSERTs of JSON rows
 * through jsonb_populate_recordset (exact types, no quoting of each value), then the sequences.
 * It carries data, not schema: `restore` migrates the target to the dump's migration first.
 * The same file restores into PGlite or PostgreSQL, so it also moves a trial onto a server.
 */
export async function writeSqlDump(db: Executor, file: string): Promise<{ tables: number; rows: number }> {
  const migration = await currentMigration(db);
  if (!migration) throw new CliError('The database has no migrations applied: nothing to back up.');
  const tables = await tablesInDependencyOrder(db);
  const stream = fs.createWriteStream(file, { mode: 0o600 });
  const write = async (line: string) => {
    if (!stream.write(line + '\n')) await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
  };
  let rows = 0;
  try {
    await write(SQL_DUMP_HEADER);
    await write('-- format: 1');
    await write(`-- migration: ${migration}`);
    await write(`-- created: ${new Date().toISOString()}`);
    await write('-- Data only: restore with `npm run cli -- restore --in FILE`, which applies the migrations up to the one above first.');
    await write('SET standard_conforming_strings = on;');
    await write('BEGIN;');
    await write(`TRUNCATE TABLE ${tables.map((t) => quoteIdent(t.name)).join(', ')} CASCADE;`);
    for (const table of tables) {
      const name = quoteIdent(table.name);
      const columns = table.columns.map(quoteIdent).join(', ');
      for await (const batch of tableRows(db, table)) {
        rows += batch.length;
        await write(
          `INSERT INTO ${name} (${columns}) OVERRIDING SYSTEM VALUE SELECT ${columns} FROM jsonb_populate_recordset(NULL::${name}, ${quoteLiteral(`[${batch.join(',')}]`)}::jsonb);`,
        );
      }
      for (const column of table.sequences) {
        await write(
          `SELECT setval(pg_get_serial_sequence(${quoteLiteral(name)}, ${quoteLiteral(column)}), COALESCE(MAX(${quoteIdent(column)}), 0) + 1, false) FROM ${name};`,
        );
      }
    }
    await write('COMMIT;');
  } finally {
    await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
  return { tables: tables.length, rows };
}

function readSqlDumpMigration(file: string): string {
  const head = fs.readFileSync(file, 'utf8').slice(0, 1000).split('\n');
  const line = head.find((l) => l.startsWith('-- migration: '));
  if (!line) throw new CliError(`${file} has no migration line: it is not a complete Hamsafar SQL dump.`);
  return line.slice('-- migration: '.length).trim();
}

/** The migration a SQL dump was taken at, refused before the target is touched when this code does not know it. */
async function restorableMigration(file: string): Promise<string> {
  const migration = readSqlDumpMigration(file);
  if (!(await knownMigrations()).includes(migration)) {
    throw new CliError(`The dump was taken at migration ${migration}, which this version of Hamsafar does not know: restore it with the version that made it.`);
  }
  return migration;
}

/** Loads a dump written by `writeSqlDump` into an empty database, in one transaction. */
export async function loadSqlDump(db: Executor, file: string): Promise<number> {
  await migrateTo(db, await restorableMigration(file));
  let statements = 0;
  await db.transaction().execute(async (trx) => {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    for (const line of lines) {
      if (line === '' || line.startsWith('--') || line === 'BEGIN;' || line === 'COMMIT;') continue;
      await sql.raw(line).execute(trx);
      statements++;
    }
  });
  // Later migrations bring the restored data up to this version of the schema.
  await migrateToLatest(db);
  return statements;
}

export async function backupCommand(ctx: CommandContext, options: { out: string; format?: BackupFormat }): Promise<number> {
  const { config, out } = ctx;
  const embedded = !config.databaseUrl;
  const format: BackupFormat = options.format ?? (embedded ? 'pglite' : commandOnPath('pg_dump') ? 'pg_dump' : 'sql');
  const file = path.resolve(options.out);
  if (fs.existsSync(file)) throw new CliError(`${file} exists already; choose a new file name.`);
  fs.mkdirSync(path.dirname(file), { recursive: true });

  if (format === 'pglite') {
    if (!embedded) throw new CliError('--format pglite backs up the embedded database only; with DATABASE_URL use pg_dump or sql.');
    if (!embeddedHoldsData(config.dataDir)) throw new CliError(`There is no embedded database in ${config.dataDir}.`);
    const release = lockOrExplain(config.dataDir);
    try {
      const pglite = await PGlite.create(pgdataOf(config.dataDir));
      try {
        const archive = await pglite.dumpDataDir('gzip');
        fs.writeFileSync(file, Buffer.from(await archive.arrayBuffer()), { mode: 0o600 });
      } finally {
        await pglite.close();
      }
    } finally {
      release();
    }
    out.info(`Wrote the embedded database folder as a PGlite archive to ${file} (${fs.statSync(file).size} bytes).`);
  } else if (format === 'pg_dump') {
    if (embedded) throw new CliError('pg_dump needs a PostgreSQL server (DATABASE_URL); for the embedded database use --format pglite or sql.');
    if (!commandOnPath('pg_dump')) throw new CliError('pg_dump is not on PATH: install the PostgreSQL client, or use --format sql.');
    const result = spawnSync('pg_dump', ['--format=plain', '--no-owner', '--no-privileges', '--file', file, config.databaseUrl!], { encoding: 'utf8' });
    if (result.status !== 0) {
      fs.rmSync(file, { force: true });
      throw new CliError(`pg_dump failed:\n${result.stderr.trim()}\n(A pg_dump older than the server refuses to run: use --format sql.)`);
    }
    fs.chmodSync(file, 0o600);
    out.info(`Wrote a pg_dump SQL dump to ${file} (${fs.statSync(file).size} bytes).`);
  } else {
    const { tables, rows } = await withDatabase(config, (db) => writeSqlDump(db, file));
    out.info(`Wrote a Hamsafar SQL dump of ${rows} rows in ${tables} tables to ${file}.`);
  }
  out.info(
    `Also keep, separately: the master key (${config.masterKey ? 'MASTER_KEY' : config.masterKeyFile}), without which encrypted fields ` +
      `cannot be read, and the uploaded files in ${path.join(config.dataDir, 'files')}.`,
  );
  return 0;
}

function lockOrExplain(dataDir: string): () => void {
  try {
    return lockDataDir(path.resolve(dataDir));
  } catch (error) {
    throw new CliError(
      `${(error as Error).message}\nThe CLI cannot back up or restore the embedded database while the server runs on it: stop the server first.`,
      2,
    );
  }
}

function detectFormat(file: string): BackupFormat {
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(200);
  const read = fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);
  const bytes = head.subarray(0, read);
  if (bytes.subarray(0, 2).equals(GZIP_MAGIC)) return 'pglite';
  const text = bytes.toString('utf8');
  if (text.startsWith(SQL_DUMP_HEADER)) return 'sql';
  if (text.replace(/^--\s*\n/, '').startsWith(PG_DUMP_HEADER)) return 'pg_dump';
  throw new CliError(`${file} is not a Hamsafar backup (neither a PGlite archive, a Hamsafar SQL dump nor a pg_dump plain SQL file).`);
}

async function postgresIsEmpty(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`);
    return rows[0].n === 0;
  } finally {
    await client.end();
  }
}

/**
 * Drops every table of the public schema. Not the schema itself: on Citus the extension keeps two of
 * its views there, and dropping the schema would try to take the extension with it.
 */
async function clearPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`,
    );
    if (rows.length) await client.query(`DROP TABLE ${rows.map((r) => quoteIdent(r.name)).join(', ')} CASCADE`);
  } finally {
    await client.end();
  }
}

/** On a Citus coordinator a restored schema is distributed, as `distribute` does: the rows move into the workers' shards. */
async function distributeRestored(ctx: CommandContext): Promise<void> {
  await withDatabase(ctx.config, async (db) => {
    if (!(await citusCoordinator(db))) return;
    try {
      const report = await distributeSchema(db);
      ctx.out.info(
        `Distributed the restored schema over ${report.workers} workers: ${report.distributedTables.length} tenant tables, ` +
          `${report.referenceTables.length} reference tables; ${report.liftedForeignKeys} foreign keys lifted and created again.`,
      );
    } catch (error) {
      if (error instanceof DistributionError) throw new CliError(`The data is restored, but not distributed: ${error.message}`);
      throw error;
    }
  });
}

export async function restoreCommand(ctx: CommandContext, options: { in: string; force?: boolean }): Promise<number> {
  const { config, out } = ctx;
  const file = path.resolve(options.in);
  if (!fs.existsSync(file)) throw new CliError(`No file ${file}.`);
  const format = detectFormat(file);
  if (format === 'sql') await restorableMigration(file);
  const refuse = (where: string) =>
    new CliError(`${where} already holds a database. Restore into an empty target, or add --force to replace it (that deletes the data there).`);

  if (!config.databaseUrl) {
    if (format === 'pg_dump') throw new CliError('A pg_dump file restores into PostgreSQL: set DATABASE_URL (or restore a PGlite archive or a Hamsafar SQL dump here).');
    const release = lockOrExplain(config.dataDir);
    try {
      const pgdata = pgdataOf(config.dataDir);
      if (embeddedHoldsData(config.dataDir)) {
        if (!options.force) throw refuse(pgdata);
        // Kept aside rather than deleted, so a mistaken --force can be undone by hand.
        const aside = `${pgdata}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`;
        fs.renameSync(pgdata, aside);
        out.info(`Moved the existing database aside to ${aside}.`);
      } else {
        fs.rmSync(pgdata, { recursive: true, force: true });
      }
      if (format === 'pglite') {
        const pglite = await PGlite.create(pgdata, { loadDataDir: new Blob([fs.readFileSync(file)]) });
        await pglite.query('SELECT 1');
        await pglite.close();
      }
    } finally {
      release();
    }
    if (format === 'sql') await withDatabase(config, (db) => loadSqlDump(db, file));
  } else {
    if (format === 'pglite') throw new CliError('A PGlite archive restores into the embedded database only: unset DATABASE_URL and set DATA_DIR.');
    if (!(await postgresIsEmpty(config.databaseUrl))) {
      if (!options.force) throw refuse('The PostgreSQL database');
      await clearPostgres(config.databaseUrl);
      out.info('Dropped the existing tables of the PostgreSQL database.');
    }
    if (format === 'pg_dump') {
      if (!commandOnPath('psql')) throw new CliError('Restoring a pg_dump file needs psql on PATH (the PostgreSQL client).');
      const result = spawnSync('psql', ['--quiet', '--no-psqlrc', '-v', 'ON_ERROR_STOP=1', '--single-transaction', '-f', file, config.databaseUrl], {
        encoding: 'utf8',
      });
      if (result.status !== 0) throw new CliError(`psql failed:\n${result.stderr.trim()}`);
    } else {
      await withDatabase(config, (db) => loadSqlDump(db, file));
    }
    await distributeRestored(ctx);
  }
  const summary = await summarise(config);
  out.info(`Restored ${path.basename(file)} (${format}): ${summary}.`);
  out.info('Run verify-audit to check the audit chains, and put back the master key and the uploaded files of the same backup.');
  return 0;
}

async function summarise(config: CommandContext['config']): Promise<string> {
  const handle = await openConfiguredDatabase(config);
  try {
    const networks = await handle.db.selectFrom('networks').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const users = await handle.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return `${networks.n} network(s), ${users.n} user(s), migration ${await currentMigration(handle.db)}`;
  } finally {
    await handle.close();
  }
}
