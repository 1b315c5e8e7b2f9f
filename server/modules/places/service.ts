import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { Permission } from '../../../common/permissions';
import { requireAccess } from '../../platform/access';
import { command, type RequestContext } from '../../platform/context';
import { scoped, type Executor, type Scoped } from '../../platform/database/tenant';
import { AppError } from '../../platform/errors';
import { fieldErrorOfIssue } from '../../platform/http/problem-texts';
import type { Upload } from '../../platform/http/uploads';
import { readBoundaryFile } from './boundary-file';
import { msg } from './messages';
import { planImport, type ImportPlan } from './plan';
import * as repo from './repository';
import { ImportFields, type AdminUnit, type ImportPreview, type UnitListQuery } from './schemas';
import type { AdminLevel, Geometry } from './tables';
import { unitsInUse } from './usage';

export const DISPLAY_ONLY_NOTICE = 'Boundaries are for display only: they are not an official statement on any border or on the status of any territory.';

type UnitRow = Awaited<ReturnType<typeof repo.allUnits>>[number];

function toUnit(row: UnitRow, isoByUnit: Map<string, string>): AdminUnit {
  return {
    id: row.id,
    code: row.code,
    level: row.level,
    nameEn: row.name_en,
    nameUr: row.name_ur,
    parentId: row.parent_id,
    iso: isoByUnit.get(row.id) ?? null,
    setId: row.set_id,
    retiredAt: row.retired_at ? new Date(row.retired_at).toISOString() : null,
  };
}

async function isoByUnit(q: Scoped): Promise<Map<string, string>> {
  return new Map((await repo.mappings(q)).map((m) => [m.unit_id, m.iso]));
}

/** Administrative units of the network, without their boundaries. */
export async function listUnits(ctx: RequestContext, query: UnitListQuery) {
  requireAccess(ctx.actor, Permission.PlacesRead);
  const q = scoped(ctx.db, ctx.actor!.networkId);
  const [{ rows, total }, iso] = await Promise.all([repo.listUnits(q, query), isoByUnit(q)]);
  return { items: rows.map((r) => toUnit(r, iso)), total, limit: query.limit, offset: query.offset };
}

export async function getUnit(ctx: RequestContext, id: string): Promise<AdminUnit> {
  requireAccess(ctx.actor, Permission.PlacesRead);
  const q = scoped(ctx.db, ctx.actor!.networkId);
  const row = await repo.unit(q, id);
  if (!row) throw AppError.notFound('Administrative unit');
  return toUnit(row, await isoByUnit(q));
}

/** The unit sets (gazetteer imports) the network's units come from. */
export async function unitSets(ctx: RequestContext) {
  requireAccess(ctx.actor, Permission.PlacesRead);
  const q = scoped(ctx.db, ctx.actor!.networkId);
  const [sets, counts] = await Promise.all([repo.sets(q), repo.unitsPerSet(q)]);
  return {
    items: sets.map((s) => ({
      id: s.id,
      country: s.country,
      gazetteer: s.gazetteer,
      version: s.version,
      source: s.source,
      licence: s.licence,
      importedAt: new Date(s.imported_at).toISOString(),
      units: counts.get(s.id) ?? 0,
    })),
    notice: DISPLAY_ONLY_NOTICE,
  };
}

/** Every ISO 3166-2 subdivision Hamsafar knows, with the unit it maps to in this network. */
export async function subdivisionMapping(ctx: RequestContext) {
  requireAccess(ctx.actor, Permission.PlacesRead);
  const q = scoped(ctx.db, ctx.actor!.networkId);
  const [subdivisions, mapped, units] = await Promise.all([
    ctx.db.selectFrom('subdivisions').select(['iso', 'name']).orderBy('iso').execute(),
    repo.mappings(q),
    repo.allUnits(q),
  ]);
  const unitById = new Map(units.map((u) => [u.id, u]));
  const unitOf = new Map(mapped.map((m) => [m.iso, unitById.get(m.unit_id)]));
  return {
    items: subdivisions.map((s) => {
      const unit = unitOf.get(s.iso);
      return { iso: s.iso, name: s.name, unitId: unit?.id ?? null, unitCode: unit?.code ?? null, unitNameEn: unit?.name_en ?? null };
    }),
  };
}

export interface MapPayload {
  /** The FeatureCollection as JSON text, and gzipped for clients that accept it. */
  json: string;
  gzip: Buffer;
  etag: string;
}

const mapCache = new Map<string, MapPayload>();

