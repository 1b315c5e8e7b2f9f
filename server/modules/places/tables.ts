import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt } from '../../platform/database/schema';

/** A GeoJSON geometry (RFC 7946): Polygon or MultiPolygon for administrative units. */
export interface Geometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: number[][][] | number[][][][];
}

/** 1 province or territory, 2 district, 3 tehsil. */
export type AdminLevel = 1 | 2 | 3;

export interface AdminUnitSetsTable {
  network_id: string;
  id: Generated<string>;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** e.g. 'geoBoundaries gbOpen' or 'OCHA COD-AB'. */
  gazetteer: string;
  version: string;
  source: string;
  licence: string;
  imported_at: CreatedAt;
  imported_by: string | null;
}

export interface AdminUnitsTable {
  network_id: string;
  id: Generated<string>;
  set_id: string;
  /** P-code or gazetteer code: text, leading zeros kept. */
  code: string;
  level: AdminLevel;
  name_en: string;
  name_ur: string | null;
  parent_id: string | null;
  /** Written as JSON text (JSON.stringify), read back as an object. */
  geometry: ColumnType<Geometry | null, string | null, string | null>;
  retired_at: Date | null;
}

export interface SubdivisionUnitsTable {
  network_id: string;
  /** ISO 3166-2 code, e.g. PK-PB (reference table `subdivisions`). */
  iso: string;
  unit_id: string;
}

/** Kysely types of the places module's tables (server/migrations/0400_places.ts). */
export interface PlacesTables {
  admin_unit_sets: AdminUnitSetsTable;
  admin_units: AdminUnitsTable;
  subdivision_units: SubdivisionUnitsTable;
}
