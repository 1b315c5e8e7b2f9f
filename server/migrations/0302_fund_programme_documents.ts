import { type Kysely, sql } from 'kysely';

/** Documents uploaded to a programme (proposal, agreement, reports), beside the generated IATI and annual reports. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE fund_programme_documents (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      programme_id uuid NOT NULL,
      file_id uuid NOT NULL,
      title text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('proposal', 'agreement', 'report', 'other')),
      uploaded_by uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, programme_id) REFERENCES fund_programmes (network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, file_id) REFERENCES files (network_id, id),
      FOREIGN KEY (network_id, uploaded_by) REFERENCES users (network_id, id)
    );
    CREATE INDEX fund_programme_documents_programme ON fund_programme_documents (network_id, programme_id, created_at);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Hamsafar migrations are forward-only.');
}
