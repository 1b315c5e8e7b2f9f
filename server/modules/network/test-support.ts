import type { Agent } from '../../test/factories';
import type { TestSystem } from '../../test/harness';
import { pakistanDate } from './time';

export const API = '/api/v1/network';

/**
 * A small network for the scenarios: the secretariat (IOM, network admin), the chair's office,
 * three member organisations with a focal point each, and an observer.
 */
export async function memberNetwork(system: TestSystem) {
  const { factory } = system;
  const networkId = await factory.network();
  const secretariatOrg = await factory.organisation(networkId, { nameEn: 'IOM test', type: 'un_entity' });
  const chairOrg = await factory.organisation(networkId, { nameEn: 'RCO test', type: 'un_entity' });
  const orgA = await factory.organisation(networkId, { nameEn: 'Ministry A', type: 'government' });
  const orgB = await factory.organisation(networkId, { nameEn: 'Society B', type: 'civil_society' });
  const orgC = await factory.organisation(networkId, { nameEn: 'Agency C', type: 'un_entity' });
  const observerOrg = await factory.organisation(networkId, { nameEn: 'Observer O', type: 'academia' });
  const focalAUser = await factory.user(networkId, orgA, ['focal_point']);
  const focalBUser = await factory.user(networkId, orgB, ['focal_point']);
  const focalCUser = await factory.user(networkId, orgC, ['focal_point']);
  const admin = await factory.agent(networkId, ['network_admin'], secretariatOrg);
  const chair = await factory.agent(networkId, ['chair'], chairOrg);
  const focalA = await factory.signIn(focalAUser);
  const focalB = await factory.signIn(focalBUser);
  const joinedOn = '2024-01-01';
  const members: [string, string, string | null][] = [
    [secretariatOrg, 'secretariat', admin.user.id],
    [chairOrg, 'chair', chair.user.id],
    [orgA, 'member', focalAUser.id],
    [orgB, 'member', focalBUser.id],
    [orgC, 'member', focalCUser.id],
    [observerOrg, 'observer', null],
  ];
  for (const [organisationId, role, focalPointUserId] of members) {
    const res = await admin.post(`${API}/memberships`, { organisationId, role, joinedOn, focalPointUserId, gcmObjectives: [10], provinces: ['PK-IS'] });
    if (res.statusCode !== 201) throw new Error(`membership: ${res.statusCode} ${res.body}`);
  }
  return { networkId, secretariatOrg, chairOrg, orgA, orgB, orgC, observerOrg, admin, chair, focalA, focalB, focalAUser, focalBUser, focalCUser };
}

export type MemberNetwork = Awaited<ReturnType<typeof memberNetwork>>;

/** A date `days` from today in Pakistan. */
export function daysFromToday(days: number): string {
  return pakistanDate(new Date(Date.now() + days * 86_400_000));
}

export function expectOk(res: { statusCode: number; body: string }, status = 200): void {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
}

export type { Agent };
