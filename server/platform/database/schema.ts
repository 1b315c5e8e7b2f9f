import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { NetworkTables } from '../../modules/network/tables';
import type { ProtectionTables } from '../../modules/protection/tables';
import type { FundTables } from '../../modules/fund/tables';
import type { PlacesTables } from '../../modules/places/tables';
import type { ActivitiesTables } from '../../modules/activities/tables';

/** A timestamp the database fills in, read back as a Date. */
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type Json<T> = ColumnType<T, string, string>;

export interface NetworksTable {
  id: string;
  network_id: string;
  code: string;
  name_en: string;
  name_ur: string;
  settings: Json<NetworkSettings>;
  created_at: CreatedAt;
}

export interface NetworkSettings {
  /** Years a closed protection case is kept before it is anonymised. */
  caseRetentionYears?: number;
}

export interface OrganisationsTable {
  id: Generated<string>;
  network_id: string;
  name_en: string;
  name_ur: string;
  acronym: string | null;
  type: string;
  htcds_org_type: string;
  province: string | null;
  services: string[];
  /** IATI organisation identifier: registration agency prefix + id, e.g. XM-DAC-47066 (0430). */
  iati_organisation_id: string | null;
  publishes_to_iati: Generated<boolean>;
  is_demo: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface UsersTable {
  id: Generated<string>;
  network_id: string;
  organisation_id: string;
  email: string;
  display_name: string;
  password_hash: string | null;
  status: 'invited' | 'active' | 'disabled';
  failed_logins: Generated<number>;
  locked_until: Date | null;
  mfa_secret: string | null;
  /** Encrypted secret of an enrolment not yet confirmed with a code. */
  mfa_pending_secret: string | null;
  mfa_enabled: Generated<boolean>;
  /** The last TOTP time step accepted (unix time / 30): a code of that step or earlier is refused. */
  mfa_last_step: Generated<number | null>;
  language: Generated<'en' | 'ur'>;
  last_login_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface MfaRecoveryCodesTable {
  id: Generated<string>;
  network_id: string;
  user_id: string;
  code_hash: string;
  used_at: Date | null;
}

export interface RolesTable {
  id: Generated<string>;
  network_id: string;
  key: string;
  name_en: string;
  name_ur: string;
  grants: string[];
  mfa_required: Generated<boolean>;
  builtin: Generated<boolean>;
  version: Generated<number>;
}

/** A change to a role that opens protection data, waiting for a second network admin. */
export interface RoleChangeRequestsTable {
  network_id: string;
  id: Generated<string>;
  role_id: string;
  base_version: number;
  grants: string[];
  mfa_required: boolean;
  proposed_by: string;
  proposed_at: CreatedAt;
  status: Generated<'pending' | 'approved' | 'rejected'>;
  decided_by: string | null;
  decided_at: Date | null;
  version: Generated<number>;
}

export interface UserRolesTable {
  network_id: string;
  user_id: string;
  role_id: string;
}

export interface SessionsTable {
  id: string;
  network_id: string;
  user_id: string;
  csrf_token: string;
  state: 'active' | 'mfa_pending' | 'mfa_enrolment';
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface UserTokensTable {
  id: Generated<string>;
  network_id: string;
  user_id: string;
  kind: 'invitation' | 'password_reset';
  token_hash: string;
  expires_at: Timestamp;
  used_at: Date | null;
  created_at: CreatedAt;
}

export interface AuditLogTable {
  network_id: string;
  seq: number;
  at: Timestamp;
  actor_user_id: string | null;
  actor_organisation_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  fields: string[];
  ip: string | null;
  user_agent: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadsTable {
  network_id: string;
  seq: number;
  hash: string;
}

export interface MailOutboxTable {
  id: Generated<string>;
  network_id: string;
  to_address: string;
  subject: string;
  body_text: string;
  attachments: Json<MailAttachmentRecord[]>;
  status: 'held' | 'pending' | 'sent' | 'failed';
  attempts: Generated<number>;
  last_error: string | null;
  created_at: CreatedAt;
  sent_at: Date | null;
}

export interface MailAttachmentRecord {
  filename: string;
  contentType: string;
  contentBase64: string;
}

export interface NotificationsTable {
  id: Generated<string>;
  network_id: string;
  user_id: string;
  kind: string;
  params: Json<Record<string, string | number>>;
  link: string | null;
  read_at: Date | null;
  created_at: CreatedAt;
}

export interface NotificationPreferencesTable {
  network_id: string;
  user_id: string;
  kind: string;
  in_app: boolean;
  email: boolean;
}

export interface JobsTable {
  id: Generated<string>;
  kind: string;
  payload: Json<Record<string, unknown>>;
  dedupe_key: string | null;
  run_at: Timestamp;
  status: Generated<'pending' | 'running' | 'done' | 'failed'>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_until: Date | null;
  last_error: string | null;
  created_at: CreatedAt;
  finished_at: Date | null;
}

export interface JobSchedulesTable {
  kind: string;
  interval_seconds: number;
  next_run_at: Timestamp;
}

export interface FilesTable {
  id: Generated<string>;
  network_id: string;
  organisation_id: string;
  uploaded_by: string;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  sensitive: boolean;
  created_at: CreatedAt;
}

export interface NetworkKeysTable {
  network_id: string;
  wrapped_data_key: string;
  wrapped_index_key: string;
  created_at: CreatedAt;
  rewrapped_at: Date | null;
}

export interface GcmObjectivesTable { number: number; title: string }
export interface GcmGuidingPrinciplesTable { number: number; title: string }
export interface SdgTargetsTable { code: string; title: string }
export interface SdgIndicatorsTable { code: string; title: string }
export interface MmptfThematicAreasTable { number: number; title: string }
export interface BudgetCategoriesTable { number: number; title: string }
export interface SubdivisionsTable { iso: string; name: string; type: string }

export interface PlatformTables {
  networks: NetworksTable;
  organisations: OrganisationsTable;
  users: UsersTable;
  mfa_recovery_codes: MfaRecoveryCodesTable;
  roles: RolesTable;
  user_roles: UserRolesTable;
  role_change_requests: RoleChangeRequestsTable;
  sessions: SessionsTable;
  user_tokens: UserTokensTable;
  audit_log: AuditLogTable;
  audit_heads: AuditHeadsTable;
  mail_outbox: MailOutboxTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  jobs: JobsTable;
  job_schedules: JobSchedulesTable;
  files: FilesTable;
  network_keys: NetworkKeysTable;
  gcm_objectives: GcmObjectivesTable;
  gcm_guiding_principles: GcmGuidingPrinciplesTable;
  sdg_targets: SdgTargetsTable;
  sdg_indicators: SdgIndicatorsTable;
  mmptf_thematic_areas: MmptfThematicAreasTable;
  budget_categories: BudgetCategoriesTable;
  subdivisions: SubdivisionsTable;
}

export interface Database extends PlatformTables, NetworkTables, ProtectionTables, FundTables, PlacesTables, ActivitiesTables {}

export type Row<T extends keyof Database> = Selectable<Database[T]>;
export type NewRow<T extends keyof Database> = Insertable<Database[T]>;
export type RowUpdate<T extends keyof Database> = Updateable<Database[T]>;

/** Tables whose rows belong to one network; every query on them goes through `tenant.ts`. */
export type TenantTable = {
  [K in keyof Database]: Database[K] extends { network_id: string } ? K : never;
}[keyof Database];
