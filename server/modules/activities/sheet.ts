/**
 * The one column set of the 5W table: one row per activity, with an English header and an HXL 1.1
 * hashtag each. The export writes it, the template shows it and the import reads it, so that an
 * exported file imported again is the same data. Lists (places, partners, objectives) are one
 * cell, their items separated by "; "; the people targeted and reached are the full
 * sex × age band × group cells in one column, and their totals in HXL columns beside it.
 */
import { AGE_BANDS, figureTotals, POPULATION_GROUPS, SEXES, type FigureCell } from '../../../common/activities';

/** What an activity is in the table, its references resolved to ids; lists sorted so two records compare as text. */
export interface ActivityRecord {
  id: string | null;
  leadOrganisationId: string;
  partnerOrganisationIds: string[];
  titleEn: string;
  titleUr: string | null;
  descriptionEn: string;
  descriptionUr: string | null;
  sector: string;
  gcmObjectives: number[];
  guidingPrinciples: number[];
  sdgTargets: string[];
  fundingKind: string;
  fundProgrammeId: string | null;
  donorName: string | null;
  unitIds: string[];
  startsOn: string;
  endsOn: string;
  status: string;
  published: boolean;
  workplanItemId: string | null;
  targeted: FigureCell[];
  reached: FigureCell[];
}

/** What a period report is in the table: the activity, the period by its kind and first day, the dates covered, the narrative and the people reached. */
export interface ReportRecord {
  activityId: string;
  periodKind: string;
  periodStart: string;
  coveredFrom: string;
  coveredTo: string;
  narrative: string;
  reached: FigureCell[];
}

/** Names and codes the columns show for the ids a record holds. */
export interface SheetLookups {
  organisation(id: string): { name: string; type: string } | undefined;
  unit(id: string): { code: string; level: number; nameEn: string } | undefined;
  activity(id: string): { title: string; organisationId: string } | undefined;
}

export interface Column<R = ActivityRecord> {
  header: string;
  hxl: string;
  /** A column the import reads; the others (names shown beside codes, totals) are for readers and checks. */
  input: boolean;
  width: number;
  value(record: R, lookups: SheetLookups): string | number | null;
}

export const LIST_SEPARATOR = '; ';
const list = (items: Array<string | number>) => items.join(LIST_SEPARATOR);

/** `female/18-59/migrants=30; male/0-17/idps=4`: every cell with people, in a fixed order. */
export function figuresText(cells: readonly FigureCell[]): string {
  return list(sortCells(cells).map((c) => `${c.sex}/${c.ageBand}/${c.group}=${c.people}`));
}

export function sortCells(cells: readonly FigureCell[]): FigureCell[] {
  const order = (c: FigureCell) => SEXES.indexOf(c.sex) * 100 + AGE_BANDS.indexOf(c.ageBand) * 10 + POPULATION_GROUPS.indexOf(c.group);
  return cells.filter((c) => c.people > 0).sort((a, b) => order(a) - order(b));
}

const placesOf = (level: number, part: 'code' | 'nameEn') => (r: ActivityRecord, l: SheetLookups) =>
  list(
    r.unitIds
      .map((id) => l.unit(id))
      .filter((u) => u?.level === level)
      .map((u) => u![part])
      .sort(),
  );

/** The totals of one measure, as HXL columns: the total, by sex, by age band. Checked on import when filled. */
function totalColumns<R>(measure: 'targeted' | 'reached', label: string, cellsOf: (r: R) => FigureCell[]): Array<Column<R>> {
  const totals = (r: R) => figureTotals(cellsOf(r));
  const column = (header: string, attribute: string, value: (t: ReturnType<typeof figureTotals>) => number): Column<R> => ({
    header: `${label} ${header}`.trim(),
    hxl: `#${measure}${attribute}`,
    input: false,
    width: 12,
    value: (r) => value(totals(r)),
  });
  return [
    column('(total)', '', (t) => t.total),
    column('female', '+f', (t) => t.bySex.female),
    column('male', '+m', (t) => t.bySex.male),
    column('other sex', '+i', (t) => t.bySex.other),
    column('aged 0-17', '+children', (t) => t.byAgeBand['0-17']),
    column('aged 18-59', '+adults', (t) => t.byAgeBand['18-59']),
    column('aged 60+', '+elderly', (t) => t.byAgeBand['60+']),
  ];
}

