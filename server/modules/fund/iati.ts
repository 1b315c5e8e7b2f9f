import type { ProgrammeDetail, ProgrammeStatus } from '../../../common/schemas/fund';
import { fromCents, toCents } from '../../../common/money';
import { el, escape, GCM_VOCABULARY_URI, iatiActivitiesDocument, iatiDateTime, MIGRATION_DAC_SECTOR, narrative, type Node } from '../../platform/iati';
import { splitEvenly } from './ledger';

/** Organisation identifier of the reporting fund; set it to the registered one before publishing to the IATI registry. */
export const REPORTING_ORG_REF = 'XM-DAC-41AAA-MIG00';

/** IATI ActivityStatus codelist: 1 pipeline, 2 implementation, 3 finalisation, 4 closed, 5 cancelled. */
export const ACTIVITY_STATUS: Record<ProgrammeStatus, number> = {
  draft: 1,
  submitted: 1,
  secretariat_review: 1,
  steering_committee: 1,
  deferred: 1,
  approved: 2,
  approved_with_conditions: 2,
  active: 2,
  operationally_closed: 3,
  financially_closed: 4,
  rejected: 5,
};

function shiftMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/** The last day of a span of `months` starting on `date`. */
function endAfterMonths(date: string, months: number): string {
  const d = new Date(`${shiftMonths(date, months)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function periodBounds(period: string): [string, string] {
  const [year, part] = period.split('-');
  const bounds: Record<string, [string, string]> = {
    H1: ['01-01', '06-30'], H2: ['07-01', '12-31'], Q1: ['01-01', '03-31'], Q2: ['04-01', '06-30'], Q3: ['07-01', '09-30'], Q4: ['10-01', '12-31'],
  };
  const [start, end] = part ? bounds[part] : ['01-01', '12-31'];
  return [`${year}-${start}`, `${year}-${end}`];
}

export interface IatiContext {
  generatedAt: Date;
  gcmTitles: Map<number, string>;
}

/** IATI 2.03 activity file of one joint programme (elements in the schema's order, see platform/iati.ts). */
export function iatiActivityXml(programme: ProgrammeDetail, context: IatiContext): string {
  const identifier = `${REPORTING_ORG_REF}-${programme.code}`;
  const orgName = (id: string) => programme.punos.find((p) => p.organisation.id === id)?.organisation.name ?? '';
  const approval = programme.decisions.find((d) => d.outcome === 'approved' || d.outcome === 'approved_with_conditions');
  const plannedStart = programme.startDate ?? approval?.decisionDate ?? null;
  const firstTransfer = programme.transfers.find((t) => t.kind === 'transfer');
  const currency = { currency: 'USD' };

  const dates: Node[] = [];
  if (plannedStart) {
    dates.push(el('activity-date', { type: 1, 'iso-date': plannedStart }));
    if (firstTransfer) dates.push(el('activity-date', { type: 2, 'iso-date': firstTransfer.date }));
    dates.push(el('activity-date', { type: 3, 'iso-date': endAfterMonths(plannedStart, programme.durationMonths) }));
  } else {
    dates.push(el('activity-date', { type: 1, 'iso-date': programme.updatedAt.slice(0, 10) }));
  }

  // IATI budgets cover at most a year each: the approved amount is spread over 12-month periods.
  const budgets: Node[] = [];
  const approvedTotal = programme.approvedTotal ?? programme.totalBudget;
  if (plannedStart) {
    const periods = Math.ceil(programme.durationMonths / 12);
    splitEvenly(toCents(approvedTotal), periods).forEach((amount, i) => {
      const periodStart = shiftMonths(plannedStart, i * 12);
      const periodEnd = endAfterMonths(plannedStart, Math.min((i + 1) * 12, programme.durationMonths));
      budgets.push(
        el(
          'budget',
          { type: 1, status: 2 },
          el('period-start', { 'iso-date': periodStart }),
          el('period-end', { 'iso-date': periodEnd }),
          el('value', { ...currency, 'value-date': periodStart }, fromCents(amount)),
        ),
      );
    });
  }

  const transactions: Node[] = [];
  for (const t of programme.transfers) {
    // Tranches reach the programme as incoming funds; a refund to the fund reverses part of them.
    const value = t.kind === 'transfer' ? t.amount : `-${t.amount}`;
    transactions.push(
      el(
        'transaction',
        { ref: t.id },
        el('transaction-type', { code: 1 }),
        el('transaction-date', { 'iso-date': t.date }),
        el('value', { ...currency, 'value-date': t.date }, value),
        el('description', {}, narrative(t.kind === 'transfer' ? `Tranche ${t.tranche ?? 1} from the Migration MPTF` : 'Refund to the Migration MPTF')),
        el('provider-org', { ref: REPORTING_ORG_REF }, narrative('Migration Multi-Partner Trust Fund')),
        el('receiver-org', {}, narrative(orgName(t.organisationId))),
      ),
    );
  }
  // UNSDG category 6 (transfers and grants to counterparts) is disbursed; the other categories are spent.
  for (const report of programme.expenditureReports) {
    const date = `${report.year}-12-31`;
    const disbursed = toCents(report.byCategory[5]);
    const spent = report.byCategory.reduce((sum, c, i) => (i === 5 ? sum : sum + toCents(c)), 0n);
    for (const [code, amount] of [[3, disbursed], [4, spent]] as const) {
      if (amount === 0n) continue;
      const name = orgName(report.organisationId);
      transactions.push(
        el(
          'transaction',
          {},
          el('transaction-type', { code }),
          el('transaction-date', { 'iso-date': date }),
          el('value', { ...currency, 'value-date': date }, fromCents(amount)),
          el('description', {}, narrative(`${code === 3 ? 'Transfers and grants to counterparts' : 'Expenditure'} of ${name} in ${report.year}`)),
          el('provider-org', {}, narrative(name)),
        ),
      );
    }
  }

  const results: Node[] = [];
  for (const outcome of programme.resultsFramework.outcomes) {
    for (const output of outcome.outputs) {
      results.push(
        el(
          'result',
          { type: 1, 'aggregation-status': 0 },
          el('title', {}, narrative(output.statement)),
          el('description', {}, narrative(`Contributes to the outcome: ${outcome.statement}`)),
          ...output.indicators.map((indicator) =>
            el(
              'indicator',
              { measure: 1, ascending: toCents(indicator.target) >= toCents(indicator.baseline) ? 1 : 0 },
              el('title', {}, narrative(`${indicator.statement} (${indicator.unit})`)),
              el('description', {}, narrative(`Means of verification: ${indicator.meansOfVerification}. Disaggregated by ${[indicator.disaggregation.sex ? 'sex' : '', indicator.disaggregation.age ? 'age' : ''].filter(Boolean).join(' and ') || 'none'}.`)),
              el('baseline', { year: (plannedStart ?? programme.updatedAt).slice(0, 4), 'iso-date': plannedStart ?? programme.updatedAt.slice(0, 10), value: indicator.baseline }),
              ...indicator.results.map((r) => {
                const [start, end] = periodBounds(r.period);
                return el(
                  'period',
                  {},
                  el('period-start', { 'iso-date': start }),
                  el('period-end', { 'iso-date': end }),
                  el('target', { value: indicator.target }),
                  el('actual', { value: r.actual }, el('comment', {}, narrative(r.narrative))),
                );
              }),
            ),
          ),
        ),
      );
    }
  }

  const participating: Node[] = [
    el('participating-org', { ref: REPORTING_ORG_REF, type: 40, role: 1 }, narrative('Migration Multi-Partner Trust Fund')),
    el('participating-org', { type: 40, role: 2 }, narrative(programme.convening.name)),
    el('participating-org', { ref: REPORTING_ORG_REF, type: 40, role: 3 }, narrative('Migration MPTF, administered by the UN MPTF Office')),
    ...programme.punos.map((p) => el('participating-org', { type: 40, role: 4 }, narrative(p.organisation.name))),
    ...programme.partners.map((p) => el('participating-org', { role: 4 }, narrative(p.name))),
  ];

  const markers = programme.markers;
  // MMPTF gender marker 3 = principal objective, 2 = significant; IATI significance 2 and 1.
  const genderSignificance = markers.gender.score >= 3 ? 2 : markers.gender.score === 2 ? 1 : 0;

  const activity = el(
    'iati-activity',
    { 'last-updated-datetime': iatiDateTime(context.generatedAt), 'xml:lang': 'en', 'default-currency': 'USD', hierarchy: 1 },
    el('iati-identifier', {}, escape(identifier)),
    el('reporting-org', { ref: REPORTING_ORG_REF, type: 40 }, narrative('Migration Multi-Partner Trust Fund')),
    el('title', {}, narrative(programme.title)),
    el('description', { type: 1 }, narrative(programme.summary)),
    ...participating,
    el('activity-status', { code: ACTIVITY_STATUS[programme.status] }),
    ...dates,
    el('recipient-country', { code: 'PK', percentage: 100 }),
    el('sector', { code: MIGRATION_DAC_SECTOR.code, vocabulary: 1, percentage: 100 }, narrative(MIGRATION_DAC_SECTOR.name)),
    ...programme.sdgTargets.map((code) => el('tag', { vocabulary: 8, code })),
    ...programme.gcmObjectives.map((n) =>
      el('tag', { vocabulary: 99, 'vocabulary-uri': GCM_VOCABULARY_URI, code: `GCM-${n}` }, narrative(`GCM objective ${n}: ${context.gcmTitles.get(n) ?? ''}`.trim())),
    ),
    el('policy-marker', { vocabulary: 1, code: 1, significance: genderSignificance }),
    el('default-finance-type', { code: 110 }),
    ...budgets,
    ...transactions,
    ...results,
  );
  return iatiActivitiesDocument([activity], context.generatedAt);
}

