import { type Kysely, sql } from 'kysely';

/**
 * Number of cases per organisation and status, maintained on every write that creates a case or
 * changes its status or owner, so that case lists answer their total without counting rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE protection_case_counts (
      network_id uuid NOT NULL,
      organisation_id uuid NOT NULL,
      status text NOT NULL,
      cases integer NOT NULL,
      PRIMARY KEY (network_id, organisation_id, status),
      FOREIGN KEY (network_id, organisation_id) REFERENCES organisations (network_id, id)
    );
    INSERT INTO protection_case_counts (network_id, organisation_id, status, cases)
    SELECT network_id, owner_organisation_id, status, count(*) FROM protection_cases GROUP BY 1, 2, 3;
  `.execute(db);
}
