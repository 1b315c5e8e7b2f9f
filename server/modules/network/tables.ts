/** Kysely types of the network module's tables (see server/migrations/0100_network.ts). */
import type { Generated } from 'kysely';
import type { CreatedAt, Timestamp } from '../../platform/database/schema';

export type NetworkRole = 'chair' | 'secretariat' | 'member' | 'observer';
export type ApplicationStatus = 'submitted' | 'under_review' | 'approved' | 'rejected';
export type MeetingKind = 'network' | 'working_group' | 'steering_committee';
export type MinutesStatus = 'draft' | 'circulated' | 'approved';
export type ActionPointStatus = 'open' | 'in_progress' | 'done' | 'dropped';
export type WorkplanStatus = 'planned' | 'in_progress' | 'completed' | 'delayed' | 'cancelled';

export interface NetworkMembershipsTable {
  network_id: string;
  id: Generated<string>;
  organisation_id: string;
  role: NetworkRole;
  sector: string | null;
  joined_on: string;
  left_on: string | null;
  focal_point_user_id: string | null;
  alternate_user_id: string | null;
  gcm_objectives: number[];
  provinces: string[];
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface MembershipApplicationsTable {
  network_id: string;
  id: Generated<string>;
  organisation_id: string;
  requested_role: 'member' | 'observer';
  sector: string | null;
  motivation: string;
  gcm_objectives: number[];
  provinces: string[];
  focal_point_user_id: string | null;
  status: Generated<ApplicationStatus>;
  submitted_by: string;
  review_note: string | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  decided_by: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
  membership_id: string | null;
  created_at: CreatedAt;
  version: Generated<number>;
}

export interface WorkingGroupsTable {
  network_id: string;
  id: Generated<string>;
  name_en: string;
  name_ur: string;
  description: Generated<string>;
  gcm_objectives: number[];
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface WorkingGroupMembersTable {
  network_id: string;
  working_group_id: string;
  organisation_id: string;
}

export interface WorkingGroupCoChairsTable {
  network_id: string;
  working_group_id: string;
  user_id: string;
}

export interface GovernanceDocumentsTable {
  network_id: string;
  id: Generated<string>;
  kind: 'terms_of_reference' | 'governance' | 'working_group_tor';
  title: string;
  working_group_id: string | null;
  created_at: CreatedAt;
}

export interface GovernanceDocumentVersionsTable {
  network_id: string;
  id: Generated<string>;
  document_id: string;
  number: number;
  file_id: string;
  note: string | null;
  is_current: boolean;
  uploaded_by: string;
  uploaded_at: CreatedAt;
}

export interface MeetingsTable {
  network_id: string;
  id: Generated<string>;
  kind: MeetingKind;
  working_group_id: string | null;
  title_en: string;
  title_ur: string | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  location: string | null;
  online_url: string | null;
  is_public: boolean;
  status: Generated<'scheduled' | 'held' | 'cancelled'>;
  minutes_status: Generated<MinutesStatus>;
  minutes_circulated_at: Date | null;
  minutes_approved_at: Date | null;
  minutes_approved_by: string | null;
  ics_sequence: Generated<number>;
  created_by: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface MeetingAgendaItemsTable {
  network_id: string;
  id: Generated<string>;
  meeting_id: string;
  position: number;
  title: string;
  presenter: string | null;
  minutes: Generated<string>;
  version: Generated<number>;
}

export interface MeetingInvitationsTable {
  network_id: string;
  id: Generated<string>;
  meeting_id: string;
  organisation_id: string;
  user_id: string | null;
  email: string;
  invited_at: CreatedAt;
}

export interface MeetingAttendanceTable {
  network_id: string;
  meeting_id: string;
  organisation_id: string;
  attendees: string;
}

export interface MinutesCommentsTable {
  network_id: string;
  id: Generated<string>;
  meeting_id: string;
  agenda_item_id: string | null;
  author_user_id: string;
  body: string;
  created_at: CreatedAt;
}

export interface MinutesAmendmentsTable {
  network_id: string;
  id: Generated<string>;
  meeting_id: string;
  agenda_item_id: string;
  number: number;
  text: string;
  reason: string;
  created_by: string;
  created_at: CreatedAt;
}

export interface DecisionCountersTable {
  network_id: string;
  year: number;
  last_number: number;
}

export interface DecisionsTable {
  network_id: string;
  id: Generated<string>;
  meeting_id: string;
  number: string;
  year: number;
  sequence: number;
  text_en: string;
  text_ur: string | null;
  gcm_objectives: number[];
  created_by: string;
  created_at: CreatedAt;
}

export interface ActionPointsTable {
  network_id: string;
  id: Generated<string>;
  title: string;
  description: Generated<string>;
  meeting_id: string | null;
  decision_id: string | null;
  working_group_id: string | null;
  owner_organisation_id: string;
  responsible_user_id: string | null;
  responsible_name: string | null;
  due_date: string;
  status: Generated<ActionPointStatus>;
  gcm_objectives: number[];
  completed_at: Date | null;
  overdue_notified_at: Date | null;
  created_by: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface ActionPointUpdatesTable {
  network_id: string;
  id: Generated<string>;
  action_point_id: string;
  author_user_id: string;
  status: string;
  note: string;
  created_at: CreatedAt;
}

export interface WorkplanItemsTable {
  network_id: string;
  id: Generated<string>;
  kind: 'output' | 'activity';
  parent_id: string | null;
  title_en: string;
  title_ur: string | null;
  description: Generated<string>;
  lead_organisation_id: string;
  starts_on: string;
  ends_on: string;
  status: Generated<WorkplanStatus>;
  progress: Generated<number>;
  gcm_objectives: number[];
  guiding_principles: number[];
  sdg_targets: string[];
  working_group_id: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface WorkplanPartnersTable {
  network_id: string;
  workplan_item_id: string;
  organisation_id: string;
}

export interface NetworkTables {
  network_memberships: NetworkMembershipsTable;
  membership_applications: MembershipApplicationsTable;
  working_groups: WorkingGroupsTable;
  working_group_members: WorkingGroupMembersTable;
  working_group_co_chairs: WorkingGroupCoChairsTable;
  governance_documents: GovernanceDocumentsTable;
  governance_document_versions: GovernanceDocumentVersionsTable;
  meetings: MeetingsTable;
  meeting_agenda_items: MeetingAgendaItemsTable;
  meeting_invitations: MeetingInvitationsTable;
  meeting_attendance: MeetingAttendanceTable;
  minutes_comments: MinutesCommentsTable;
  minutes_amendments: MinutesAmendmentsTable;
  decision_counters: DecisionCountersTable;
  decisions: DecisionsTable;
  action_points: ActionPointsTable;
  action_point_updates: ActionPointUpdatesTable;
  workplan_items: WorkplanItemsTable;
  workplan_partners: WorkplanPartnersTable;
}
