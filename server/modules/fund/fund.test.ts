import ExcelJS from 'exceljs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCents } from '../../../common/money';
import { testSystem, type TestSystem } from '../../test/harness';
import { ACTIVITY_ELEMENT_ORDER } from '../../platform/iati';
import { AUDITOR, CHAIR, DONOR, FOCAL_IOM, FOCAL_MOPHRD, FOCAL_UNODC, FUND, SECRETARIAT, STEERING, fundDemoWorld } from './test-support';

let system: TestSystem;
let world: Awaited<ReturnType<typeof fundDemoWorld>>;
let first: { id: string; status: string };
let second: { id: string; status: string };
let third: { id: string; status: string };
beforeAll(async () => {
  system = await testSystem();
  world = await fundDemoWorld(system);
  const list = (await (await world.as(FUND)).get('/api/v1/fund/programmes')).json().items as Array<{ id: string; status: string; code: string }>;
  [first, second, third] = list;
});
afterAll(() => system.close());

const api = '/api/v1/fund';

describe('the demo window', () => {
  it('holds three contributors in USD, EUR and GBP and the three proposals in their states', async () => {
    const fund = await world.as(FUND);
    const money = (await fund.get(`${api}/contributions`)).json();
    expect(money.items.map((c: { commitments: Array<{ currency: string }> }) => c.commitments[0].currency).sort()).toEqual(['EUR', 'GBP', 'USD']);
    expect(money.items.every((c: { isDemo: boolean; name: string }) => c.name.endsWith('(demo)'))).toBe(true);
    const germany = money.items.find((c: { name: string }) => c.name.startsWith('Federal Republic')).commitments[0];
    expect(germany).toMatchObject({ amount: '2000000.00', deposited: '1500000.00', outstanding: '500000.00', outstandingUsd: '542500.00' });
    // Each deposit is kept at the rate of its own date.
    expect(germany.deposits.map((d: { depositDate: string; rateToUsd: string; amountUsd: string; feeUsd: string }) => [d.depositDate, d.rateToUsd, d.amountUsd, d.feeUsd])).toEqual([
      ['2025-04-15', '1.085000', '1085000.00', '10850.00'],
      ['2025-07-10', '1.130000', '565000.00', '5650.00'],
    ]);
    expect([first.status, second.status, third.status]).toEqual(['active', 'secretariat_review', 'deferred']);
    const detail = (await fund.get(`${api}/programmes/${first.id}`)).json();
    expect(detail.punos.map((p: { organisation: { acronym: string } }) => p.organisation.acronym)).toEqual(['IOM', 'UNODC']);
    expect(detail.transfers.filter((t: { kind: string }) => t.kind === 'transfer')).toHaveLength(4);
    const indicators = detail.resultsFramework.outcomes.flatMap((o: { outputs: Array<{ indicators: unknown[] }> }) => o.outputs.flatMap((p) => p.indicators));
    expect(indicators).toHaveLength(6);
    expect(indicators[0]).toMatchObject({ baseline: '120.00', target: '600.00', latestProgress: '39.58' });
    expect(detail.expenditureReports.map((r: { year: number; dueDate: string }) => [r.year, r.dueDate])).toEqual([[2025, '2026-04-30'], [2025, '2026-04-30']]);
  });

  it('reconciles the funding status exactly: sources − uses = change, opening + change = closing, for any range', async () => {
    const fund = await world.as(FUND);
    for (const query of ['', '?from=2025-01-01&to=2025-12-31', '?from=2026-01-01', '?to=2025-06-30']) {
      const s = (await fund.get(`${api}/funding-status${query}`)).json();
      const c = (x: string) => toCents(x);
      expect(c(s.sources.contributions) + c(s.sources.otherIncome)).toBe(c(s.sources.total));
      expect(c(s.uses.transfers) - c(s.uses.refunds)).toBe(c(s.uses.netFunded));
      expect(c(s.uses.netFunded) + c(s.uses.administrativeAgentFees)).toBe(c(s.uses.total));
      expect(c(s.sources.total) - c(s.uses.total)).toBe(c(s.balance.change));
      expect(c(s.balance.opening) + c(s.balance.change)).toBe(c(s.balance.closing));
      expect(c(s.totals.netFunded) - c(s.totals.expenditure)).toBe(c(s.totals.balanceWithPunos));
    }
    const all = (await fund.get(`${api}/funding-status`)).json();
    expect(all.sources).toEqual({ contributions: '3170000.00', otherIncome: '12345.67', total: '3182345.67' });
    expect(all.uses).toEqual({ transfers: '1742000.00', refunds: '0.00', netFunded: '1742000.00', administrativeAgentFees: '31700.00', total: '1773700.00' });
    expect(all.balance.closing).toBe('1408645.67');
    expect(all.totals).toEqual({ netFunded: '1742000.00', expenditure: '670451.50', balanceWithPunos: '1071548.50', deliveryRate: '38.49' });
    const y2026 = (await fund.get(`${api}/funding-status?from=2026-01-01`)).json();
    expect(y2026.balance.opening).toBe((await fund.get(`${api}/funding-status?to=2025-12-31`)).json().balance.closing);
    const reversed = await fund.get(`${api}/funding-status?from=2026-01-01&to=2025-01-01`);
    expect(reversed.statusCode).toBe(422);
    expect(reversed.json().errors).toEqual([{ field: 'to', code: 'fund.period.end-before-start', message: 'The end of the period comes before its start.' }]);
  });

  it('shows the pipeline, contributions by year, the allocation and delivery rates on the dashboard', async () => {
    const d = (await (await world.as(FUND)).get(`${api}/dashboard`)).json();
    expect(d.pipeline).toEqual({ pledged: '3940000.00', deposited: '3170000.00', approved: '1984000.00', transferred: '1742000.00', spent: '670451.50' });
    for (const slices of [d.allocation.thematicArea, d.allocation.gcmObjective, d.allocation.puno]) {
      expect(slices.reduce((sum: bigint, s: { amount: string }) => sum + toCents(s.amount), 0n)).toBe(toCents('1984000.00'));
    }
    expect(d.deliveryRates).toEqual([expect.objectContaining({ code: 'JP-001', deliveryRate: '38.49' })]);
  });
});

