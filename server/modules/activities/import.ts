/**
 * Bulk import, export and template of the 5W table (sheet.ts). An import is checked row by row
 * first (the dry run); then written in one transaction, all valid rows or nothing unless every row
 * is valid. Rows are matched by their activity ID; a row equal to the stored activity is left as
 * it is. Both steps work in batches and yield to the event loop between them, so that a large file
 * does not hold up other requests, and report how far they are (import-progress.ts).
 */
import { sql } from 'kysely';
import { ACTIVITY_GCM_OBJECTIVES_MAX, ACTIVITY_SECTORS, ACTIVITY_STATUSES, AGE_BANDS, figureTotals, FUNDING_KINDS, PERIOD_KINDS, POPULATION_GROUPS, SEXES, type FigureCell } from '../../../common/activities';
import { grantScope, Permission as P } from '../../../common/permissions';
import type { ImportMode, ImportReport, ImportResult } from '../../../common/schemas/activities';
import { requireAccess, type Actor } from '../../platform/access';
import { command, type RequestContext } from '../../platform/context';
import { scoped, type Executor, type Scoped } from '../../platform/database/tenant';
import { AppError } from '../../platform/errors';
import { translate, type Message } from '../../platform/i18n';
import type { Upload } from '../../platform/http/uploads';
import { refreshPlannerStatistics } from '../../platform/database/statistics';
import { progress } from './import-progress';
import { msg } from './messages';
import * as repo from './repository';
import { openFor } from './service';
import { ACTIVITY_COLUMNS, REPORT_COLUMNS, sortCells, type ActivityRecord, type Column, type ReportRecord, type SheetLookups } from './sheet';
import { readSheet, sheetCsv, sheetXlsx, SHEET_TYPES } from './sheet-files';

const BATCH = 500;
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The first data row's number as a spreadsheet shows it: after the header row and the HXL row. */
const FIRST_DATA_ROW = 3;

// ---- What the database knows, loaded once per file -----------------------------------------------

interface Catalogue extends SheetLookups {
  organisationByName: Map<string, string>;
  unitByCode: Map<string, { id: string; level: number }>;
  gcm: Set<number>;
  principles: Set<number>;
  sdg: Set<string>;
  programmes: Set<string>;
  workplanItems: Set<string>;
}

/** How an organisation is written in the table: its acronym, or its English name. */
const organisationLabel = (o: { acronym: string | null; name_en: string }) => o.acronym ?? o.name_en;

async function catalogue(db: Executor, q: Scoped): Promise<Catalogue> {
  const [orgs, units, gcm, principles, sdg, programmes, items] = await Promise.all([
    q.selectFrom('organisations').select(['id', 'name_en', 'acronym', 'type']).execute(),
    q.selectFrom('admin_units').select(['id', 'code', 'level', 'name_en', 'retired_at']).execute(),
    db.selectFrom('gcm_objectives').select('number').execute(),
    db.selectFrom('gcm_guiding_principles').select('number').execute(),
    db.selectFrom('sdg_targets').select('code').execute(),
    q.selectFrom('fund_programmes').select('id').execute(),
    q.selectFrom('workplan_items').select('id').execute(),
  ]);
  const orgById = new Map(orgs.map((o) => [o.id, { name: organisationLabel(o), type: String(o.type) }]));
  const unitById = new Map(units.map((u) => [u.id, { code: u.code, level: u.level, nameEn: u.name_en }]));
  const organisationByName = new Map<string, string>();
  for (const o of orgs) {
    organisationByName.set(o.name_en.toLowerCase(), o.id);
    if (o.acronym) organisationByName.set(o.acronym.toLowerCase(), o.id);
  }
  return {
    organisation: (id) => orgById.get(id),
    unit: (id) => unitById.get(id),
    // Filled in for the reports table only, which names the activity of each row.
    activity: () => undefined,
    organisationByName,
    unitByCode: new Map(units.filter((u) => !u.retired_at).map((u) => [u.code, { id: u.id, level: u.level }])),
    gcm: new Set(gcm.map((g) => g.number)),
    principles: new Set(principles.map((p) => p.number)),
    sdg: new Set(sdg.map((s) => s.code)),
    programmes: new Set(programmes.map((p) => p.id)),
    workplanItems: new Set(items.map((i) => i.id)),
  };
}

// ---- Stored activities as records ----------------------------------------------------------------

const cellOf = (f: { sex: FigureCell['sex']; age_band: FigureCell['ageBand']; population_group: FigureCell['group']; people: number }): FigureCell => ({
  sex: f.sex,
  ageBand: f.age_band,
  group: f.population_group,
  people: f.people,
});

