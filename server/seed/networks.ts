import { randomUUID } from 'node:crypto';
import { DEFAULT_ROLE_GRANTS, ROLE_KEYS, ROLE_NAMES } from '../../common/roles';
import { scoped, type Executor } from '../platform/database/tenant';
import { loadDefaultBoundaries } from '../modules/places/defaults';

export interface NewNetwork {
  code: string;
  nameEn: string;
  nameUr: string;
}

/**
 * Creates a network (a tenant) with the built-in roles and their default grants, and the boundaries
 * Hamsafar ships for its country (the Pakistan network: the geoBoundaries provinces, and its
 * districts once their file is shipped; see common/reference/boundaries/SOURCE.md).
 */
export async function createNetwork(db: Executor, input: NewNetwork): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('networks')
    .values({ id, network_id: id, code: input.code, name_en: input.nameEn, name_ur: input.nameUr, settings: JSON.stringify({ caseRetentionYears: 10 }) })
    .execute();
  await scoped(db, id)
    .insertInto(
      'roles',
      ROLE_KEYS.map((key) => ({
        key,
        name_en: ROLE_NAMES[key].en,
        name_ur: ROLE_NAMES[key].ur,
        grants: DEFAULT_ROLE_GRANTS[key],
        builtin: true,
      })),
    )
    .execute();
  await loadDefaultBoundaries(db, id, input.code);
  return id;
}
