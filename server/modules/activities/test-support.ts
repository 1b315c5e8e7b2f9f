import { scoped } from '../../platform/database/tenant';
import type { TestSystem } from '../../test/harness';
import { memberNetwork } from '../network/test-support';
import { pakistanDate } from '../network/time';

export const API = '/api/v1/activities';

/**
 * The network module's small member network (secretariat, chair, organisations A, B and C with a
 * focal point each), an auditor, an org admin of A, and a gazetteer of two provinces with a district each.
 */
export async function activityWorld(system: TestSystem) {
  const net = await memberNetwork(system);
  const auditor = await system.factory.agent(net.networkId, ['auditor']);
  const orgAdminA = await system.factory.agent(net.networkId, ['org_admin'], net.orgA);
  const q = scoped(system.db, net.networkId);
  const set = await q
    .insertInto('admin_unit_sets', { country: 'PK', gazetteer: 'test gazetteer', version: '1', source: 'tests', licence: 'public domain', imported_by: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const unit = async (code: string, level: 1 | 2 | 3, nameEn: string, parentId: string | null = null) =>
    (await q.insertInto('admin_units', { set_id: set.id, code, level, name_en: nameEn, name_ur: null, parent_id: parentId, geometry: null, retired_at: null }).returning('id').executeTakeFirstOrThrow()).id;
  const punjab = await unit('PK7', 1, 'Punjab');
  const lahore = await unit('PK702', 2, 'Lahore', punjab);
  const sindh = await unit('PK8', 1, 'Sindh');
  const karachi = await unit('PK801', 2, 'Karachi', sindh);
  return { ...net, auditor, orgAdminA, units: { punjab, lahore, sindh, karachi } };
}

export type ActivityWorld = Awaited<ReturnType<typeof activityWorld>>;

/** The first day of the month `offset` months from this one, in Pakistan. */
export function monthStart(offset: number): string {
  const [y, m] = pakistanDate().split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 + offset, 1)).toISOString().slice(0, 10);
}

/** The last day of the month `offset` months from this one. */
export function monthEnd(offset: number): string {
  const [y, m] = pakistanDate().split('-').map(Number);
  return new Date(Date.UTC(y, m + offset, 0)).toISOString().slice(0, 10);
}

/** A valid activity led by organisation A, targeting 60 people. */
export function activityBody(world: ActivityWorld, overrides: Record<string, unknown> = {}) {
  return {
    titleEn: 'Safe migration information desks',
    titleUr: 'محفوظ ہجرت معلوماتی ڈیسک',
    descriptionEn: 'Information desks at protector offices for intending migrants.',
    leadOrganisationId: world.orgA,
    partnerOrganisationIds: [world.orgB],
    gcmObjectives: [3, 10],
    guidingPrinciples: [4],
    sdgTargets: ['10.7'],
    sector: 'labour_migration',
    fundingKind: 'other_donor',
    donorName: 'European Union',
    unitIds: [world.units.lahore, world.units.sindh],
    startsOn: monthStart(-14),
    endsOn: monthEnd(12),
    status: 'ongoing',
    published: false,
    targeted: {
      cells: [
        { sex: 'female', ageBand: '18-59', group: 'migrants', people: 30 },
        { sex: 'male', ageBand: '18-59', group: 'migrants', people: 20 },
        { sex: 'female', ageBand: '0-17', group: 'returnees', people: 10 },
      ],
    },
    ...overrides,
  };
}

export const reached = (people: number) => ({ cells: [{ sex: 'female', ageBand: '18-59', group: 'migrants', people }] });
