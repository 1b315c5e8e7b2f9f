import { AppError, fieldError, type FieldError } from '../../platform/errors';
import { isAreaGeometry, roundGeometry } from './geometry';
import { msg } from './messages';
import type { Geometry } from './tables';

/** One feature of a boundary file, read with the properties the importer chose. */
export interface FileUnit {
  code: string;
  nameEn: string;
  nameUr: string | null;
  parentCode: string | null;
  iso: string | null;
  geometry: Geometry;
}

export interface PropertyChoice {
  codeProperty: string;
  nameProperty: string;
  nameUrProperty?: string;
  parentCodeProperty?: string;
  isoProperty?: string;
}

/** A property as text: P-codes stay text (a number in the file is written as it reads), blanks are missing. */
function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/**
 * Reads a GeoJSON FeatureCollection into units, or refuses it with 422 problems naming the field
 * (`file`, or the property the importer chose). Coordinates are rounded to 4 decimals (about 11 m):
 * the boundaries are for display, and a smaller file loads faster on a slow connection.
 */
export function readBoundaryFile(data: Buffer, choice: PropertyChoice): FileUnit[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw AppError.field('file', msg('places.import.not-json', { reason: (error as Error).message }));
  }
  const collection = parsed as { type?: unknown; features?: unknown };
  if (typeof parsed !== 'object' || parsed === null || collection.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    throw AppError.field('file', msg('places.import.not-feature-collection'));
  }
  if (collection.features.length === 0) throw AppError.field('file', msg('places.import.empty'));

  const errors: FieldError[] = [];
  const units: FileUnit[] = [];
  const firstIndex = new Map<string, number>();
  collection.features.forEach((feature: unknown, i: number) => {
    const index = i + 1;
    const properties = ((feature as { properties?: unknown })?.properties ?? {}) as Record<string, unknown>;
    const code = text(properties[choice.codeProperty]);
    const nameEn = text(properties[choice.nameProperty]);
    if (code === null) return void errors.push(fieldError('codeProperty', msg('places.import.missing-property', { index, property: choice.codeProperty })));
    if (nameEn === null) return void errors.push(fieldError('nameProperty', msg('places.import.missing-property', { index, property: choice.nameProperty })));
    const seen = firstIndex.get(code);
    if (seen !== undefined) return void errors.push(fieldError('codeProperty', msg('places.import.duplicate-code', { code, first: seen, second: index })));
    firstIndex.set(code, index);
    const geometry = (feature as { geometry?: unknown })?.geometry;
    if (!isAreaGeometry(geometry)) {
      const type = typeof geometry === 'object' && geometry !== null && typeof (geometry as { type?: unknown }).type === 'string' ? String((geometry as { type: string }).type) : 'missing';
      return void errors.push(fieldError('file', msg('places.import.not-polygon', { index, code, type })));
    }
    const parentCode = choice.parentCodeProperty ? text(properties[choice.parentCodeProperty]) : null;
    if (choice.parentCodeProperty && parentCode === null) {
      return void errors.push(fieldError('parentCodeProperty', msg('places.import.missing-property', { index, property: choice.parentCodeProperty })));
    }
    units.push({
      code,
      nameEn,
      nameUr: choice.nameUrProperty ? text(properties[choice.nameUrProperty]) : null,
      parentCode,
      iso: choice.isoProperty ? text(properties[choice.isoProperty]) : null,
      geometry: roundGeometry(geometry),
    });
  });
  // The first twenty problems are enough to fix a file; a broken file of 10,000 features would otherwise answer 10,000.
  if (errors.length > 0) throw AppError.fields(errors.slice(0, 20));
  return units;
}
