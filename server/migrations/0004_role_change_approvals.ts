import { type Kysely, sql } from 'kysely';

/**
 * A change to a role that opens protection data waits for a second network admin, and a TOTP
 * step once used is refused (RFC 6238 §5.2), so each user remembers the last step accepted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE users ADD COLUMN mfa_last_step integer`.execute(db);
  await sql`
    CREATE TABLE role_change_requests (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      role_id uuid NOT NULL,
      -- The role version the proposer read: approval applies only onto that version.
      base_version integer NOT NULL,
      grants text[] NOT NULL,
      mfa_required boolean NOT NULL,
      proposed_by uuid NOT NULL,
      proposed_at timestamptz NOT NULL DEFAULT now(),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
      decided_by uuid,
      decided_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, role_id) REFERENCES roles (network_id, id),
      FOREIGN KEY (network_id, proposed_by) REFERENCES users (network_id, id),
      FOREIGN KEY (network_id, decided_by) REFERENCES users (network_id, id)
    )
  `.execute(db);
  await sql`CREATE INDEX role_change_requests_pending ON role_change_requests (network_id, proposed_at) WHERE status = 'pending'`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Hamsafar migrations are forward-only.');
}