describe('exports', () => {
  it('writes the funding status, contributions and programmes to a workbook with exact figures', async () => {
    const res = await (await world.as(FUND)).get(`${api}/funding-status.xlsx?to=2025-12-31`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Funding status', 'Contributions', 'Deposits', 'Programmes']);
    const rows = workbook.getWorksheet('Funding status')!.getSheetValues().filter(Boolean) as unknown[][];
    const value = (label: string) => rows.find((r) => String(r[1]).trim() === label)?.[2];
    expect(value('Total: sources of funds')).toBe(3182345.67);
    expect(value('Closing fund balance (cash with the administrative agent)')).toBe(2158645.67);
    expect(workbook.getWorksheet('Deposits')!.rowCount).toBe(5);
  });

  it('renders the funding status and the annual consolidated report as PDF', async () => {
    const fund = await world.as(FUND);
    const status = await fund.get(`${api}/funding-status.pdf`);
    expect(status.headers['content-type']).toBe('application/pdf');
    expect(status.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const annual = await fund.get(`${api}/reports/annual/2025`);
    expect(annual.statusCode).toBe(200);
    expect(annual.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // A cover page with the funding status, then one page per approved programme.
    expect(annual.rawPayload.toString('latin1').match(/\/Type \/Page\b/g)!.length).toBeGreaterThanOrEqual(2);
    expect((await (await world.as(DONOR)).get(`${api}/reports/annual/2025`)).statusCode).toBe(403);
  });
});

describe('currency conversion at the deposit date', () => {
  it('takes the rate in force on the deposit date, and asks for one when none is recorded', async () => {
    const fund = await world.as(FUND);
    const contributor = (await fund.post(`${api}/contributors`, { name: 'Rate test contributor', type: 'private_sector' })).json().id;
    const commitment = await fund.post(`${api}/commitments`, { contributorId: contributor, reference: 'RATE-1', agreementDate: '2025-06-01', amount: '1000.00', currency: 'eur' });
    expect(commitment.statusCode).toBe(201);
    expect(commitment.json()).toMatchObject({ rateToUsd: '1.085000', amountUsd: '1085.00' });
    const id = commitment.json().id;
    const before = await fund.post(`${api}/deposits`, { commitmentId: id, depositDate: '2025-06-30', amount: '100.00' });
    expect(before.json()).toMatchObject({ rateToUsd: '1.085000', amountUsd: '108.50', feeUsd: '1.09' });
    const on = await fund.post(`${api}/deposits`, { commitmentId: id, depositDate: '2025-07-01', amount: '100.00' });
    expect(on.json()).toMatchObject({ rateToUsd: '1.130000', amountUsd: '113.00', feeUsd: '1.13' });
    const given = await fund.post(`${api}/deposits`, { commitmentId: id, depositDate: '2025-07-02', amount: '33.33', rateToUsd: '1.274567' });
    expect(given.json()).toMatchObject({ amountUsd: '42.48', feeUsd: '0.42' });
    const over = await fund.post(`${api}/deposits`, { commitmentId: id, depositDate: '2025-07-03', amount: '766.68' });
    expect(over.statusCode).toBe(422);
    expect(over.json().errors).toEqual([{ field: 'amount', code: 'fund.deposit.exceeds-pledge', params: { amount: '766.67', currency: 'EUR' }, message: 'The deposit exceeds the outstanding pledge of 766.67 EUR.' }]);
    const yen = await fund.post(`${api}/commitments`, { contributorId: contributor, reference: 'RATE-2', agreementDate: '2025-06-01', amount: '1000.00', currency: 'JPY' });
    expect(yen.statusCode).toBe(422);
    expect(yen.json().errors).toEqual([{ field: 'rateToUsd', code: 'fund.rate.missing', params: { currency: 'JPY', date: '2025-06-01' }, message: 'No JPY rate is recorded on or before 2025-06-01; give the rate of that date.' }]);
    const early = await fund.post(`${api}/deposits`, { commitmentId: id, depositDate: '2025-05-01', amount: '1.00' });
    expect(early.json().errors).toEqual([{ field: 'depositDate', code: 'fund.deposit.before-agreement', params: { date: '2025-06-01' }, message: 'A deposit cannot precede its agreement of 2025-06-01.' }]);
  });
});

describe('authorisation', () => {
  const deposit = () => ({ commitmentId: '00000000-0000-4000-8000-000000000000', depositDate: '2026-01-01', amount: '1.00' });

  it('lets only fund managers record money', async () => {
    for (const email of [SECRETARIAT, CHAIR, STEERING, FOCAL_IOM, DONOR, AUDITOR]) {
      const agent = await world.as(email);
      expect((await agent.post(`${api}/deposits`, deposit())).statusCode, email).toBe(403);
      expect((await agent.post(`${api}/programmes/${first.id}/transfers`, { organisationId: world.organisations.iom, transferDate: '2026-03-01', amountUsd: '1.00' })).statusCode, email).toBe(403);
      expect((await agent.post(`${api}/other-income`, { incomeDate: '2026-01-01', kind: 'interest', amountUsd: '1.00', description: 'x' })).statusCode, email).toBe(403);
    }
    expect((await (await world.as(FUND)).post(`${api}/deposits`, deposit())).statusCode).toBe(422);
  });

  it('lets only steering committee members record decisions', async () => {
    const body = { outcome: 'rejected', version: 1, decisionDate: '2026-01-01', membersPresent: ['Chair'], text: 'No.' };
    for (const email of [FUND, SECRETARIAT, CHAIR, FOCAL_IOM, DONOR, AUDITOR]) {
      expect((await (await world.as(email)).post(`${api}/programmes/${third.id}/decisions`, body)).statusCode, email).toBe(403);
    }
  });

  it('lets participating organisations report only their own expenditure and results', async () => {
    const unodc = await world.as(FOCAL_UNODC);
    const iomLine = { organisationId: world.organisations.iom, year: 2025, amounts: ['1.00', '0', '0', '0', '0', '0', '0'] };
    const other = await unodc.put(`${api}/programmes/${first.id}/expenditure`, iomLine);
    expect(other.statusCode).toBe(404);
    const detail = (await (await world.as(FUND)).get(`${api}/programmes/${first.id}`)).json();
    const iomIndicator = detail.resultsFramework.outcomes[0].outputs[0].indicators[0];
    expect(iomIndicator.organisationId).toBe(world.organisations.iom);
    const result = { indicatorId: iomIndicator.id, period: '2026-H1', actual: '400.00', narrative: 'Not ours to report.' };
    expect((await unodc.post(`${api}/programmes/${first.id}/results`, result)).statusCode).toBe(404);
    const own = await (await world.as(FOCAL_IOM)).post(`${api}/programmes/${first.id}/results`, { ...result, narrative: 'Referrals rose in the first half.' });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toEqual({ progress: '58.33' });
    // The fund manager reads reports but does not file them.
    expect((await (await world.as(FUND)).put(`${api}/programmes/${first.id}/expenditure`, iomLine)).statusCode).toBe(403);
    // Expenditure beyond the money received is refused.
    const tooMuch = await (await world.as(FOCAL_IOM)).put(`${api}/programmes/${first.id}/expenditure`, { ...iomLine, year: 2026, amounts: ['700000.00', '0', '0', '0', '0', '0', '0'] });
    expect(tooMuch.json().errors[0]).toEqual({
      field: 'amounts',
      code: 'fund.expenditure.exceeds-transferred',
      params: { reported: '1,150,151.25', transferred: '1,142,000.00' },
      message: 'The expenditure reported, 1,150,151.25 USD in all, exceeds the 1,142,000.00 USD transferred to the organisation.',
    });
  });

  it('shows focal points only the programmes of their organisation', async () => {
    const government = await world.as(FOCAL_MOPHRD);
    expect((await government.get(`${api}/programmes`)).json().total).toBe(0);
    expect((await government.get(`${api}/programmes/${first.id}`)).statusCode).toBe(404);
    const unodc = await world.as(FOCAL_UNODC);
    expect((await unodc.get(`${api}/programmes`)).json().items.map((p: { id: string }) => p.id).sort()).toEqual([first.id, second.id].sort());
    expect((await unodc.get(`${api}/programmes/${third.id}`)).statusCode).toBe(404);
    const own = (await unodc.get(`${api}/dashboard`)).json();
    expect(own.scope).toBe('own-org');
    expect(own.pipeline.pledged).toBeNull();
    expect(own.contributionsByContributorAndYear).toEqual([]);
    expect((await unodc.get(`${api}/funding-status`)).statusCode).toBe(403);
  });

  it('shows donors only published figures of approved programmes, without review comments', async () => {
    const donor = await world.as(DONOR);
    for (const path of ['/programmes', `/programmes/${first.id}`, '/funding-status', '/dashboard', '/contributions', '/funding-status.xlsx']) {
      expect((await donor.get(`${api}${path}`)).statusCode, path).toBe(403);
    }
    const list = (await donor.get(`${api}/published/programmes`)).json();
    expect(list.items.map((p: { id: string }) => p.id)).toEqual([first.id]);
    expect((await donor.get(`${api}/published/programmes/${second.id}`)).statusCode).toBe(404);
    const view = (await donor.get(`${api}/published/programmes/${first.id}`)).json();
    expect(view).not.toHaveProperty('comments');
    // The fund manager publishes figures through 2025 only: 2026 tranches disappear from the donor view.
    const fund = await world.as(FUND);
    const settings = (await fund.get(`${api}/reference`)).json();
    expect(settings.publishedThrough).toBe('2026-06-30');
    const published = await fund.put(`${api}/publication`, { publishedThrough: '2025-12-31', version: settings.settingsVersion });
    expect(published.statusCode).toBe(200);
    const stale = await fund.put(`${api}/publication`, { publishedThrough: '2026-12-31', version: settings.settingsVersion });
    expect(stale.statusCode).toBe(409);
    const cut = (await donor.get(`${api}/published/funding-status`)).json();
    expect(cut.to).toBe('2025-12-31');
    expect(cut.uses.transfers).toBe('992000.00');
    const board = (await donor.get(`${api}/published/dashboard`)).json();
    expect(board.scope).toBe('published');
    expect(board.pipeline.transferred).toBe('992000.00');
    const cutView = (await donor.get(`${api}/published/programmes/${first.id}`)).json();
    expect(cutView.transfers).toHaveLength(2);
    expect(cutView.resultsFramework.outcomes[0].outputs[0].indicators[0].results.map((r: { period: string }) => r.period)).toEqual(['2025']);
    await fund.put(`${api}/publication`, { publishedThrough: '2026-06-30', version: published.json().version });
  });

  it('lets the auditor read the money but not change it', async () => {
    const auditor = await world.as(AUDITOR);
    expect((await auditor.get(`${api}/funding-status`)).statusCode).toBe(200);
    expect((await auditor.get(`${api}/programmes/${first.id}`)).statusCode).toBe(200);
    expect((await auditor.post(`${api}/programmes/${first.id}/transitions`, { action: 'close_operationally', version: 1 })).statusCode).toBe(403);
  });
});

describe('IATI 2.03 activity export', () => {
  it('is well-formed, in the order the standard requires, with codes from the codelists', async () => {
    const res = await (await world.as(DONOR)).get(`${api}/programmes/${first.id}/iati.xml`);
    expect(res.statusCode).toBe(200);
    const xml = res.body;
    expect(XMLValidator.validate(xml)).toBe(true);

    const ordered = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml) as Array<Record<string, unknown>>;
    const root = ordered.find((n) => 'iati-activities' in n)!;
    expect((root[':@'] as Record<string, string>).version).toBe('2.03');
    const activity = (root['iati-activities'] as Array<Record<string, unknown>>)[0];
    const children = (activity['iati-activity'] as Array<Record<string, unknown>>).map((n) => Object.keys(n).find((k) => k !== ':@')!);
    const positions = children.map((name) => ACTIVITY_ELEMENT_ORDER.indexOf(name as never));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(children.slice(0, 4)).toEqual(['iati-identifier', 'reporting-org', 'title', 'description']);

    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['participating-org', 'tag', 'budget', 'transaction', 'result', 'indicator', 'period', 'activity-date'].includes(name) }).parse(xml);
    const a = doc['iati-activities']['iati-activity'];
    expect(a['default-currency']).toBe('USD');
    expect(new Set(a['participating-org'].map((o: { role: string }) => o.role))).toEqual(new Set(['1', '2', '3', '4']));
    expect(a['activity-status'].code).toBe('2');
    expect(a['recipient-country']).toMatchObject({ code: 'PK', percentage: '100' });
    expect(a.sector).toMatchObject({ code: '15190', vocabulary: '1' });
    const tags = a.tag as Array<{ vocabulary: string; code: string; 'vocabulary-uri'?: string }>;
    expect(tags.filter((t) => t.vocabulary === '8').map((t) => t.code)).toEqual(['5.2', '8.7', '10.7', '16.2']);
    expect(tags.filter((t) => t.vocabulary === '99').map((t) => t.code)).toEqual(['GCM-9', 'GCM-10', 'GCM-11']);
    expect(tags.filter((t) => t.vocabulary === '99').every((t) => t['vocabulary-uri']?.startsWith('https://'))).toBe(true);
    expect(a.budget).toHaveLength(2);
    expect(a.budget.reduce((s: bigint, b: { value: { '#text': string | number } }) => s + toCents(String(b.value['#text'])), 0n)).toBe(toCents('1984000.00'));
    const types = a.transaction.map((t: { 'transaction-type': { code: string } }) => t['transaction-type'].code);
    expect(new Set(types)).toEqual(new Set(['1', '3', '4']));
    expect(types.every((c: string) => ['1', '3', '4'].includes(c))).toBe(true);
    expect(a.result).toHaveLength(2);
    expect(a.result.flatMap((r: { indicator: unknown[] }) => r.indicator)).toHaveLength(6);
    expect((await (await world.as(DONOR)).get(`${api}/programmes/${second.id}/iati.xml`)).statusCode).toBe(404);
  });
});

