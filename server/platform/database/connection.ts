import path from 'node:path';
import { Kysely, PostgresDialect, type KyselyConfig } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import type { Database } from './schema';
import { citusCoordinator } from './distribution';
import { lockDataDir } from './lock';
import { WriteWatch } from './write-watch';

/** PGlite in-process, one PostgreSQL server, or the coordinator of a Citus cluster. */
export type DatabaseMode = 'embedded' | 'postgres' | 'citus';

export type DatabaseStatus = { mode: 'embedded' | 'postgres' } | { mode: 'citus'; workers: number };

/** The mode, and on Citus the workers active now: an operator may add one while the server runs. */
export async function databaseStatus(db: Kysely<Database>, mode: DatabaseMode): Promise<DatabaseStatus> {
  if (mode !== 'citus') return { mode };
  return { mode, workers: (await citusCoordinator(db))?.workers ?? 0 };
}

/** Runs a read whose statements cannot write: a guard against a read that writes by mistake. */
export type ReadOnly = <T>(work: (db: Kysely<Database>) => Promise<T>) => Promise<T>;

export interface DatabaseHandle {
  db: Kysely<Database>;
  mode: DatabaseMode;
  readOnly: ReadOnly;
  /** Writes made through `db`, for what the process caches about a table. */
  writes: WriteWatch;
  close(): Promise<void>;
}

// int8 (counts, sequences) fits in a JS number for every figure this system keeps.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));
// `date` columns stay 'YYYY-MM-DD' strings: a calendar date has no time zone.
pg.types.setTypeParser(1082, (value) => value);

export interface OpenOptions {
  databaseUrl?: string;
  /** Embedded folder, or 'memory://' for a throw-away database (tests). */
  dataDir?: string;
  poolSize?: number;
  /** Kysely's query log, for benchmarks that capture the SQL a request sends. */
  log?: KyselyConfig['log'];
}

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const writes = new WriteWatch();
    const db = serverDatabase(options.databaseUrl, options, '').withPlugin(writes);
    // Reads go through their own connections on which every statement is read-only, so a read
    // needs no BEGIN and COMMIT of its own, and its statements can run side by side.
    const reader = serverDatabase(options.databaseUrl, options, '-c default_transaction_read_only=on');
    const close = async () => {
      await reader.destroy();
      await db.destroy();
    };
    try {
      const mode = (await citusCoordinator(db)) ? 'citus' : 'postgres';
      return { db, mode, readOnly: (work) => work(reader), writes, close };
    } catch (error) {
      await close();
      throw error;
    }
  }
  const dataDir = options.dataDir ?? './data';
  const inMemory = dataDir.startsWith('memory://');
  const release = inMemory ? () => {} : lockDataDir(path.resolve(dataDir));
  try {
    const pglite = await PGlite.create(inMemory ? dataDir : path.resolve(dataDir, 'pgdata'));
    const pool = new pg.Pool({ ...createPgConfig(pglite), idleTimeoutMillis: 0 } as pg.PoolConfig);
    const writes = new WriteWatch();
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [writes] });
    return {
      db,
      mode: 'embedded',
      writes,
      // PGlite is one session shared by every pool client, so a session setting would bind the writers too.
      readOnly: (work) => db.transaction().setAccessMode('read only').execute(work),
      close: async () => {
        await db.destroy();
        await pglite.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

function serverDatabase(connectionString: string, options: OpenOptions, sessionOptions: string): Kysely<Database> {
  const pool = new pg.Pool({ connectionString, max: options.poolSize ?? 10, options: sessionOptions || undefined });
  // An idle connection the server ends (restart, admin termination) is dropped from the pool and
  // replaced on next use; unhandled, the pool's 'error' event would stop the whole process.
  pool.on('error', (error) => console.warn(`database connection lost: ${error.message}`));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: options.log });
}