async function recordsOf(q: Scoped, rows: repo.ActivityRow[]): Promise<ActivityRecord[]> {
  const records: ActivityRecord[] = [];
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const ids = batch.map((r) => r.id);
    const [partners, places, figures] = await Promise.all([
      repo.partnersOf(q, ids),
      q.selectFrom('activity_places').select(['activity_id', 'unit_id']).where('activity_id', 'in', ids).execute(),
      repo.figuresOf(q, ids),
    ]);
    const group = <T extends { activity_id: string }>(items: T[]) => {
      const map = new Map<string, T[]>();
      for (const item of items) map.set(item.activity_id, [...(map.get(item.activity_id) ?? []), item]);
      return map;
    };
    const [p, u, f] = [group(partners), group(places), group(figures)];
    for (const r of batch) {
      const mine = f.get(r.id) ?? [];
      records.push({
        id: r.id,
        leadOrganisationId: r.lead_organisation_id,
        partnerOrganisationIds: (p.get(r.id) ?? []).map((x) => x.organisation_id).sort(),
        titleEn: r.title_en,
        titleUr: r.title_ur,
        descriptionEn: r.description_en,
        descriptionUr: r.description_ur,
        sector: r.sector,
        gcmObjectives: [...r.gcm_objectives].sort((a, b) => a - b),
        guidingPrinciples: [...r.guiding_principles].sort((a, b) => a - b),
        sdgTargets: [...r.sdg_targets].sort(),
        fundingKind: r.funding_kind,
        fundProgrammeId: r.fund_programme_id,
        donorName: r.donor_name,
        unitIds: (u.get(r.id) ?? []).map((x) => x.unit_id).sort(),
        startsOn: r.starts_on,
        endsOn: r.ends_on,
        status: r.status,
        published: r.published,
        workplanItemId: r.workplan_item_id,
        targeted: sortCells(mine.filter((x) => x.measure === 'targeted').map(cellOf)),
        reached: sortCells(mine.filter((x) => x.measure === 'reached').map(cellOf)),
      });
    }
    await yieldToOthers();
  }
  return records;
}

const sameRecord = (a: ActivityRecord, b: ActivityRecord) => JSON.stringify(a) === JSON.stringify(b);

/** Who may see which activities: the same rule as the list (an organisation: its own and the published ones). */
function visibleTo(actor: Actor): string | null {
  return grantScope(actor.grants, P.ActivitiesRead) === 'network' ? null : actor.organisationId;
}

// ---- Export and template -------------------------------------------------------------------------

export type SheetFormat = keyof typeof SHEET_TYPES;

/** The activities the reader may see, as the HXL-tagged 5W table. */
export async function exportActivities(ctx: RequestContext, format: SheetFormat) {
  requireAccess(ctx.actor, P.ActivitiesRead);
  const actor = ctx.actor!;
  const q = scoped(ctx.db, actor.networkId);
  const { rows } = await repo.listActivities(q, { visibleTo: visibleTo(actor) });
  const [records, lookups] = await Promise.all([recordsOf(q, rows), catalogue(ctx.db, q)]);
  const body = format === 'csv' ? sheetCsv(ACTIVITY_COLUMNS, records, lookups) : await sheetXlsx('Activities', ACTIVITY_COLUMNS, records, lookups);
  return { contentType: SHEET_TYPES[format], filename: `activities-5w.${format}`, body };
}

/** An empty table with its HXL row; in XLSX also the current gazetteer and the organisations, to copy from. */
export async function importTemplate(ctx: RequestContext, format: SheetFormat) {
  requireAccess(ctx.actor, P.ActivitiesEdit);
  const q = scoped(ctx.db, ctx.actor!.networkId);
  const lookups = await catalogue(ctx.db, q);
  if (format === 'csv') return { contentType: SHEET_TYPES.csv, filename: 'activities-template.csv', body: sheetCsv(ACTIVITY_COLUMNS, [], lookups) };
  const [units, orgs] = await Promise.all([
    q.selectFrom('admin_units').select(['id', 'code', 'level', 'name_en', 'name_ur', 'parent_id']).where('retired_at', 'is', null).orderBy('level').orderBy('code').execute(),
    q.selectFrom('organisations').select(['name_en', 'acronym', 'type']).orderBy('name_en').execute(),
  ]);
  const body = await sheetXlsx('Activities', ACTIVITY_COLUMNS, [], lookups, {
    units: units.map((u) => ({ code: u.code, level: u.level, nameEn: u.name_en, nameUr: u.name_ur, parentCode: (u.parent_id && lookups.unit(u.parent_id)?.code) || null })),
    organisations: orgs.map((o) => ({ name: organisationLabel(o), nameEn: o.name_en, type: String(o.type) })),
  });
  return { contentType: SHEET_TYPES.xlsx, filename: 'activities-template.xlsx', body };
}

// ---- Reading and checking the rows ---------------------------------------------------------------

interface Problem {
  row: number;
  column: string;
  message: Message;
}

interface CheckedRow {
  row: number;
  record: ActivityRecord | null;
}

/** Where each column of the table is in the file: found by its HXL hashtag when the file has the HXL row, else by its header. */
function locateColumns<R>(rows: string[][], columns: Array<Column<R>>): { index: Map<string, number>; problems: Problem[] } {
  const [headers = [], second = []] = rows;
  const tagged = second.some((c) => c.startsWith('#'));
  const key = (c: string) => c.replace(/\s+/g, '').toLowerCase();
  const positions = new Map((tagged ? second : headers).map((c, i) => [key(c), i]));
  const index = new Map<string, number>();
  const problems: Problem[] = [];
  for (const c of columns) {
    const at = positions.get(key(tagged ? c.hxl : c.header));
    if (at !== undefined) index.set(c.hxl, at);
    else if (c.input) problems.push({ row: 1, column: c.header, message: msg('activities.import.column-missing', { column: c.header }) });
  }
  return { index, problems };
}

