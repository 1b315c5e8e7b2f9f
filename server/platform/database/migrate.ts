import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';

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

function migrator(db: Kysely<any>): Migrator {
  // Modules own number ranges (network 01xx, protection 02xx…), so a module's new migration may sort
  // before another module's applied one: apply it rather than refuse the database.
  return new Migrator({ db, provider: new MigrationFolder(), allowUnorderedMigrations: true });
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Migrates up to and including `name` (a restore loads a dump into the schema it was taken from). */
export async function migrateTo(db: Kysely<any>, name: string): Promise<void> {
  const { error } = await migrator(db).migrateTo(name);
  if (error) throw error;
}

/** Names of every migration this code knows, in order. */
export async function knownMigrations(): Promise<string[]> {
  return Object.keys(await new MigrationFolder().getMigrations());
}

/** Name of the newest applied migration, or null on an empty database. */
export async function currentMigration(db: Kysely<any>): Promise<string | null> {
  const all = await migrator(db).getMigrations();
  const applied = all.filter((m) => m.executedAt);
  return applied.length ? applied[applied.length - 1].name : null;
}
