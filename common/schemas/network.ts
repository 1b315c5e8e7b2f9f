/** Shared request and response shapes of the network module (server routes and web pages). */
import { z } from 'zod';
import { PK_SUBDIVISIONS } from '../organisations';
import { PageQuery, Version } from './http';
import {
  ACTION_POINT_STATUSES,
  APPLICATION_STATUSES,
  DOCUMENT_KINDS,
  GCM_GUIDING_PRINCIPLE_COUNT,
  GCM_OBJECTIVE_COUNT,
  MEETING_KINDS,
  MEETING_STATUSES,
  MINUTES_STATUSES,
  NETWORK_ROLES,
  WORKPLAN_STATUSES,
} from '../network';

export * from '../network';

const Text = (max: number) => z.string().trim().min(1).max(max);
const OptionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const IsoDate = z.iso.date();
const Instant = z.iso.datetime({ offset: true });
const GcmObjectives = z.array(z.number().int().min(1).max(GCM_OBJECTIVE_COUNT)).max(GCM_OBJECTIVE_COUNT).default([]);
const Provinces = z.array(z.enum(PK_SUBDIVISIONS)).max(10).default([]);
const Ids = z.array(z.uuid()).max(200);
const BooleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

// ---- Directory and membership -------------------------------------------------------------

export const DirectoryQuery = PageQuery.extend({
  search: z.string().trim().max(100).optional(),
  role: z.enum(NETWORK_ROLES).optional(),
  type: z.string().max(40).optional(),
  gcmObjective: z.coerce.number().int().min(1).max(GCM_OBJECTIVE_COUNT).optional(),
  province: z.enum(PK_SUBDIVISIONS).optional(),
  includeFormer: BooleanQuery.optional(),
});
export type DirectoryQuery = z.infer<typeof DirectoryQuery>;
export const DirectoryExportQuery = DirectoryQuery.omit({ limit: true, offset: true });

const Person = z.object({ id: z.uuid(), displayName: z.string(), email: z.string() }).nullable();

export const DirectoryEntry = z.object({
  membershipId: z.uuid(),
  organisationId: z.uuid(),
  nameEn: z.string(),
  nameUr: z.string(),
  acronym: z.string().nullable(),
  type: z.string(),
  sector: z.string().nullable(),
  role: z.enum(NETWORK_ROLES),
  joinedOn: z.string(),
  leftOn: z.string().nullable(),
  active: z.boolean(),
  focalPoint: Person,
  alternate: Person,
  gcmObjectives: z.array(z.number()),
  provinces: z.array(z.string()),
  version: z.number(),
});
export type DirectoryEntry = z.infer<typeof DirectoryEntry>;

export const MembershipInput = z.strictObject({
  organisationId: z.uuid(),
  role: z.enum(NETWORK_ROLES),
  sector: OptionalText(120),
  joinedOn: IsoDate,
  leftOn: IsoDate.nullable().optional(),
  focalPointUserId: z.uuid().nullable().optional(),
  alternateUserId: z.uuid().nullable().optional(),
  gcmObjectives: GcmObjectives,
  provinces: Provinces,
});
export const MembershipUpdate = z.strictObject({
  role: z.enum(NETWORK_ROLES).optional(),
  sector: OptionalText(120),
  leftOn: IsoDate.nullable().optional(),
  focalPointUserId: z.uuid().nullable().optional(),
  alternateUserId: z.uuid().nullable().optional(),
  gcmObjectives: z.array(z.number().int().min(1).max(GCM_OBJECTIVE_COUNT)).max(GCM_OBJECTIVE_COUNT).optional(),
  provinces: z.array(z.enum(PK_SUBDIVISIONS)).max(10).optional(),
  version: Version,
});

export const ApplicationInput = z.strictObject({
  requestedRole: z.enum(['member', 'observer']),
  sector: OptionalText(120),
  motivation: Text(4000),
  gcmObjectives: GcmObjectives,
  provinces: Provinces,
  focalPointUserId: z.uuid().nullable().optional(),
});
export const ApplicationQuery = PageQuery.extend({ status: z.enum(APPLICATION_STATUSES).optional() });
export const ApplicationReview = z.strictObject({ note: Text(4000), version: Version });
export const ApplicationApproval = z.strictObject({ joinedOn: IsoDate.optional(), version: Version });
export const ApplicationRejection = z.strictObject({ reason: z.string().trim().max(4000), version: Version });

export const Application = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  requestedRole: z.enum(['member', 'observer']),
  sector: z.string().nullable(),
  motivation: z.string(),
  gcmObjectives: z.array(z.number()),
  provinces: z.array(z.string()),
  status: z.enum(APPLICATION_STATUSES),
  reviewNote: z.string().nullable(),
  decisionReason: z.string().nullable(),
  membershipId: z.uuid().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  version: z.number(),
});
export type Application = z.infer<typeof Application>;

