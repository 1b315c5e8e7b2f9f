import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRANSITION_ACTIONS, type ProgrammeStatus } from '../../../common/schemas/fund';
import type { Agent } from '../../test/factories';
import { testSystem, type TestSystem } from '../../test/harness';
import { DECIDABLE_STATUSES, TRANSITIONS } from './service';
import { depositUsd, fundDemoWorld, proposalBody, FOCAL_IOM, FOCAL_MOPHRD, FOCAL_UNODC, FUND, SECRETARIAT, STEERING } from './test-support';

let system: TestSystem;
let world: Awaited<ReturnType<typeof fundDemoWorld>>;
beforeAll(async () => {
  system = await testSystem();
  world = await fundDemoWorld(system, { seed: false });
});
afterAll(() => system.close());

const base = '/api/v1/fund/programmes';

/** The agent holding the permission each action needs, so a refusal is about the status alone. */
async function actorFor(action: string): Promise<Agent> {
  if (action === 'submit' || action === 'revise') return world.as(FOCAL_IOM);
  if (action === 'close_financially') return world.as(FUND);
  return world.as(SECRETARIAT);
}

async function current(id: string) {
  const res = await (await world.as(FUND)).get(`${base}/${id}`);
  return res.json() as { status: ProgrammeStatus; version: number };
}

/** Every lifecycle action other than the allowed ones is refused at this status with a 409 naming the status. */
async function expectOnlyAllowed(id: string) {
  const { status, version } = await current(id);
  for (const action of TRANSITION_ACTIONS) {
    if (TRANSITIONS[action].from.includes(status)) continue;
    const res = await (await actorFor(action)).post(`${base}/${id}/transitions`, { action, version, comment: 'A reason.' });
    expect(res.statusCode, `${action} from ${status}`).toBe(409);
    expect(res.json().detail).toMatch(/^A proposal that is .+ cannot be .+; only one that is .+ can\.$/);
    expect(res.json().status).toBe(status);
  }
  if (!DECIDABLE_STATUSES.includes(status)) {
    const res = await (await world.as(STEERING)).post(`${base}/${id}/decisions`, { outcome: 'rejected', version, decisionDate: '2026-01-01', membersPresent: ['Chair'], text: 'No.' });
    expect(res.statusCode, `decision from ${status}`).toBe(409);
    expect(res.json().detail).toContain('cannot be decided by the steering committee');
  }
  return { status, version };
}

