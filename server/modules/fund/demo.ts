import type { ProposalInput } from '../../../common/schemas/fund';
import { fromCents } from '../../../common/money';
import type { Actor } from '../../platform/access';
import type { RequestContext } from '../../platform/context';
import { scoped } from '../../platform/database/tenant';
import type { DemoContext } from '../../seed/demo';
import { budgetTotals } from './ledger';
import * as service from './service';
import { toCents } from '../../../common/money';

/** The signed-in context of a demo user, so the demo goes through the same rules as the API. */
async function actAs(demo: DemoContext, email: string): Promise<RequestContext> {
  const q = scoped(demo.db, demo.networkId);
  const user = await q.selectFrom('users').select(['id', 'organisation_id']).where('email', '=', email).executeTakeFirstOrThrow();
  const roles = await q
    .selectFrom('user_roles')
    .innerJoin('roles', (j) => j.onRef('roles.network_id', '=', 'user_roles.network_id').onRef('roles.id', '=', 'user_roles.role_id'))
    .select(['roles.key', 'roles.grants'])
    .where('user_roles.user_id', '=', user.id)
    .execute();
  const actor: Actor = {
    userId: user.id,
    networkId: demo.networkId,
    organisationId: user.organisation_id,
    roles: roles.map((r) => r.key),
    grants: new Set(roles.flatMap((r) => r.grants)),
    sessionId: 'demo-seed',
    language: 'en',
  };
  return { db: demo.db, actor, ip: null, userAgent: 'demo seed', services: demo.services };
}

const indicator = (organisationId: string, statement: string, unit: string, baseline: string, target: string, meansOfVerification: string) => ({
  statement,
  organisationId,
  unit,
  baseline,
  target,
  meansOfVerification,
  disaggregation: { sex: true, age: true },
});

function proposal(base: Omit<ProposalInput, 'totalBudget'>): ProposalInput {
  const totals = budgetTotals(base.participatingOrganisations.map((p) => ({ organisationId: p.organisationId, directCosts: p.directCosts.map(toCents) })));
  return { ...base, totalBudget: fromCents(totals.total) };
}

/**
 * The Pakistan window with fictional amounts: three contributors paying in USD, EUR and GBP; the
 * first joint programme (IOM with UNODC and the Government of Pakistan) approved, funded in two
 * tranches, with a year of expenditure and results; a second proposal in review; a third deferred.
 */