export const PersonOption = z.object({ id: z.uuid(), displayName: z.string(), organisationId: z.uuid() });
export const PeopleQuery = z.strictObject({ organisationId: z.uuid().optional() });

// ---- Working groups and documents ---------------------------------------------------------

export const WorkingGroupInput = z.strictObject({
  nameEn: Text(200),
  nameUr: Text(200),
  description: z.string().trim().max(4000).default(''),
  gcmObjectives: GcmObjectives,
  memberOrganisationIds: Ids.default([]),
  coChairUserIds: Ids.default([]),
});
export const WorkingGroupUpdate = z.strictObject({
  nameEn: Text(200).optional(),
  nameUr: Text(200).optional(),
  description: z.string().trim().max(4000).optional(),
  gcmObjectives: z.array(z.number().int().min(1).max(GCM_OBJECTIVE_COUNT)).max(GCM_OBJECTIVE_COUNT).optional(),
  memberOrganisationIds: Ids.optional(),
  coChairUserIds: Ids.optional(),
  version: Version,
});

export const WorkingGroupSummary = z.object({
  id: z.uuid(),
  nameEn: z.string(),
  nameUr: z.string(),
  description: z.string(),
  gcmObjectives: z.array(z.number()),
  members: z.array(z.object({ organisationId: z.uuid(), nameEn: z.string(), nameUr: z.string() })),
  coChairs: z.array(z.object({ userId: z.uuid(), displayName: z.string(), organisationId: z.uuid() })),
  canEdit: z.boolean(),
  version: z.number(),
});
export type WorkingGroupSummary = z.infer<typeof WorkingGroupSummary>;

