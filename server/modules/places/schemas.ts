import { z } from 'zod';
import { PageQuery, pageOf } from '../../../common/schemas/http';

export const Level = z.coerce.number().int().min(1).max(3).describe('1 province or territory, 2 district, 3 tehsil');

export const UnitListQuery = PageQuery.extend({
  level: Level.optional(),
  parentId: z.uuid().optional(),
  includeRetired: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});
export type UnitListQuery = z.infer<typeof UnitListQuery>;

export const AdminUnit = z.object({
  id: z.uuid(),
  code: z.string(),
  level: z.number().int(),
  nameEn: z.string(),
  nameUr: z.string().nullable(),
  parentId: z.uuid().nullable(),
  /** ISO 3166-2 code mapped to the unit (provinces), when there is one. */
  iso: z.string().nullable(),
  setId: z.uuid(),
  retiredAt: z.string().nullable(),
});
export type AdminUnit = z.infer<typeof AdminUnit>;
export const AdminUnitPage = pageOf(AdminUnit);

export const UnitParams = z.strictObject({ id: z.uuid() });
export const LevelParams = z.strictObject({ level: Level });

export const UnitSet = z.object({
  id: z.uuid(),
  country: z.string(),
  gazetteer: z.string(),
  version: z.string(),
  source: z.string(),
  licence: z.string(),
  importedAt: z.string(),
  units: z.number().int(),
});
export const UnitSetList = z.object({ items: z.array(UnitSet), notice: z.string() });

export const SubdivisionMapping = z.object({
  items: z.array(z.object({ iso: z.string(), name: z.string(), unitId: z.uuid().nullable(), unitCode: z.string().nullable(), unitNameEn: z.string().nullable() })),
});

const GeometryJson = z
  .object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.any()) })
  .describe('GeoJSON geometry (RFC 7946), longitude/latitude');

export const UnitFeature = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: GeometryJson.nullable(),
  properties: z.object({ id: z.uuid().optional(), code: z.string(), level: z.number().int(), nameEn: z.string(), nameUr: z.string().nullable(), parentCode: z.string().nullable(), status: z.string().optional() }),
});
export const UnitFeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(UnitFeature),
  /** Where the boundaries come from, and that they are for display only. */
  attribution: z.string(),
});

/**
 * The text fields of a boundary import (multipart, sent before the file). Property names are those
 * of the features' `properties` in the file: a COD-AB file has e.g. `ADM2_PCODE` and `ADM2_EN`.
 */
export const ImportFields = z.strictObject({
  level: Level,
  codeProperty: z.string().trim().min(1).max(100),
  nameProperty: z.string().trim().min(1).max(100),
  nameUrProperty: z.string().trim().min(1).max(100).optional(),
  parentCodeProperty: z.string().trim().min(1).max(100).optional(),
  isoProperty: z.string().trim().min(1).max(100).optional().describe('Property holding the ISO 3166-2 code (level 1): fills the ISO ↔ unit mapping'),
  gazetteer: z.string().trim().min(1).max(200),
  version: z.string().trim().min(1).max(100),
  country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/).default('PK'),
  source: z.string().trim().min(1).max(500).optional(),
  licence: z.string().trim().min(1).max(200).optional(),
  /** The digest the preview answered: the commit refuses another file. */
  digest: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});
export type ImportFields = z.infer<typeof ImportFields>;

export const ImportPreview = z.object({
  digest: z.string().describe('SHA-256 of the file; send it with the commit'),
  level: z.number().int(),
  unitsPerLevel: z.record(z.string(), z.number().int()).describe('Units of the file by level'),
  counts: z.object({
    new: z.number().int(),
    changed: z.number().int(),
    unchanged: z.number().int(),
    retired: z.number().int(),
    deleted: z.number().int(),
    reparented: z.number().int().describe('Units of the level below placed in another parent because theirs leaves'),
  }),
  new: z.array(z.string()).describe('Codes'),
  changed: z.array(z.string()),
  removed: z.array(z.object({ code: z.string(), nameEn: z.string(), outcome: z.enum(['retired', 'deleted']) })),
  features: UnitFeatureCollection,
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportCommitted = ImportPreview.omit({ features: true }).extend({ setId: z.uuid() });
