import { type Kysely, sql } from 'kysely';

/**
 * Platform tables. Tenant-owned tables key on (network_id, id) and reference each other with
 * network_id in the foreign key, so a Citus deployment can co-locate them by network_id.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE networks (
      id uuid PRIMARY KEY,
      network_id uuid NOT NULL UNIQUE CHECK (network_id = id),
      code text NOT NULL UNIQUE,
      name_en text NOT NULL,
      name_ur text NOT NULL,
      settings jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE organisations (
      network_id uuid NOT NULL REFERENCES networks (id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      name_en text NOT NULL,
      name_ur text NOT NULL,
      acronym text,
      type text NOT NULL,
      htcds_org_type text NOT NULL,
      province text,
      services text[] NOT NULL DEFAULT '{}',
      is_demo boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, name_en)
    );

    CREATE TABLE users (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      organisation_id uuid NOT NULL,
      email text NOT NULL CHECK (email = lower(email)),
      display_name text NOT NULL,
      password_hash text,
      status text NOT NULL CHECK (status IN ('invited', 'active', 'disabled')),
      failed_logins integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      mfa_secret text,
      mfa_pending_secret text,
      mfa_enabled boolean NOT NULL DEFAULT false,
      language text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'ur')),
      last_login_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, email),
      FOREIGN KEY (network_id, organisation_id) REFERENCES organisations (network_id, id)
    );
    CREATE INDEX users_email ON users (email);

    CREATE TABLE mfa_recovery_codes (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL,
      code_hash text NOT NULL,
      used_at timestamptz,
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, user_id) REFERENCES users (network_id, id) ON DELETE CASCADE
    );

    CREATE TABLE roles (
      network_id uuid NOT NULL REFERENCES networks (id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      key text NOT NULL,
      name_en text NOT NULL,
      name_ur text NOT NULL,
      grants text[] NOT NULL DEFAULT '{}',
      mfa_required boolean NOT NULL DEFAULT false,
      builtin boolean NOT NULL DEFAULT false,
      version integer NOT NULL DEFAULT 1,
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, key)
    );

    CREATE TABLE user_roles (
      network_id uuid NOT NULL,
      user_id uuid NOT NULL,
      role_id uuid NOT NULL,
      PRIMARY KEY (network_id, user_id, role_id),
      FOREIGN KEY (network_id, user_id) REFERENCES users (network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, role_id) REFERENCES roles (network_id, id) ON DELETE CASCADE
    );

    CREATE TABLE sessions (
      network_id uuid NOT NULL,
      id text NOT NULL,
      user_id uuid NOT NULL,
      csrf_token text NOT NULL,
      state text NOT NULL CHECK (state IN ('active', 'mfa_pending', 'mfa_enrolment')),
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      ip text,
      user_agent text,
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, user_id) REFERENCES users (network_id, id) ON DELETE CASCADE
    );

    CREATE TABLE user_tokens (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('invitation', 'password_reset')),
      token_hash text NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, token_hash),
      FOREIGN KEY (network_id, user_id) REFERENCES users (network_id, id) ON DELETE CASCADE
    );

    -- Append-only: no UPDATE or DELETE is ever issued on it, and each entry hashes the previous one.
    CREATE TABLE audit_log (
      network_id uuid NOT NULL,
      seq bigint NOT NULL,
      at timestamptz NOT NULL,
      actor_user_id uuid,
      actor_organisation_id uuid,
      action text NOT NULL,
      entity text NOT NULL,
      entity_id text,
      fields text[] NOT NULL DEFAULT '{}',
      ip text,
      user_agent text,
      prev_hash text NOT NULL,
      hash text NOT NULL,
      PRIMARY KEY (network_id, seq)
    );
    CREATE INDEX audit_log_entity ON audit_log (network_id, entity, entity_id);
    CREATE INDEX audit_log_at ON audit_log (network_id, at);

    CREATE TABLE audit_heads (
      network_id uuid PRIMARY KEY,
      seq bigint NOT NULL,
      hash text NOT NULL
    );

    CREATE TABLE mail_outbox (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      to_address text NOT NULL,
      subject text NOT NULL,
      body_text text NOT NULL,
      attachments jsonb NOT NULL DEFAULT '[]',
      status text NOT NULL CHECK (status IN ('held', 'pending', 'sent', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz,
      PRIMARY KEY (network_id, id)
    );
    CREATE INDEX mail_outbox_created ON mail_outbox (network_id, created_at DESC);
    CREATE INDEX mail_outbox_pending ON mail_outbox (status) WHERE status = 'pending';

    CREATE TABLE notifications (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL,
      kind text NOT NULL,
      params jsonb NOT NULL DEFAULT '{}',
      link text,
      read_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, user_id) REFERENCES users (network_id, id) ON DELETE CASCADE
    );
    CREATE INDEX notifications_user ON notifications (network_id, user_id, created_at DESC);

    CREATE TABLE notification_preferences (
      network_id uuid NOT NULL,
      user_id uuid NOT NULL,
      kind text NOT NULL,
      in_app boolean NOT NULL,
      email boolean NOT NULL,
      PRIMARY KEY (network_id, user_id, kind),
      FOREIGN KEY (network_id, user_id) REFERENCES users (network_id, id) ON DELETE CASCADE
    );

    -- Platform-owned (not per network): the job queue every server polls.
    CREATE TABLE jobs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL,
      payload jsonb NOT NULL DEFAULT '{}',
      dedupe_key text UNIQUE,
      run_at timestamptz NOT NULL DEFAULT now(),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      max_attempts integer NOT NULL DEFAULT 5,
      locked_until timestamptz,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz
    );
    CREATE INDEX jobs_due ON jobs (run_at) WHERE status IN ('pending', 'running');

    CREATE TABLE job_schedules (
      kind text PRIMARY KEY,
      interval_seconds integer NOT NULL CHECK (interval_seconds > 0),
      next_run_at timestamptz NOT NULL
    );

    CREATE TABLE files (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      organisation_id uuid NOT NULL,
      uploaded_by uuid NOT NULL,
      name text NOT NULL,
      content_type text NOT NULL,
      size bigint NOT NULL,
      sha256 text NOT NULL,
      sensitive boolean NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id)
    );

    CREATE TABLE network_keys (
      network_id uuid PRIMARY KEY REFERENCES networks (id),
      wrapped_data_key text NOT NULL,
      wrapped_index_key text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      rewrapped_at timestamptz
    );

    -- Reference data shared by every network (Citus reference tables).
    CREATE TABLE gcm_objectives (number integer PRIMARY KEY, title text NOT NULL);
    CREATE TABLE gcm_guiding_principles (number integer PRIMARY KEY, title text NOT NULL);
    CREATE TABLE sdg_targets (code text PRIMARY KEY, title text NOT NULL);
    CREATE TABLE sdg_indicators (code text PRIMARY KEY, title text NOT NULL);
    CREATE TABLE mmptf_thematic_areas (number integer PRIMARY KEY, title text NOT NULL);
    CREATE TABLE budget_categories (number integer PRIMARY KEY, title text NOT NULL);
    CREATE TABLE subdivisions (iso text PRIMARY KEY, name text NOT NULL, type text NOT NULL);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  throw new Error('Hamsafar migrations are forward-only; restore a backup to go back.');
}
