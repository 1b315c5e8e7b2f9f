import { type Kysely, sql } from 'kysely';

/**
 * Protection module: persons, cases and referrals (HTCDS 2.0). Columns ending in `_enc` hold
 * AES-256-GCM ciphertext under the network's data key; `*_index` columns hold keyed blind indexes
 * (HMAC) for exact look-up. Everything a statistic needs (gender, age band, citizenship,
 * exploitation types, countries, province, month) stays in clear columns so that anonymisation
 * can erase identity while the counts survive.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE protection_teams (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      organisation_id uuid NOT NULL,
      name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, organisation_id, name),
      FOREIGN KEY (network_id, organisation_id) REFERENCES organisations (network_id, id)
    );

    CREATE TABLE protection_team_members (
      network_id uuid NOT NULL,
      team_id uuid NOT NULL,
      user_id uuid NOT NULL,
      PRIMARY KEY (network_id, team_id, user_id),
      FOREIGN KEY (network_id, team_id) REFERENCES protection_teams (network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, user_id) REFERENCES users (network_id, id)
    );
    CREATE INDEX protection_team_members_user ON protection_team_members (network_id, user_id);

    CREATE TABLE protection_persons (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      owner_organisation_id uuid NOT NULL,
      first_name_enc text,
      middle_name_enc text,
      second_name_enc text,
      guardian_name_enc text,
      guardian_relation text CHECK (guardian_relation IN ('father', 'husband')),
      identity_number_enc text,
      birth_date_enc text,
      phone_enc text,
      email_enc text,
      address_enc text,
      identity_index text,
      name_index text,
      birth_year integer,
      age_estimated boolean NOT NULL DEFAULT false,
      gender text NOT NULL,
      marital_status text,
      primary_language text,
      secondary_language text,
      citizenship text[] NOT NULL DEFAULT '{}',
      migration_status text NOT NULL,
      trafficking_status text,
      trafficking_status_decided_by text,
      exploitation_types text[] NOT NULL DEFAULT '{}',
      forced_labour_industry text,
      methods_of_control text[] NOT NULL DEFAULT '{}',
      recruitment_methods text[] NOT NULL DEFAULT '{}',
      relationship_to_trafficker text,
      age_when_trafficked integer,
      vulnerabilities text[] NOT NULL DEFAULT '{}',
      perpetrator_roles text[] NOT NULL DEFAULT '{}',
      perpetrator_details_enc text,
      anonymised_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, owner_organisation_id) REFERENCES organisations (network_id, id)
    );
    CREATE INDEX protection_persons_identity ON protection_persons (network_id, identity_index);
    CREATE INDEX protection_persons_name ON protection_persons (network_id, name_index);

    CREATE TABLE protection_cases (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      reference text NOT NULL,
      person_id uuid NOT NULL,
      owner_organisation_id uuid NOT NULL,
      case_owner_user_id uuid,
      team_id uuid,
      status text NOT NULL DEFAULT 'Active' CHECK (status IN ('Active', 'FollowUp', 'Closed', 'ClosedReferred')),
      stage text NOT NULL DEFAULT 'registered'
        CHECK (stage IN ('registered', 'screened', 'assessment', 'support_plan', 'services', 'follow_up', 'closure_requested', 'closed')),
      risk_level text NOT NULL DEFAULT 'medium' CHECK (risk_level IN ('low', 'medium', 'high', 'critical')),
      province text,
      registered_on date NOT NULL DEFAULT CURRENT_DATE,
      screening jsonb,
      screening_notes_enc text,
      assessment jsonb,
      assessment_notes_enc text,
      closure_reason_enc text,
      closure_requested_by uuid,
      closure_requested_status text,
      closed_at timestamptz,
      closed_by uuid,
      stats_facts jsonb NOT NULL DEFAULT '[]',
      anonymised_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, reference),
      FOREIGN KEY (network_id, person_id) REFERENCES protection_persons (network_id, id),
      FOREIGN KEY (network_id, owner_organisation_id) REFERENCES organisations (network_id, id),
      FOREIGN KEY (network_id, case_owner_user_id) REFERENCES users (network_id, id),
      FOREIGN KEY (network_id, team_id) REFERENCES protection_teams (network_id, id)
    );
    CREATE INDEX protection_cases_org_status ON protection_cases (network_id, owner_organisation_id, status, created_at DESC, id);
    CREATE INDEX protection_cases_org_created ON protection_cases (network_id, owner_organisation_id, created_at DESC, id);
    CREATE INDEX protection_cases_owner ON protection_cases (network_id, case_owner_user_id, created_at DESC);
    CREATE INDEX protection_cases_team ON protection_cases (network_id, team_id, created_at DESC);
    CREATE INDEX protection_cases_person ON protection_cases (network_id, person_id);
    CREATE INDEX protection_cases_closed ON protection_cases (network_id, closed_at) WHERE anonymised_at IS NULL;

    CREATE TABLE protection_support_plans (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL,
      type text NOT NULL,
      objectives_enc text,
      action_plan_enc text,
      planned_end_date date,
      actual_end_date date,
      created_by uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, case_id) REFERENCES protection_cases (network_id, id) ON DELETE CASCADE
    );
    CREATE INDEX protection_support_plans_case ON protection_support_plans (network_id, case_id);

    CREATE TABLE protection_services (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL,
      service_type text NOT NULL,
      provider_organisation_id uuid,
      status text NOT NULL CHECK (status IN ('planned', 'in_progress', 'delivered', 'cancelled')),
      started_on date,
      completed_on date,
      created_by uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, case_id) REFERENCES protection_cases (network_id, id) ON DELETE CASCADE
    );
    CREATE INDEX protection_services_case ON protection_services (network_id, case_id);

    CREATE TABLE protection_case_notes (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL,
      author_user_id uuid,
      body_enc text,
      file_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, case_id) REFERENCES protection_cases (network_id, id) ON DELETE CASCADE
    );
    CREATE INDEX protection_case_notes_case ON protection_case_notes (network_id, case_id, created_at);

    CREATE TABLE protection_journey_events (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL,
      type text NOT NULL CHECK (type IN ('Recruitment', 'Transit', 'Exploitation')),
      country text NOT NULL,
      city text,
      event_date date,
      description_enc text,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, case_id) REFERENCES protection_cases (network_id, id) ON DELETE CASCADE
    );
    CREATE INDEX protection_journey_events_case ON protection_journey_events (network_id, case_id, event_date);

    CREATE TABLE protection_consents (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL,
      purpose text NOT NULL CHECK (purpose IN ('services', 'sharing', 'statistics')),
      organisation_id uuid,
      shared_fields text[] NOT NULL DEFAULT '{}',
      given_on date NOT NULL,
      recorded_by uuid NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      withdrawn_at timestamptz,
      withdrawn_by uuid,
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, case_id) REFERENCES protection_cases (network_id, id) ON DELETE CASCADE
    );
    CREATE INDEX protection_consents_case ON protection_consents (network_id, case_id);

    CREATE TABLE protection_referrals (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL,
      consent_id uuid,
      sender_organisation_id uuid NOT NULL,
      sender_user_id uuid NOT NULL,
      receiving_organisation_id uuid,
      outside_organisation_name text,
      service_type text NOT NULL,
      reason text NOT NULL DEFAULT 'AdditionalServicesRequired',
      urgent boolean NOT NULL DEFAULT false,
      status text NOT NULL CHECK (status IN ('sent', 'accepted', 'declined', 'withdrawn', 'in_progress', 'completed')),
      shared_fields text[] NOT NULL DEFAULT '{}',
      shared_snapshot_enc text,
      message_enc text,
      decline_reason_enc text,
      feedback_enc text,
      sent_at timestamptz NOT NULL DEFAULT now(),
      due_at timestamptz NOT NULL,
      responded_at timestamptz,
      responded_by uuid,
      completed_at timestamptz,
      overdue_notified_at timestamptz,
      outside_password_hash text,
      version integer NOT NULL DEFAULT 1,
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, case_id) REFERENCES protection_cases (network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, sender_organisation_id) REFERENCES organisations (network_id, id),
      FOREIGN KEY (network_id, receiving_organisation_id) REFERENCES organisations (network_id, id)
    );
    CREATE INDEX protection_referrals_case ON protection_referrals (network_id, case_id);
    CREATE INDEX protection_referrals_inbox ON protection_referrals (network_id, receiving_organisation_id, status, sent_at DESC);
    CREATE INDEX protection_referrals_outbox ON protection_referrals (network_id, sender_organisation_id, status, sent_at DESC);
    CREATE INDEX protection_referrals_due ON protection_referrals (due_at) WHERE status = 'sent';

    CREATE TABLE protection_transfers (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL,
      from_organisation_id uuid NOT NULL,
      to_organisation_id uuid NOT NULL,
      status text NOT NULL CHECK (status IN ('proposed', 'accepted', 'declined', 'cancelled')),
      reason_enc text,
      requested_by uuid NOT NULL,
      requested_at timestamptz NOT NULL DEFAULT now(),
      responded_by uuid,
      responded_at timestamptz,
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, case_id) REFERENCES protection_cases (network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, to_organisation_id) REFERENCES organisations (network_id, id)
    );
    CREATE INDEX protection_transfers_to ON protection_transfers (network_id, to_organisation_id, status);
    CREATE INDEX protection_transfers_case ON protection_transfers (network_id, case_id);

    CREATE TABLE protection_break_glass (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL,
      user_id uuid NOT NULL,
      organisation_id uuid NOT NULL,
      reason_enc text NOT NULL,
      opened_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, case_id) REFERENCES protection_cases (network_id, id) ON DELETE CASCADE
    );
    CREATE INDEX protection_break_glass_user ON protection_break_glass (network_id, user_id, case_id, expires_at);

    CREATE TABLE protection_referral_deadlines (
      network_id uuid NOT NULL REFERENCES networks (id),
      service_type text NOT NULL,
      hours integer NOT NULL CHECK (hours BETWEEN 1 AND 2160),
      PRIMARY KEY (network_id, service_type)
    );

    -- Consented counts, maintained on every write of a case (see stats.ts), so dashboards never scan cases.
    CREATE TABLE protection_stat_counts (
      network_id uuid NOT NULL REFERENCES networks (id),
      month date NOT NULL,
      province text NOT NULL,
      gender text NOT NULL,
      age_band text NOT NULL,
      exploitation_type text NOT NULL,
      cases integer NOT NULL,
      PRIMARY KEY (network_id, month, province, gender, age_band, exploitation_type)
    );
  `.execute(db);
}
