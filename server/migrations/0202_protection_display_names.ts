import { type Kysely, sql } from 'kysely';

/**
 * A person's name as case lists show it (first and family name), sealed as one value, so that a
 * page of 50 cases opens 50 ciphertexts instead of 100. Persons written before this migration
 * get theirs from the job `protection.display-names`, which needs the network keys that SQL has not.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE protection_persons ADD COLUMN display_name_enc text`.execute(db);
  await sql`
    INSERT INTO jobs (kind, dedupe_key)
    SELECT 'protection.display-names', 'protection.display-names'
    WHERE EXISTS (SELECT 1 FROM protection_persons WHERE first_name_enc IS NOT NULL OR second_name_enc IS NOT NULL)
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Hamsafar migrations are forward-only.');
}
