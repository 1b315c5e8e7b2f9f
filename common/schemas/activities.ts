/** Shared request and response shapes of the activities module (server routes and web pages). */
import { z } from 'zod';
import {
  ACTIVITY_GCM_OBJECTIVES_MAX,
  ACTIVITY_SECTORS,
  ACTIVITY_STATUSES,
  AGE_BANDS,
  FUNDING_KINDS,
  PERIOD_KINDS,
  POPULATION_GROUPS,
  SEXES,
} from '../activities';
import { GCM_GUIDING_PRINCIPLE_COUNT, GCM_OBJECTIVE_COUNT } from '../network';
import { PageQuery, Version } from './http';

export * from '../activities';

const Text = (max: number) => z.string().trim().min(1).max(max);
const OptionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const IsoDate = z.iso.date();
const People = z.number().int().min(0).max(100_000_000);
const count = <K extends string>(keys: readonly K[]) => z.strictObject(Object.fromEntries(keys.map((k) => [k, People.optional()])) as Record<K, z.ZodOptional<typeof People>>);

export const FigureCell = z.strictObject({ sex: z.enum(SEXES), ageBand: z.enum(AGE_BANDS), group: z.enum(POPULATION_GROUPS), people: People });

/** Totals are derived from the cells; a client may send them as a check, and they must then add up. */
export const FigureTotalsInput = z.strictObject({
  total: People.optional(),
  bySex: count(SEXES).optional(),
  byAgeBand: count(AGE_BANDS).optional(),
  byGroup: count(POPULATION_GROUPS).optional(),
});
export const FiguresInput = z.strictObject({ cells: z.array(FigureCell).max(SEXES.length * AGE_BANDS.length * POPULATION_GROUPS.length), totals: FigureTotalsInput.optional() });
export type FiguresInput = z.infer<typeof FiguresInput>;

const all = <K extends string>(keys: readonly K[]) => z.object(Object.fromEntries(keys.map((k) => [k, z.number()])) as Record<K, z.ZodNumber>);
export const Figures = z.object({
  cells: z.array(z.object({ sex: z.enum(SEXES), ageBand: z.enum(AGE_BANDS), group: z.enum(POPULATION_GROUPS), people: z.number() })),
  totals: z.object({ total: z.number(), bySex: all(SEXES), byAgeBand: all(AGE_BANDS), byGroup: all(POPULATION_GROUPS) }),
});
export type Figures = z.infer<typeof Figures>;

const EMPTY_FIGURES = { cells: [] };

const ActivityFields = {
  titleEn: Text(300),
  titleUr: OptionalText(300),
  descriptionEn: z.string().trim().max(4000).default(''),
  descriptionUr: OptionalText(4000),
  leadOrganisationId: z.uuid(),
  partnerOrganisationIds: z.array(z.uuid()).max(50).default([]),
  gcmObjectives: z.array(z.number().int().min(1).max(GCM_OBJECTIVE_COUNT)).min(1).max(ACTIVITY_GCM_OBJECTIVES_MAX),
  guidingPrinciples: z.array(z.number().int().min(1).max(GCM_GUIDING_PRINCIPLE_COUNT)).max(GCM_GUIDING_PRINCIPLE_COUNT).default([]),
  sdgTargets: z.array(z.string().regex(/^\d{1,2}\.[0-9a-z]{1,2}$/)).max(30).default([]),
  sector: z.enum(ACTIVITY_SECTORS),
  fundingKind: z.enum(FUNDING_KINDS),
  fundProgrammeId: z.uuid().nullable().optional(),
  donorName: OptionalText(200),
  unitIds: z.array(z.uuid()).max(500).default([]),
  startsOn: IsoDate,
  endsOn: IsoDate,
  status: z.enum(ACTIVITY_STATUSES).default('planned'),
  published: z.boolean().default(false),
  targeted: FiguresInput.default(EMPTY_FIGURES),
  reached: FiguresInput.default(EMPTY_FIGURES),
  workplanItemId: z.uuid().nullable().optional(),
};
export const ActivityInput = z.strictObject(ActivityFields);
export type ActivityInput = z.infer<typeof ActivityInput>;

