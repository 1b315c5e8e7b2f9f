import type { Generated } from 'kysely';
import type { CreatedAt, Timestamp } from '../../platform/database/schema';
import type { ActivitySector, ActivityStatus, AgeBand, FundingKind, PeriodKind, PopulationGroup, Sex } from '../../../common/activities';

/** Dates (date) are read as strings. */
type CalendarDate = string;

export interface ActivitiesTable {
  network_id: string;
  id: Generated<string>;
  title_en: string;
  title_ur: string | null;
  description_en: Generated<string>;
  description_ur: string | null;
  lead_organisation_id: string;
  gcm_objectives: number[];
  guiding_principles: Generated<number[]>;
  sdg_targets: Generated<string[]>;
  sector: ActivitySector;
  funding_kind: FundingKind;
  fund_programme_id: string | null;
  donor_name: string | null;
  starts_on: CalendarDate;
  ends_on: CalendarDate;
  status: ActivityStatus;
  published: Generated<boolean>;
  workplan_item_id: string | null;
  is_demo: Generated<boolean>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface ActivityPlacesTable {
  network_id: string;
  activity_id: string;
  /** An admin unit of any level (places module). */
  unit_id: string;
}

export interface ActivityPartnersTable {
  network_id: string;
  activity_id: string;
  organisation_id: string;
}

export interface ActivityFiguresTable {
  network_id: string;
  activity_id: string;
  measure: 'targeted' | 'reached';
  sex: Sex;
  age_band: AgeBand;
  population_group: PopulationGroup;
  people: number;
}

export interface ActivityCommentsTable {
  network_id: string;
  id: Generated<string>;
  activity_id: string;
  author_id: string;
  body: string;
  created_at: CreatedAt;
}

export interface ReportingPeriodsTable {
  network_id: string;
  id: Generated<string>;
  kind: PeriodKind;
  starts_on: CalendarDate;
  ends_on: CalendarDate;
  deadline: CalendarDate;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface ActivityReportsTable {
  network_id: string;
  id: Generated<string>;
  period_id: string;
  activity_id: string;
  organisation_id: string;
  covered_from: CalendarDate;
  covered_to: CalendarDate;
  narrative: Generated<string>;
  submitted_by: string | null;
  submitted_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface ActivityReportFiguresTable {
  network_id: string;
  report_id: string;
  sex: Sex;
  age_band: AgeBand;
  population_group: PopulationGroup;
  people: number;
}

export interface ReportingUnlocksTable {
  network_id: string;
  id: Generated<string>;
  period_id: string;
  organisation_id: string;
  reason: string;
  until: CalendarDate;
  unlocked_by: string;
  created_at: CreatedAt;
}

/** Kysely types of the activities module's tables (server/migrations/0410_activities.ts and later). */
export interface ActivitiesTables {
  activities: ActivitiesTable;
  activity_places: ActivityPlacesTable;
  activity_partners: ActivityPartnersTable;
  activity_figures: ActivityFiguresTable;
  activity_comments: ActivityCommentsTable;
  reporting_periods: ReportingPeriodsTable;
  activity_reports: ActivityReportsTable;
  activity_report_figures: ActivityReportFiguresTable;
  reporting_unlocks: ReportingUnlocksTable;
}