export const DocumentQuery = z.strictObject({ workingGroupId: z.uuid().optional() });
export const DocumentVersion = z.object({
  id: z.uuid(),
  number: z.number(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number(),
  note: z.string().nullable(),
  isCurrent: z.boolean(),
  uploadedAt: z.string(),
});
export const GovernanceDocument = z.object({
  id: z.uuid(),
  kind: z.enum(DOCUMENT_KINDS),
  title: z.string(),
  workingGroupId: z.uuid().nullable(),
  versions: z.array(DocumentVersion),
});
export type GovernanceDocument = z.infer<typeof GovernanceDocument>;
export const DocumentVersionParams = z.strictObject({ id: z.uuid(), versionId: z.uuid() });

// ---- Meetings, minutes and decisions -----------------------------------------------------

export const AgendaItemInput = z.strictObject({ title: Text(300), presenter: OptionalText(200) });

export const MeetingInput = z.strictObject({
  kind: z.enum(MEETING_KINDS),
  workingGroupId: z.uuid().nullable().optional(),
  titleEn: Text(300),
  titleUr: OptionalText(300),
  startsAt: Instant,
  endsAt: Instant,
  location: OptionalText(300),
  onlineUrl: z.url({ protocol: /^https?$/ }).max(500).nullable().optional(),
  isPublic: z.boolean().default(false),
  agenda: z.array(AgendaItemInput).max(50).default([]),
});
export type MeetingInput = z.infer<typeof MeetingInput>;
export const MeetingUpdate = z.strictObject({
  titleEn: Text(300).optional(),
  titleUr: OptionalText(300),
  startsAt: Instant.optional(),
  endsAt: Instant.optional(),
  location: OptionalText(300),
  onlineUrl: z.url({ protocol: /^https?$/ }).max(500).nullable().optional(),
  isPublic: z.boolean().optional(),
  status: z.enum(MEETING_STATUSES).optional(),
  version: Version,
});
export const MeetingQuery = PageQuery.extend({
  kind: z.enum(MEETING_KINDS).optional(),
  workingGroupId: z.uuid().optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  isPublic: BooleanQuery.optional(),
});

export const MeetingSummary = z.object({
  id: z.uuid(),
  kind: z.enum(MEETING_KINDS),
  workingGroupId: z.uuid().nullable(),
  titleEn: z.string(),
  titleUr: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  location: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  isPublic: z.boolean(),
  status: z.enum(MEETING_STATUSES),
  minutesStatus: z.enum(MINUTES_STATUSES),
  version: z.number(),
});
export type MeetingSummary = z.infer<typeof MeetingSummary>;

export const Quorum = z.object({
  rule: z.string(),
  eligible: z.number(),
  present: z.number(),
  required: z.number(),
  reached: z.boolean(),
});

export const Decision = z.object({
  id: z.uuid(),
  meetingId: z.uuid(),
  meetingTitle: z.string(),
  meetingDate: z.string(),
  workingGroupId: z.uuid().nullable(),
  number: z.string(),
  textEn: z.string(),
  textUr: z.string().nullable(),
  gcmObjectives: z.array(z.number()),
  createdAt: z.string(),
});
export type Decision = z.infer<typeof Decision>;

export const MeetingDetail = MeetingSummary.extend({
  agenda: z.array(
    z.object({ id: z.uuid(), position: z.number(), title: z.string(), presenter: z.string().nullable(), minutes: z.string(), version: z.number() }),
  ),
  invitations: z.array(z.object({ organisationId: z.uuid(), email: z.string(), invitedAt: z.string() })),
  attendance: z.array(z.object({ organisationId: z.uuid(), organisationName: z.string(), attendees: z.string() })),
  quorum: Quorum,
  comments: z.array(z.object({ id: z.uuid(), agendaItemId: z.uuid().nullable(), authorName: z.string(), body: z.string(), createdAt: z.string() })),
  amendments: z.array(
    z.object({ id: z.uuid(), agendaItemId: z.uuid(), number: z.number(), text: z.string(), reason: z.string(), createdAt: z.string() }),
  ),
  decisions: z.array(Decision),
  minutesApprovedAt: z.string().nullable(),
  canApproveMinutes: z.boolean(),
  canManage: z.boolean(),
});
export type MeetingDetail = z.infer<typeof MeetingDetail>;

export const AgendaItemParams = z.strictObject({ id: z.uuid(), itemId: z.uuid() });
export const MinutesInput = z.strictObject({ minutes: z.string().max(20000), version: Version });
export const InvitationInput = z.strictObject({ organisationIds: Ids.default([]), userIds: Ids.default([]) });
export const AttendanceInput = z.strictObject({
  organisations: z.array(z.strictObject({ organisationId: z.uuid(), attendees: z.string().trim().max(2000).default('') })).max(500),
});
export const CommentInput = z.strictObject({ agendaItemId: z.uuid().nullable().optional(), body: Text(4000) });
export const AmendmentInput = z.strictObject({ agendaItemId: z.uuid(), text: Text(20000), reason: Text(2000) });
export const DecisionInput = z.strictObject({ textEn: Text(4000), textUr: OptionalText(4000), gcmObjectives: GcmObjectives });
export const DecisionQuery = PageQuery.extend({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  workingGroupId: z.uuid().optional(),
  search: z.string().trim().max(100).optional(),
});

// ---- Action points ----------------------------------------------------------------------

export const ActionPointInput = z.strictObject({
  title: Text(300),
  description: z.string().trim().max(4000).default(''),
  ownerOrganisationId: z.uuid(),
  responsibleUserId: z.uuid().nullable().optional(),
  responsibleName: OptionalText(200),
  dueDate: IsoDate,
  meetingId: z.uuid().nullable().optional(),
  decisionId: z.uuid().nullable().optional(),
  workingGroupId: z.uuid().nullable().optional(),
  gcmObjectives: GcmObjectives,
});
export const ActionPointProgress = z.strictObject({
  status: z.enum(ACTION_POINT_STATUSES).optional(),
  note: Text(4000),
  version: Version,
});
export const ActionPointQuery = PageQuery.extend({
  status: z.enum(ACTION_POINT_STATUSES).optional(),
  overdue: BooleanQuery.optional(),
  organisationId: z.uuid().optional(),
  workingGroupId: z.uuid().optional(),
  mine: BooleanQuery.optional(),
});
export const ActionPoint = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string(),
  ownerOrganisationId: z.uuid(),
  ownerOrganisationName: z.string(),
  responsibleUserId: z.uuid().nullable(),
  responsibleName: z.string().nullable(),
  dueDate: z.string(),
  status: z.enum(ACTION_POINT_STATUSES),
  overdue: z.boolean(),
  meetingId: z.uuid().nullable(),
  decisionId: z.uuid().nullable(),
  workingGroupId: z.uuid().nullable(),
  gcmObjectives: z.array(z.number()),
  version: z.number(),
  updates: z.array(z.object({ id: z.uuid(), status: z.string(), note: z.string(), authorName: z.string(), createdAt: z.string() })).optional(),
});
export type ActionPoint = z.infer<typeof ActionPoint>;

// ---- Workplan ---------------------------------------------------------------------------

