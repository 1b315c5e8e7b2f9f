/**
 * Bulk import of the 5W table: a file with mistakes is checked (dry run) and its problems shown by
 * row and column; the corrected file is then imported all-or-nothing and the result shown.
 */
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADERS, HXL_ROW } from '../server/modules/activities/sheet';
import { expectNoSeriousAxeViolations, launchBrowser, newPage, signIn, startServer, useEnglish, type TestServer } from './support';

/** IOM's focal point: imports the activities IOM leads. */
const FOCAL = 'focal.iom@demo.hamsafar.pk';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const line = (cells: string[]) => cells.map((c) => (/[",]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',');

function file(rows: Array<Record<string, string>>): { name: string; mimeType: string; buffer: Buffer } {
  const text = [line(HEADERS), line(HXL_ROW), ...rows.map((r) => line(HEADERS.map((h) => r[h] ?? '')))].join('\r\n');
  return { name: 'activities.csv', mimeType: 'text/csv', buffer: Buffer.from(text) };
}

describe('activities import', () => {
  it('shows the dry-run problems of a file, then imports the corrected file all-or-nothing', async () => {
    const { page, errors, close } = await newPage(browser, server);
    await signIn(page, FOCAL);
    await useEnglish(page);
    await page.goto('/activities');
    await page.getByRole('link', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Import activities' }).waitFor();

    // The template names the organisations and places of this network; a province is taken from it.
    const template = await page.request.get('/api/v1/activities/import/template?format=xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await template.body()) as unknown as ArrayBuffer);
    const organisations = workbook.getWorksheet('Organisations')!.getSheetValues().map((r) => (Array.isArray(r) ? r[1] : undefined));
    expect(organisations).toContain('IOM');
    const province = workbook.getWorksheet('Places')!.getSheetValues().find((r) => Array.isArray(r) && r[2] === 1) as string[];
    const row = (title: string, overrides: Record<string, string> = {}) => ({
      'Lead organisation': 'IOM',
      Title: title,
      Sector: 'protection',
      'GCM objectives': '7',
      Status: 'planned',
      'Start date': '2027-01-01',
      'End date': '2027-06-30',
      'Province codes': province[1],
      Funding: 'own_funds',
      Published: 'no',
      'People targeted (sex/age/group=people)': 'female/18-59/migrants=12; male/0-17/migrants=8',
      ...overrides,
    });

    await page.locator('input[type="file"]').setInputFiles(file([row('Imported helpline'), row('Imported shelter referrals', { 'Province codes': 'XX-NOWHERE', 'Targeted (total)': '25' })]));
    await page.getByRole('button', { name: 'Check the file (dry run)' }).click();
    await page.getByRole('heading', { name: 'Dry run result' }).waitFor();
    await page.getByText('2 rows: 1 valid, 1 with problems.').waitFor();
    const problems = page.getByRole('table', { name: 'Problems found, by row and column' });
    expect(await problems.getByRole('row', { name: /Province codes/ }).innerText()).toContain('Unknown unit code XX-NOWHERE at this level.');
    expect(await problems.getByRole('row', { name: /Targeted \(total\)/ }).innerText()).toContain('The total 25 does not add up: the figures add up to 20.');
    await expectNoSeriousAxeViolations(page, 'import dry run with problems');

    // All-or-nothing refuses while a row is wrong.
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Nothing was imported').waitFor();

    await page.locator('input[type="file"]').setInputFiles(file([row('Imported helpline'), row('Imported shelter referrals', { 'Targeted (total)': '20' })]));
    await page.getByRole('button', { name: 'Check the file (dry run)' }).click();
    await page.getByText('2 rows: 2 valid, 0 with problems.').waitFor();
    await page.getByRole('radio', { name: 'Nothing unless every row is valid' }).check();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Created: 2 · updated: 0 · unchanged: 0 · rejected: 0').waitFor();
    await expectNoSeriousAxeViolations(page, 'import result');

    await page.getByRole('link', { name: 'Back to activities' }).click();
    await page.getByRole('link', { name: 'Imported helpline' }).first().waitFor();
    expect(errors).toEqual([]);
    await close();
  });
});
