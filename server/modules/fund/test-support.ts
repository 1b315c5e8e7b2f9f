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
        iati_organisation_id: org.iatiOrganisationId ?? null,
        publishes_to_iati: org.iatiOrganisationId !== undefined,
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

type World = Awaited<ReturnType<typeof fundDemoWorld>>;

/** A valid proposal convened by IOM with UNODC, the Ministry of Interior and a civil society partner. */
export function proposalBody(world: World, overrides: Record<string, unknown> = {}) {
  const org = world.organisations;
  return {
    title: 'Test joint programme on safe migration',
    summary: 'A test proposal with two participating UN organisations.',
    durationMonths: 12,
    startDate: '2026-01-01',
    conveningOrganisationId: org.iom,
    participatingOrganisations: [
      { organisationId: org.iom, directCosts: ['1000.00', '0.07', '0.00', '0.00', '0.00', '0.00', '0.00'] },
      { organisationId: org.unodc, directCosts: ['0.50', '0.00', '0.00', '0.00', '0.00', '0.00', '0.00'] },
    ],
    partnerOrganisationIds: [org.moi, org.cso1],
    thematicAreas: [3],
    gcmObjectives: [10],
    guidingPrinciples: [1],
    sdgTargets: ['16.2'],
    provinces: ['PK-PB'],
    // 1000.07 + 70.00 (7.0049 rounded) + 0.50 + 0.04 (0.035 rounded half up)
    totalBudget: '1070.61',
    markers: {
      gender: { score: 2, justification: 'Women and girls are a focus of the services.' },
      humanRights: { score: 3, justification: 'A rights-based approach throughout the programme.' },
      childSensitivity: { score: 1, justification: 'Children are referred to child protection services.' },
    },
    resultsFramework: {
      outcomes: [
        {
          statement: 'Victims are protected.',
          outputs: [
            {
              statement: 'Victims are referred.',
              indicators: [
                { statement: 'Victims referred', organisationId: org.iom, unit: 'persons', baseline: '10.00', target: '110.00', meansOfVerification: 'Referral records', disaggregation: { sex: true, age: true } },
                { statement: 'Cases investigated', organisationId: org.unodc, unit: 'cases', baseline: '0.00', target: '20.00', meansOfVerification: 'FIA records', disaggregation: { sex: true, age: false } },
              ],
            },
          ],
        },
      ],
    },
    ...overrides,
  };
}

/** Drives a proposal through review to an active programme with the given approved amounts. */
export async function activeProgramme(world: World, approved: { iom: string; unodc: string }, body: Record<string, unknown> = proposalBody(world)) {
  const author = await world.as(FOCAL_IOM);
  const secretariat = await world.as(SECRETARIAT);
  const steering = await world.as(STEERING);
  const fund = await world.as(FUND);
  const created = await author.post('/api/v1/fund/programmes', body);
  if (created.statusCode !== 201) throw new Error(`create: ${created.body}`);
  const id = created.json().id as string;
  let version = 1;
  const move = async (agent: Agent, action: string) => {
    const res = await agent.post(`/api/v1/fund/programmes/${id}/transitions`, { action, version });
    if (res.statusCode !== 200) throw new Error(`${action}: ${res.body}`);
    version = res.json().version;
  };
  await move(author, 'submit');
  await move(secretariat, 'start_review');
  await move(secretariat, 'forward_to_committee');
  const decided = await steering.post(`/api/v1/fund/programmes/${id}/decisions`, {
    outcome: 'approved',
    version,
    decisionDate: '2026-02-01',
    membersPresent: ['Chair', 'Ministry of Interior'],
    text: 'Approved.',
    approvedAmounts: [
      { organisationId: world.organisations.iom, amount: approved.iom },
      { organisationId: world.organisations.unodc, amount: approved.unodc },
    ],
  });
  if (decided.statusCode !== 201) throw new Error(`decide: ${decided.body}`);
  version = decided.json().version;
  await move(fund, 'activate');
  return { id, version };
}

/** Records a USD contribution and deposit; answers the cash the deposit adds after the 1% fee. */
export async function depositUsd(world: World, amount: string, date = '2026-01-15') {
  const fund = await world.as(FUND);
  const contributor = await fund.post('/api/v1/fund/contributors', { name: `Contributor ${Math.random().toString(36).slice(2, 8)}`, type: 'foundation' });
  const commitment = await fund.post('/api/v1/fund/commitments', {
    contributorId: contributor.json().id,
    reference: `REF-${Math.random().toString(36).slice(2, 8)}`,
    agreementDate: '2026-01-01',
    amount,
    currency: 'USD',
  });
  const deposit = await fund.post('/api/v1/fund/deposits', { commitmentId: commitment.json().id, depositDate: date, amount });
  if (deposit.statusCode !== 201) throw new Error(`deposit: ${deposit.body}`);
  return deposit.json() as { amountUsd: string; feeUsd: string };
}
