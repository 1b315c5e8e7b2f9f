import { type Kysely, sql } from 'kysely';

/**
 * Network module: membership (historical, one row per period), applications, governance documents,
 * working groups, meetings with agenda, attendance and minutes, decisions with their per-year
 * counter, action points, and the joint workplan.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE network_memberships (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      organisation_id uuid NOT NULL,
      role text NOT NULL CHECK (role IN ('chair', 'secretariat', 'member', 'observer')),
      sector text,
      joined_on date NOT NULL,
      left_on date,
      focal_point_user_id uuid,
      alternate_user_id uuid,
      gcm_objectives integer[] NOT NULL DEFAULT '{}',
      provinces text[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      PRIMARY KEY (network_id, id),
      CHECK (left_on IS NULL OR left_on >= joined_on),
      FOREIGN KEY (network_id, organisation_id) REFERENCES organisations (network_id, id),
      FOREIGN KEY (network_id, focal_point_user_id) REFERENCES users (network_id, id),
      FOREIGN KEY (network_id, alternate_user_id) REFERENCES users (network_id, id)
    );
    CREATE INDEX network_memberships_org ON network_memberships (network_id, organisation_id);

    CREATE TABLE membership_applications (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      organisation_id uuid NOT NULL,
      requested_role text NOT NULL CHECK (requested_role IN ('member', 'observer')),
      sector text,
      motivation text NOT NULL,
      gcm_objectives integer[] NOT NULL DEFAULT '{}',
      provinces text[] NOT NULL DEFAULT '{}',
      focal_point_user_id uuid,
      status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'under_review', 'approved', 'rejected')),
      submitted_by uuid NOT NULL,
      review_note text,
      reviewed_by uuid,
      reviewed_at timestamptz,
      decided_by uuid,
      decided_at timestamptz,
      decision_reason text,
      membership_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, organisation_id) REFERENCES organisations (network_id, id),
      FOREIGN KEY (network_id, submitted_by) REFERENCES users (network_id, id),
      FOREIGN KEY (network_id, focal_point_user_id) REFERENCES users (network_id, id)
    );

    CREATE TABLE working_groups (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      name_en text NOT NULL,
      name_ur text NOT NULL,
      description text NOT NULL DEFAULT '',
      gcm_objectives integer[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, name_en)
    );

    CREATE TABLE working_group_members (
      network_id uuid NOT NULL,
      working_group_id uuid NOT NULL,
      organisation_id uuid NOT NULL,
      PRIMARY KEY (network_id, working_group_id, organisation_id),
      FOREIGN KEY (network_id, working_group_id) REFERENCES working_groups (network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, organisation_id) REFERENCES organisations (network_id, id)
    );

    CREATE TABLE working_group_co_chairs (
      network_id uuid NOT NULL,
      working_group_id uuid NOT NULL,
      user_id uuid NOT NULL,
      PRIMARY KEY (network_id, working_group_id, user_id),
      FOREIGN KEY (network_id, working_group_id) REFERENCES working_groups (network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, user_id) REFERENCES users (network_id, id)
    );

    CREATE TABLE governance_documents (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      kind text NOT NULL CHECK (kind IN ('terms_of_reference', 'governance', 'working_group_tor')),
      title text NOT NULL,
      working_group_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      CHECK ((kind = 'working_group_tor') = (working_group_id IS NOT NULL)),
      FOREIGN KEY (network_id, working_group_id) REFERENCES working_groups (network_id, id)
    );

    CREATE TABLE governance_document_versions (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      document_id uuid NOT NULL,
      number integer NOT NULL,
      file_id uuid NOT NULL,
      note text,
      is_current boolean NOT NULL DEFAULT false,
      uploaded_by uuid NOT NULL,
      uploaded_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, document_id, number),
      FOREIGN KEY (network_id, document_id) REFERENCES governance_documents (network_id, id),
      FOREIGN KEY (network_id, file_id) REFERENCES files (network_id, id)
    );

    CREATE TABLE meetings (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      kind text NOT NULL CHECK (kind IN ('network', 'working_group', 'steering_committee')),
      working_group_id uuid,
      title_en text NOT NULL,
      title_ur text,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      location text,
      online_url text,
      is_public boolean NOT NULL DEFAULT false,
      status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'held', 'cancelled')),
      minutes_status text NOT NULL DEFAULT 'draft' CHECK (minutes_status IN ('draft', 'circulated', 'approved')),
      minutes_circulated_at timestamptz,
      minutes_approved_at timestamptz,
      minutes_approved_by uuid,
      ics_sequence integer NOT NULL DEFAULT 0,
      created_by uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      PRIMARY KEY (network_id, id),
      CHECK (ends_at > starts_at),
      CHECK ((kind = 'working_group') = (working_group_id IS NOT NULL)),
      FOREIGN KEY (network_id, working_group_id) REFERENCES working_groups (network_id, id)
    );
    CREATE INDEX meetings_starts ON meetings (network_id, starts_at);

    CREATE TABLE meeting_agenda_items (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      meeting_id uuid NOT NULL,
      position integer NOT NULL,
      title text NOT NULL,
      presenter text,
      minutes text NOT NULL DEFAULT '',
      version integer NOT NULL DEFAULT 1,
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, meeting_id) REFERENCES meetings (network_id, id) ON DELETE CASCADE
    );

    CREATE TABLE meeting_invitations (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      meeting_id uuid NOT NULL,
      organisation_id uuid NOT NULL,
      user_id uuid,
      email text NOT NULL,
      invited_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, meeting_id, email),
      FOREIGN KEY (network_id, meeting_id) REFERENCES meetings (network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, organisation_id) REFERENCES organisations (network_id, id)
    );

    CREATE TABLE meeting_attendance (
      network_id uuid NOT NULL,
      meeting_id uuid NOT NULL,
      organisation_id uuid NOT NULL,
      attendees text NOT NULL DEFAULT '',
      PRIMARY KEY (network_id, meeting_id, organisation_id),
      FOREIGN KEY (network_id, meeting_id) REFERENCES meetings (network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, organisation_id) REFERENCES organisations (network_id, id)
    );

    CREATE TABLE minutes_comments (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      meeting_id uuid NOT NULL,
      agenda_item_id uuid,
      author_user_id uuid NOT NULL,
      body text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, meeting_id) REFERENCES meetings (network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, author_user_id) REFERENCES users (network_id, id)
    );

    -- Corrections to approved minutes: the approved text never changes, amendments are numbered.
    CREATE TABLE minutes_amendments (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      meeting_id uuid NOT NULL,
      agenda_item_id uuid NOT NULL,
      number integer NOT NULL,
      text text NOT NULL,
      reason text NOT NULL,
      created_by uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, meeting_id, number),
      FOREIGN KEY (network_id, agenda_item_id) REFERENCES meeting_agenda_items (network_id, id)
    );

    -- One row per network and year; incremented with an upsert that locks the row.
    CREATE TABLE decision_counters (
      network_id uuid NOT NULL,
      year integer NOT NULL,
      last_number integer NOT NULL,
      PRIMARY KEY (network_id, year)
    );

    CREATE TABLE decisions (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      meeting_id uuid NOT NULL,
      number text NOT NULL,
      year integer NOT NULL,
      sequence integer NOT NULL,
      text_en text NOT NULL,
      text_ur text,
      gcm_objectives integer[] NOT NULL DEFAULT '{}',
      created_by uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, number),
      FOREIGN KEY (network_id, meeting_id) REFERENCES meetings (network_id, id)
    );

    CREATE TABLE action_points (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      title text NOT NULL,
      description text NOT NULL DEFAULT '',
      meeting_id uuid,
      decision_id uuid,
      working_group_id uuid,
      owner_organisation_id uuid NOT NULL,
      responsible_user_id uuid,
      responsible_name text,
      due_date date NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'dropped')),
      gcm_objectives integer[] NOT NULL DEFAULT '{}',
      completed_at timestamptz,
      overdue_notified_at timestamptz,
      created_by uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, owner_organisation_id) REFERENCES organisations (network_id, id),
      FOREIGN KEY (network_id, responsible_user_id) REFERENCES users (network_id, id),
      FOREIGN KEY (network_id, meeting_id) REFERENCES meetings (network_id, id),
      FOREIGN KEY (network_id, decision_id) REFERENCES decisions (network_id, id),
      FOREIGN KEY (network_id, working_group_id) REFERENCES working_groups (network_id, id)
    );
    CREATE INDEX action_points_due ON action_points (due_date) WHERE status IN ('open', 'in_progress') AND overdue_notified_at IS NULL;
    CREATE INDEX action_points_owner ON action_points (network_id, owner_organisation_id);

    CREATE TABLE action_point_updates (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      action_point_id uuid NOT NULL,
      author_user_id uuid NOT NULL,
      status text NOT NULL,
      note text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, action_point_id) REFERENCES action_points (network_id, id) ON DELETE CASCADE
    );

    CREATE TABLE workplan_items (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      kind text NOT NULL CHECK (kind IN ('output', 'activity')),
      parent_id uuid,
      title_en text NOT NULL,
      title_ur text,
      description text NOT NULL DEFAULT '',
      lead_organisation_id uuid NOT NULL,
      starts_on date NOT NULL,
      ends_on date NOT NULL,
      status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'completed', 'delayed', 'cancelled')),
      progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
      gcm_objectives integer[] NOT NULL DEFAULT '{}',
      guiding_principles integer[] NOT NULL DEFAULT '{}',
      sdg_targets text[] NOT NULL DEFAULT '{}',
      working_group_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      PRIMARY KEY (network_id, id),
      CHECK (ends_on >= starts_on),
      CHECK ((kind = 'output') = (parent_id IS NULL)),
      FOREIGN KEY (network_id, parent_id) REFERENCES workplan_items (network_id, id),
      FOREIGN KEY (network_id, lead_organisation_id) REFERENCES organisations (network_id, id),
      FOREIGN KEY (network_id, working_group_id) REFERENCES working_groups (network_id, id)
    );

    CREATE TABLE workplan_partners (
      network_id uuid NOT NULL,
      workplan_item_id uuid NOT NULL,
      organisation_id uuid NOT NULL,
      PRIMARY KEY (network_id, workplan_item_id, organisation_id),
      FOREIGN KEY (network_id, workplan_item_id) REFERENCES workplan_items (network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, organisation_id) REFERENCES organisations (network_id, id)
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Hamsafar migrations are forward-only; restore a backup to go back.');
}