/**
 * The boundaries of one level as a GeoJSON FeatureCollection, for the maps. Built once per
 * version of the level (it changes with every import) and kept gzipped: the districts of Pakistan
 * are a few hundred kilobytes, a tenth of that compressed, and a client that has them gets 304.
 */
export async function levelFeatures(ctx: RequestContext, level: AdminLevel): Promise<MapPayload> {
  requireAccess(ctx.actor, Permission.PlacesRead);
  const q = scoped(ctx.db, ctx.actor!.networkId);
  const version = await repo.levelVersion(q, level);
  const key = `${q.networkId}:${level}`;
  const cached = mapCache.get(key);
  const etag = `"${createHash('sha256').update(`${key}:${version}`).digest('base64url').slice(0, 27)}"`;
  if (cached?.etag === etag) return cached;
  const [rows, parents] = await Promise.all([repo.unitsWithGeometry(q, level, false), repo.allUnits(q)]);
  const codeOf = new Map(parents.map((p) => [p.id, p.code]));
  const json = JSON.stringify({
    type: 'FeatureCollection',
    attribution: await attribution(q),
    features: rows.map((r) => ({
      type: 'Feature',
      id: r.code,
      geometry: r.geometry,
      properties: { id: r.id, code: r.code, level: r.level, nameEn: r.name_en, nameUr: r.name_ur, parentCode: r.parent_id ? (codeOf.get(r.parent_id) ?? null) : null },
    })),
  });
  const payload = { json, gzip: gzipSync(json), etag };
  mapCache.set(key, payload);
  return payload;
}

async function attribution(q: Scoped): Promise<string> {
  const sets = await repo.sets(q);
  const sources = [...new Set(sets.map((s) => `${s.gazetteer} ${s.version} (${s.licence})`))];
  return `${sources.join('; ')}. ${DISPLAY_ONLY_NOTICE}`;
}

function importFields(fields: Record<string, string>): ImportFields {
  const parsed = ImportFields.safeParse(fields);
  if (!parsed.success) {
    throw AppError.badRequest(
      'The import fields are not valid.',
      parsed.error.issues.map((issue) => fieldErrorOfIssue(issue.path.join('.') || 'fields', { ...issue, code: issue.code, message: issue.message })),
    );
  }
  return parsed.data;
}

interface PreparedImport {
  fields: ImportFields;
  digest: string;
  plan: ImportPlan;
  fileUnits: ReturnType<typeof readBoundaryFile>;
}

/** Reads the upload and plans the import against the network's units as they are now (on `db`). */
async function prepareImport(db: Executor, q: Scoped, upload: Upload): Promise<PreparedImport> {
  const fields = importFields(upload.fields);
  const digest = createHash('sha256').update(upload.data).digest('hex');
  const fileUnits = readBoundaryFile(upload.data, fields);
  const level = fields.level as AdminLevel;
  const plan = await planFor(db, q, level, fileUnits);
  return { fields, digest, plan, fileUnits };
}

async function planFor(db: Executor, q: Scoped, level: AdminLevel, fileUnits: ReturnType<typeof readBoundaryFile>): Promise<ImportPlan> {
  const [current, ofLevel, parents, children, subdivisions] = await Promise.all([
    repo.allUnits(q),
    repo.unitsWithGeometry(q, level, true),
    level > 1 ? repo.unitsWithGeometry(q, (level - 1) as AdminLevel, false) : Promise.resolve([]),
    level < 3 ? repo.unitsWithGeometry(q, (level + 1) as AdminLevel, false) : Promise.resolve([]),
    db.selectFrom('subdivisions').select('iso').execute(),
  ]);
  return planImport({
    level,
    file: fileUnits,
    current,
    currentGeometry: new Map(ofLevel.map((u) => [u.id, u.geometry as Geometry | null])),
    parents: parents.map((p) => ({ ...p, geometry: p.geometry as Geometry | null })),
    children: children.map((c) => ({ ...c, geometry: c.geometry as Geometry | null })),
    subdivisions: new Set(subdivisions.map((s) => s.iso)),
    inUse: (ids) => unitsInUse(db, q, ids),
  });
}

function summary(prepared: PreparedImport): Omit<ImportPreview, 'features'> {
  const { plan, digest } = prepared;
  return {
    digest,
    level: plan.level,
    unitsPerLevel: { [String(plan.level)]: prepared.fileUnits.length },
    counts: {
      new: plan.inserts.length,
      changed: plan.updates.length,
      unchanged: plan.unchanged.length,
      retired: plan.retire.length,
      deleted: plan.delete.length,
      reparented: plan.reparent.length,
    },
    new: plan.inserts.map((u) => u.code),
    changed: plan.updates.map((u) => u.code),
    removed: [
      ...plan.retire.map((u) => ({ code: u.code, nameEn: u.name_en, outcome: 'retired' as const })),
      ...plan.delete.map((u) => ({ code: u.code, nameEn: u.name_en, outcome: 'deleted' as const })),
    ],
  };
}

