import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { Permission as P } from '../../../common/permissions';
import { formatAmount, toCents } from '../../../common/money';
import { PUBLISHED_STATUSES, type DateRangeQuery, type FundingStatusAnswer, type ProgrammeDetail } from '../../../common/schemas/fund';
import { requireAccess } from '../../platform/access';
import { command, type RequestContext } from '../../platform/context';
import { scoped } from '../../platform/database/tenant';
import { AppError } from '../../platform/errors';
import { buildPdf, writeText } from '../../platform/pdf';
import * as repo from './repository';
import { iatiActivityXml } from './iati';
import { contributions, fundingStatusFor, periodEnd, programmeDetail, publishedCutOff, statusAnswer } from './service';

export interface ExportFile {
  filename: string;
  contentType: string;
  data: Buffer | string;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DEMO_NOTE = 'Figures of the demo network are fictional.';

function rangeLabel(range: { from: string | null; to: string | null }): string {
  return `${range.from ?? 'inception'} to ${range.to ?? 'date'}`;
}

/** The funding-status rows in the MPTF Office layout: label, amount, indent. */
export function fundingStatusRows(status: FundingStatusAnswer): Array<[string, string | null, number]> {
  return [
    ['Sources of funds', null, 0],
    ['Contributions from donors', status.sources.contributions, 1],
    ['Fund earned interest and other income', status.sources.otherIncome, 1],
    ['Total: sources of funds', status.sources.total, 0],
    ['Uses of funds', null, 0],
    ['Transfers to participating organisations', status.uses.transfers, 1],
    ['Less: refunds received from participating organisations', status.uses.refunds, 1],
    ['Net funded amount', status.uses.netFunded, 1],
    ['Administrative agent fees', status.uses.administrativeAgentFees, 1],
    ['Total: uses of funds', status.uses.total, 0],
    ['Change in fund cash balance with the administrative agent', status.balance.change, 0],
    ['Opening fund balance', status.balance.opening, 0],
    ['Closing fund balance (cash with the administrative agent)', status.balance.closing, 0],
    ['Net funded amount to participating organisations', status.totals.netFunded, 0],
    ['Participating organisations’ expenditure', status.totals.expenditure, 0],
    ['Balance with participating organisations', status.totals.balanceWithPunos, 0],
  ];
}

export async function fundingStatusWorkbook(ctx: RequestContext, range: z.infer<typeof DateRangeQuery>): Promise<ExportFile> {
  const status = await fundingStatusFor(ctx, range);
  const money = await contributions(ctx);
  const q = scoped(ctx.db, ctx.actor!.networkId);
  const programmes = await repo.programmes(q, {});
  await command(ctx, (tx) => tx.audit({ action: 'fund.export.xlsx', entity: 'fund_funding_status', fields: ['from', 'to'] }));

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Hamsafar';
  const amountFormat = '#,##0.00';
  const sheet = workbook.addWorksheet('Funding status');
  sheet.columns = [{ header: `Migration MPTF country window, ${rangeLabel(status)} (USD)`, width: 64 }, { header: 'USD', width: 18 }];
  for (const [label, amount, indent] of fundingStatusRows(status)) {
    const row = sheet.addRow([`${'  '.repeat(indent)}${label}`, amount === null ? null : Number(amount)]);
    if (indent === 0) row.font = { bold: true };
    row.getCell(2).numFmt = amountFormat;
  }
  sheet.addRow([]);
  sheet.addRow(['Participating organisation', 'Net funded', 'Expenditure', 'Balance', 'Delivery rate %']).font = { bold: true };
  for (const p of status.punos) sheet.addRow([p.organisation.name, Number(p.netFunded), Number(p.expenditure), Number(p.balance), p.deliveryRate === null ? null : Number(p.deliveryRate)]);
  sheet.addRow([DEMO_NOTE]);

  const people = workbook.addWorksheet('Contributions');
  people.addRow(['Contributor', 'Agreement', 'Date', 'Currency', 'Committed', 'Deposited', 'Outstanding', 'Committed (USD)']).font = { bold: true };
  for (const c of money.items) {
    for (const p of c.commitments) people.addRow([c.name, p.reference, p.agreementDate, p.currency, Number(p.amount), Number(p.deposited), Number(p.outstanding), Number(p.amountUsd)]);
  }
  const cash = workbook.addWorksheet('Deposits');
  cash.addRow(['Contributor', 'Agreement', 'Deposit date', 'Currency', 'Amount', 'Rate to USD', 'USD', 'AA fee (1%)']).font = { bold: true };
  for (const c of money.items) {
    for (const p of c.commitments) for (const d of p.deposits) cash.addRow([c.name, p.reference, d.depositDate, d.currency, Number(d.amount), Number(d.rateToUsd), Number(d.amountUsd), Number(d.feeUsd)]);
  }
  const list = workbook.addWorksheet('Programmes');
  list.addRow(['Code', 'Title', 'Status', 'Total budget (USD)']).font = { bold: true };
  for (const p of programmes) list.addRow([p.code, p.title, p.status, Number(p.total_budget)]);
  // Amounts are exact in the database; the workbook shows them to the cent.
  for (const ws of [people, cash, list]) ws.eachRow((row) => row.eachCell((cell) => { if (typeof cell.value === 'number') cell.numFmt = amountFormat; }));

  const data = Buffer.from(await workbook.xlsx.writeBuffer());
  return { filename: `funding-status-${status.to ?? 'to-date'}.xlsx`, contentType: XLSX, data };
}

const PDF_TITLE = 'Migration MPTF country window';

function writeStatus(doc: PDFKit.PDFDocument, status: FundingStatusAnswer) {
  for (const [label, amount, indent] of fundingStatusRows(status)) {
    const y = doc.y;
    const style = indent === 0 ? 'bold' : 'regular';
    writeText(doc, label, { style, size: 10, x: 50 + indent * 14, y, width: 360 });
    if (amount !== null) writeText(doc, formatAmount(toCents(amount)), { style, x: 420, y, width: 125, align: 'right' });
    doc.moveDown(0.3);
  }
  // The amount column moved the cursor to x 420: what follows starts at the margin again.
  doc.x = doc.page.margins.left;
}

export async function fundingStatusPdf(ctx: RequestContext, range: z.infer<typeof DateRangeQuery>): Promise<ExportFile> {
  const status = await fundingStatusFor(ctx, range);
  await command(ctx, (tx) => tx.audit({ action: 'fund.export.pdf', entity: 'fund_funding_status', fields: ['from', 'to'] }));
  const data = await buildPdf({ title: PDF_TITLE }, (doc) => {
    writeText(doc, 'Migration MPTF: Pakistan country window', { style: 'bold', size: 16 });
    writeText(doc, `Funding status, ${rangeLabel(status)}, in USD`, { size: 11 }).moveDown();
    writeStatus(doc, status);
    writeText(doc.moveDown(), DEMO_NOTE, { size: 8 });
  });
  return { filename: `funding-status-${status.to ?? 'to-date'}.pdf`, contentType: 'application/pdf', data };
}

/** The annual consolidated narrative and financial report: the year's funding status, then each programme. */
export async function annualReportPdf(ctx: RequestContext, year: number): Promise<ExportFile> {
  requireAccess(ctx.actor, P.FundReportRead);
  const q = scoped(ctx.db, ctx.actor!.networkId);
  const range = { from: `${year}-01-01`, to: `${year}-12-31` };
  const status = await statusAnswer(q, range);
  const rows = await repo.programmes(q, { statuses: PUBLISHED_STATUSES });
  const details: ProgrammeDetail[] = [];
  for (const row of rows) details.push(await programmeDetail(q, row, { includeComments: false, cutOff: range.to }));
  await command(ctx, (tx) => tx.audit({ action: 'fund.export.annual_report', entity: 'fund_report', entityId: null, fields: ['year'] }));
  const data = await buildPdf({ title: PDF_TITLE }, (doc) => {
    writeText(doc, `Migration MPTF: Pakistan country window`, { style: 'bold', size: 18 });
    writeText(doc, `Consolidated annual narrative and financial report ${year}`, { size: 13 }).moveDown();
    writeText(doc, '1. Funding status (USD)', { style: 'bold', size: 12 }).moveDown(0.5);
    writeStatus(doc, status);
    doc.moveDown();
    details.forEach((p, i) => {
      doc.addPage();
      writeText(doc, `${i + 2}. ${p.code}: ${p.title}`, { style: 'bold', size: 12, direction: 'ltr' });
      writeText(doc, `Status: ${p.status.replaceAll('_', ' ')}. Convening: ${p.convening.name}.`, { size: 9, direction: 'ltr' }).moveDown(0.5);
      writeText(doc, p.summary, { size: 10 }).moveDown(0.5);
      writeText(doc, 'Financial figures, cumulative to the end of the year (USD)', { style: 'bold' });
      for (const puno of p.punos) {
        const spentInYear = p.expenditureReports.find((r) => r.organisationId === puno.organisation.id && r.year === year)?.total ?? '0.00';
        writeText(
          doc,
          `${puno.organisation.acronym ?? puno.organisation.name}: approved ${formatAmount(toCents(puno.approvedAmount ?? '0'))}; net funded ${formatAmount(toCents(puno.netFunded))}; ` +
            `expenditure ${formatAmount(toCents(puno.expenditure))} (in ${year}: ${formatAmount(toCents(spentInYear))}); delivery ${puno.deliveryRate ?? '—'}%`,
          { direction: 'ltr' },
        );
      }
      writeText(doc.moveDown(0.5), 'Results', { style: 'bold' });
      for (const outcome of p.resultsFramework.outcomes) {
        writeText(doc, `Outcome: ${outcome.statement}`, { style: 'bold', size: 9, direction: 'ltr' });
        for (const output of outcome.outputs) {
          writeText(doc, `Output: ${output.statement}`, { style: 'italic', direction: 'ltr' });
          for (const indicator of output.indicators) {
            const inYear = indicator.results.filter((r) => periodEnd(r.period).startsWith(String(year)));
            writeText(doc, `• ${indicator.statement}: baseline ${indicator.baseline}, target ${indicator.target} ${indicator.unit}`, { direction: 'ltr' });
            for (const r of inYear) writeText(doc, `${r.period}: ${r.actual} (${r.progress ?? '—'}% of the way to target). ${r.narrative}`, { indent: 8, direction: 'ltr' });
            if (inYear.length === 0) writeText(doc, 'No result reported for the year.', { indent: 8 });
          }
        }
      }
    });
    writeText(doc.moveDown(), DEMO_NOTE, { size: 8 });
  });
  return { filename: `mptf-annual-report-${year}.pdf`, contentType: 'application/pdf', data };
}

export async function iatiFile(ctx: RequestContext, id: string): Promise<ExportFile> {
  requireAccess(ctx.actor, P.FundPublishedRead);
  const q = scoped(ctx.db, ctx.actor!.networkId);
  const row = await repo.programme(q, id);
  if (!row || !PUBLISHED_STATUSES.includes(row.status)) throw AppError.notFound('Programme');
  const cutOff = (await publishedCutOff(q)) ?? '0000-01-01';
  const detail = await programmeDetail(q, row, { includeComments: false, cutOff });
  const gcmTitles = new Map((await ctx.db.selectFrom('gcm_objectives').selectAll().execute()).map((o) => [o.number, o.title]));
  return { filename: `iati-${row.code}.xml`, contentType: 'application/xml; charset=utf-8', data: iatiActivityXml(detail, { generatedAt: new Date(), gcmTitles }) };
}