describe('annual expenditure report reminders', () => {
  it('reminds the focal points of organisations that have not reported from 1 April, once, then tells fund managers when overdue', async () => {
    const { remindExpenditureReports } = await import('./jobs');
    // 2025 was reported by both organisations before the due date.
    expect(await remindExpenditureReports(system.db, system.services, '2026-04-10')).toBe(0);
    expect(await remindExpenditureReports(system.db, system.services, '2027-03-31')).toBe(0);
    expect(await remindExpenditureReports(system.db, system.services, '2027-04-01')).toBe(2);
    expect(await remindExpenditureReports(system.db, system.services, '2027-04-15')).toBe(0);
    const iom = await world.as(FOCAL_IOM);
    const items = (await iom.get('/api/v1/notifications')).json().items as Array<{ kind: string; title: string }>;
    expect(items.filter((n) => n.kind === 'fund.expenditure.due').map((n) => n.title)).toEqual(['The 2026 expenditure report of joint programme JP-001 is due by 2027-04-30']);
    expect(await remindExpenditureReports(system.db, system.services, '2027-05-01')).toBe(2);
    const fund = await world.as(FUND);
    const overdue = ((await fund.get('/api/v1/notifications')).json().items as Array<{ kind: string; title: string }>).filter((n) => n.kind === 'fund.expenditure.overdue');
    expect(overdue.map((n) => n.title).sort()).toEqual([
      'The 2026 expenditure report of IOM for joint programme JP-001 is overdue (due 2027-04-30)',
      'The 2026 expenditure report of UNODC for joint programme JP-001 is overdue (due 2027-04-30)',
    ]);
  });
});