function previewFeatures(prepared: PreparedImport): ImportPreview['features'] {
  const { plan } = prepared;
  const status = new Map<string, string>([
    ...plan.inserts.map((u) => [u.code, 'new'] as const),
    ...plan.updates.map((u) => [u.code, 'changed'] as const),
    ...plan.unchanged.map((u) => [u.code, 'unchanged'] as const),
  ]);
  return {
    type: 'FeatureCollection',
    attribution: DISPLAY_ONLY_NOTICE,
    features: prepared.fileUnits.map((u) => ({
      type: 'Feature' as const,
      id: u.code,
      geometry: u.geometry,
      properties: { code: u.code, level: plan.level, nameEn: u.nameEn, nameUr: u.nameUr, parentCode: plan.parentCodes.get(u.code) ?? null, status: status.get(u.code) },
    })),
  };
}

/**
 * What importing a boundary file would change: units per level, new, changed, retired and deleted
 * units, and the file's features for a map. Changes nothing. Network admins only.
 */
export async function previewImport(ctx: RequestContext, readUpload: () => Promise<Upload>): Promise<ImportPreview> {
  requireAccess(ctx.actor, Permission.PlacesImport);
  const upload = await readUpload();
  const prepared = await prepareImport(ctx.db, scoped(ctx.db, ctx.actor!.networkId), upload);
  return { ...summary(prepared), features: previewFeatures(prepared) };
}

/**
 * Applies a boundary file in one transaction: units matched by code are updated in place (they keep
 * their id), new ones inserted, and units missing from the file deleted, or retired when something
 * refers to them (usage.ts). The plan is made again inside the transaction, so it applies to the
 * units as they are at commit, not as they were at the preview.
 */
export async function commitImport(ctx: RequestContext, readUpload: () => Promise<Upload>) {
  requireAccess(ctx.actor, Permission.PlacesImport);
  const upload = await readUpload();
  return command(ctx, async (tx) => {
    const prepared = await prepareImport(tx.db, tx.q, upload);
    if (prepared.fields.digest !== undefined && prepared.fields.digest !== prepared.digest) {
      throw AppError.field('file', msg('places.import.changed-since-preview'));
    }
    const { fields } = prepared;
    const setId = await repo.insertSet(tx.q, {
      country: fields.country,
      gazetteer: fields.gazetteer,
      version: fields.version,
      source: fields.source ?? upload.filename,
      licence: fields.licence ?? 'as stated by the source',
      imported_by: tx.actor.userId,
    });
    await applyPlan(tx.q, setId, prepared.plan, new Date());
    await tx.audit({ action: 'places.boundaries.import', entity: 'admin_unit_set', entityId: setId, fields: ['level', 'gazetteer', 'version', 'units'] });
    forgetMaps(tx.q.networkId);
    return { ...summary(prepared), setId };
  });
}

/** Writes a plan: inserts, updates in place, retirements, deletions, and the ISO mapping of level 1. */
export async function applyPlan(q: Scoped, setId: string, plan: ImportPlan, now: Date): Promise<void> {
  const idOf = new Map<string, string>([...plan.updates, ...plan.unchanged].map((u) => [u.code, u.id]));
  for (const unit of plan.inserts) {
    const { iso, ...values } = unit;
    const id = await repo.insertUnit(q, setId, values);
    idOf.set(unit.code, id);
    if (iso) await repo.mapSubdivision(q, iso, id);
  }
  for (const unit of plan.updates) {
    await repo.updateUnit(q, unit.id, setId, unit.values);
    if (unit.iso) await repo.mapSubdivision(q, unit.iso, unit.id);
  }
  for (const unit of plan.unchanged) if (unit.iso) await repo.mapSubdivision(q, unit.iso, unit.id);
  for (const child of plan.reparent) await repo.setParent(q, child.id, idOf.get(child.parentCode)!);
  await repo.retireUnits(q, plan.retire.map((u) => u.id), now);
  await repo.deleteUnits(q, plan.delete.map((u) => u.id));
}

/** Drops the cached maps of a network after its units changed (the ETag would tell anyway). */
export function forgetMaps(networkId: string): void {
  for (const key of mapCache.keys()) if (key.startsWith(`${networkId}:`)) mapCache.delete(key);
}

export { planFor };
