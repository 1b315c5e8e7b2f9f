import { DEMO_ORGANISATIONS, DEMO_USERS, type DemoContext } from '../../seed/demo';
import { scoped } from '../../platform/database/tenant';
import type { Agent } from '../../test/factories';
import type { TestSystem } from '../../test/harness';
import { seedFundDemo } from './demo';

/**
 * A network with the demo organisations and users, and the fund's demo data only (other modules'
 * demo data is not needed by these tests). `as(email)` signs a demo user in.
 */
export async function fundDemoWorld(system: TestSystem, options: { seed?: boolean } = {}) {
  const networkId = await system.factory.network();
  const q = scoped(system.db, networkId);
  const organisations: Record<string, string> = {};
  for (const org of DEMO_ORGANISATIONS) {
    const row = await q
      .insertInto('organisations', {
        name_en: org.nameEn,
        name_ur: org.nameUr,
        acronym: org.acronym,
        type: org.type,
        htcds_org_type: org.htcdsOrgType,
        province: org.province,
        services: org.services,
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    organisations[org.key] = row.id;
  }
  const users: Record<string, string> = {};
  const accounts = new Map<string, Awaited<ReturnType<TestSystem['factory']['user']>>>();
  for (const user of DEMO_USERS) {
    const account = await system.factory.user(networkId, organisations[user.organisation], [user.role], {
      email: user.email,
      mfa: user.role === 'caseworker' || user.role === 'case_supervisor',
    });
    users[user.email] = account.id;
    accounts.set(user.email, account);
  }
  const demo: DemoContext = { db: system.db, services: system.services, networkId, organisations, users };
  if (options.seed !== false) await seedFundDemo(demo);
  const agents = new Map<string, Agent>();
  return {
    ...demo,
    async as(email: string): Promise<Agent> {
      const known = agents.get(email);
      if (known) return known;
      const account = accounts.get(email);
      if (!account) throw new Error(`no demo user ${email}`);
      const agent = await system.factory.signIn(account);
      agents.set(email, agent);
      return agent;
    },
  };
}

export const FUND = 'fund@demo.hamsafar.pk';
export const STEERING = 'steering@demo.hamsafar.pk';
export const SECRETARIAT = 'admin@demo.hamsafar.pk';
export const FOCAL_IOM = 'focal.iom@demo.hamsafar.pk';
export const FOCAL_UNODC = 'focal.unodc@demo.hamsafar.pk';
export const FOCAL_MOPHRD = 'focal@demo.hamsafar.pk';
export const DONOR = 'donor@demo.hamsafar.pk';
export const AUDITOR = 'auditor@demo.hamsafar.pk';
export const CHAIR = 'chair@demo.hamsafar.pk';
