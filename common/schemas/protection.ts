import { z } from 'zod';
import { COUNTRY_CODES } from '../countries';
import { HTCDS } from '../htcds';
import { PK_SUBDIVISIONS, SERVICE_TYPES } from '../organisations';
import { PageQuery, Version, pageOf } from './http';

/** A Pakistani CNIC: 13 digits, typed with or without the dashes of the printed `#####-#######-#`. */
export const CNIC_PATTERN = /^(\d{5}-\d{7}-\d|\d{13})$/;
export const CNIC_MESSAGE = 'A CNIC has 13 digits written as #####-#######-#.';

/** The printed form of a CNIC, whether or not it was typed with dashes. */
export function formatCnic(cnic: string): string {
  const digits = cnic.replace(/\D/g, '');
  return digits.length === 13 ? `${digits.slice(0, 5)}-${digits.slice(5, 12)}-${digits.slice(12)}` : cnic;
}
const Cnic = z.string().trim().regex(CNIC_PATTERN, CNIC_MESSAGE).transform(formatCnic);

export const MIGRATION_STATUSES = ['returnee', 'deportee', 'irregular_migrant', 'asylum_seeker', 'stranded', 'prospective_migrant'] as const;
export const CASE_STAGES = ['registered', 'screened', 'assessment', 'support_plan', 'services', 'follow_up', 'closure_requested', 'closed'] as const;
export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export const REFERRAL_STATUSES = ['sent', 'accepted', 'declined', 'withdrawn', 'in_progress', 'completed'] as const;
export const CONSENT_PURPOSES = ['services', 'sharing', 'statistics'] as const;
export const SCREENING_OUTCOMES = ['likely_victim', 'possible_victim', 'not_a_victim', 'undetermined'] as const;
/** ILO indicators of forced labour and trafficking used by the screening form. */
export const SCREENING_INDICATORS = [
  'deception', 'restriction_of_movement', 'isolation', 'physical_violence', 'intimidation', 'retention_of_documents',
  'withholding_of_wages', 'debt_bondage', 'abusive_conditions', 'excessive_overtime', 'abuse_of_vulnerability', 'child_under_18',
] as const;
/** Groups of case fields a referral may carry; a sharing consent names the groups it allows. */
export const SHARED_FIELDS = [
  'name', 'guardianName', 'identityNumber', 'birthDate', 'contacts', 'address', 'gender', 'age', 'citizenship', 'languages',
  'victimContext', 'journey', 'needs', 'risk',
] as const;
export type SharedField = (typeof SHARED_FIELDS)[number];
/** CTDC age bands. */
export const AGE_BANDS = ['0-8', '9-17', '18-20', '21-23', '24-26', '27-29', '30-38', '39-47', '48+', 'unknown'] as const;

const Country = z.enum(COUNTRY_CODES, 'Use a two-letter ISO 3166 country code.');
const IsoDate = z.iso.date();
const Text = (max: number) => z.string().trim().min(1).max(max);
const OptionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const list = <T extends readonly [string, ...string[]]>(values: T) => z.array(z.enum(values)).max(values.length).default([]);

export const Address = z.strictObject({
  street: OptionalText(300),
  city: OptionalText(120),
  state: OptionalText(120),
  country: Country.nullable().optional(),
});

