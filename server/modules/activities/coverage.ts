import type { z } from 'zod';
import { GCM_OBJECTIVE_COUNT } from '../../../common/network';
import { Permission as P } from '../../../common/permissions';
import type { Coverage, CoverageQuery, GapMatrix, GapQuery, UnitActivities, UnitActivitiesQuery } from '../../../common/schemas/activity-coverage';
import { requireAccess } from '../../platform/access';
import type { RequestContext } from '../../platform/context';
import { scoped, type Scoped } from '../../platform/database/tenant';
import { AppError } from '../../platform/errors';
import * as coverage from './coverage-repository';
import { msg } from './messages';
import * as repo from './repository';
import { summaries, visibleTo } from './service';

/**
 * Where activities are, for the map and the gap matrix: counted by administrative unit under the
 * rules of the activity list (an organisation: its own activities and every published one).
 */

type Filters = { gcmObjective?: number; sector?: string; organisationId?: string; periodId?: string };

async function filterFor(q: Scoped, ctx: RequestContext, f: Filters): Promise<coverage.CoverageFilter> {
  const base = { gcmObjective: f.gcmObjective, sector: f.sector, organisationId: f.organisationId, visibleTo: visibleTo(ctx.actor!) };
  if (!f.periodId) return base;
  const period = await repo.findPeriod(q, f.periodId);
  if (!period) throw AppError.field('periodId', msg('activities.period-unknown'));
  return { ...base, runningFrom: period.starts_on, runningTo: period.ends_on };
}

/** Every current unit of the level with its activities, organisations present and people reached. */
export async function unitCoverage(ctx: RequestContext, query: CoverageQuery): Promise<Coverage> {
  requireAccess(ctx.actor, P.ActivitiesRead);
  const q = scoped(ctx.db, ctx.actor!.networkId);
  const filter = await filterFor(q, ctx, query);
  const [units, counts, organisations] = await Promise.all([
    coverage.currentUnitsOf(q, query.level),
    coverage.activitiesPerUnit(q, query.level, filter, query.periodId),
    coverage.organisationsPerUnit(q, query.level, filter),
  ]);
  const countOf = new Map(counts.map((c) => [c.unitId, c]));
  const organisationsOf = new Map(organisations.map((o) => [o.unitId, o.organisations]));
  return {
    level: query.level,
    units: units.map((u) => ({
      id: u.id,
      code: u.code,
      nameEn: u.name_en,
      nameUr: u.name_ur,
      activities: countOf.get(u.id)?.activities ?? 0,
      organisations: organisationsOf.get(u.id) ?? 0,
      reached: countOf.get(u.id)?.reached ?? 0,
    })),
  };
}

/** The activities the map counts in one unit (those placed in the units below it included). */
export async function unitActivities(ctx: RequestContext, unitId: string, query: z.infer<typeof UnitActivitiesQuery>): Promise<z.infer<typeof UnitActivities>> {
  requireAccess(ctx.actor, P.ActivitiesRead);
  const actor = ctx.actor!;
  const q = scoped(ctx.db, actor.networkId);
  const unit = await coverage.unitById(q, unitId);
  if (!unit) throw AppError.notFound('Administrative unit');
  const { ids, total } = await coverage.activityIdsIn(q, unit.level, unit.id, await filterFor(q, ctx, query), query);
  const rows = await coverage.activitiesByIds(q, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    unit: { id: unit.id, code: unit.code, level: unit.level, nameEn: unit.name_en, nameUr: unit.name_ur },
    items: await summaries(q, actor, ids.map((id) => byId.get(id)!)),
    total,
    limit: query.limit,
    offset: query.offset,
  };
}

/** GCM objective × unit: the organisations working on the objective in the unit; a pair nobody works on is a gap. */
export async function gapMatrix(ctx: RequestContext, query: GapQuery): Promise<GapMatrix> {
  requireAccess(ctx.actor, P.ActivitiesRead);
  const q = scoped(ctx.db, ctx.actor!.networkId);
  const filter = await filterFor(q, ctx, query);
  const [units, present] = await Promise.all([coverage.currentUnitsOf(q, query.level), coverage.presence(q, query.level, filter)]);
  const unitIndex = new Map(units.map((u, i) => [u.id, i]));
  const organisations = (await repo.organisations(q, present.map((p) => p.organisation_id))).sort((a, b) => (a.acronym ?? a.name_en).localeCompare(b.acronym ?? b.name_en));
  const organisationIndex = new Map(organisations.map((o, i) => [o.id, i]));
  const cells = new Map<string, [number, number, number[]]>();
  for (const p of present) {
    const column = unitIndex.get(p.unit_id);
    if (column === undefined) continue; // a retired unit: not a column of the matrix
    const key = `${p.objective}:${column}`;
    const cell = cells.get(key) ?? [Number(p.objective), column, []];
    cell[2].push(organisationIndex.get(p.organisation_id)!);
    cells.set(key, cell);
  }
  for (const cell of cells.values()) cell[2].sort((a, b) => a - b);
  return {
    level: query.level,
    objectives: Array.from({ length: GCM_OBJECTIVE_COUNT }, (_, i) => i + 1),
    units: units.map((u) => ({ id: u.id, code: u.code, nameEn: u.name_en, nameUr: u.name_ur })),
    organisations: organisations.map((o) => ({ id: o.id, acronym: o.acronym, nameEn: o.name_en, nameUr: o.name_ur })),
    cells: [...cells.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]),
  };
}
