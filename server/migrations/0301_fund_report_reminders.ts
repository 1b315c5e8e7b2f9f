import { type Kysely, sql } from 'kysely';

/** Which annual expenditure reminders were sent, so each is sent once whatever the job's schedule. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE fund_report_reminders (
      network_id uuid NOT NULL,
      programme_id uuid NOT NULL,
      organisation_id uuid NOT NULL,
      year integer NOT NULL,
      stage text NOT NULL CHECK (stage IN ('due', 'overdue')),
      sent_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, programme_id, organisation_id, year, stage),
      FOREIGN KEY (network_id, programme_id, organisation_id) REFERENCES fund_programme_punos (network_id, programme_id, organisation_id)
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Hamsafar migrations are forward-only.');
}
