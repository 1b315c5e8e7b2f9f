import { type Kysely, sql } from 'kysely';

/**
 * The Migration MPTF country window: money in (contributors, commitments, deposits, other income),
 * joint programmes with their budgets and results frameworks, steering-committee decisions, money
 * out (transfers, refunds), expenditure and results. Amounts are numeric(18,2) in USD unless a
 * currency column says otherwise; rates numeric(18,6) in USD per unit.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- One row per network: locked FOR UPDATE by every command that moves cash, so two transfers
    -- cannot both see the same balance; also holds the cut-off date of published figures.
    CREATE TABLE fund_settings (
      network_id uuid PRIMARY KEY REFERENCES networks (id),
      published_through date,
      version integer NOT NULL DEFAULT 1
    );

    CREATE TABLE fund_exchange_rates (
      network_id uuid NOT NULL REFERENCES networks (id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
      effective_date date NOT NULL,
      rate_to_usd numeric(18,6) NOT NULL CHECK (rate_to_usd > 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, currency, effective_date)
    );

    CREATE TABLE fund_contributors (
      network_id uuid NOT NULL REFERENCES networks (id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      name text NOT NULL,
      type text NOT NULL CHECK (type IN ('member_state', 'foundation', 'private_sector', 'un_entity')),
      country text,
      is_demo boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, name)
    );

    CREATE TABLE fund_commitments (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      contributor_id uuid NOT NULL,
      reference text NOT NULL,
      agreement_date date NOT NULL,
      amount numeric(18,2) NOT NULL CHECK (amount > 0),
      currency char(3) NOT NULL,
      rate_to_usd numeric(18,6) NOT NULL CHECK (rate_to_usd > 0),
      amount_usd numeric(18,2) NOT NULL,
      earmarked_thematic_area integer REFERENCES mmptf_thematic_areas (number),
      is_demo boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, reference),
      FOREIGN KEY (network_id, contributor_id) REFERENCES fund_contributors (network_id, id)
    );

    CREATE TABLE fund_deposits (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      commitment_id uuid NOT NULL,
      deposit_date date NOT NULL,
      amount numeric(18,2) NOT NULL CHECK (amount > 0),
      currency char(3) NOT NULL,
      rate_to_usd numeric(18,6) NOT NULL CHECK (rate_to_usd > 0),
      amount_usd numeric(18,2) NOT NULL,
      fee_usd numeric(18,2) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, commitment_id) REFERENCES fund_commitments (network_id, id)
    );

    CREATE TABLE fund_other_income (
      network_id uuid NOT NULL REFERENCES networks (id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      income_date date NOT NULL,
      kind text NOT NULL CHECK (kind IN ('interest', 'other')),
      amount_usd numeric(18,2) NOT NULL CHECK (amount_usd > 0),
      description text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id)
    );

    CREATE TABLE fund_programmes (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      code text NOT NULL,
      title text NOT NULL,
      summary text NOT NULL,
      duration_months integer NOT NULL CHECK (duration_months BETWEEN 1 AND 120),
      start_date date,
      convening_organisation_id uuid NOT NULL,
      status text NOT NULL,
      partner_organisation_ids uuid[] NOT NULL DEFAULT '{}',
      thematic_areas integer[] NOT NULL DEFAULT '{}',
      gcm_objectives integer[] NOT NULL DEFAULT '{}',
      guiding_principles integer[] NOT NULL DEFAULT '{}',
      sdg_targets text[] NOT NULL DEFAULT '{}',
      provinces text[] NOT NULL DEFAULT '{}',
      markers jsonb NOT NULL,
      results_framework jsonb NOT NULL,
      total_budget numeric(18,2) NOT NULL,
      is_demo boolean NOT NULL DEFAULT false,
      created_by uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, code),
      FOREIGN KEY (network_id, convening_organisation_id) REFERENCES organisations (network_id, id),
      FOREIGN KEY (network_id, created_by) REFERENCES users (network_id, id)
    );

    CREATE TABLE fund_programme_punos (
      network_id uuid NOT NULL,
      programme_id uuid NOT NULL,
      organisation_id uuid NOT NULL,
      direct_costs jsonb NOT NULL,
      requested_total numeric(18,2) NOT NULL,
      approved_amount numeric(18,2),
      PRIMARY KEY (network_id, programme_id, organisation_id),
      FOREIGN KEY (network_id, programme_id) REFERENCES fund_programmes (network_id, id) ON DELETE CASCADE,
      FOREIGN KEY (network_id, organisation_id) REFERENCES organisations (network_id, id)
    );

    CREATE TABLE fund_programme_events (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      programme_id uuid NOT NULL,
      from_status text,
      to_status text NOT NULL,
      actor_user_id uuid NOT NULL,
      at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, programme_id) REFERENCES fund_programmes (network_id, id),
      FOREIGN KEY (network_id, actor_user_id) REFERENCES users (network_id, id)
    );

    CREATE TABLE fund_review_comments (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      programme_id uuid NOT NULL,
      author_user_id uuid NOT NULL,
      body text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, programme_id) REFERENCES fund_programmes (network_id, id),
      FOREIGN KEY (network_id, author_user_id) REFERENCES users (network_id, id)
    );

    CREATE TABLE fund_decisions (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      programme_id uuid NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('approved', 'approved_with_conditions', 'deferred', 'rejected')),
      decision_date date NOT NULL,
      meeting_id uuid,
      members_present text[] NOT NULL,
      text text NOT NULL,
      conditions text,
      recorded_by uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, programme_id) REFERENCES fund_programmes (network_id, id),
      FOREIGN KEY (network_id, recorded_by) REFERENCES users (network_id, id)
    );

    CREATE TABLE fund_transfers (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      programme_id uuid NOT NULL,
      organisation_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('transfer', 'refund')),
      tranche integer,
      transfer_date date NOT NULL,
      amount_usd numeric(18,2) NOT NULL CHECK (amount_usd > 0),
      recorded_by uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, programme_id, organisation_id) REFERENCES fund_programme_punos (network_id, programme_id, organisation_id),
      FOREIGN KEY (network_id, recorded_by) REFERENCES users (network_id, id)
    );

    CREATE TABLE fund_expenditures (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      programme_id uuid NOT NULL,
      organisation_id uuid NOT NULL,
      year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      category integer NOT NULL REFERENCES budget_categories (number),
      amount_usd numeric(18,2) NOT NULL CHECK (amount_usd >= 0),
      reported_by uuid NOT NULL,
      reported_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, programme_id, organisation_id, year, category),
      FOREIGN KEY (network_id, programme_id, organisation_id) REFERENCES fund_programme_punos (network_id, programme_id, organisation_id),
      FOREIGN KEY (network_id, reported_by) REFERENCES users (network_id, id)
    );

    CREATE TABLE fund_indicator_results (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      programme_id uuid NOT NULL,
      indicator_id uuid NOT NULL,
      organisation_id uuid NOT NULL,
      period text NOT NULL,
      actual numeric(18,2) NOT NULL,
      narrative text NOT NULL,
      reported_by uuid NOT NULL,
      reported_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, programme_id, indicator_id, period),
      FOREIGN KEY (network_id, programme_id, organisation_id) REFERENCES fund_programme_punos (network_id, programme_id, organisation_id),
      FOREIGN KEY (network_id, reported_by) REFERENCES users (network_id, id)
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Hamsafar migrations are forward-only.');
}
