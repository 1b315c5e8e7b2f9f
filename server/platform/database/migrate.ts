import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import { citusCoordinator, placeTables, preparePlacementTransaction, schemaIsDistributed } from './distribution';

const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

/** The one migration set: every `NNNN_name.ts` file in server/migrations, in name order. */
class MigrationFolder implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const names = (await fs.readdir(MIGRATIONS_DIR)).filter((f) => /^\d{4}_.+\.ts$/.test(f)).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of names) {
      migrations[file.replace(/\.ts$/, '')] = await import(path.join(MIGRATIONS_DIR, file));
    }
    return migrations;
  }
}

export const MIGRATIONS: MigrationProvider = new MigrationFolder();

/**
 * On a distributed Citus schema each migration places the tables it creates (distributed with
 * their network, or copied to every node) in its own transaction, so a deployment never holds
 * a tenant table that only the coordinator has.
 */
class PlacingMigrations implements MigrationProvider {
  constructor(private readonly migrations: MigrationProvider) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const placed: Record<string, Migration> = {};
    for (const [name, migration] of Object.entries(await this.migrations.getMigrations())) {
      placed[name] = {
        up: async (trx) => {
          await preparePlacementTransaction(trx);
          await migration.up(trx);
          await placeTables(trx);
        },
      };
    }
    return placed;
  }
}

async function migrator(db: Kysely<any>, migrations: MigrationProvider): Promise<Migrator> {
  const placing = (await citusCoordinator(db)) !== null && (await schemaIsDistributed(db));
  // Modules own number ranges (network 01xx, protection 02xx…), so a module's new migration may sort
  // before another module's applied one: apply it rather than refuse the database.
  return new Migrator({ db, provider: placing ? new PlacingMigrations(migrations) : migrations, allowUnorderedMigrations: true });
}

/** Applies every pending migration; `migrations` is the project's set except in tests that add their own. */
export async function migrateToLatest(db: Kysely<any>, migrations: MigrationProvider = MIGRATIONS): Promise<string[]> {
  const { error, results } = await (await migrator(db, migrations)).migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Migrates up to and including `name` (a restore loads a dump into the schema it was taken from). */
export async function migrateTo(db: Kysely<any>, name: string): Promise<void> {
  const { error } = await (await migrator(db, MIGRATIONS)).migrateTo(name);
  if (error) throw error;
}

/** Names of every migration this code knows, in order. */
export async function knownMigrations(): Promise<string[]> {
  return Object.keys(await MIGRATIONS.getMigrations());
}

/** Name of the newest applied migration, or null on an empty database. */
export async function currentMigration(db: Kysely<any>): Promise<string | null> {
  const all = await new Migrator({ db, provider: MIGRATIONS }).getMigrations();
  const applied = all.filter((m) => m.executedAt);
  return applied.length ? applied[applied.length - 1].name : null;
}