export const ACTIVITY_COLUMNS: Column[] = [
  { header: 'Activity ID', hxl: '#activity+code', input: true, width: 38, value: (r) => r.id },
  { header: 'Lead organisation', hxl: '#org+name', input: true, width: 24, value: (r, l) => l.organisation(r.leadOrganisationId)?.name ?? '' },
  { header: 'Organisation type', hxl: '#org+type', input: false, width: 16, value: (r, l) => l.organisation(r.leadOrganisationId)?.type ?? '' },
  { header: 'Implementing partners', hxl: '#org+impl+name', input: true, width: 24, value: (r, l) => list(r.partnerOrganisationIds.map((id) => l.organisation(id)?.name ?? '').sort()) },
  { header: 'Title', hxl: '#activity+name+i_en', input: true, width: 40, value: (r) => r.titleEn },
  { header: 'Title (Urdu)', hxl: '#activity+name+i_ur', input: true, width: 40, value: (r) => r.titleUr },
  { header: 'Description', hxl: '#description+i_en', input: true, width: 40, value: (r) => r.descriptionEn },
  { header: 'Description (Urdu)', hxl: '#description+i_ur', input: true, width: 40, value: (r) => r.descriptionUr },
  { header: 'Sector', hxl: '#sector+code', input: true, width: 20, value: (r) => r.sector },
  { header: 'GCM objectives', hxl: '#indicator+code', input: true, width: 14, value: (r) => list(r.gcmObjectives) },
  { header: 'GCM guiding principles', hxl: '#indicator+type', input: true, width: 14, value: (r) => list(r.guidingPrinciples) },
  { header: 'SDG targets', hxl: '#indicator+label', input: true, width: 14, value: (r) => list(r.sdgTargets) },
  { header: 'Status', hxl: '#status', input: true, width: 12, value: (r) => r.status },
  { header: 'Start date', hxl: '#date+start', input: true, width: 12, value: (r) => r.startsOn },
  { header: 'End date', hxl: '#date+end', input: true, width: 12, value: (r) => r.endsOn },
  { header: 'Province codes', hxl: '#adm1+code', input: true, width: 14, value: placesOf(1, 'code') },
  { header: 'Provinces', hxl: '#adm1+name', input: false, width: 20, value: placesOf(1, 'nameEn') },
  { header: 'District codes', hxl: '#adm2+code', input: true, width: 14, value: placesOf(2, 'code') },
  { header: 'Districts', hxl: '#adm2+name', input: false, width: 20, value: placesOf(2, 'nameEn') },
  { header: 'Tehsil codes', hxl: '#adm3+code', input: true, width: 14, value: placesOf(3, 'code') },
  { header: 'Tehsils', hxl: '#adm3+name', input: false, width: 20, value: placesOf(3, 'nameEn') },
  { header: 'Funding', hxl: '#org+funder+type', input: true, width: 14, value: (r) => r.fundingKind },
  { header: 'MMPTF programme ID', hxl: '#org+funder+code', input: true, width: 38, value: (r) => r.fundProgrammeId },
  { header: 'Donor', hxl: '#org+funder+name', input: true, width: 20, value: (r) => r.donorName },
  { header: 'Workplan line ID', hxl: '#activity+prog+code', input: true, width: 38, value: (r) => r.workplanItemId },
  { header: 'Published', hxl: '#status+type', input: true, width: 10, value: (r) => (r.published ? 'yes' : 'no') },
  { header: 'People targeted (sex/age/group=people)', hxl: '#targeted+text', input: true, width: 40, value: (r) => figuresText(r.targeted) },
  ...totalColumns<ActivityRecord>('targeted', 'Targeted', (r) => r.targeted),
  { header: 'People reached (sex/age/group=people)', hxl: '#reached+text', input: true, width: 40, value: (r) => figuresText(r.reached) },
  ...totalColumns<ActivityRecord>('reached', 'Reached', (r) => r.reached),
];

export const HEADERS = ACTIVITY_COLUMNS.map((c) => c.header);
export const HXL_ROW = ACTIVITY_COLUMNS.map((c) => c.hxl);

/** The period reports table: one row per activity and period. */
export const REPORT_COLUMNS: Array<Column<ReportRecord>> = [
  { header: 'Activity ID', hxl: '#activity+code', input: true, width: 38, value: (r) => r.activityId },
  { header: 'Activity', hxl: '#activity+name+i_en', input: false, width: 40, value: (r, l) => l.activity(r.activityId)?.title ?? '' },
  { header: 'Lead organisation', hxl: '#org+name', input: false, width: 24, value: (r, l) => l.organisation(l.activity(r.activityId)?.organisationId ?? '')?.name ?? '' },
  { header: 'Period (monthly or quarterly)', hxl: '#date+type', input: true, width: 12, value: (r) => r.periodKind },
  { header: 'Period start', hxl: '#date+start', input: true, width: 12, value: (r) => r.periodStart },
  { header: 'Covered from', hxl: '#date+start+occurred', input: true, width: 12, value: (r) => r.coveredFrom },
  { header: 'Covered to', hxl: '#date+end+occurred', input: true, width: 12, value: (r) => r.coveredTo },
  { header: 'Narrative', hxl: '#description+i_en', input: true, width: 60, value: (r) => r.narrative },
  { header: 'People reached (sex/age/group=people)', hxl: '#reached+text', input: true, width: 40, value: (r) => figuresText(r.reached) },
  ...totalColumns<ReportRecord>('reached', 'Reached', (r) => r.reached),
];
