import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Json, Timestamp } from '../../platform/database/schema';

/** A `date` column: 'YYYY-MM-DD' both ways (connection.ts keeps dates as strings). */
type DateColumn = ColumnType<string, string, string>;
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;

/** One counted fact of a consented case: a cell of protection_stat_counts. '*' = the case itself. */
export interface StatFact {
  month: string;
  province: string;
  gender: string;
  ageBand: string;
  exploitationType: string;
}

export interface ScreeningRecord {
  indicators: string[];
  outcome: 'likely_victim' | 'possible_victim' | 'not_a_victim' | 'undetermined';
  screenedOn: string;
  screenedBy: string;
}

export interface AssessmentRecord {
  needs: string[];
  priority: 'low' | 'medium' | 'high';
  assessedOn: string;
  assessedBy: string;
}

export interface ProtectionTeamsTable {
  network_id: string;
  id: Generated<string>;
  organisation_id: string;
  name: string;
  created_at: CreatedAt;
}

export interface ProtectionTeamMembersTable {
  network_id: string;
  team_id: string;
  user_id: string;
}

export interface ProtectionPersonsTable {
  network_id: string;
  id: Generated<string>;
  owner_organisation_id: string;
  first_name_enc: string | null;
  middle_name_enc: string | null;
  second_name_enc: string | null;
  /** First and family name sealed together, as lists show them; null for persons not yet given one (migration 0202). */
  display_name_enc: string | null;
  guardian_name_enc: string | null;
  guardian_relation: 'father' | 'husband' | null;
  identity_number_enc: string | null;
  birth_date_enc: string | null;
  phone_enc: string | null;
  email_enc: string | null;
  address_enc: string | null;
  identity_index: string | null;
  name_index: string | null;
  birth_year: number | null;
  age_estimated: Generated<boolean>;
  gender: string;
  marital_status: string | null;
  primary_language: string | null;
  secondary_language: string | null;
  citizenship: Generated<string[]>;
  migration_status: string;
  trafficking_status: string | null;
  trafficking_status_decided_by: string | null;
  exploitation_types: Generated<string[]>;
  forced_labour_industry: string | null;
  methods_of_control: Generated<string[]>;
  recruitment_methods: Generated<string[]>;
  relationship_to_trafficker: string | null;
  age_when_trafficked: number | null;
  vulnerabilities: Generated<string[]>;
  perpetrator_roles: Generated<string[]>;
  perpetrator_details_enc: string | null;
  anonymised_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ProtectionCasesTable {
  network_id: string;
  id: Generated<string>;
  reference: string;
  person_id: string;
  owner_organisation_id: string;
  case_owner_user_id: string | null;
  team_id: string | null;
  status: Generated<'Active' | 'FollowUp' | 'Closed' | 'ClosedReferred'>;
  stage: Generated<CaseStage>;
  risk_level: Generated<'low' | 'medium' | 'high' | 'critical'>;
  province: string | null;
  registered_on: ColumnType<string, string | undefined, string>;
  screening: Json<ScreeningRecord> | null;
  screening_notes_enc: string | null;
  assessment: Json<AssessmentRecord> | null;
  assessment_notes_enc: string | null;
  closure_reason_enc: string | null;
  closure_requested_by: string | null;
  closure_requested_status: 'Closed' | 'ClosedReferred' | null;
  closed_at: Date | null;
  closed_by: string | null;
  stats_facts: ColumnType<StatFact[], string | undefined, string>;
  anonymised_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export type CaseStage =
  | 'registered'
  | 'screened'
  | 'assessment'
  | 'support_plan'
  | 'services'
  | 'follow_up'
  | 'closure_requested'
  | 'closed';

export interface ProtectionSupportPlansTable {
  network_id: string;
  id: Generated<string>;
  case_id: string;
  type: string;
  objectives_enc: string | null;
  action_plan_enc: string | null;
  planned_end_date: NullableDate;
  actual_end_date: NullableDate;
  created_by: string;
  created_at: CreatedAt;
  version: Generated<number>;
}

export interface ProtectionServicesTable {
  network_id: string;
  id: Generated<string>;
  case_id: string;
  service_type: string;
  provider_organisation_id: string | null;
  status: 'planned' | 'in_progress' | 'delivered' | 'cancelled';
  started_on: NullableDate;
  completed_on: NullableDate;
  created_by: string;
  created_at: CreatedAt;
}

export interface ProtectionCaseNotesTable {
  network_id: string;
  id: Generated<string>;
  case_id: string;
  author_user_id: string | null;
  body_enc: string | null;
  file_id: string | null;
  created_at: CreatedAt;
}

export interface ProtectionJourneyEventsTable {
  network_id: string;
  id: Generated<string>;
  case_id: string;
  type: 'Recruitment' | 'Transit' | 'Exploitation';
  country: string;
  city: string | null;
  event_date: NullableDate;
  description_enc: string | null;
  created_at: CreatedAt;
}

export interface ProtectionConsentsTable {
  network_id: string;
  id: Generated<string>;
  case_id: string;
  purpose: 'services' | 'sharing' | 'statistics';
  organisation_id: string | null;
  shared_fields: Generated<string[]>;
  given_on: DateColumn;
  recorded_by: string;
  recorded_at: CreatedAt;
  withdrawn_at: Date | null;
  withdrawn_by: string | null;
}

export type ReferralStatus = 'sent' | 'accepted' | 'declined' | 'withdrawn' | 'in_progress' | 'completed';

export interface ProtectionReferralsTable {
  network_id: string;
  id: Generated<string>;
  case_id: string;
  consent_id: string | null;
  sender_organisation_id: string;
  sender_user_id: string;
  receiving_organisation_id: string | null;
  outside_organisation_name: string | null;
  service_type: string;
  reason: Generated<string>;
  urgent: Generated<boolean>;
  status: ReferralStatus;
  shared_fields: Generated<string[]>;
  shared_snapshot_enc: string | null;
  message_enc: string | null;
  decline_reason_enc: string | null;
  feedback_enc: string | null;
  sent_at: CreatedAt;
  due_at: Timestamp;
  responded_at: Date | null;
  responded_by: string | null;
  completed_at: Date | null;
  overdue_notified_at: Date | null;
  outside_password_hash: string | null;
  version: Generated<number>;
}

export interface ProtectionTransfersTable {
  network_id: string;
  id: Generated<string>;
  case_id: string;
  from_organisation_id: string;
  to_organisation_id: string;
  status: 'proposed' | 'accepted' | 'declined' | 'cancelled';
  reason_enc: string | null;
  requested_by: string;
  requested_at: CreatedAt;
  responded_by: string | null;
  responded_at: Date | null;
}

export interface ProtectionBreakGlassTable {
  network_id: string;
  id: Generated<string>;
  case_id: string;
  user_id: string;
  organisation_id: string;
  reason_enc: string;
  opened_at: CreatedAt;
  expires_at: Timestamp;
}

export interface ProtectionReferralDeadlinesTable {
  network_id: string;
  service_type: string;
  hours: number;
}

export interface ProtectionStatCountsTable {
  network_id: string;
  month: DateColumn;
  province: string;
  gender: string;
  age_band: string;
  exploitation_type: string;
  cases: number;
}

export interface ProtectionCaseCountsTable {
  network_id: string;
  organisation_id: string;
  status: string;
  cases: number;
}

export interface ProtectionTables {
  protection_case_counts: ProtectionCaseCountsTable;
  protection_teams: ProtectionTeamsTable;
  protection_team_members: ProtectionTeamMembersTable;
  protection_persons: ProtectionPersonsTable;
  protection_cases: ProtectionCasesTable;
  protection_support_plans: ProtectionSupportPlansTable;
  protection_services: ProtectionServicesTable;
  protection_case_notes: ProtectionCaseNotesTable;
  protection_journey_events: ProtectionJourneyEventsTable;
  protection_consents: ProtectionConsentsTable;
  protection_referrals: ProtectionReferralsTable;
  protection_transfers: ProtectionTransfersTable;
  protection_break_glass: ProtectionBreakGlassTable;
  protection_referral_deadlines: ProtectionReferralDeadlinesTable;
  protection_stat_counts: ProtectionStatCountsTable;
}