export async function seedFundDemo(demo: DemoContext): Promise<void> {
  const org = demo.organisations;
  const fund = await actAs(demo, 'fund@demo.hamsafar.pk');
  const secretariat = await actAs(demo, 'admin@demo.hamsafar.pk');
  const steering = await actAs(demo, 'steering@demo.hamsafar.pk');
  const iom = await actAs(demo, 'focal.iom@demo.hamsafar.pk');
  const unodc = await actAs(demo, 'focal.unodc@demo.hamsafar.pk');

  // Money in
  for (const [currency, effectiveDate, rateToUsd] of [
    ['EUR', '2025-03-01', '1.085000'],
    ['EUR', '2025-07-01', '1.130000'],
    ['GBP', '2025-03-01', '1.270000'],
    ['GBP', '2025-07-01', '1.335000'],
  ] as const) {
    await service.createExchangeRate(fund, { currency, effectiveDate, rateToUsd });
  }
  const germany = await service.createContributor(fund, { name: 'Federal Republic of Germany (demo)', type: 'member_state', country: 'Germany' });
  const uk = await service.createContributor(fund, { name: 'United Kingdom (demo)', type: 'member_state', country: 'United Kingdom' });
  const foundation = await service.createContributor(fund, { name: 'Silk Road Philanthropy Foundation (demo)', type: 'foundation', country: null });
  const de = await service.createCommitment(fund, { contributorId: germany.id, reference: 'DEMO-DE-2025-01', agreementDate: '2025-03-10', amount: '2000000.00', currency: 'EUR', earmarkedThematicArea: null });
  const gb = await service.createCommitment(fund, { contributorId: uk.id, reference: 'DEMO-UK-2025-01', agreementDate: '2025-03-20', amount: '1000000.00', currency: 'GBP', earmarkedThematicArea: 3 });
  const fdn = await service.createCommitment(fund, { contributorId: foundation.id, reference: 'DEMO-SRPF-2025-01', agreementDate: '2025-04-01', amount: '500000.00', currency: 'USD', earmarkedThematicArea: 2 });
  await service.createDeposit(fund, { commitmentId: de.id, depositDate: '2025-04-15', amount: '1000000.00' });
  await service.createDeposit(fund, { commitmentId: gb.id, depositDate: '2025-05-05', amount: '1000000.00' });
  await service.createDeposit(fund, { commitmentId: fdn.id, depositDate: '2025-04-20', amount: '250000.00' });
  await service.createDeposit(fund, { commitmentId: de.id, depositDate: '2025-07-10', amount: '500000.00' });
  await service.createOtherIncome(fund, { incomeDate: '2025-12-31', kind: 'interest', amountUsd: '12345.67', description: 'Interest earned on the fund balance in 2025 (demo)' });

  // The first joint programme: counter-trafficking and migrant smuggling
  const first = await service.createProposal(
    iom,
    proposal({
      title: 'Counter-trafficking and migrant smuggling: protection, prosecution and partnership in Pakistan (demo)',
      summary:
        'Strengthens the identification and referral of victims of trafficking and smuggled migrants, the investigation and prosecution of traffickers and smugglers by the FIA, and the coordination of government and civil society under the Prevention of Trafficking in Persons Act 2018 and the Prevention of Smuggling of Migrants Act 2018.',
      durationMonths: 24,
      startDate: '2025-06-01',
      conveningOrganisationId: org.iom,
      participatingOrganisations: [
        { organisationId: org.iom, directCosts: ['400000.00', '50000.00', '60000.00', '250000.00', '80000.00', '300000.00', '60000.00'] },
        { organisationId: org.unodc, directCosts: ['250000.00', '20000.00', '30000.00', '150000.00', '50000.00', '150000.00', '50000.00'] },
      ],
      partnerOrganisationIds: [org.moi, org.fia, org.cso1, org.cso2],
      thematicAreas: [2, 3],
      gcmObjectives: [9, 10, 11],
      guidingPrinciples: [1, 3, 4, 8],
      sdgTargets: ['5.2', '8.7', '10.7', '16.2'],
      provinces: ['PK-PB', 'PK-KP', 'PK-BA', 'PK-SD'],
      markers: {
        gender: { score: 2, justification: 'Services and training are designed with women survivors; results are disaggregated by sex.' },
        humanRights: { score: 3, justification: 'A victim-centred, rights-based approach: smuggled migrants are not criminalised.' },
        childSensitivity: { score: 2, justification: 'Child victims are referred to child protection units with best-interest procedures.' },
      },
      resultsFramework: {
        outcomes: [
          {
            statement: 'Victims of trafficking and smuggled migrants are identified, protected and assisted.',
            outputs: [
              {
                statement: 'Front-line officers identify and refer victims through the national referral mechanism.',
                indicators: [
                  indicator(org.iom, 'Victims identified and referred to assistance', 'persons', '120.00', '600.00', 'Referral records of the FIA and service providers'),
                  indicator(org.iom, 'Front-line officers trained in victim identification', 'officers', '0.00', '400.00', 'Training attendance lists and post-tests'),
                  indicator(org.iom, 'Shelters applying the minimum standards of care', 'shelters', '2.00', '10.00', 'Shelter assessments'),
                ],
              },
            ],
          },
          {
            statement: 'Traffickers and smugglers are investigated and prosecuted effectively.',
            outputs: [
              {
                statement: 'Investigators and prosecutors apply the 2018 acts.',
                indicators: [
                  indicator(org.unodc, 'Investigations opened under the 2018 acts', 'cases', '300.00', '500.00', 'FIA case statistics'),
                  indicator(org.unodc, 'Prosecutors and judges trained', 'persons', '0.00', '250.00', 'Training records'),
                  indicator(org.unodc, 'Joint investigations with countries of transit', 'investigations', '1.00', '6.00', 'Mutual legal assistance records'),
                ],
              },
            ],
          },
        ],
      },
    }),
  );
  let version = 1;
  const step = async (ctx: RequestContext, action: Parameters<typeof service.transition>[2]['action'], comment?: string) => {
    version = (await service.transition(ctx, first.id, { action, version, comment })).version;
  };
  await step(iom, 'submit');
  await step(secretariat, 'start_review');
  await step(secretariat, 'forward_to_committee');
  version = (
    await service.decide(steering, first.id, {
      outcome: 'approved',
      version,
      decisionDate: '2025-05-20',
      membersPresent: ['UN Resident Coordinator (chair)', 'Ministry of Interior', 'Ministry of Foreign Affairs', 'IOM', 'Federal Republic of Germany (observer)'],
      text: 'The steering committee approves the joint programme and instructs the administrative agent to transfer the first tranche (demo decision).',
      approvedAmounts: [
        { organisationId: org.iom, amount: '1284000.00' },
        { organisationId: org.unodc, amount: '700000.00' },
      ],
    })
  ).version;
  await step(fund, 'activate');
  await service.transfer(fund, first.id, { organisationId: org.iom, transferDate: '2025-06-10', amountUsd: '642000.00' });
  await service.transfer(fund, first.id, { organisationId: org.unodc, transferDate: '2025-06-10', amountUsd: '350000.00' });
  await service.transfer(fund, first.id, { organisationId: org.iom, transferDate: '2026-02-15', amountUsd: '500000.00' });
  await service.transfer(fund, first.id, { organisationId: org.unodc, transferDate: '2026-02-15', amountUsd: '250000.00' });
  await service.reportExpenditure(iom, first.id, { organisationId: org.iom, year: 2025, amounts: ['160000.00', '21500.75', '18000.00', '95000.00', '26400.50', '110000.00', '19250.00'] });
  await service.reportExpenditure(unodc, first.id, { organisationId: org.unodc, year: 2025, amounts: ['98000.00', '6000.00', '12500.25', '40000.00', '17800.00', '35000.00', '11000.00'] });
  const detail = await service.getProgramme(fund, first.id);
  const actuals: Record<string, string> = {
    'Victims identified and referred to assistance': '310.00',
    'Front-line officers trained in victim identification': '180.00',
    'Shelters applying the minimum standards of care': '5.00',
    'Investigations opened under the 2018 acts': '365.00',
    'Prosecutors and judges trained': '90.00',
    'Joint investigations with countries of transit': '2.00',
  };
  for (const outcome of detail.resultsFramework.outcomes) {
    for (const output of outcome.outputs) {
      for (const ind of output.indicators) {
        const reporter = ind.organisationId === org.iom ? iom : unodc;
        await service.reportResult(reporter, first.id, {
          indicatorId: ind.id,
          period: '2025',
          actual: actuals[ind.statement],
          narrative: `Progress in 2025 as reported by the participating organisation (demo figures).`,
        });
      }
    }
  }
  const publication = await service.reference(fund);
  await service.publish(fund, { publishedThrough: '2026-06-30', version: publication.settingsVersion });

  // A second proposal, in secretariat review
  const second = await service.createProposal(
    unodc,
    proposal({
      title: 'Disrupting migrant smuggling networks along the western route (demo)',
      summary: 'Financial investigations and regional cooperation against smuggling networks, with protection-sensitive border management in Balochistan.',
      durationMonths: 18,
      startDate: null,
      conveningOrganisationId: org.unodc,
      participatingOrganisations: [
        { organisationId: org.unodc, directCosts: ['180000.00', '10000.00', '25000.00', '120000.00', '40000.00', '60000.00', '15000.00'] },
        { organisationId: org.iom, directCosts: ['120000.00', '15000.00', '20000.00', '60000.00', '30000.00', '40000.00', '15000.00'] },
      ],
      partnerOrganisationIds: [org.fia, org.moi],
      thematicAreas: [3],
      gcmObjectives: [9, 11],
      guidingPrinciples: [4, 8],
      sdgTargets: ['10.7', '16.2'],
      provinces: ['PK-BA'],
      markers: {
        gender: { score: 1, justification: 'Sex-disaggregated data; women officers take part in trainings.' },
        humanRights: { score: 2, justification: 'Border procedures screen for protection needs before any other step.' },
        childSensitivity: { score: 1, justification: 'Unaccompanied children are referred to child protection services.' },
      },
      resultsFramework: {
        outcomes: [
          {
            statement: 'Smuggling networks are disrupted through financial investigations.',
            outputs: [
              {
                statement: 'Financial investigation units trace the proceeds of smuggling.',
                indicators: [indicator(org.unodc, 'Financial investigations opened', 'cases', '5.00', '40.00', 'Financial Monitoring Unit records')],
              },
            ],
          },
        ],
      },
    }),
  );
  await service.transition(unodc, second.id, { action: 'submit', version: 1 });
  await service.transition(secretariat, second.id, { action: 'start_review', version: 2 });
  await service.addComment(secretariat, second.id, 'Please add a government partner at provincial level in Balochistan and explain how the border component screens for protection needs.');

  // A third proposal, deferred by the steering committee
  const third = await service.createProposal(
    iom,
    proposal({
      title: 'Child-sensitive return and reintegration of unaccompanied migrant children (demo)',
      summary: 'Family tracing, best-interest determination and reintegration support for children returned to Pakistan.',
      durationMonths: 24,
      startDate: null,
      conveningOrganisationId: org.iom,
      participatingOrganisations: [
        { organisationId: org.iom, directCosts: ['150000.00', '20000.00', '10000.00', '80000.00', '25000.00', '90000.00', '20000.00'] },
        { organisationId: org.unicef, directCosts: ['130000.00', '25000.00', '5000.00', '70000.00', '20000.00', '100000.00', '15000.00'] },
      ],
      partnerOrganisationIds: [org.mopohrd, org.cso3],
      thematicAreas: [2, 5],
      gcmObjectives: [7, 21],
      guidingPrinciples: [1, 7],
      sdgTargets: ['16.2'],
      provinces: ['PK-SD', 'PK-PB'],
      markers: {
        gender: { score: 2, justification: 'Girls and boys have separate, age-appropriate case management.' },
        humanRights: { score: 2, justification: 'Best-interest determination precedes every return decision.' },
        childSensitivity: { score: 3, justification: 'The programme exists for children and applies child safeguarding throughout.' },
      },
      resultsFramework: {
        outcomes: [
          {
            statement: 'Returned children are reunited with their families and supported to reintegrate.',
            outputs: [
              {
                statement: 'Children receive family tracing and a best-interest determination.',
                indicators: [indicator(org.unicef, 'Children with a completed best-interest determination', 'children', '0.00', '300.00', 'Case management records')],
              },
            ],
          },
        ],
      },
    }),
  );
  let thirdVersion = (await service.transition(iom, third.id, { action: 'submit', version: 1 })).version;
  thirdVersion = (await service.transition(secretariat, third.id, { action: 'start_review', version: thirdVersion })).version;
  thirdVersion = (await service.transition(secretariat, third.id, { action: 'forward_to_committee', version: thirdVersion })).version;
  await service.decide(steering, third.id, {
    outcome: 'deferred',
    version: thirdVersion,
    decisionDate: '2026-03-12',
    membersPresent: ['UN Resident Coordinator (chair)', 'Ministry of Overseas Pakistanis and Human Resource Development', 'IOM', 'UNICEF'],
    text: 'Deferred to the next meeting: the committee asks for a revised budget with lower staff costs and a provincial child protection partner (demo decision).',
  });
}
