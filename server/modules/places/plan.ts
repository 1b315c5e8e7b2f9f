import { AppError, fieldError, type FieldError } from '../../platform/errors';
import type { FileUnit } from './boundary-file';
import { containingCandidate, geometryText, type Candidate } from './geometry';
import { msg } from './messages';
import type { UnitValues } from './repository';
import type { AdminLevel, Geometry } from './tables';

/** A unit of the network as an import sees it. */
export interface CurrentUnit {
  id: string;
  code: string;
  level: number;
  name_en: string;
  name_ur: string | null;
  parent_id: string | null;
  retired_at: Date | null;
}

export interface ImportPlan {
  level: AdminLevel;
  inserts: Array<UnitValues & { iso: string | null }>;
  updates: Array<{ id: string; code: string; values: Omit<UnitValues, 'code' | 'level'>; iso: string | null }>;
  unchanged: Array<{ id: string; code: string; iso: string | null }>;
  /** Units of the level missing from the file: retired when something refers to them, else deleted. */
  retire: CurrentUnit[];
  delete: CurrentUnit[];
  /** Units of the level below whose parent leaves: placed again, from the geometry, in a unit of the file (by its code). */
  reparent: Array<{ id: string; code: string; parentCode: string }>;
  /** The parent code of every unit of the file, for the preview map. */
  parentCodes: Map<string, string | null>;
}

export interface PlanInput {
  level: AdminLevel;
  file: FileUnit[];
  /** Every unit of the network. */
  current: CurrentUnit[];
  /** Boundaries of the current units of this level, to tell whether one changes. */
  currentGeometry: Map<string, Geometry | null>;
  /** The current units of the level above, with their boundaries: the possible parents. */
  parents: Array<CurrentUnit & { geometry: Geometry | null }>;
  /** The current units of the level below, with their boundaries: placed again when their parent leaves. */
  children: Array<CurrentUnit & { geometry: Geometry | null }>;
  /** ISO 3166-2 codes Hamsafar knows. */
  subdivisions: Set<string>;
  /** Which of the units missing from the file something refers to (see usage.ts). */
  inUse: (ids: string[]) => Promise<Set<string>>;
}

/**
 * What importing a file of one level would do, without doing it: the preview shows it, the commit
 * applies it. A unit is matched by its code; a unit's parent is named by the file (parent-code
 * property) or found from the geometry, among the current units of the level above.
 */
export async function planImport(input: PlanInput): Promise<ImportPlan> {
  const { level, file } = input;
  const errors: FieldError[] = [];
  const byCode = new Map(input.current.map((u) => [u.code, u]));
  const parentByCode = new Map(input.parents.map((p) => [p.code, p]));
  const parentCodeById = new Map(input.parents.map((p) => [p.id, p.code]));
  const candidates: Candidate[] = input.parents.filter((p) => p.geometry !== null).map((p) => ({ key: p.id, geometry: p.geometry! }));

  const plan: ImportPlan = { level, inserts: [], updates: [], unchanged: [], retire: [], delete: [], reparent: [], parentCodes: new Map() };
  for (const unit of file) {
    const existing = byCode.get(unit.code);
    if (existing && existing.level !== level) {
      errors.push(fieldError('codeProperty', msg('places.import.code-other-level', { code: unit.code, level: existing.level })));
      continue;
    }
    let parentId: string | null = null;
    if (level > 1) {
      if (unit.parentCode !== null) {
        parentId = parentByCode.get(unit.parentCode)?.id ?? null;
        if (parentId === null) errors.push(fieldError('parentCodeProperty', msg('places.import.unknown-parent', { code: unit.code, parent: unit.parentCode, level: level - 1 })));
      } else {
        parentId = containingCandidate(unit.geometry, candidates);
        if (parentId === null) errors.push(fieldError('file', msg('places.import.no-parent', { code: unit.code, level: level - 1 })));
      }
      if (parentId === null) continue;
    }
    if (unit.iso !== null && !input.subdivisions.has(unit.iso)) {
      errors.push(fieldError('isoProperty', msg('places.import.unknown-iso', { code: unit.code, iso: unit.iso })));
      continue;
    }
    plan.parentCodes.set(unit.code, parentId === null ? null : (parentCodeById.get(parentId) ?? null));
    const values = { name_en: unit.nameEn, name_ur: unit.nameUr, parent_id: parentId, geometry: unit.geometry };
    if (!existing) {
      plan.inserts.push({ code: unit.code, level, ...values, iso: unit.iso });
      continue;
    }
    const same =
      existing.retired_at === null &&
      existing.name_en === values.name_en &&
      existing.name_ur === values.name_ur &&
      existing.parent_id === values.parent_id &&
      geometryText(input.currentGeometry.get(existing.id) ?? null) === geometryText(values.geometry);
    if (same) plan.unchanged.push({ id: existing.id, code: unit.code, iso: unit.iso });
    else plan.updates.push({ id: existing.id, code: unit.code, values, iso: unit.iso });
  }
  if (errors.length > 0) throw AppError.fields(errors.slice(0, 20));

  const inFile = new Set(file.map((u) => u.code));
  const missing = input.current.filter((u) => u.level === level && u.retired_at === null && !inFile.has(u.code));
  // A district whose province leaves (new province codes, say) is placed in the province of the file that holds it.
  const leaving = new Set(missing.map((u) => u.id));
  const fileCandidates: Candidate[] = file.map((u) => ({ key: u.code, geometry: u.geometry }));
  for (const child of input.children) {
    if (child.parent_id === null || !leaving.has(child.parent_id) || child.geometry === null) continue;
    const parentCode = containingCandidate(child.geometry, fileCandidates);
    if (parentCode !== null) plan.reparent.push({ id: child.id, code: child.code, parentCode });
  }
  const placedAgain = new Set(plan.reparent.map((c) => c.id));
  const used = await input.inUse(missing.map((u) => u.id));
  // A unit that units of another level still point to stays too (retired), so they keep their parent.
  const parentsOfOthers = new Set(input.current.filter((u) => u.level !== level && u.parent_id !== null && !placedAgain.has(u.id)).map((u) => u.parent_id!));
  for (const unit of missing) {
    if (used.has(unit.id) || parentsOfOthers.has(unit.id)) plan.retire.push(unit);
    else plan.delete.push(unit);
  }
  return plan;
}