const PersonFields = {
  firstName: Text(100),
  middleName: OptionalText(100),
  secondName: OptionalText(100),
  guardianName: OptionalText(200).describe("Father's or husband's name"),
  guardianRelation: z.enum(['father', 'husband']).nullable().optional(),
  identityNumber: Cnic.nullable().optional().describe('prs_IdentityNumber: CNIC'),
  birthDate: IsoDate.nullable().optional().describe('prs_Birthdate, exact; encrypted'),
  birthYear: z.number().int().min(1900).max(2100).nullable().optional().describe('Year of birth, estimated when the exact date is unknown'),
  ageEstimated: z.boolean().optional(),
  gender: z.enum(HTCDS.prs_Gender),
  maritalStatus: z.enum(HTCDS.prs_MaritalStatus).nullable().optional(),
  primaryLanguage: z.string().regex(/^[a-z]{2,3}$/, 'Use an ISO 639 language code.').nullable().optional(),
  secondaryLanguage: z.string().regex(/^[a-z]{2,3}$/, 'Use an ISO 639 language code.').nullable().optional(),
  citizenship: z.array(Country).max(5).default([]),
  phone: z.string().trim().regex(/^\+?[0-9 -]{6,20}$/, 'Use digits, spaces and dashes, with an optional leading +.').nullable().optional(),
  email: z.email().max(254).nullable().optional(),
  address: Address.nullable().optional(),
  migrationStatus: z.enum(MIGRATION_STATUSES),
  traffickingStatus: z.enum(HTCDS.vic_TraffickingStatus).nullable().optional(),
  traffickingStatusDecidedBy: z.enum(HTCDS.vic_TraffickingStatusDecisionMakingOrg).nullable().optional(),
  exploitationTypes: list(HTCDS.vic_TypeOfExploitation),
  forcedLabourIndustry: z.enum(HTCDS.vic_ForcedLabourIndustry).nullable().optional(),
  methodsOfControl: list(HTCDS.vic_MethodsOfControl),
  recruitmentMethods: list(HTCDS.vic_MethodOfRecruitment),
  relationshipToTrafficker: z.enum(HTCDS.vic_RelationshipToTrafficker).nullable().optional(),
  ageWhenTrafficked: z.number().int().min(0).max(120).nullable().optional(),
  vulnerabilities: list(HTCDS.vic_Vulnerabilities),
  perpetratorRoles: list(HTCDS.per_RoleInProcess),
  perpetratorDetails: OptionalText(4000).describe('per_RoleDetails: a description of roles only, never a perpetrator identity'),
};

export const PersonInput = z.strictObject(PersonFields);
export type PersonInput = z.infer<typeof PersonInput>;

export const PersonUpdateBody = z.strictObject({ ...PersonFields, version: Version });

export const Person = z.object({
  id: z.uuid(),
  firstName: z.string().nullable(),
  middleName: z.string().nullable(),
  secondName: z.string().nullable(),
  guardianName: z.string().nullable(),
  guardianRelation: z.enum(['father', 'husband']).nullable(),
  identityNumber: z.string().nullable(),
  birthDate: z.string().nullable(),
  birthYear: z.number().nullable(),
  ageEstimated: z.boolean(),
  gender: z.string(),
  maritalStatus: z.string().nullable(),
  primaryLanguage: z.string().nullable(),
  secondaryLanguage: z.string().nullable(),
  citizenship: z.array(z.string()),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.object({ street: z.string().nullable().optional(), city: z.string().nullable().optional(), state: z.string().nullable().optional(), country: z.string().nullable().optional() }).nullable(),
  migrationStatus: z.string(),
  traffickingStatus: z.string().nullable(),
  traffickingStatusDecidedBy: z.string().nullable(),
  exploitationTypes: z.array(z.string()),
  forcedLabourIndustry: z.string().nullable(),
  methodsOfControl: z.array(z.string()),
  recruitmentMethods: z.array(z.string()),
  relationshipToTrafficker: z.string().nullable(),
  ageWhenTrafficked: z.number().nullable(),
  vulnerabilities: z.array(z.string()),
  perpetratorRoles: z.array(z.string()),
  perpetratorDetails: z.string().nullable(),
  anonymised: z.boolean(),
});
export type Person = z.infer<typeof Person>;

export const ConsentInput = z.strictObject({
  purpose: z.enum(CONSENT_PURPOSES),
  organisationId: z.uuid().nullable().optional().describe('For sharing: the named organisation; null for any organisation the case is referred to'),
  sharedFields: z.array(z.enum(SHARED_FIELDS)).max(SHARED_FIELDS.length).default([]),
  givenOn: IsoDate,
});

