import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import type { Database } from './schema';
import { citusCoordinator } from './distribution';
import { lockDataDir } from './lock';

/** PGlite in-process, one PostgreSQL server, or the coordinator of a Citus cluster. */
export type DatabaseMode = 'embedded' | 'postgres' | 'citus';

export type DatabaseStatus = { mode: 'embedded' | 'postgres' } | { mode: 'citus'; workers: number };

/** The mode, and on Citus the workers active now: an operator may add one while the server runs. */
export async function databaseStatus(db: Kysely<Database>, mode: DatabaseMode): Promise<DatabaseStatus> {
  if (mode !== 'citus') return { mode };
  return { mode, workers: (await citusCoordinator(db))?.workers ?? 0 };
}

export interface DatabaseHandle {
  db: Kysely<Database>;
  mode: DatabaseMode;
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
}

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle connection the server ends (restart, admin termination) is dropped from the pool and
    // replaced on next use; unhandled, the pool's 'error' event would stop the whole process.
    pool.on('error', (error) => console.warn(`database connection lost: ${error.message}`));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    try {
      return { db, mode: (await citusCoordinator(db)) ? 'citus' : 'postgres', close: () => db.destroy() };
    } catch (error) {
      await db.destroy();
      throw error;
    }
  }
  const dataDir = options.dataDir ?? './data';
  const inMemory = dataDir.startsWith('memory://');
  const release = inMemory ? () => {} : lockDataDir(path.resolve(dataDir));
  try {
    const pglite = await PGlite.create(inMemory ? dataDir : path.resolve(dataDir, 'pgdata'));
    const pool = new pg.Pool({ ...createPgConfig(pglite), idleTimeoutMillis: 0 } as pg.PoolConfig);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      mode: 'embedded',
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
