import { type Kysely, sql } from 'kysely';

/** Organisation admins and case supervisors list the audit entries of their own organisation. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX audit_log_actor_organisation ON audit_log (network_id, actor_organisation_id, seq DESC)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Hamsafar migrations are forward-only.');
}
