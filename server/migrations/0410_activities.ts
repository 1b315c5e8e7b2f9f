import { type Kysely, sql } from 'kysely';

// The value lists as they were when this migration was written (common/activities.ts holds the
// current ones): a migration never changes once applied, so it does not import them.
const ACTIVITY_SECTORS = ['protection', 'counter_trafficking', 'labour_migration', 'return_reintegration', 'border_management', 'legal_identity', 'data_evidence', 'climate_mobility', 'migrant_health', 'social_cohesion'];
const ACTIVITY_STATUSES = ['planned', 'ongoing', 'completed', 'suspended'];
const FUNDING_KINDS = ['mmptf', 'other_donor', 'own_funds'];
const SEXES = ['female', 'male', 'other'];
const AGE_BANDS = ['0-17', '18-59', '60+'];
const POPULATION_GROUPS = ['migrants', 'returnees', 'host_community', 'idps'];
const PERIOD_KINDS = ['monthly', 'quarterly'];

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/**
 * Activities (the 5W: who does what, where, when, for whom) against the GCM, with periodic
 * reporting. People targeted and reached are stored as cells (sex × age band × group); every
 * total is derived from them, so totals always add up. Places are admin units of the places
 * module (0400): a unit an activity uses is retired by an import, never deleted, so the key holds.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE activities (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      title_en text NOT NULL,
      title_ur text,
      description_en text NOT NULL DEFAULT '',
      description_ur text,
      lead_organisation_id uuid NOT NULL,
      gcm_objectives integer[] NOT NULL CHECK (cardinality(gcm_objectives) BETWEEN 1 AND 3),
      guiding_principles integer[] NOT NULL DEFAULT '{}',
      sdg_targets text[] NOT NULL DEFAULT '{}',
      sector text NOT NULL CHECK (sector IN (${list(ACTIVITY_SECTORS)})),
      funding_kind text NOT NULL CHECK (funding_kind IN (${list(FUNDING_KINDS)})),
      fund_programme_id uuid,
      donor_name text,
      starts_on date NOT NULL,
      ends_on date NOT NULL,
      status text NOT NULL CHECK (status IN (${list(ACTIVITY_STATUSES)})),
      published boolean NOT NULL DEFAULT false,
      workplan_item_id uuid,
      is_demo boolean NOT NULL DEFAULT false,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      PRIMARY KEY (network_id, id),
      CHECK (ends_on >= starts_on),
      CHECK ((funding_kind = 'mmptf') = (fund_programme_id IS NOT NULL)),
      CHECK ((funding_kind = 'other_donor') = (donor_name IS NOT NULL)),
      FOREIGN KEY (network_id, lead_organisation_id) REFERENCES organisations (network_id, id),
      FOREIGN KEY (network_id, fund_programme_id) REFERENCES fund_programmes (network_id, id),
      FOREIGN KEY (network_id, workplan_item_id) REFERENCES workplan_items (network_id, id),
      FOREIGN KEY (network_id, created_by) REFERENCES users (network_id, id)
    );
    CREATE INDEX activities_lead ON activities (network_id, lead_organisation_id);
    CREATE INDEX activities_workplan ON activities (network_id, workplan_item_id);

    CREATE TABLE activity_places (
      network_id uuid NOT NULL,
      activity_id uuid NOT NULL,
      unit_id uuid NOT NULL,
      PRIMARY KEY (network_id, activity_id, unit_id),
      FOREIGN KEY (network_id, activity_id) REFERENCES activities (network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, unit_id) REFERENCES admin_units (network_id, id)
    );
    CREATE INDEX activity_places_unit ON activity_places (network_id, unit_id);

    CREATE TABLE activity_partners (
      network_id uuid NOT NULL,
      activity_id uuid NOT NULL,
      organisation_id uuid NOT NULL,
      PRIMARY KEY (network_id, activity_id, organisation_id),
      FOREIGN KEY (network_id, activity_id) REFERENCES activities (network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, organisation_id) REFERENCES organisations (network_id, id)
    );

    -- People targeted and reached by the activity as a whole, one row a non-empty cell.
    CREATE TABLE activity_figures (
      network_id uuid NOT NULL,
      activity_id uuid NOT NULL,
      measure text NOT NULL CHECK (measure IN ('targeted', 'reached')),
      sex text NOT NULL CHECK (sex IN (${list(SEXES)})),
      age_band text NOT NULL CHECK (age_band IN (${list(AGE_BANDS)})),
      population_group text NOT NULL CHECK (population_group IN (${list(POPULATION_GROUPS)})),
      people integer NOT NULL CHECK (people >= 0),
      PRIMARY KEY (network_id, activity_id, measure, sex, age_band, population_group),
      FOREIGN KEY (network_id, activity_id) REFERENCES activities (network_id, id) ON DELETE CASCADE
    );

    CREATE TABLE activity_comments (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      activity_id uuid NOT NULL,
      author_id uuid NOT NULL,
      body text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, activity_id) REFERENCES activities (network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, author_id) REFERENCES users (network_id, id)
    );
    CREATE INDEX activity_comments_activity ON activity_comments (network_id, activity_id, created_at);

    -- Locked after the deadline (a date in Pakistan time): computed when read, no job needed.
    CREATE TABLE reporting_periods (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      kind text NOT NULL CHECK (kind IN (${list(PERIOD_KINDS)})),
      starts_on date NOT NULL,
      ends_on date NOT NULL,
      deadline date NOT NULL,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, kind, starts_on),
      CHECK (ends_on >= starts_on),
      CHECK (deadline >= ends_on),
      FOREIGN KEY (network_id, created_by) REFERENCES users (network_id, id)
    );

    CREATE TABLE activity_reports (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      period_id uuid NOT NULL,
      activity_id uuid NOT NULL,
      organisation_id uuid NOT NULL,
      covered_from date NOT NULL,
      covered_to date NOT NULL,
      narrative text NOT NULL DEFAULT '',
      submitted_by uuid,
      submitted_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, period_id, activity_id),
      CHECK (covered_to >= covered_from),
      FOREIGN KEY (network_id, period_id) REFERENCES reporting_periods (network_id, id),
      FOREIGN KEY (network_id, activity_id) REFERENCES activities (network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, organisation_id) REFERENCES organisations (network_id, id),
      FOREIGN KEY (network_id, submitted_by) REFERENCES users (network_id, id)
    );
    CREATE INDEX activity_reports_activity ON activity_reports (network_id, activity_id);

    CREATE TABLE activity_report_figures (
      network_id uuid NOT NULL,
      report_id uuid NOT NULL,
      sex text NOT NULL CHECK (sex IN (${list(SEXES)})),
      age_band text NOT NULL CHECK (age_band IN (${list(AGE_BANDS)})),
      population_group text NOT NULL CHECK (population_group IN (${list(POPULATION_GROUPS)})),
      people integer NOT NULL CHECK (people >= 0),
      PRIMARY KEY (network_id, report_id, sex, age_band, population_group),
      FOREIGN KEY (network_id, report_id) REFERENCES activity_reports (network_id, id) ON DELETE CASCADE
    );

    -- The secretariat reopens one organisation's reporting for a locked period, with a reason, until a date.
    CREATE TABLE reporting_unlocks (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      period_id uuid NOT NULL,
      organisation_id uuid NOT NULL,
      reason text NOT NULL,
      until date NOT NULL,
      unlocked_by uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, period_id) REFERENCES reporting_periods (network_id, id),
      FOREIGN KEY (network_id, organisation_id) REFERENCES organisations (network_id, id),
      FOREIGN KEY (network_id, unlocked_by) REFERENCES users (network_id, id)
    );
    CREATE INDEX reporting_unlocks_period ON reporting_unlocks (network_id, period_id, organisation_id);
  `.execute(db);

  // Networks created before this module get its default grants on their built-in roles; roles a
  // network admin edited keep their edits, only the missing grants are added.
  const roles = await sql<{ network_id: string; id: string; key: string; grants: string[] }>`
    SELECT network_id, id, key, grants FROM roles WHERE builtin AND key IN (${sql.join(Object.keys(GRANTS_AT_0410))})`.execute(db);
  for (const role of roles.rows) {
    const missing = GRANTS_AT_0410[role.key].filter((g) => !role.grants.includes(g));
    if (missing.length === 0) continue;
    await sql`UPDATE roles SET grants = ${[...role.grants, ...missing]}::text[], version = version + 1 WHERE network_id = ${role.network_id} AND id = ${role.id}`.execute(db);
  }
}

const GRANTS_AT_0410: Record<string, string[]> = {
  network_admin: ['activities.read', 'activities.comment', 'activities.periods.manage'],
  chair: ['activities.read'],
  auditor: ['activities.read'],
  org_admin: ['activities.read:own-org', 'activities.edit:own-org', 'activities.report:own-org'],
  focal_point: ['activities.read:own-org', 'activities.edit:own-org', 'activities.report:own-org'],
};

export async function down(): Promise<void> {
  throw new Error('Hamsafar migrations are forward-only.');
}