export const CaseCreateBody = z.strictObject({
  person: PersonInput,
  province: z.enum(PK_SUBDIVISIONS).nullable().optional(),
  riskLevel: z.enum(RISK_LEVELS).default('medium'),
  teamId: z.uuid().nullable().optional(),
  caseOwnerUserId: z.uuid().nullable().optional(),
  registeredOn: IsoDate.optional(),
  consents: z.array(ConsentInput).max(20).default([]),
});

export const CaseUpdateBody = z.strictObject({
  version: Version,
  status: z.enum(['Active', 'FollowUp']).optional(),
  riskLevel: z.enum(RISK_LEVELS).optional(),
  province: z.enum(PK_SUBDIVISIONS).nullable().optional(),
  teamId: z.uuid().nullable().optional(),
  caseOwnerUserId: z.uuid().nullable().optional(),
});

export const ScreeningBody = z.strictObject({
  version: Version,
  indicators: z.array(z.enum(SCREENING_INDICATORS)).max(SCREENING_INDICATORS.length),
  outcome: z.enum(SCREENING_OUTCOMES),
  notes: OptionalText(8000),
});

export const AssessmentBody = z.strictObject({
  version: Version,
  needs: z.array(z.enum(SERVICE_TYPES)).max(SERVICE_TYPES.length),
  priority: z.enum(['low', 'medium', 'high']),
  notes: OptionalText(8000),
});

export const SupportPlanBody = z.strictObject({
  type: z.enum(HTCDS.spl_Type),
  objectives: Text(8000),
  actionPlan: OptionalText(8000),
  plannedEndDate: IsoDate.nullable().optional(),
});
export const SupportPlanUpdateBody = SupportPlanBody.partial().extend({ version: Version, actualEndDate: IsoDate.nullable().optional() });

export const ServiceBody = z.strictObject({
  serviceType: z.enum(SERVICE_TYPES),
  providerOrganisationId: z.uuid().nullable().optional(),
  status: z.enum(['planned', 'in_progress', 'delivered', 'cancelled']).default('planned'),
  startedOn: IsoDate.nullable().optional(),
  completedOn: IsoDate.nullable().optional(),
});

export const NoteBody = z.strictObject({ body: Text(20000) });

export const JourneyEventBody = z.strictObject({
  type: z.enum(HTCDS.hte_Type),
  country: Country,
  city: OptionalText(120),
  date: IsoDate.nullable().optional(),
  description: OptionalText(4000),
});

export const ClosureRequestBody = z.strictObject({
  version: Version,
  reason: Text(4000).describe('cas_ReasonForCaseClosure'),
  closedStatus: z.enum(['Closed', 'ClosedReferred']).default('Closed'),
});
export const ClosureDecisionBody = z.strictObject({ version: Version, approve: z.boolean() });

export const CaseListQuery = PageQuery.extend({
  status: z.enum(HTCDS.cas_Status).optional(),
  stage: z.enum(CASE_STAGES).optional(),
  organisationId: z.uuid().optional(),
  identityNumber: Cnic.optional(),
  name: z.string().trim().min(2).max(200).optional().describe('Exact full name, matched after normalisation'),
  mine: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});

export const CaseSummary = z.object({
  id: z.uuid(),
  reference: z.string(),
  displayName: z.string().nullable(),
  status: z.string(),
  stage: z.string(),
  riskLevel: z.string(),
  ownerOrganisationId: z.uuid(),
  caseOwnerUserId: z.uuid().nullable(),
  registeredOn: z.string(),
  updatedAt: z.string(),
});
export const CasePage = pageOf(CaseSummary);