const HEADER_OF = new Map(ACTIVITY_COLUMNS.map((c) => [c.hxl, c.header]));
const REPORT_HEADER_OF = new Map(REPORT_COLUMNS.map((c) => [c.hxl, c.header]));
const items = (text: string) =>
  text
    .split(/[;,]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Readers of one row's cells by HXL hashtag; each records the problem it finds in `problems`. */
function rowReader(cells: string[], rowNumber: number, index: Map<string, number>, headerOf: Map<string, string>) {
  const problems: Problem[] = [];
  const get = (hxl: string) => cells[index.get(hxl) ?? -1] ?? '';
  const fail = (hxl: string, message: Message) => problems.push({ row: rowNumber, column: headerOf.get(hxl)!, message });
  const text = (hxl: string, max: number, required = false): string | null => {
    const value = get(hxl);
    if (!value) {
      if (required) fail(hxl, msg('activities.import.required'));
      return null;
    }
    if (value.length > max) fail(hxl, msg('activities.import.too-long', { max }));
    return value;
  };
  const oneOf = (hxl: string, allowed: readonly string[]) => {
    const value = get(hxl);
    if (!allowed.includes(value)) fail(hxl, value ? msg('activities.import.not-in-list', { value, allowed: allowed.join(', ') }) : msg('activities.import.required'));
    return value;
  };
  const date = (hxl: string) => {
    const value = get(hxl);
    const parsed = new Date(`${value}T00:00:00Z`);
    const valid = /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
    if (!valid) fail(hxl, value ? msg('activities.import.bad-date', { value }) : msg('activities.import.required'));
    return valid ? value : '';
  };
  const numbers = (hxl: string, allowed: Set<number>, unknown: Message) => {
    const values = items(get(hxl)).map(Number);
    if (values.some((n) => !Number.isInteger(n) || !allowed.has(n))) fail(hxl, unknown);
    return [...new Set(values)].sort((a, b) => a - b);
  };
  const figures = (hxl: string): FigureCell[] => {
    const cellsOut: FigureCell[] = [];
    const seen = new Set<string>();
    for (const item of items(get(hxl))) {
      const m = /^([a-z]+)\/([0-9+-]+)\/([a-z_]+)\s*=\s*(\d+)$/.exec(item);
      if (!m || !(SEXES as readonly string[]).includes(m[1]) || !(AGE_BANDS as readonly string[]).includes(m[2]) || !(POPULATION_GROUPS as readonly string[]).includes(m[3])) {
        fail(hxl, msg('activities.import.bad-figures', { value: item }));
        continue;
      }
      const key = `${m[1]}/${m[2]}/${m[3]}`;
      if (seen.has(key)) fail(hxl, msg('activities.figures-duplicate'));
      seen.add(key);
      cellsOut.push({ sex: m[1] as FigureCell['sex'], ageBand: m[2] as FigureCell['ageBand'], group: m[3] as FigureCell['group'], people: Number(m[4]) });
    }
    return sortCells(cellsOut);
  };
  /** Totals filled in beside the cells are a check: each must be what the cells add up to. */
  const checkTotals = (measure: 'targeted' | 'reached', cellsIn: FigureCell[]) => {
    const t = figureTotals(cellsIn);
    const derived: Record<string, number> = {
      '': t.total,
      '+f': t.bySex.female,
      '+m': t.bySex.male,
      '+i': t.bySex.other,
      '+children': t.byAgeBand['0-17'],
      '+adults': t.byAgeBand['18-59'],
      '+elderly': t.byAgeBand['60+'],
    };
    for (const [attribute, value] of Object.entries(derived)) {
      const hxl = `#${measure}${attribute}`;
      const sent = get(hxl);
      if (!sent) continue;
      if (!/^\d+$/.test(sent)) fail(hxl, msg('activities.import.bad-number', { value: sent }));
      else if (Number(sent) !== value) fail(hxl, msg('activities.figures-total-mismatch', { sent: Number(sent), derived: value }));
    }
  };
  return { problems, get, fail, text, oneOf, date, numbers, figures, checkTotals };
}

function checkRow(cells: string[], rowNumber: number, index: Map<string, number>, known: Catalogue, actor: Actor, existing: Map<string, ActivityRecord>): { record: ActivityRecord | null; problems: Problem[] } {
  const { problems, get, fail, text, oneOf, date, numbers, figures, checkTotals } = rowReader(cells, rowNumber, index, HEADER_OF);
  const organisation = (name: string, hxl: string) => {
    const id = known.organisationByName.get(name.toLowerCase());
    if (!id) fail(hxl, msg('activities.import.organisation-unknown', { name }));
    return id ?? '';
  };

  const id = get('#activity+code') || null;
  let current: ActivityRecord | undefined;
  if (id) {
    current = UUID.test(id) ? existing.get(id.toLowerCase()) : undefined;
    if (!current) fail('#activity+code', msg('activities.import.activity-unknown'));
  }
  const leadName = text('#org+name', 200, true);
  const leadOrganisationId = leadName ? organisation(leadName, '#org+name') : '';
  if (leadOrganisationId) {
    if (grantScope(actor.grants, P.ActivitiesEdit) !== 'network' && leadOrganisationId !== actor.organisationId) fail('#org+name', msg('activities.import.organisation-not-own'));
    else if (current && current.leadOrganisationId !== leadOrganisationId) fail('#org+name', msg('activities.import.lead-changed'));
  }
  const partnerOrganisationIds = [...new Set(items(get('#org+impl+name')).map((n) => organisation(n, '#org+impl+name')))].filter((p) => p && p !== leadOrganisationId).sort();
  const titleEn = text('#activity+name+i_en', 300, true) ?? '';
  const titleUr = text('#activity+name+i_ur', 300);
  const descriptionEn = text('#description+i_en', 4000) ?? '';
  const descriptionUr = text('#description+i_ur', 4000);
  const sector = oneOf('#sector+code', ACTIVITY_SECTORS);
  const gcmObjectives = numbers('#indicator+code', known.gcm, msg('activities.gcm-unknown'));
  if (gcmObjectives.length < 1 || gcmObjectives.length > ACTIVITY_GCM_OBJECTIVES_MAX) fail('#indicator+code', msg('activities.import.gcm-count'));
  const guidingPrinciples = numbers('#indicator+type', known.principles, msg('activities.principle-unknown'));
  const sdgTargets = [...new Set(items(get('#indicator+label')))].sort();
  if (sdgTargets.some((s) => !known.sdg.has(s))) fail('#indicator+label', msg('activities.sdg-unknown'));
  const status = oneOf('#status', ACTIVITY_STATUSES);
  const startsOn = date('#date+start');
  const endsOn = date('#date+end');
  if (startsOn && endsOn && endsOn < startsOn) fail('#date+end', msg('activities.end-before-start'));
  const unitIds: string[] = [];
  for (const [level, hxl] of [[1, '#adm1+code'], [2, '#adm2+code'], [3, '#adm3+code']] as const) {
    for (const code of items(get(hxl))) {
      const unit = known.unitByCode.get(code);
      if (!unit || unit.level !== level) fail(hxl, msg('activities.import.unit-unknown', { code }));
      else unitIds.push(unit.id);
    }
  }
  const fundingKind = oneOf('#org+funder+type', FUNDING_KINDS);
  const fundProgrammeId = get('#org+funder+code') || null;
  const donorName = text('#org+funder+name', 200);
  if (fundingKind === 'mmptf') {
    if (!fundProgrammeId) fail('#org+funder+code', msg('activities.programme-required'));
    else if (!known.programmes.has(fundProgrammeId)) fail('#org+funder+code', msg('activities.programme-unknown'));
  } else if (fundProgrammeId) fail('#org+funder+code', msg('activities.programme-not-mmptf'));
  if (fundingKind === 'other_donor' && !donorName) fail('#org+funder+name', msg('activities.donor-required'));
  if (fundingKind !== 'other_donor' && donorName) fail('#org+funder+name', msg('activities.donor-not-other'));
  const workplanItemId = get('#activity+prog+code') || null;
  if (workplanItemId && !known.workplanItems.has(workplanItemId)) fail('#activity+prog+code', msg('activities.workplan-unknown'));
  const published = oneOf('#status+type', ['yes', 'no']) === 'yes';
  const targeted = figures('#targeted+text');
  const reached = figures('#reached+text');
  checkTotals('targeted', targeted);
  checkTotals('reached', reached);
  if (problems.length) return { record: null, problems };
  return {
    record: {
      id: current?.id ?? null,
      leadOrganisationId,
      partnerOrganisationIds,
      titleEn,
      titleUr,
      descriptionEn,
      descriptionUr,
      sector,
      gcmObjectives,
      guidingPrinciples,
      sdgTargets,
      fundingKind,
      fundProgrammeId,
      donorName,
      unitIds: [...new Set(unitIds)].sort(),
      startsOn,
      endsOn,
      status,
      published,
      workplanItemId,
      targeted,
      reached,
    },
    problems,
  };
}

async function readRows(upload: Upload): Promise<string[][]> {
  try {
    return await readSheet(upload.data, upload.mimeType);
  } catch {
    throw AppError.field('file', msg('activities.import.unreadable'));
  }
}

/** The rows below the header and HXL rows, blank ones left out; a file without any is refused. */
function dataRows(rows: string[][]): string[][] {
  const data = rows.slice(FIRST_DATA_ROW - 1).filter((r) => r.some((c) => c !== ''));
  if (data.length === 0) throw AppError.field('file', msg('activities.import.no-rows'));
  return data;
}

interface Checked {
  rows: CheckedRow[];
  problems: Problem[];
  existing: Map<string, ActivityRecord>;
}

async function checkFile(ctx: RequestContext, db: Executor, upload: Upload, importId: string | null): Promise<Checked> {
  const actor = ctx.actor!;
  const q = scoped(db, actor.networkId);
  const rows = await readRows(upload);
  const { index, problems } = locateColumns(rows, ACTIVITY_COLUMNS);
  if (problems.length) return { rows: [], problems, existing: new Map() };
  const data = dataRows(rows);
  const known = await catalogue(db, q);
  // The activities the importer may edit, to match rows by their ID.
  const scope = grantScope(actor.grants, P.ActivitiesEdit);
  const { rows: editable } = await repo.listActivities(q, { organisationId: scope === 'network' ? undefined : actor.organisationId });
  const existing = new Map((await recordsOf(q, editable)).map((r) => [r.id!, r]));
  const checked: CheckedRow[] = [];
  const seenIds = new Map<string, number>();
  const track = importId ? progress.start(actor, importId, 'checking', data.length) : null;
  for (let i = 0; i < data.length; i++) {
    const rowNumber = i + FIRST_DATA_ROW;
    const result = checkRow(data[i], rowNumber, index, known, actor, existing);
    const id = result.record?.id;
    if (id && seenIds.has(id)) {
      result.problems.push({ row: rowNumber, column: HEADER_OF.get('#activity+code')!, message: msg('activities.import.activity-twice', { row: seenIds.get(id)! }) });
      result.record = null;
    } else if (id) seenIds.set(id, rowNumber);
    problems.push(...result.problems);
    checked.push({ row: rowNumber, record: result.record });
    if (i % BATCH === BATCH - 1) {
      track?.advance(i + 1);
      await yieldToOthers();
    }
  }
  track?.advance(data.length);
  return { rows: checked, problems, existing };
}

function report(ctx: RequestContext, checked: { rows: Array<{ record: unknown }>; problems: Problem[] }): ImportReport {
  const language = ctx.actor!.language;
  const invalidRows = new Set(checked.problems.map((p) => p.row));
  return {
    rows: checked.rows.length,
    valid: checked.rows.filter((r) => r.record).length,
    invalid: checked.rows.length ? invalidRows.size : 0,
    problems: checked.problems.map((p) => ({ row: p.row, column: p.column, code: p.message.key, message: translate(p.message.key, language, p.message.params) })),
  };
}

/** The dry run: every row checked, nothing written. */
export async function dryRun(ctx: RequestContext, readFile: () => Promise<Upload>, importId: string | null = null): Promise<ImportReport> {
  requireAccess(ctx.actor, P.ActivitiesEdit);
  const upload = await readFile();
  try {
    return report(ctx, await checkFile(ctx, ctx.db, upload, importId));
  } finally {
    if (importId) progress.finish(ctx.actor!, importId);
  }
}

/** The dry run's report as a CSV file: row, column, message. */
export function reportCsv(result: ImportReport): string {
  const lines = [['Row', 'Column', 'Code', 'Message'], ...result.problems.map((p) => [String(p.row), p.column, p.code, p.message])];
  return `\uFEFF${lines.map((l) => l.map((c) => (/[",\r\n]/.test(c) || /^[=+\-@]/.test(c) ? `"${(/^[=+\-@]/.test(c) ? `'${c}` : c).replaceAll('"', '""')}"` : c)).join(',')).join('\r\n')}\r\n`;
}

/** The caller's own running check or import; one that has ended (or never ran here) reads as done. */
export function importProgress(ctx: RequestContext, importId: string) {
  requireAccess(ctx.actor, P.ActivitiesEdit);
  return progress.read(ctx.actor!, importId) ?? { phase: 'done' as const, done: 0, total: 0 };
}

// ---- Writing -------------------------------------------------------------------------------------

async function insertBatch(db: Executor, q: Scoped, records: ActivityRecord[], userId: string, first: boolean) {
  const now = new Date();
  const ids = await q
    .insertInto(
      'activities',
      records.map((r) => ({
        title_en: r.titleEn,
        title_ur: r.titleUr,
        description_en: r.descriptionEn,
        description_ur: r.descriptionUr,
        lead_organisation_id: r.leadOrganisationId,
        gcm_objectives: r.gcmObjectives,
        guiding_principles: r.guidingPrinciples,
        sdg_targets: r.sdgTargets,
        sector: r.sector as ActivityRecord['sector'] as never,
        funding_kind: r.fundingKind as never,
        fund_programme_id: r.fundProgrammeId,
        donor_name: r.donorName,
        starts_on: r.startsOn,
        ends_on: r.endsOn,
        status: r.status as never,
        published: r.published,
        workplan_item_id: r.workplanItemId,
        created_by: userId,
        updated_at: now,
      })),
    )
    .returning('id')
    .execute();
  if (first) await refreshPlannerStatistics(db, ['activities']);
  await writeChildren(
    q,
    records.map((r, i) => ({ ...r, id: ids[i].id })),
  );
}

/** Partners, places and figures of these activities, in multi-row inserts. */
async function writeChildren(q: Scoped, records: Array<ActivityRecord & { id: string }>) {
  const partners = records.flatMap((r) => r.partnerOrganisationIds.map((organisation_id) => ({ activity_id: r.id, organisation_id })));
  const places = records.flatMap((r) => r.unitIds.map((unit_id) => ({ activity_id: r.id, unit_id })));
  const figures = records.flatMap((r) =>
    (['targeted', 'reached'] as const).flatMap((measure) => r[measure].map((c) => ({ activity_id: r.id, measure, sex: c.sex, age_band: c.ageBand, population_group: c.group, people: c.people }))),
  );
  if (partners.length) await q.insertInto('activity_partners', partners).execute();
  if (places.length) await q.insertInto('activity_places', places).execute();
  for (let i = 0; i < figures.length; i += BATCH * 4) await q.insertInto('activity_figures', figures.slice(i, i + BATCH * 4)).execute();
}

async function updateBatch(q: Scoped, records: Array<ActivityRecord & { id: string }>) {
  const ids = records.map((r) => r.id);
  for (const r of records) {
    await q
      .updateTable('activities')
      .set({
        title_en: r.titleEn,
        title_ur: r.titleUr,
        description_en: r.descriptionEn,
        description_ur: r.descriptionUr,
        gcm_objectives: r.gcmObjectives,
        guiding_principles: r.guidingPrinciples,
        sdg_targets: r.sdgTargets,
        sector: r.sector as never,
        funding_kind: r.fundingKind as never,
        fund_programme_id: r.fundProgrammeId,
        donor_name: r.donorName,
        starts_on: r.startsOn,
        ends_on: r.endsOn,
        status: r.status as never,
        published: r.published,
        workplan_item_id: r.workplanItemId,
        updated_at: new Date(),
        version: sql`version + 1`,
      })
      .where('id', '=', r.id)
      .execute();
  }
  await q.deleteFrom('activity_partners').where('activity_id', 'in', ids).execute();
  await q.deleteFrom('activity_places').where('activity_id', 'in', ids).execute();
  await q.deleteFrom('activity_figures').where('activity_id', 'in', ids).execute();
  await writeChildren(q, records);
}

/**
 * Imports a file in one transaction: `valid-only` writes every valid row and rejects the others,
 * `all-or-nothing` writes nothing unless every row is valid. Rows equal to their stored activity
 * are counted unchanged and not touched.
 */
export async function importActivities(ctx: RequestContext, readFile: () => Promise<Upload>, mode: ImportMode, importId: string | null = null): Promise<ImportResult> {
  requireAccess(ctx.actor, P.ActivitiesEdit);
  const upload = await readFile();
  try {
    return await command(ctx, async (tx) => {
      const checked = await checkFile(ctx, tx.db, upload, importId);
      const dry = report(ctx, checked);
      const rejected = checked.rows.filter((r) => !r.record).length;
      const result: ImportResult = { mode, created: 0, updated: 0, unchanged: 0, rejected, report: dry, written: false };
      if (checked.rows.length === 0 || (mode === 'all-or-nothing' && dry.problems.length > 0)) return { ...result, rejected: checked.rows.length };
      const valid = checked.rows.map((r) => r.record).filter((r): r is ActivityRecord => r !== null);
      const fresh = valid.filter((r) => !r.id);
      const changed = valid.filter((r) => r.id && !sameRecord(r, checked.existing.get(r.id)!)) as Array<ActivityRecord & { id: string }>;
      result.unchanged = valid.length - fresh.length - changed.length;
      const track = importId ? progress.start(tx.actor, importId, 'writing', fresh.length + changed.length) : null;
      for (let i = 0; i < fresh.length; i += BATCH) {
        await insertBatch(tx.db, tx.q, fresh.slice(i, i + BATCH), tx.actor.userId, i === 0);
        track?.advance(Math.min(i + BATCH, fresh.length));
        await yieldToOthers();
      }
      for (let i = 0; i < changed.length; i += BATCH) {
        await updateBatch(tx.q, changed.slice(i, i + BATCH));
        track?.advance(fresh.length + Math.min(i + BATCH, changed.length));
        await yieldToOthers();
      }
      result.created = fresh.length;
      result.updated = changed.length;
      result.written = fresh.length + changed.length > 0;
      await tx.audit({ action: 'activities.import', entity: 'activity', fields: ['file', 'mode'] });
      return result;
    });
  } finally {
    if (importId) progress.finish(ctx.actor!, importId);
  }
}

// ---- Period reports ------------------------------------------------------------------------------

type PeriodRow = Awaited<ReturnType<typeof repo.listPeriods>>[number];
type ReportRowIn = ReportRecord & { periodId: string; organisationId: string };
const reportKey = (periodId: string, activityId: string) => `${periodId}/${activityId}`;

async function reportRecordsOf(q: Scoped, reports: repo.ReportRow[], periods: PeriodRow[]): Promise<Array<{ id: string; key: string; record: ReportRecord }>> {
  const periodById = new Map(periods.map((p) => [p.id, p]));
  const out: Array<{ id: string; key: string; record: ReportRecord }> = [];
  for (let i = 0; i < reports.length; i += BATCH) {
    const batch = reports.slice(i, i + BATCH);
    const figures = await repo.reportFiguresOf(q, batch.map((r) => r.id));
    const byReport = new Map<string, FigureCell[]>();
    for (const f of figures) byReport.set(f.report_id, [...(byReport.get(f.report_id) ?? []), cellOf(f)]);
    for (const r of batch) {
      const period = periodById.get(r.period_id)!;
      out.push({
        id: r.id,
        key: reportKey(r.period_id, r.activity_id),
        record: { activityId: r.activity_id, periodKind: period.kind, periodStart: period.starts_on, coveredFrom: r.covered_from, coveredTo: r.covered_to, narrative: r.narrative, reached: sortCells(byReport.get(r.id) ?? []) },
      });
    }
    await yieldToOthers();
  }
  return out;
}

async function withActivities(q: Scoped, known: Catalogue, activityIds: string[]): Promise<Catalogue> {
  const titles = new Map<string, { title: string; organisationId: string }>();
  const ids = [...new Set(activityIds)];
  for (let i = 0; i < ids.length; i += BATCH) {
    const rows = await q.selectFrom('activities').select(['id', 'title_en', 'lead_organisation_id']).where('id', 'in', ids.slice(i, i + BATCH)).execute();
    for (const a of rows) titles.set(a.id, { title: a.title_en, organisationId: a.lead_organisation_id });
  }
  return { ...known, activity: (id) => titles.get(id) };
}

/** The period reports the reader may see (an organisation: its own), as a table that imports back unchanged. */
export async function exportReports(ctx: RequestContext, format: SheetFormat) {
  const scope = requireAccess(ctx.actor, P.ActivitiesRead);
  const actor = ctx.actor!;
  const q = scoped(ctx.db, actor.networkId);
  const [reports, periods] = await Promise.all([repo.reportsWhere(q, { organisationId: scope === 'own-org' ? actor.organisationId : null }), repo.listPeriods(q)]);
  const records = (await reportRecordsOf(q, reports, periods)).map((r) => r.record);
  const lookups = await withActivities(q, await catalogue(ctx.db, q), records.map((r) => r.activityId));
  const body = format === 'csv' ? sheetCsv(REPORT_COLUMNS, records, lookups) : await sheetXlsx('Reports', REPORT_COLUMNS, records, lookups);
  return { contentType: SHEET_TYPES[format], filename: `activity-reports.${format}`, body };
}

export async function reportsTemplate(ctx: RequestContext, format: SheetFormat) {
  requireAccess(ctx.actor, P.ActivitiesReport);
  const q = scoped(ctx.db, ctx.actor!.networkId);
  const lookups = await catalogue(ctx.db, q);
  const body = format === 'csv' ? sheetCsv(REPORT_COLUMNS, [], lookups) : await sheetXlsx('Reports', REPORT_COLUMNS, [], lookups);
  return { contentType: SHEET_TYPES[format], filename: `activity-reports-template.${format}`, body };
}

interface CheckedReports {
  rows: Array<{ row: number; record: ReportRowIn | null }>;
  problems: Problem[];
  existing: Map<string, { id: string; record: ReportRecord }>;
}

async function checkReportFile(ctx: RequestContext, db: Executor, upload: Upload, importId: string | null): Promise<CheckedReports> {
  const actor = ctx.actor!;
  const q = scoped(db, actor.networkId);
  const rows = await readRows(upload);
  const { index, problems } = locateColumns(rows, REPORT_COLUMNS);
  if (problems.length) return { rows: [], problems, existing: new Map() };
  const data = dataRows(rows);
  const scope = grantScope(actor.grants, P.ActivitiesReport);
  const organisationId = scope === 'network' ? null : actor.organisationId;
  const [{ rows: reportable }, periods, reports] = await Promise.all([
    repo.listActivities(q, { organisationId: organisationId ?? undefined }),
    repo.listPeriods(q),
    repo.reportsWhere(q, { organisationId }),
  ]);
  const unlocks = await repo.unlocksOf(q, periods.map((p) => p.id));
  const activities = new Map(reportable.map((a) => [a.id, a]));
  const existing = new Map((await reportRecordsOf(q, reports, periods)).map((r) => [r.key, { id: r.id, record: r.record }]));
  const seen = new Map<string, number>();
  const checked: CheckedReports['rows'] = [];
  const track = importId ? progress.start(actor, importId, 'checking', data.length) : null;
  for (let i = 0; i < data.length; i++) {
    const rowNumber = i + FIRST_DATA_ROW;
    const { problems: found, get, fail, text, oneOf, date, figures, checkTotals } = rowReader(data[i], rowNumber, index, REPORT_HEADER_OF);
    const activityId = get('#activity+code').toLowerCase();
    const activity = activities.get(activityId);
    if (!activity) fail('#activity+code', msg('activities.import.activity-unknown'));
    const periodKind = oneOf('#date+type', PERIOD_KINDS);
    const periodStart = date('#date+start');
    const period = periods.find((p) => p.kind === periodKind && p.starts_on === periodStart);
    if (periodKind && periodStart && !period) fail('#date+start', msg('activities.import.period-unknown', { kind: periodKind, start: periodStart }));
    if (period && activity) {
      if (!openFor(period, unlocks, activity.lead_organisation_id)) fail('#date+start', msg('activities.period-locked', { deadline: period.deadline }));
      else if (activity.starts_on > period.ends_on || activity.ends_on < period.starts_on) fail('#date+start', msg('activities.activity-outside-period'));
    }
    const covered = (hxl: string, fallback: string | undefined) => {
      if (!get(hxl)) return fallback ?? '';
      const value = date(hxl);
      if (value && period && (value < period.starts_on || value > period.ends_on)) fail(hxl, msg('activities.date-outside-period', { from: period.starts_on, to: period.ends_on }));
      return value;
    };
    const coveredFrom = covered('#date+start+occurred', period?.starts_on);
    const coveredTo = covered('#date+end+occurred', period?.ends_on);
    if (coveredFrom && coveredTo && coveredTo < coveredFrom) fail('#date+end+occurred', msg('activities.end-before-start'));
    const narrative = text('#description+i_en', 2000) ?? '';
    const reached = figures('#reached+text');
    checkTotals('reached', reached);
    if (period && activity) {
      const key = reportKey(period.id, activity.id);
      if (seen.has(key)) fail('#activity+code', msg('activities.import.report-twice', { row: seen.get(key)! }));
      else seen.set(key, rowNumber);
    }
    problems.push(...found);
    const record: ReportRowIn | null =
      found.length || !period || !activity ? null : { activityId: activity.id, periodKind, periodStart, coveredFrom, coveredTo, narrative, reached, periodId: period.id, organisationId: activity.lead_organisation_id };
    checked.push({ row: rowNumber, record });
    if (i % BATCH === BATCH - 1) {
      track?.advance(i + 1);
      await yieldToOthers();
    }
  }
  track?.advance(data.length);
  return { rows: checked, problems, existing };
}

/** The dry run of a period reports file. */
export async function dryRunReports(ctx: RequestContext, readFile: () => Promise<Upload>, importId: string | null = null): Promise<ImportReport> {
  requireAccess(ctx.actor, P.ActivitiesReport);
  const upload = await readFile();
  try {
    return report(ctx, await checkReportFile(ctx, ctx.db, upload, importId));
  } finally {
    if (importId) progress.finish(ctx.actor!, importId);
  }
}

const reportFigureRows = (reportId: string, cells: FigureCell[]) => cells.map((c) => ({ report_id: reportId, sex: c.sex, age_band: c.ageBand, population_group: c.group, people: c.people }));

/** Imports period reports in one transaction, under the same rule as the form: a locked period is refused per row. */
export async function importReports(ctx: RequestContext, readFile: () => Promise<Upload>, mode: ImportMode, importId: string | null = null): Promise<ImportResult> {
  requireAccess(ctx.actor, P.ActivitiesReport);
  const upload = await readFile();
  try {
    return await command(ctx, async (tx) => {
      const checked = await checkReportFile(ctx, tx.db, upload, importId);
      const dry = report(ctx, checked);
      const rejected = checked.rows.filter((r) => !r.record).length;
      const result: ImportResult = { mode, created: 0, updated: 0, unchanged: 0, rejected, report: dry, written: false };
      if (checked.rows.length === 0 || (mode === 'all-or-nothing' && dry.problems.length > 0)) return { ...result, rejected: checked.rows.length };
      const valid = checked.rows.map((r) => r.record).filter((r): r is ReportRowIn => r !== null);
      const recordOf = ({ periodId: _p, organisationId: _o, ...record }: ReportRowIn): ReportRecord => record;
      const fresh = valid.filter((r) => !checked.existing.has(reportKey(r.periodId, r.activityId)));
      const changed = valid.filter((r) => {
        const before = checked.existing.get(reportKey(r.periodId, r.activityId));
        return before && JSON.stringify(before.record) !== JSON.stringify(recordOf(r));
      });
      result.unchanged = valid.length - fresh.length - changed.length;
      const track = importId ? progress.start(tx.actor, importId, 'writing', fresh.length + changed.length) : null;
      const now = new Date();
      for (let i = 0; i < fresh.length; i += BATCH) {
        const batch = fresh.slice(i, i + BATCH);
        const ids = await tx.q
          .insertInto(
            'activity_reports',
            batch.map((r) => ({ period_id: r.periodId, activity_id: r.activityId, organisation_id: r.organisationId, covered_from: r.coveredFrom, covered_to: r.coveredTo, narrative: r.narrative, submitted_by: tx.actor.userId, submitted_at: now, updated_at: now })),
          )
          .returning('id')
          .execute();
        if (i === 0) await refreshPlannerStatistics(tx.db, ['activity_reports']);
        const figures = batch.flatMap((r, n) => reportFigureRows(ids[n].id, r.reached));
        if (figures.length) await tx.q.insertInto('activity_report_figures', figures).execute();
        track?.advance(Math.min(i + BATCH, fresh.length));
        await yieldToOthers();
      }
      for (const r of changed) {
        const id = checked.existing.get(reportKey(r.periodId, r.activityId))!.id;
        await tx.q
          .updateTable('activity_reports')
          .set({ covered_from: r.coveredFrom, covered_to: r.coveredTo, narrative: r.narrative, submitted_by: tx.actor.userId, updated_at: now, version: sql`version + 1` })
          .where('id', '=', id)
          .execute();
        await repo.replaceReportFigures(tx.q, id, r.reached);
      }
      track?.advance(fresh.length + changed.length);
      result.created = fresh.length;
      result.updated = changed.length;
      result.written = fresh.length + changed.length > 0;
      await tx.audit({ action: 'activities.report.import', entity: 'activity_report', fields: ['file', 'mode'] });
      return result;
    });
  } finally {
    if (importId) progress.finish(ctx.actor!, importId);
  }
}
