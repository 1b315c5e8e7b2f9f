import { type Kysely, sql } from 'kysely';

/**
 * IATI publishing (activities module, issue 11): an organisation says whether it publishes to IATI
 * and gives its IATI organisation identifier (registration agency prefix + id, e.g. XM-DAC-47066).
 * The IATI activity export is offered only for an organisation that publishes, so publishing needs
 * the identifier. Adding columns to a distributed table is portable to Citus.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE organisations
      ADD COLUMN iati_organisation_id text,
      ADD COLUMN publishes_to_iati boolean NOT NULL DEFAULT false,
      ADD CONSTRAINT organisations_iati_publisher_identified CHECK (NOT publishes_to_iati OR iati_organisation_id IS NOT NULL)
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Hamsafar migrations are forward-only.');
}