export const SupportPlan = z.object({
  id: z.uuid(), type: z.string(), objectives: z.string().nullable(), actionPlan: z.string().nullable(),
  plannedEndDate: z.string().nullable(), actualEndDate: z.string().nullable(), version: z.number(),
});
export const ServiceRecord = z.object({
  id: z.uuid(), serviceType: z.string(), providerOrganisationId: z.uuid().nullable(), status: z.string(),
  startedOn: z.string().nullable(), completedOn: z.string().nullable(),
});
export const Consent = z.object({
  id: z.uuid(), purpose: z.string(), organisationId: z.uuid().nullable(), sharedFields: z.array(z.string()),
  givenOn: z.string(), recordedBy: z.uuid(), recordedAt: z.string(), withdrawnAt: z.string().nullable(),
});
export const Note = z.object({
  id: z.uuid(),
  authorUserId: z.uuid().nullable(),
  authorName: z.string().nullable(),
  body: z.string().nullable(),
  fileId: z.uuid().nullable().describe('An encrypted attachment: GET /cases/:id/attachments/:fileId'),
  createdAt: z.string(),
});
export const JourneyEvent = z.object({
  id: z.uuid(), type: z.string(), country: z.string(), city: z.string().nullable(), date: z.string().nullable(), description: z.string().nullable(),
});

