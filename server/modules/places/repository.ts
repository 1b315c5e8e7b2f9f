import { sql } from 'kysely';
import type { Scoped } from '../../platform/database/tenant';
import type { AdminLevel, Geometry } from './tables';

export interface UnitFilter {
  level?: number;
  parentId?: string;
  includeRetired: boolean;
  limit: number;
  offset: number;
}

const UNIT_COLUMNS = ['id', 'set_id', 'code', 'level', 'name_en', 'name_ur', 'parent_id', 'retired_at'] as const;

function filteredUnits(q: Scoped, filter: Omit<UnitFilter, 'limit' | 'offset'>) {
  return q
    .selectFrom('admin_units')
    .$if(filter.level !== undefined, (b) => b.where('level', '=', filter.level as AdminLevel))
    .$if(filter.parentId !== undefined, (b) => b.where('parent_id', '=', filter.parentId!))
    .$if(!filter.includeRetired, (b) => b.where('retired_at', 'is', null));
}

export async function listUnits(q: Scoped, filter: UnitFilter) {
  const [rows, total] = await Promise.all([
    filteredUnits(q, filter).select(UNIT_COLUMNS).orderBy('level').orderBy('name_en').orderBy('code').limit(filter.limit).offset(filter.offset).execute(),
    filteredUnits(q, filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export function unit(q: Scoped, id: string) {
  return q.selectFrom('admin_units').select(UNIT_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** Every unit of the network without boundaries: the codes an import matches against. */
export async function hasUnitSet(q: Scoped): Promise<boolean> {
  return (await q.selectFrom('admin_unit_sets').select('id').limit(1).executeTakeFirst()) !== undefined;
}

export function allUnits(q: Scoped) {
  return q.selectFrom('admin_units').select(UNIT_COLUMNS).execute();
}

/** Units of one level with their boundaries, for a map or to place the units below them. */
export function unitsWithGeometry(q: Scoped, level: AdminLevel, includeRetired: boolean) {
  return q
    .selectFrom('admin_units')
    .select([...UNIT_COLUMNS, 'geometry'])
    .where('level', '=', level)
    .$if(!includeRetired, (b) => b.where('retired_at', 'is', null))
    .orderBy('code')
    .execute();
}

/** What tells a client whether its copy of a level's map is current: it changes with every import. */
export async function levelVersion(q: Scoped, level: AdminLevel): Promise<string> {
  const row = await q
    .selectFrom('admin_units')
    .select((eb) => [eb.fn.countAll<number>().as('n'), sql<string>`string_agg(DISTINCT set_id::text, ',' ORDER BY set_id::text)`.as('sets')])
    .where('level', '=', level)
    .where('retired_at', 'is', null)
    .executeTakeFirstOrThrow();
  return `${row.n}:${row.sets ?? ''}`;
}

export function mappings(q: Scoped) {
  return q.selectFrom('subdivision_units').select(['iso', 'unit_id']).execute();
}

export function sets(q: Scoped) {
  return q.selectFrom('admin_unit_sets').selectAll().orderBy('imported_at', 'desc').execute();
}

export async function unitsPerSet(q: Scoped): Promise<Map<string, number>> {
  const rows = await q.selectFrom('admin_units').select((eb) => ['set_id', eb.fn.countAll<number>().as('n')]).groupBy('set_id').execute();
  return new Map(rows.map((r) => [r.set_id, Number(r.n)]));
}

export interface NewSet {
  country: string;
  gazetteer: string;
  version: string;
  source: string;
  licence: string;
  imported_by: string | null;
}

export async function insertSet(q: Scoped, set: NewSet): Promise<string> {
  return (await q.insertInto('admin_unit_sets', set).returning('id').executeTakeFirstOrThrow()).id;
}

export interface UnitValues {
  code: string;
  level: AdminLevel;
  name_en: string;
  name_ur: string | null;
  parent_id: string | null;
  geometry: Geometry | null;
}

export async function insertUnit(q: Scoped, setId: string, values: UnitValues): Promise<string> {
  const row = await q
    .insertInto('admin_units', { ...values, set_id: setId, geometry: values.geometry === null ? null : JSON.stringify(values.geometry) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Updates a unit in place (it keeps its id, so what points to it still does) and brings it back if it was retired. */
export async function updateUnit(q: Scoped, id: string, setId: string, values: Omit<UnitValues, 'code' | 'level'>): Promise<void> {
  await q
    .updateTable('admin_units')
    .set({ ...values, set_id: setId, retired_at: null, geometry: values.geometry === null ? null : JSON.stringify(values.geometry) })
    .where('id', '=', id)
    .execute();
}

export async function setParent(q: Scoped, id: string, parentId: string): Promise<void> {
  await q.updateTable('admin_units').set({ parent_id: parentId }).where('id', '=', id).execute();
}

export async function retireUnits(q: Scoped, ids: string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await q.updateTable('admin_units').set({ retired_at: at }).where('id', 'in', ids).where('retired_at', 'is', null).execute();
}

/** Deletes units in one statement, so a unit and the units below it go together. */
export async function deleteUnits(q: Scoped, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await q.deleteFrom('subdivision_units').where('unit_id', 'in', ids).execute();
  await q.deleteFrom('admin_units').where('id', 'in', ids).execute();
}

export async function mapSubdivision(q: Scoped, iso: string, unitId: string): Promise<void> {
  await q.deleteFrom('subdivision_units').where((eb) => eb.or([eb('iso', '=', iso), eb('unit_id', '=', unitId)])).execute();
  await q.insertInto('subdivision_units', { iso, unit_id: unitId }).execute();
}