export const ActivityUpdate = z.strictObject({
  titleEn: ActivityFields.titleEn.optional(),
  titleUr: ActivityFields.titleUr,
  descriptionEn: z.string().trim().max(4000).optional(),
  descriptionUr: ActivityFields.descriptionUr,
  partnerOrganisationIds: z.array(z.uuid()).max(50).optional(),
  gcmObjectives: ActivityFields.gcmObjectives.optional(),
  guidingPrinciples: z.array(z.number().int().min(1).max(GCM_GUIDING_PRINCIPLE_COUNT)).max(GCM_GUIDING_PRINCIPLE_COUNT).optional(),
  sdgTargets: z.array(z.string().regex(/^\d{1,2}\.[0-9a-z]{1,2}$/)).max(30).optional(),
  sector: z.enum(ACTIVITY_SECTORS).optional(),
  fundingKind: z.enum(FUNDING_KINDS).optional(),
  fundProgrammeId: z.uuid().nullable().optional(),
  donorName: OptionalText(200),
  unitIds: z.array(z.uuid()).max(500).optional(),
  startsOn: IsoDate.optional(),
  endsOn: IsoDate.optional(),
  status: z.enum(ACTIVITY_STATUSES).optional(),
  published: z.boolean().optional(),
  targeted: FiguresInput.optional(),
  reached: FiguresInput.optional(),
  workplanItemId: z.uuid().nullable().optional(),
  version: Version,
});
export type ActivityUpdate = z.infer<typeof ActivityUpdate>;

export const ActivityQuery = PageQuery.extend({
  organisationId: z.uuid().optional(),
  gcmObjective: z.coerce.number().int().min(1).max(GCM_OBJECTIVE_COUNT).optional(),
  sector: z.enum(ACTIVITY_SECTORS).optional(),
  status: z.enum(ACTIVITY_STATUSES).optional(),
  workplanItemId: z.uuid().optional(),
});
export type ActivityQuery = z.infer<typeof ActivityQuery>;

const OrganisationRef = z.object({ id: z.uuid(), nameEn: z.string(), nameUr: z.string(), acronym: z.string().nullable() });
const PlaceRef = z.object({ id: z.uuid(), code: z.string(), level: z.number(), nameEn: z.string(), nameUr: z.string().nullable() });

export const ActivitySummary = z.object({
  id: z.uuid(),
  titleEn: z.string(),
  titleUr: z.string().nullable(),
  leadOrganisation: OrganisationRef,
  gcmObjectives: z.array(z.number()),
  sector: z.enum(ACTIVITY_SECTORS),
  startsOn: z.string(),
  endsOn: z.string(),
  status: z.enum(ACTIVITY_STATUSES),
  published: z.boolean(),
  workplanItemId: z.uuid().nullable(),
  targetedTotal: z.number(),
  reachedTotal: z.number(),
  canEdit: z.boolean(),
  version: z.number(),
});
export type ActivitySummary = z.infer<typeof ActivitySummary>;

export const ActivityComment = z.object({ id: z.uuid(), body: z.string(), authorName: z.string(), createdAt: z.string() });

export const ActivityReport = z.object({
  id: z.uuid(),
  periodId: z.uuid(),
  activityId: z.uuid(),
  organisationId: z.uuid(),
  coveredFrom: z.string(),
  coveredTo: z.string(),
  narrative: z.string(),
  reached: Figures,
  submittedAt: z.string(),
  late: z.boolean(),
  version: z.number(),
});
export type ActivityReport = z.infer<typeof ActivityReport>;

export const ActivityDetail = ActivitySummary.extend({
  descriptionEn: z.string(),
  descriptionUr: z.string().nullable(),
  partnerOrganisations: z.array(OrganisationRef),
  guidingPrinciples: z.array(z.number()),
  sdgTargets: z.array(z.string()),
  fundingKind: z.enum(FUNDING_KINDS),
  fundProgrammeId: z.uuid().nullable(),
  donorName: z.string().nullable(),
  places: z.array(PlaceRef),
  targeted: Figures,
  reached: Figures,
  reports: z.array(ActivityReport),
  /** The secretariat's comments: shown to the secretariat and to the lead organisation only. */
  comments: z.array(ActivityComment).optional(),
});
export type ActivityDetail = z.infer<typeof ActivityDetail>;

export const ActivityPage = z.object({ items: z.array(ActivitySummary), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });

export const CommentInput = z.strictObject({ body: Text(4000) });

// ---- Periodic reporting -------------------------------------------------------------------

