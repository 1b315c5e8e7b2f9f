import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DB } from '../../test/database';
import { testSystem, type TestSystem } from '../../test/harness';
import { activeProgramme, depositUsd, fundDemoWorld, FUND } from './test-support';

let system: TestSystem;
beforeAll(async () => {
  system = await testSystem();
});
afterAll(() => system.close());

describe(`concurrent transfers on ${TEST_DB}`, () => {
  it('never overdraw the fund: the ledger row lock lets exactly as many through as the cash covers', async () => {
    const world = await fundDemoWorld(system, { seed: false });
    const fund = await world.as(FUND);
    // 100,000.00 deposited − 1,000.00 fee = 99,000.00 available; approvals far above it.
    await depositUsd(world, '100000.00');
    // Two programmes, so that the programme row locks do not serialise the transfers by themselves.
    const programmes = [
      await activeProgramme(world, { iom: '500000.00', unodc: '500000.00' }),
      await activeProgramme(world, { iom: '500000.00', unodc: '500000.00' }),
    ];
    const attempts = 24;
    const answers = await Promise.all(
      Array.from({ length: attempts }, (_, i) =>
        fund.post(`/api/v1/fund/programmes/${programmes[i % 2].id}/transfers`, {
          organisationId: i % 4 < 2 ? world.organisations.iom : world.organisations.unodc,
          transferDate: '2026-02-10',
          amountUsd: '10000.00',
        }),
      ),
    );
    const accepted = answers.filter((a) => a.statusCode === 201);
    const refused = answers.filter((a) => a.statusCode !== 201);
    expect(accepted).toHaveLength(9);
    expect(refused).toHaveLength(attempts - 9);
    for (const answer of refused) {
      expect(answer.statusCode).toBe(422);
      expect(answer.json().errors[0].field).toBe('amountUsd');
      expect(answer.json().detail).toBe('The fund holds 9,000.00 USD available for transfer; the transfer of 10,000.00 would overdraw it.');
    }
    const status = await fund.get('/api/v1/fund/funding-status');
    expect(status.json().uses.transfers).toBe('90000.00');
    expect(status.json().balance.closing).toBe('9000.00');
  });
});