export const CaseDetail = z.object({
  id: z.uuid(),
  reference: z.string(),
  version: z.number(),
  status: z.string(),
  stage: z.string(),
  riskLevel: z.string(),
  province: z.string().nullable(),
  ownerOrganisationId: z.uuid(),
  caseOwnerUserId: z.uuid().nullable(),
  teamId: z.uuid().nullable(),
  registeredOn: z.string(),
  screening: z.object({ indicators: z.array(z.string()), outcome: z.string(), screenedOn: z.string(), notes: z.string().nullable() }).nullable(),
  assessment: z.object({ needs: z.array(z.string()), priority: z.string(), assessedOn: z.string(), notes: z.string().nullable() }).nullable(),
  closure: z.object({ requestedBy: z.uuid().nullable(), reason: z.string().nullable(), closedStatus: z.string().nullable(), closedAt: z.string().nullable() }).nullable(),
  person: Person,
  supportPlans: z.array(SupportPlan),
  services: z.array(ServiceRecord),
  consents: z.array(Consent),
  access: z.enum(['owner', 'assigned', 'break_glass']),
  anonymised: z.boolean(),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

export const ReferralBody = z.strictObject({
  receivingOrganisationId: z.uuid().nullable().optional(),
  outsideOrganisationName: z.string().trim().min(2).max(200).nullable().optional().describe('An organisation not on the platform: it receives an encrypted PDF'),
  serviceType: z.enum(SERVICE_TYPES),
  reason: z.enum(HTCDS.cas_ReasonForOutgoingReferral).default('AdditionalServicesRequired'),
  urgent: z.boolean().default(false),
  sharedFields: z.array(z.enum(SHARED_FIELDS)).min(1).max(SHARED_FIELDS.length),
  message: OptionalText(4000).describe('cas_OutgoingReferralDetails'),
});

export const SharedSubset = z.record(z.string(), z.unknown());

export const ReferralPreview = z.object({
  sharedFields: z.array(z.string()),
  refusedFields: z.array(z.object({ field: z.string(), reason: z.string() })),
  data: SharedSubset,
  dueAt: z.string(),
});

export const ReferralSummary = z.object({
  id: z.uuid(),
  caseId: z.uuid().nullable().describe('Only for the sending organisation'),
  caseReference: z.string().nullable(),
  senderOrganisationId: z.uuid(),
  receivingOrganisationId: z.uuid().nullable(),
  outsideOrganisationName: z.string().nullable(),
  serviceType: z.string(),
  urgent: z.boolean(),
  status: z.enum(REFERRAL_STATUSES),
  sentAt: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
  version: z.number(),
});
/** The sender's note (cas_OutgoingReferralDetails) is written for the receiver, who reads it before accepting. */
const ReferralMessage = z.string().nullable().describe("The sender's note to the receiver, shown before acceptance; no personal data by design");
export const ReferralListItem = ReferralSummary.extend({ message: ReferralMessage });
export const ReferralPage = pageOf(ReferralListItem);

export const ReferralDetail = ReferralSummary.extend({
  reason: z.string(),
  sharedFields: z.array(z.string()),
  shared: SharedSubset.nullable().describe('The shared subset: for the receiver only while the referral is accepted or in progress'),
  message: ReferralMessage,
  declineReason: z.string().nullable(),
  feedback: z.string().nullable(),
  respondedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
});

export const ReferralSent = z.object({
  referral: ReferralDetail,
  outsideDelivery: z
    .object({ password: z.string().describe('Shown once; only its hash is kept'), filename: z.string(), contentBase64: z.string() })
    .nullable(),
});

export const ReferralListQuery = PageQuery.extend({
  box: z.enum(['inbox', 'outbox']),
  status: z.enum(REFERRAL_STATUSES).optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});

export const VersionBody = z.strictObject({ version: Version });
export const DeclineBody = z.strictObject({ version: Version, reason: Text(2000) });
export const CompleteBody = z.strictObject({ version: Version, feedback: Text(4000) });

export const TransferBody = z.strictObject({ toOrganisationId: z.uuid(), reason: Text(2000) });
export const Transfer = z.object({
  id: z.uuid(), caseId: z.uuid().nullable(), fromOrganisationId: z.uuid(), toOrganisationId: z.uuid(), status: z.string(),
  requestedAt: z.string(), respondedAt: z.string().nullable(),
});
export const TransferListQuery = PageQuery.extend({ box: z.enum(['inbox', 'outbox']) });

export const BreakGlassBody = z.strictObject({
  caseId: z.uuid(),
  reason: z.string().trim().min(20, 'Explain the emergency in at least 20 characters.').max(2000),
});
export const BreakGlassGrant = z.object({ caseId: z.uuid(), expiresAt: z.string() });

export const TeamBody = z.strictObject({ name: Text(100), memberUserIds: z.array(z.uuid()).max(200).default([]) });
export const Team = z.object({ id: z.uuid(), name: z.string(), memberUserIds: z.array(z.uuid()) });

export const HistoryEntry = z.object({ seq: z.number(), at: z.string(), actorName: z.string().nullable(), action: z.string(), fields: z.array(z.string()) });

export const STAT_DIMENSIONS = ['month', 'province', 'exploitationType', 'gender', 'ageBand'] as const;
export const StatsQuery = z.strictObject({
  dimension: z.enum(STAT_DIMENSIONS),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export const StatsAnswer = z.object({
  dimension: z.enum(STAT_DIMENSIONS),
  items: z.array(z.object({ key: z.string(), count: z.number().int().nullable(), display: z.string().describe('"x" for a withheld count') })),
  note: z.string(),
});

export const WorkQueue = z.object({
  myCases: z.array(CaseSummary),
  tasksDue: z.array(z.object({ caseId: z.uuid(), caseReference: z.string(), kind: z.enum(['support_plan_due', 'closure_approval']), dueOn: z.string().nullable() })),
  referralsWaiting: z.array(ReferralSummary),
  overdueReferrals: z.array(ReferralSummary),
});

export const ReferralTargetsQuery = z.strictObject({ serviceType: z.enum(SERVICE_TYPES) });
export const ReferralTarget = z.object({ id: z.uuid(), nameEn: z.string(), nameUr: z.string(), acronym: z.string().nullable() });

export const ProtectionSettings = z.object({
  referralDeadlineHours: z.record(z.string(), z.number().int()),
  urgentDeadlineHours: z.number().int(),
});
export const ProtectionSettingsBody = z.strictObject({
  referralDeadlineHours: z.partialRecord(z.enum(SERVICE_TYPES), z.number().int().min(1).max(2160)),
});

export const AnonymisedDataset = z.object({
  k: z.number().int(),
  quasiIdentifiers: z.array(z.string()),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
  report: z.object({ consentedCases: z.number().int(), publishedRows: z.number().int(), suppressedRows: z.number().int(), suppressedGroups: z.number().int() }),
  attribution: z.string(),
});