export const PeriodInput = z.strictObject({ kind: z.enum(PERIOD_KINDS), startsOn: IsoDate, endsOn: IsoDate, deadline: IsoDate });
export const ReportingPeriod = z.object({
  id: z.uuid(),
  kind: z.enum(PERIOD_KINDS),
  startsOn: z.string(),
  endsOn: z.string(),
  deadline: z.string(),
  /** After the deadline (Pakistan time) the period is closed for reporting, except for organisations it is unlocked for. */
  locked: z.boolean(),
  /** Whether the caller's organisation may still submit or edit reports for it. */
  openForMe: z.boolean(),
});
export type ReportingPeriod = z.infer<typeof ReportingPeriod>;

export const ReportInput = z.strictObject({
  narrative: z.string().trim().max(2000).default(''),
  coveredFrom: IsoDate.optional(),
  coveredTo: IsoDate.optional(),
  reached: FiguresInput,
  /** The version read with the report when it is edited; absent for the first submission. */
  version: Version.optional(),
});
export type ReportInput = z.infer<typeof ReportInput>;

export const ReportParams = z.strictObject({ id: z.uuid(), periodId: z.uuid() });

export const UnlockInput = z.strictObject({ organisationId: z.uuid(), reason: Text(1000), until: IsoDate });
export const Unlock = z.object({ id: z.uuid(), periodId: z.uuid(), organisationId: z.uuid(), reason: z.string(), until: z.string(), unlockedBy: z.string(), createdAt: z.string() });

export const PeriodReports = z.object({
  period: ReportingPeriod,
  reports: z.array(ActivityReport.extend({ activityTitle: z.string(), organisationName: z.string() })),
  /** Activities running in the period with no report yet. */
  missing: z.array(z.object({ activityId: z.uuid(), activityTitle: z.string(), organisationId: z.uuid(), organisationName: z.string() })),
  unlocks: z.array(Unlock),
});

// ---- Workplan link and public view -----------------------------------------------------------

export const WorkplanActivities = z.array(z.object({ workplanItemId: z.uuid(), activities: z.array(ActivitySummary) }));

export const PublicQuery = z.strictObject({ network: z.string().regex(/^[A-Z0-9]{2,12}$/).describe('The network code, e.g. PAK') });
export const PublicActivity = z.object({
  id: z.uuid(),
  titleEn: z.string(),
  titleUr: z.string().nullable(),
  descriptionEn: z.string(),
  descriptionUr: z.string().nullable(),
  organisation: z.string(),
  gcmObjectives: z.array(z.number()),
  sector: z.enum(ACTIVITY_SECTORS),
  startsOn: z.string(),
  endsOn: z.string(),
  status: z.enum(ACTIVITY_STATUSES),
  places: z.array(PlaceRef),
  targetedTotal: z.number(),
  reachedTotal: z.number(),
});
export const PublicActivityList = z.object({ items: z.array(PublicActivity) });

// ---- GCM progress report ---------------------------------------------------------------------

export const GcmReportQuery = z.strictObject({
  format: z.enum(['pdf', 'docx']).default('pdf'),
  /** Left out: the reader's own language. */
  language: z.enum(['en', 'ur']).optional(),
});
export type GcmReportQuery = z.infer<typeof GcmReportQuery>;
// ---- Bulk import of the 5W table -----------------------------------------------------------------

export const IMPORT_MODES = ['valid-only', 'all-or-nothing'] as const;
export const ImportMode = z.enum(IMPORT_MODES);
export type ImportMode = z.infer<typeof ImportMode>;
export const SHEET_TABLES = ['activities', 'reports'] as const;
export const SheetTable = z.enum(SHEET_TABLES);
export type SheetTable = z.infer<typeof SheetTable>;
export const SheetFormatQuery = z.strictObject({
  format: z.enum(['csv', 'xlsx']).default('xlsx'),
  table: SheetTable.default('activities').describe('activities: one row per activity; reports: one row per activity and reporting period'),
});

export const ImportProblem = z.object({ row: z.number().int().describe('The row as a spreadsheet numbers it (1 is the header row)'), column: z.string(), code: z.string(), message: z.string() });
export const ImportReport = z.object({ rows: z.number().int(), valid: z.number().int(), invalid: z.number().int(), problems: z.array(ImportProblem) });
export type ImportReport = z.infer<typeof ImportReport>;
export const ImportResult = z.object({
  mode: ImportMode,
  /** Whether anything was written. */
  written: z.boolean(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  report: ImportReport,
});
export type ImportResult = z.infer<typeof ImportResult>;
export const ImportProgress = z.object({ phase: z.enum(['checking', 'writing', 'done']), done: z.number().int(), total: z.number().int() });
export const ImportIdParams = z.strictObject({ importId: z.uuid() });
