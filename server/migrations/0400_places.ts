import { type Kysely, sql } from 'kysely';

/**
 * Places: administrative units (province or territory, district, tehsil) of a network with their
 * boundaries, grouped in unit sets that record the gazetteer they came from, and the one mapping
 * of ISO 3166-2 codes (used everywhere else in Hamsafar) to units.
 * Boundaries are GeoJSON geometries in jsonb: no PostGIS, so PGlite, PostgreSQL and Citus share it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- One import of a gazetteer (the shipped geoBoundaries default, or an official COD-AB file).
    CREATE TABLE admin_unit_sets (
      network_id uuid NOT NULL REFERENCES networks (id),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
      gazetteer text NOT NULL,
      version text NOT NULL,
      source text NOT NULL,
      licence text NOT NULL,
      imported_at timestamptz NOT NULL DEFAULT now(),
      imported_by uuid,
      PRIMARY KEY (network_id, id),
      FOREIGN KEY (network_id, imported_by) REFERENCES users (network_id, id)
    );

    -- A unit keeps its id across imports (matched by code), so activities keep pointing to it;
    -- a unit that is in use and missing from a new file is retired, never deleted.
    CREATE TABLE admin_units (
      network_id uuid NOT NULL,
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      set_id uuid NOT NULL,
      code text NOT NULL,
      level smallint NOT NULL CHECK (level BETWEEN 1 AND 3),
      name_en text NOT NULL,
      name_ur text,
      parent_id uuid,
      geometry jsonb,
      retired_at timestamptz,
      PRIMARY KEY (network_id, id),
      UNIQUE (network_id, code),
      FOREIGN KEY (network_id, set_id) REFERENCES admin_unit_sets (network_id, id),
      FOREIGN KEY (network_id, parent_id) REFERENCES admin_units (network_id, id)
    );
    CREATE INDEX admin_units_level ON admin_units (network_id, level);
    CREATE INDEX admin_units_parent ON admin_units (network_id, parent_id);

    -- The one table mapping ISO 3166-2 codes to units (PK-PB ↔ the Punjab unit of the gazetteer).
    CREATE TABLE subdivision_units (
      network_id uuid NOT NULL,
      iso text NOT NULL REFERENCES subdivisions (iso),
      unit_id uuid NOT NULL,
      PRIMARY KEY (network_id, iso),
      UNIQUE (network_id, unit_id),
      FOREIGN KEY (network_id, unit_id) REFERENCES admin_units (network_id, id)
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Hamsafar migrations are forward-only.');
}