async function move(id: string, action: string, version: number, comment?: string) {
  const res = await (await actorFor(action)).post(`${base}/${id}/transitions`, { action, version, ...(comment ? { comment } : {}) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().version as number;
}

describe('proposal validation', () => {
  it('refuses fewer than two participating UN organisations, naming the field', async () => {
    const author = await world.as(FOCAL_IOM);
    const body = proposalBody(world);
    const res = await author.post(base, {
      ...body,
      participatingOrganisations: [body.participatingOrganisations[0]],
      totalBudget: '1070.07',
      resultsFramework: { outcomes: [{ statement: 'x', outputs: [{ statement: 'y', indicators: [body.resultsFramework.outcomes[0].outputs[0].indicators[0]] }] }] },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      { field: 'participatingOrganisations', code: 'fund.proposal.two-punos', message: 'A joint programme needs at least two participating UN organisations, the convening one included.' },
    ]);
  });

  it('refuses a budget that does not add up, with the computed figures', async () => {
    const res = await (await world.as(FOCAL_IOM)).post(base, proposalBody(world, { totalBudget: '1070.60' }));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      {
        field: 'totalBudget',
        code: 'fund.proposal.budget-mismatch',
        params: { direct: '1,000.57', percent: 7, indirect: '70.04', total: '1,070.61', given: '1,070.60' },
        message: 'The budget does not add up: the direct costs of 1,000.57 plus 7% indirect support costs of 70.04 come to 1,070.61, not 1,070.60.',
      },
    ]);
  });

  it('refuses a non-UN participating organisation, a missing government partner and a non-participating indicator owner', async () => {
    const org = world.organisations;
    const body = proposalBody(world);
    const res = await (await world.as(FOCAL_IOM)).post(base, {
      ...body,
      participatingOrganisations: [body.participatingOrganisations[0], { organisationId: org.fia, directCosts: body.participatingOrganisations[1].directCosts }, body.participatingOrganisations[1]],
      partnerOrganisationIds: [org.cso1],
      totalBudget: '1071.15',
      resultsFramework: { outcomes: [{ statement: 'x', outputs: [{ statement: 'y', indicators: [{ ...body.resultsFramework.outcomes[0].outputs[0].indicators[0], organisationId: org.ilo }] }] }] },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      {
        field: 'participatingOrganisations.1.organisationId',
        code: 'fund.proposal.puno-not-un',
        params: { organisation: 'Federal Investigation Agency' },
        message: 'Federal Investigation Agency is not a UN organisation; name it as a partner instead.',
      },
      { field: 'partnerOrganisationIds', code: 'fund.proposal.government-partner', message: 'Name at least one government partner.' },
      { field: 'resultsFramework.outcomes.0.outputs.0.indicators.0.organisationId', code: 'fund.proposal.indicator-puno', message: 'An indicator is reported by one of the participating organisations.' },
    ]);
  });

  it('answers malformed amounts and unknown fields with a 400 naming the field', async () => {
    const author = await world.as(FOCAL_IOM);
    const res = await author.post(base, proposalBody(world, { totalBudget: '1070.611' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toEqual({ field: 'totalBudget', code: 'invalid_amount', message: 'Enter an amount with at most two decimals, for example 1250.00.' });
    const unknown = await author.post(base, proposalBody(world, { approved: true }));
    expect(unknown.statusCode).toBe(400);
    expect(JSON.stringify(unknown.json().errors)).toContain('approved');
  });

  it('lets a focal point draft only proposals convened by their own organisation', async () => {
    const res = await (await world.as(FOCAL_UNODC)).post(base, proposalBody(world));
    expect(res.statusCode).toBe(404);
    // A government focal point may convene only its own organisation, which is not a UN one.
    const government = await (await world.as(FOCAL_MOPHRD)).post(base, proposalBody(world, { conveningOrganisationId: world.organisations.mopohrd }));
    expect(government.statusCode).toBe(422);
    expect(government.json().errors).toContainEqual({ field: 'conveningOrganisationId', code: 'fund.proposal.convening-not-puno', message: 'The convening organisation must be one of the participating UN organisations.' });
  });
});

describe('proposal lifecycle', () => {
  it('goes from draft through review, comments back, the committee and approval to financial closure, refusing every other move', async () => {
    const author = await world.as(FOCAL_IOM);
    const created = await author.post(base, proposalBody(world));
    expect(created.statusCode).toBe(201);
    expect(created.json().code).toMatch(/^JP-\d{3}$/);
    const id = created.json().id as string;

    let { version } = await expectOnlyAllowed(id); // draft
    version = await move(id, 'submit', version);
    ({ version } = await expectOnlyAllowed(id)); // submitted
    const earlyEdit = await author.put(`${base}/${id}`, { ...proposalBody(world), version });
    expect(earlyEdit.statusCode).toBe(409);
    expect(earlyEdit.json().detail).toBe('A proposal that is submitted cannot be edited; only a draft can.');
    version = await move(id, 'start_review', version);
    ({ version } = await expectOnlyAllowed(id)); // secretariat_review

    const silent = await (await world.as(SECRETARIAT)).post(`${base}/${id}/transitions`, { action: 'return_to_authors', version });
    expect(silent.statusCode).toBe(422);
    expect(silent.json().errors).toEqual([{ field: 'comment', code: 'fund.proposal.comment-needed', message: 'Say what the authors should change.' }]);
    version = await move(id, 'return_to_authors', version, 'Add a provincial government partner.');
    expect((await current(id)).status).toBe('draft');

    const stale = await author.put(`${base}/${id}`, { ...proposalBody(world, { title: 'Revised' }), version: version - 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().type).toContain('stale-version');
    const edited = await author.put(`${base}/${id}`, { ...proposalBody(world, { title: 'Revised title' }), version });
    expect(edited.statusCode).toBe(200);
    version = edited.json().version;
    version = await move(id, 'submit', version);
    version = await move(id, 'start_review', version);
    const comment = await (await world.as(SECRETARIAT)).post(`${base}/${id}/comments`, { body: 'Budget checked.' });
    expect(comment.statusCode).toBe(201);
    version = await move(id, 'forward_to_committee', version);
    ({ version } = await expectOnlyAllowed(id)); // steering_committee

    const steering = await world.as(STEERING);
    const decision = { version, decisionDate: '2026-02-01', membersPresent: ['Chair', 'Ministry of Interior'], text: 'Approved with conditions.' };
    const noConditions = await steering.post(`${base}/${id}/decisions`, { ...decision, outcome: 'approved_with_conditions', approvedAmounts: [] });
    expect(noConditions.json().errors).toEqual([{ field: 'conditions', code: 'fund.decision.conditions-needed', message: 'State the conditions of the approval.' }]);
    const noAmounts = await steering.post(`${base}/${id}/decisions`, { ...decision, outcome: 'approved_with_conditions', conditions: 'A baseline study first.', approvedAmounts: [{ organisationId: world.organisations.iom, amount: '500.00' }] });
    expect(noAmounts.statusCode).toBe(422);
    expect(noAmounts.json().errors).toEqual([{ field: 'approvedAmounts', code: 'fund.decision.amount-for-every-puno', message: 'An approval names the approved amount for every participating organisation.' }]);
    const approved = await steering.post(`${base}/${id}/decisions`, {
      ...decision,
      outcome: 'approved_with_conditions',
      conditions: 'A baseline study first.',
      approvedAmounts: [
        { organisationId: world.organisations.iom, amount: '900.00' },
        { organisationId: world.organisations.unodc, amount: '0.54' },
      ],
    });
    expect(approved.statusCode).toBe(201);
    version = approved.json().version;
    ({ version } = await expectOnlyAllowed(id)); // approved_with_conditions
    version = await move(id, 'activate', version);
    ({ version } = await expectOnlyAllowed(id)); // active

    const fund = await world.as(FUND);
    await depositUsd(world, '10000.00');
    const overApproved = await fund.post(`${base}/${id}/transfers`, { organisationId: world.organisations.iom, transferDate: '2026-02-10', amountUsd: '900.01' });
    expect(overApproved.statusCode).toBe(422);
    expect(overApproved.json().detail).toBe('The transfer exceeds the approved amount: 900.00 USD approved, 0.00 already transferred, 900.00 remains.');
    expect((await fund.post(`${base}/${id}/transfers`, { organisationId: world.organisations.iom, transferDate: '2026-02-10', amountUsd: '600.00' })).statusCode).toBe(201);
    const second = await fund.post(`${base}/${id}/transfers`, { organisationId: world.organisations.iom, transferDate: '2026-05-10', amountUsd: '300.00' });
    expect(second.statusCode).toBe(201);
    const expenditure = await author.put(`${base}/${id}/expenditure`, { organisationId: world.organisations.iom, year: 2026, amounts: ['500.00', '100.00', '0.00', '0.00', '0.00', '50.25', '0.00'] });
    expect(expenditure.statusCode).toBe(200);
    expect(expenditure.json()).toEqual({ total: '650.25', dueDate: '2027-04-30' });

    version = await move(id, 'close_operationally', version);
    ({ version } = await expectOnlyAllowed(id)); // operationally_closed
    const blocked = await fund.post(`${base}/${id}/transitions`, { action: 'close_financially', version });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().detail).toBe(
      'The programme cannot be closed financially while participating organisations hold unspent balances (IOM 249.75 USD): record their refunds or expenditure first.',
    );
    const tooMuch = await fund.post(`${base}/${id}/refunds`, { organisationId: world.organisations.iom, transferDate: '2026-12-01', amountUsd: '249.76' });
    expect(tooMuch.json().detail).toBe("The refund exceeds the organisation's unspent balance of 249.75 USD.");
    expect((await fund.post(`${base}/${id}/refunds`, { organisationId: world.organisations.iom, transferDate: '2026-12-01', amountUsd: '249.75' })).statusCode).toBe(201);
    version = await move(id, 'close_financially', version);
    const closed = await expectOnlyAllowed(id);
    expect(closed.status).toBe('financially_closed');

    const detail = (await fund.get(`${base}/${id}`)).json();
    expect(detail.timeline.map((t: { toStatus: string }) => t.toStatus)).toEqual([
      'draft', 'submitted', 'secretariat_review', 'draft', 'submitted', 'secretariat_review', 'steering_committee',
      'approved_with_conditions', 'active', 'operationally_closed', 'financially_closed',
    ]);
    expect(detail.comments.map((c: { body: string }) => c.body)).toEqual(['Add a provincial government partner.', 'Budget checked.']);
    expect(detail.punos[0]).toMatchObject({ requestedTotal: '1070.07', approvedAmount: '900.00', transferred: '900.00', refunded: '249.75', netFunded: '650.25', expenditure: '650.25', balance: '0.00', deliveryRate: '100.00' });
    expect(detail.transfers.map((t: { tranche: number | null }) => t.tranche)).toEqual([1, 2, null]);
  });

  it('defers, reopens for revision, and treats a rejection as final', async () => {
    const author = await world.as(FOCAL_IOM);
    const steering = await world.as(STEERING);
    const decide = async (id: string, version: number, outcome: string) =>
      steering.post(`${base}/${id}/decisions`, { outcome, version, decisionDate: '2026-03-01', membersPresent: ['Chair'], text: `${outcome} by the committee.` });
    const toCommittee = async () => {
      const id = (await author.post(base, proposalBody(world))).json().id as string;
      let version = await move(id, 'submit', 1);
      version = await move(id, 'start_review', version);
      return { id, version: await move(id, 'forward_to_committee', version) };
    };

    const deferred = await toCommittee();
    const res = await decide(deferred.id, deferred.version, 'deferred');
    expect(res.statusCode).toBe(201);
    const withAmounts = await steering.post(`${base}/${deferred.id}/decisions`, { outcome: 'rejected', version: res.json().version, decisionDate: '2026-03-01', membersPresent: ['Chair'], text: 'No.', approvedAmounts: [{ organisationId: world.organisations.iom, amount: '1.00' }] });
    expect(withAmounts.json().errors).toEqual([{ field: 'approvedAmounts', code: 'fund.decision.amounts-only-approval', message: 'Only an approval names approved amounts.' }]);
    const { version } = await expectOnlyAllowed(deferred.id);
    await move(deferred.id, 'revise', version);
    expect((await current(deferred.id)).status).toBe('draft');

    const rejected = await toCommittee();
    expect((await decide(rejected.id, rejected.version, 'rejected')).statusCode).toBe(201);
    const final = await expectOnlyAllowed(rejected.id);
    expect(final.status).toBe('rejected');
  });

  it('answers a stale version with 409 and the current version', async () => {
    const author = await world.as(FOCAL_IOM);
    const id = (await author.post(base, proposalBody(world))).json().id as string;
    await move(id, 'submit', 1);
    const res = await (await world.as(SECRETARIAT)).post(`${base}/${id}/transitions`, { action: 'start_review', version: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json().currentVersion).toBe(2);
  });

  it('keeps indicator ids when a draft is edited, so reported results stay attached', async () => {
    const author = await world.as(FOCAL_IOM);
    const id = (await author.post(base, proposalBody(world))).json().id as string;
    const before = (await author.get(`${base}/${id}`)).json().resultsFramework.outcomes[0].outputs[0].indicators;
    const body = proposalBody(world);
    const [kept, replaced] = body.resultsFramework.outcomes[0].outputs[0].indicators;
    body.resultsFramework.outcomes[0].outputs[0].indicators = [{ ...kept, id: before[0].id } as typeof kept, replaced];
    expect((await author.put(`${base}/${id}`, { ...body, version: 1 })).statusCode).toBe(200);
    const after = (await author.get(`${base}/${id}`)).json().resultsFramework.outcomes[0].outputs[0].indicators;
    expect(after[0].id).toBe(before[0].id);
    expect(after[1].id).not.toBe(before[1].id);
  });
});
