import gcm from '../../../common/reference/gcm.json';
import { figureTotals, type FigureCell } from '../../../common/activities';
import { fromCents, percentage, sumCents, toCents } from '../../../common/money';
import { grantScope, Permission as P } from '../../../common/permissions';
import type { ProgrammeDetail } from '../../../common/schemas/fund';
import type { GcmReportQuery } from '../../../common/schemas/activities';
import { hasPermission, requireAccess } from '../../platform/access';
import type { RequestContext } from '../../platform/context';
import { scoped, type Scoped } from '../../platform/database/tenant';
import { AppError } from '../../platform/errors';
import type { DownloadFile } from '../../platform/http/downloads';
import { translate, type Language } from '../../platform/i18n';
import { REPORT_CONTENT_TYPES } from '../../platform/report-document';
import { approvedProgrammesAsOf } from '../fund/service';
import { listWorkplan } from '../network/workplan.service';
import { pakistanDate } from '../network/time';
import * as places from '../places/repository';
import { protectionStats } from '../protection/exports.service';
import {
  gcmReportProvinceGaps,
  renderGcmReportDocx,
  renderGcmReportPdf,
  valueLabel,
  type GcmReport,
  type ProgrammeResult,
  type ProtectionDimension,
  type ProtectionFigures,
  type PublishedCount,
} from './gcm-report';
import * as repo from './repository';

const OBJECTIVES = gcm.objectives as Array<{ number: number; title: string; title_ur: string }>;

const inLanguage = (language: Language, en: string, ur: string | null | undefined) => (language === 'ur' && ur ? ur : en);

/** Results of a programme as the fund's own programme view computes them, up to the end of the period. */
function programmeResult(p: ProgrammeDetail): ProgrammeResult {
  const netFunded = sumCents(p.punos.map((m) => toCents(m.netFunded)));
  const expenditure = sumCents(p.punos.map((m) => toCents(m.expenditure)));
  return {
    code: p.code,
    title: p.title,
    status: p.status,
    approved: p.approvedTotal,
    netFunded: fromCents(netFunded),
    expenditure: fromCents(expenditure),
    deliveryRate: percentage(expenditure, netFunded),
    indicators: p.resultsFramework.outcomes.flatMap((o) =>
      o.outputs.flatMap((output) =>
        output.indicators.map((i) => ({
          statement: i.statement,
          unit: i.unit,
          baseline: i.baseline,
          target: i.target,
          latest: i.results.at(-1)?.actual ?? null,
          progress: i.latestProgress,
        })),
      ),
    ),
  };
}

/**
 * The protection counts exactly as GET /protection/stats answers them (the same function, so the
 * same consent filter and the same small-cell and complementary suppression): by month within the
 * period, and by the other dimensions for the period's calendar year, as the dashboard publishes them.
 */
async function protectionFigures(ctx: RequestContext, q: Scoped, period: { starts_on: string; ends_on: string }, language: Language): Promise<ProtectionFigures> {
  const year = Number(period.ends_on.slice(0, 4));
  const unknown = translate('activities.gcm-report.unknown', language);
  const provinceNames = await provinceNamesByIso(q, language);
  const label = (dimension: ProtectionDimension, key: string) => {
    if (key === 'unknown') return unknown;
    if (dimension === 'exploitationType') return valueLabel('exploitation', key, language);
    if (dimension === 'gender') return valueLabel('gender', key, language);
    if (dimension === 'province') return provinceNames.get(key) ?? key;
    return key;
  };
  const asCounts = (items: Array<{ key: string; count: number | null; display: string }>, labelOf: (key: string) => string): PublishedCount[] =>
    items.map((i) => ({ key: i.key, label: labelOf(i.key), count: i.count, display: i.display }));
  const byMonth = await protectionStats(ctx, { dimension: 'month', from: period.starts_on, to: period.ends_on });
  const dimensions: ProtectionDimension[] = ['exploitationType', 'gender', 'ageBand', 'province'];
  const byDimension = await Promise.all(
    dimensions.map(async (dimension) => {
      const answer = await protectionStats(ctx, { dimension, from: `${year}-01-01`, to: `${year}-12-31` });
      return { dimension, items: asCounts(answer.items, (key) => label(dimension, key)) };
    }),
  );
  return { byMonth: asCounts(byMonth.items, (key) => key.slice(0, 7)), year, byDimension };
}

/** ISO 3166-2 code to the name of the province it is mapped to in the gazetteer (places module). */
async function provinceNamesByIso(q: Scoped, language: Language): Promise<Map<string, string>> {
  const [mapping, units] = await Promise.all([places.mappings(q), places.allUnits(q)]);
  const byId = new Map(units.map((u) => [u.id, u]));
  return new Map(mapping.flatMap((row) => {
    const unit = byId.get(row.unit_id);
    return unit ? [[row.iso, inLanguage(language, unit.name_en, unit.name_ur)] as const] : [];
  }));
}

/**
 * The GCM progress report of a reporting period. It covers every organisation's activities, so only
 * a network-wide reader of activities gets it; the workplan, fund and protection parts each need the
 * reader's own permission for them, and say so where it is missing.
 */
