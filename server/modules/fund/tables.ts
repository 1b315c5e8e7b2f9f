import type { Generated } from 'kysely';
import type { CreatedAt, Json, Timestamp } from '../../platform/database/schema';
import type { Markers, ProgrammeStatus, ResultsFramework } from '../../../common/schemas/fund';
import type { ProgrammeDocumentKind } from './schemas';

/** Amounts (numeric) and dates (date) are read as strings; see common/money.ts. */
type Amount = string;
type CalendarDate = string;

export interface FundSettingsTable {
  network_id: string;
  published_through: CalendarDate | null;
  version: Generated<number>;
}

export interface FundExchangeRatesTable {
  network_id: string;
  id: Generated<string>;
  currency: string;
  effective_date: CalendarDate;
  rate_to_usd: string;
  created_at: CreatedAt;
}

export interface FundContributorsTable {
  network_id: string;
  id: Generated<string>;
  name: string;
  type: 'member_state' | 'foundation' | 'private_sector' | 'un_entity';
  country: string | null;
  is_demo: Generated<boolean>;
  created_at: CreatedAt;
}

export interface FundCommitmentsTable {
  network_id: string;
  id: Generated<string>;
  contributor_id: string;
  reference: string;
  agreement_date: CalendarDate;
  amount: Amount;
  currency: string;
  rate_to_usd: string;
  amount_usd: Amount;
  earmarked_thematic_area: number | null;
  is_demo: Generated<boolean>;
  created_at: CreatedAt;
}

export interface FundDepositsTable {
  network_id: string;
  id: Generated<string>;
  commitment_id: string;
  deposit_date: CalendarDate;
  amount: Amount;
  currency: string;
  rate_to_usd: string;
  amount_usd: Amount;
  fee_usd: Amount;
  created_at: CreatedAt;
}

export interface FundOtherIncomeTable {
  network_id: string;
  id: Generated<string>;
  income_date: CalendarDate;
  kind: 'interest' | 'other';
  amount_usd: Amount;
  description: string;
  created_at: CreatedAt;
}

export interface FundProgrammesTable {
  network_id: string;
  id: Generated<string>;
  code: string;
  title: string;
  summary: string;
  duration_months: number;
  start_date: CalendarDate | null;
  convening_organisation_id: string;
  status: ProgrammeStatus;
  partner_organisation_ids: string[];
  thematic_areas: number[];
  gcm_objectives: number[];
  guiding_principles: number[];
  sdg_targets: string[];
  provinces: string[];
  markers: Json<Markers>;
  results_framework: Json<ResultsFramework>;
  total_budget: Amount;
  is_demo: Generated<boolean>;
  created_by: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface FundProgrammePunosTable {
  network_id: string;
  programme_id: string;
  organisation_id: string;
  direct_costs: Json<Amount[]>;
  requested_total: Amount;
  approved_amount: Amount | null;
}

export interface FundProgrammeEventsTable {
  network_id: string;
  id: Generated<string>;
  programme_id: string;
  from_status: ProgrammeStatus | null;
  to_status: ProgrammeStatus;
  actor_user_id: string;
  at: CreatedAt;
}

export interface FundReviewCommentsTable {
  network_id: string;
  id: Generated<string>;
  programme_id: string;
  author_user_id: string;
  body: string;
  created_at: CreatedAt;
}

export interface FundDecisionsTable {
  network_id: string;
  id: Generated<string>;
  programme_id: string;
  outcome: 'approved' | 'approved_with_conditions' | 'deferred' | 'rejected';
  decision_date: CalendarDate;
  meeting_id: string | null;
  members_present: string[];
  text: string;
  conditions: string | null;
  recorded_by: string;
  created_at: CreatedAt;
}

export interface FundTransfersTable {
  network_id: string;
  id: Generated<string>;
  programme_id: string;
  organisation_id: string;
  kind: 'transfer' | 'refund';
  tranche: number | null;
  transfer_date: CalendarDate;
  amount_usd: Amount;
  recorded_by: string;
  created_at: CreatedAt;
}

export interface FundExpendituresTable {
  network_id: string;
  id: Generated<string>;
  programme_id: string;
  organisation_id: string;
  year: number;
  category: number;
  amount_usd: Amount;
  reported_by: string;
  reported_at: Timestamp;
}

export interface FundIndicatorResultsTable {
  network_id: string;
  id: Generated<string>;
  programme_id: string;
  indicator_id: string;
  organisation_id: string;
  period: string;
  actual: Amount;
  narrative: string;
  reported_by: string;
  reported_at: Timestamp;
}

export interface FundReportRemindersTable {
  network_id: string;
  programme_id: string;
  organisation_id: string;
  year: number;
  stage: 'due' | 'overdue';
  sent_at: CreatedAt;
}

export interface FundProgrammeDocumentsTable {
  network_id: string;
  id: Generated<string>;
  programme_id: string;
  file_id: string;
  title: string;
  kind: ProgrammeDocumentKind;
  uploaded_by: string;
  created_at: CreatedAt;
}

/** Kysely types of the fund module's tables (server/migrations/0300_fund.ts and later). */
export interface FundTables {
  fund_settings: FundSettingsTable;
  fund_exchange_rates: FundExchangeRatesTable;
  fund_contributors: FundContributorsTable;
  fund_commitments: FundCommitmentsTable;
  fund_deposits: FundDepositsTable;
  fund_other_income: FundOtherIncomeTable;
  fund_programmes: FundProgrammesTable;
  fund_programme_punos: FundProgrammePunosTable;
  fund_programme_events: FundProgrammeEventsTable;
  fund_review_comments: FundReviewCommentsTable;
  fund_decisions: FundDecisionsTable;
  fund_transfers: FundTransfersTable;
  fund_expenditures: FundExpendituresTable;
  fund_indicator_results: FundIndicatorResultsTable;
  fund_report_reminders: FundReportRemindersTable;
  fund_programme_documents: FundProgrammeDocumentsTable;
}