const WorkplanFields = {
  titleEn: Text(300),
  titleUr: OptionalText(300),
  description: z.string().trim().max(4000).default(''),
  leadOrganisationId: z.uuid(),
  partnerOrganisationIds: Ids.default([]),
  startsOn: IsoDate,
  endsOn: IsoDate,
  status: z.enum(WORKPLAN_STATUSES).default('planned'),
  progress: z.number().int().min(0).max(100).default(0),
  gcmObjectives: GcmObjectives,
  guidingPrinciples: z.array(z.number().int().min(1).max(GCM_GUIDING_PRINCIPLE_COUNT)).max(GCM_GUIDING_PRINCIPLE_COUNT).default([]),
  sdgTargets: z.array(z.string().regex(/^\d{1,2}\.[0-9a-z]{1,2}$/)).max(30).default([]),
  workingGroupId: z.uuid().nullable().optional(),
};
export const WorkplanInput = z.strictObject({ kind: z.enum(['output', 'activity']), parentId: z.uuid().nullable().optional(), ...WorkplanFields });
export const WorkplanUpdate = z.strictObject({
  titleEn: WorkplanFields.titleEn.optional(),
  titleUr: WorkplanFields.titleUr,
  description: z.string().trim().max(4000).optional(),
  partnerOrganisationIds: Ids.optional(),
  startsOn: IsoDate.optional(),
  endsOn: IsoDate.optional(),
  status: z.enum(WORKPLAN_STATUSES).optional(),
  progress: z.number().int().min(0).max(100).optional(),
  gcmObjectives: z.array(z.number().int().min(1).max(GCM_OBJECTIVE_COUNT)).max(GCM_OBJECTIVE_COUNT).optional(),
  guidingPrinciples: z.array(z.number().int().min(1).max(GCM_GUIDING_PRINCIPLE_COUNT)).max(GCM_GUIDING_PRINCIPLE_COUNT).optional(),
  sdgTargets: z.array(z.string().regex(/^\d{1,2}\.[0-9a-z]{1,2}$/)).max(30).optional(),
  workingGroupId: z.uuid().nullable().optional(),
  version: Version,
});
export const WorkplanQuery = z.strictObject({
  gcmObjective: z.coerce.number().int().min(1).max(GCM_OBJECTIVE_COUNT).optional(),
  workingGroupId: z.uuid().optional(),
  organisationId: z.uuid().optional(),
});
export const WorkplanItem = z.object({
  id: z.uuid(),
  kind: z.enum(['output', 'activity']),
  parentId: z.uuid().nullable(),
  titleEn: z.string(),
  titleUr: z.string().nullable(),
  description: z.string(),
  leadOrganisationId: z.uuid(),
  leadOrganisationName: z.string(),
  partnerOrganisationIds: z.array(z.uuid()),
  startsOn: z.string(),
  endsOn: z.string(),
  status: z.enum(WORKPLAN_STATUSES),
  progress: z.number(),
  gcmObjectives: z.array(z.number()),
  guidingPrinciples: z.array(z.number()),
  sdgTargets: z.array(z.string()),
  workingGroupId: z.uuid().nullable(),
  version: z.number(),
});
export type WorkplanItem = z.infer<typeof WorkplanItem>;

export const WorkplanMatrix = z.object({
  objectives: z.array(z.object({ number: z.number(), title: z.string(), organisationCount: z.number(), gap: z.boolean() })),
  organisations: z.array(z.object({ id: z.uuid(), nameEn: z.string(), nameUr: z.string(), acronym: z.string().nullable() })),
  /** One cell per organisation and objective it contributes to; `role` is lead where it leads any line. */
  cells: z.array(z.object({ organisationId: z.uuid(), objective: z.number(), role: z.enum(['lead', 'partner']), items: z.number() })),
  gaps: z.array(z.number()),
});
export type WorkplanMatrix = z.infer<typeof WorkplanMatrix>;

export const ReportQuery = z
  .strictObject({ from: IsoDate, to: IsoDate })
  .refine((q) => q.to >= q.from, { path: ['to'], message: 'The end of the period is before its start.' });
export const ReportSendInput = z.strictObject({ from: IsoDate, to: IsoDate, format: z.enum(['pdf', 'docx']) });

// ---- Dashboard --------------------------------------------------------------------------

export const NetworkDashboard = z.object({
  membersByType: z.array(z.object({ type: z.string(), count: z.number() })),
  meetingsHeld: z.array(z.object({ month: z.string(), count: z.number() })),
  attendanceByOrganisation: z.array(z.object({ organisationId: z.uuid(), name: z.string(), invited: z.number(), attended: z.number(), rate: z.number() })),
  decisionsByYear: z.array(z.object({ year: z.number(), count: z.number() })),
  actionPointsByStatus: z.array(z.object({ status: z.string(), count: z.number() })),
  overdueActionPoints: z.array(z.object({ id: z.uuid(), title: z.string(), ownerOrganisationName: z.string(), dueDate: z.string() })),
  workplanByObjective: z.array(z.object({ objective: z.number(), items: z.number(), averageProgress: z.number(), completed: z.number() })),
});
export type NetworkDashboard = z.infer<typeof NetworkDashboard>;