export async function assembleGcmReport(ctx: RequestContext, periodId: string, language: Language): Promise<GcmReport> {
  const scope = requireAccess(ctx.actor, P.ActivitiesRead);
  if (scope !== 'network') throw AppError.forbidden();
  const actor = ctx.actor!;
  const q = scoped(ctx.db, actor.networkId);
  const period = await repo.findPeriod(q, periodId);
  if (!period) throw AppError.notFound('Reporting period');
  const reports = await repo.reportsWhere(q, { periodId });
  const activities = await repo.activitiesInPeriod(q, period.starts_on, period.ends_on, [...new Set(reports.map((r) => r.activity_id))]);
  const ids = activities.map((a) => a.id);
  const [network, orgs, placeRows, reportFigures, units] = await Promise.all([
    ctx.db.selectFrom('networks').select(['name_en', 'name_ur']).where('id', '=', actor.networkId).executeTakeFirstOrThrow(),
    repo.organisations(q, activities.map((a) => a.lead_organisation_id)),
    repo.placesOf(q, ids),
    repo.reportFiguresOf(q, reports.map((r) => r.id)),
    places.allUnits(q),
  ]);
  const orgName = new Map(orgs.map((o) => [o.id, inLanguage(language, o.name_en, o.name_ur)]));
  const reportOf = new Map(reports.map((r) => [r.activity_id, r.id]));
  const cellsOf = (activityId: string): FigureCell[] => {
    const reportId = reportOf.get(activityId);
    return reportFigures.filter((f) => f.report_id === reportId).map((f) => ({ sex: f.sex, ageBand: f.age_band, group: f.population_group, people: f.people }));
  };
  const reported = activities.map((a) => {
    const cells = cellsOf(a.id);
    const entry = {
      id: a.id,
      title: inLanguage(language, a.title_en, a.title_ur),
      leadOrganisation: orgName.get(a.lead_organisation_id) ?? '',
      places: placeRows.filter((p) => p.activity_id === a.id).map((p) => inLanguage(language, p.name_en, p.name_ur)),
      status: a.status,
      reached: reportOf.has(a.id) ? figureTotals(cells).total : null,
    };
    return { row: a, cells, entry };
  });

  const workplan = hasPermission(actor, P.WorkplanRead)
    ? (await listWorkplan(ctx, {})).filter((w) => w.startsOn <= period.ends_on && w.endsOn >= period.starts_on && w.status !== 'cancelled')
    : null;
  const programmes = grantScope(actor.grants, P.FundDashboardRead) ? await approvedProgrammesAsOf(ctx, period.ends_on) : null;
  const protection = hasPermission(actor, P.ProtectionStatsRead) ? await protectionFigures(ctx, q, period, language) : null;

  const objectives = OBJECTIVES.map((o) => {
    const mine = reported.filter((r) => r.row.gcm_objectives.includes(o.number));
    return {
      number: o.number,
      title: inLanguage(language, o.title, o.title_ur),
      activities: mine.map((r) => r.entry),
      reached: figureTotals(mine.flatMap((r) => r.cells)),
      workplan:
        workplan
          ?.filter((w) => w.gcmObjectives.includes(o.number))
          .map((w) => ({ title: inLanguage(language, w.titleEn, w.titleUr), lead: w.leadOrganisationName, status: w.status, progress: w.progress })) ?? null,
      programmes: programmes?.filter((p) => p.gcmObjectives.includes(o.number)).map(programmeResult) ?? null,
    };
  });
  const running = activities.filter((a) => a.status === 'ongoing' || a.status === 'completed');
  return {
    language,
    networkName: inLanguage(language, network.name_en, network.name_ur),
    period: { kind: period.kind, startsOn: period.starts_on, endsOn: period.ends_on, deadline: period.deadline },
    generatedOn: pakistanDate(),
    overall: {
      activities: activities.length,
      organisations: new Set(activities.map((a) => a.lead_organisation_id)).size,
      reports: reports.length,
      missingReports: running.filter((a) => !reportOf.has(a.id)).length,
      reached: figureTotals(reported.flatMap((r) => r.cells)),
    },
    objectives,
    protection,
    gaps: gcmReportProvinceGaps(
      activities.map((a) => ({ leadOrganisationId: a.lead_organisation_id, gcmObjectives: a.gcm_objectives, unitIds: placeRows.filter((p) => p.activity_id === a.id).map((p) => p.id) })),
      // Retired provinces are no column of the matrix; retired districts still lead to their province.
      units.filter((u) => u.level > 1 || u.retired_at === null).map((u) => ({ id: u.id, code: u.code, level: u.level, parentId: u.parent_id, name: inLanguage(language, u.name_en, u.name_ur) })),
      OBJECTIVES.map((o) => o.number),
    ),
  };
}

/** The report as a file to download, in the language asked for (the reader's own when none is). */
export async function gcmReportFile(ctx: RequestContext, periodId: string, query: GcmReportQuery): Promise<DownloadFile> {
  const language = query.language ?? ctx.actor?.language ?? 'en';
  const report = await assembleGcmReport(ctx, periodId, language);
  const body = query.format === 'pdf' ? await renderGcmReportPdf(report) : await renderGcmReportDocx(report);
  return {
    contentType: REPORT_CONTENT_TYPES[query.format],
    filename: `gcm-progress-report-${report.period.startsOn}-${report.period.endsOn}-${language}.${query.format}`,
    body,
  };
}
