import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scoped, type Executor } from '../../platform/database/tenant';
import { readBoundaryFile, type FileUnit } from './boundary-file';
import * as repo from './repository';
import { applyPlan, planFor } from './service';

/**
 * The boundaries Hamsafar ships (common/reference/boundaries, see SOURCE.md there): geoBoundaries
 * gbOpen, public domain, for display only. Loaded into a network when it is created, for the
 * countries that have them; each district's province is found from the geometry at load.
 */
const FOLDER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../common/reference/boundaries');

interface ShippedLevel {
  level: 1 | 2;
  file: string;
  codeProperty: string;
  isoProperty?: string;
  urduNames?: string;
}

interface ShippedSet {
  country: string;
  gazetteer: string;
  version: string;
  source: string;
  licence: string;
  levels: ShippedLevel[];
}

/** Shipped sets by network code (ISO 3166-1 alpha-3, as the Pakistan network's code is). */
export const SHIPPED_SETS: Record<string, ShippedSet> = {
  PAK: {
    country: 'PK',
    gazetteer: 'geoBoundaries gbOpen',
    version: 'PAK ADM1 dad1bd2f93aa5d782a109e45057cfcc8c520038c; ADM2 0b9bae0e073a431092e89063f986089404b0ff47',
    source: 'https://github.com/wmgeolab/geoBoundaries (releaseData/gbOpen/PAK), simplified; for display only',
    licence: 'Public Domain',
    levels: [
      { level: 1, file: 'pak-adm1.geojson', codeProperty: 'shapeISO', isoProperty: 'shapeISO', urduNames: 'pak-adm1.names-ur.json' },
      // Loaded when the file is present (SOURCE.md says why it may not be).
      { level: 2, file: 'pak-adm2.geojson', codeProperty: 'shapeID' },
    ],
  },
};

const parsed = new Map<string, FileUnit[] | null>();

/** The units of a shipped file, read once per process; null when the file is not shipped. */
export function shippedUnits(level: ShippedLevel): FileUnit[] | null {
  if (!parsed.has(level.file)) {
    const file = path.join(FOLDER, level.file);
    if (!fs.existsSync(file)) parsed.set(level.file, null);
    else {
      const units = readBoundaryFile(fs.readFileSync(file), { codeProperty: level.codeProperty, nameProperty: 'shapeName', isoProperty: level.isoProperty });
      const urdu: Record<string, string> = level.urduNames ? JSON.parse(fs.readFileSync(path.join(FOLDER, level.urduNames), 'utf8')) : {};
      parsed.set(level.file, units.map((u) => ({ ...u, nameUr: urdu[u.code] ?? null })));
    }
  }
  return parsed.get(level.file)!;
}

/**
 * Loads the shipped boundaries of the network's country, unless the network has a unit set already
 * (even an emptied one: its admins chose what it holds). Runs inside the caller's transaction
 * (`db`). Answers the levels loaded.
 */
export async function loadDefaultBoundaries(db: Executor, networkId: string, networkCode: string): Promise<number[]> {
  const shipped = SHIPPED_SETS[networkCode];
  if (!shipped) return [];
  const q = scoped(db, networkId);
  if (await repo.hasUnitSet(q)) return [];
  const setId = await repo.insertSet(q, {
    country: shipped.country,
    gazetteer: shipped.gazetteer,
    version: shipped.version,
    source: shipped.source,
    licence: shipped.licence,
    imported_by: null,
  });
  const loaded: number[] = [];
  for (const level of shipped.levels) {
    const units = shippedUnits(level);
    if (!units) continue;
    await applyPlan(q, setId, await planFor(db, q, level.level, units), new Date());
    loaded.push(level.level);
  }
  return loaded;
}

/**
 * At start: gives the shipped boundaries to networks created before the places module existed.
 * One transaction per network.
 */
export async function loadMissingDefaultBoundaries(db: Executor): Promise<void> {
  const networks = await db.selectFrom('networks').select(['id', 'code']).where('code', 'in', Object.keys(SHIPPED_SETS)).execute();
  for (const network of networks) await db.transaction().execute((trx) => loadDefaultBoundaries(trx, network.id, network.code));
}
