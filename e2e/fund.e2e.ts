import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousAxeViolations, launchBrowser, newPage, settle, signIn, startServer, type TestServer } from './support';

let server: TestServer;
let browser: Browser;

// Starting the server seeds every module's demo data: slow on a busy machine.
beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function pick(page: Page, label: string, option: string | RegExp) {
  // The keyboard opens the list: a sticky header may cover the field after scrolling.
  await page.getByRole('textbox', { name: label, exact: true }).focus();
  await page.keyboard.press('ArrowDown');
  await page.getByRole('option', { name: option }).first().click();
  await page.keyboard.press('Escape');
}

/** Signs a demo user in on a fresh page and opens a programme page. */
async function openAs(email: string, path: string) {
  const session = await newPage(browser, server);
  await signIn(session.page, email);
  await session.page.goto(path);
  await settle(session.page);
  return session;
}

describe('the migration fund in the browser', () => {
  it('takes a proposal from draft through review to the steering committee approval', async () => {
    const author = await openAs('focal.iom@demo.hamsafar.pk', '/fund/programmes/new');
    const page = author.page;
    await page.getByRole('heading', { level: 1, name: 'New joint programme proposal', exact: true }).waitFor();
    await expectNoSeriousAxeViolations(page, 'proposal form');

    await page.getByLabel('Title', { exact: true }).fill('Safe migration information centres (browser test)');
    await page.getByLabel('Summary', { exact: true }).fill('Information and referral centres for prospective migrants in Punjab.');
    await pick(page, 'Participating UN organisations', 'UNODC');
    await page.getByLabel('Staff and other personnel (IOM)', { exact: true }).fill('1000.00');
    await page.getByLabel('Staff and other personnel (UNODC)', { exact: true }).fill('500.50');
    await page.getByText('Direct costs 1,500.50 + 7% indirect support costs 105.04 = total 1,605.54 USD', { exact: true }).waitFor();
    await pick(page, 'Government and civil society partners', /Ministry of Interior/);
    await pick(page, 'Thematic areas', /^3\./);
    await pick(page, 'GCM objectives', /^10\./);
    await pick(page, 'Provinces', 'Punjab');
    for (const marker of ['Gender marker', 'Human-rights marker', 'Child-sensitivity marker']) {
      await page.getByLabel(`Justification of the ${marker}`, { exact: true }).fill('Explained in the proposal document.');
    }
    await page.getByLabel('Outcome 1', { exact: true }).fill('Prospective migrants migrate safely.');
    await page.getByLabel('Output 1.1', { exact: true }).fill('Migrants receive accurate information.');
    await page.getByLabel('Indicator 1.1.1', { exact: true }).fill('People counselled');
    await page.getByLabel('Unit of indicator 1.1.1', { exact: true }).fill('persons');
    await page.getByLabel('Target of indicator 1.1.1', { exact: true }).fill('5000.00');
    await page.getByLabel('Means of verification of indicator 1.1.1', { exact: true }).fill('Counselling records');
    await page.getByRole('button', { name: 'Save proposal' }).click();
    await page.waitForURL((url) => /^\/fund\/programmes\/[0-9a-f-]{36}$/.test(url.pathname));
    const programmePath = new URL(page.url()).pathname;
    await settle(page);
    await page.getByRole('heading', { level: 1, name: /^JP-\d{3}: Safe migration information centres/ }).waitFor();
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    await page.getByText('Submitted', { exact: true }).first().waitFor();
    await expectNoSeriousAxeViolations(page, 'submitted proposal');
    await author.close();

    const secretariat = await openAs('admin@demo.hamsafar.pk', programmePath);
    await secretariat.page.getByRole('button', { name: 'Start secretariat review' }).click();
    await secretariat.page.getByRole('button', { name: 'Forward to the steering committee' }).click();
    await secretariat.page.getByText('Before the steering committee', { exact: true }).first().waitFor();
    await secretariat.close();

    const steering = await openAs('steering@demo.hamsafar.pk', programmePath);
    const decision = steering.page;
    await expectNoSeriousAxeViolations(decision, 'decision form');
    await decision.getByLabel('Members present', { exact: true }).fill('UN Resident Coordinator (chair)\nMinistry of Interior');
    await decision.getByLabel('Text of the decision', { exact: true }).fill('Approved for the pilot districts.');
    await decision.getByLabel('Approved amount for International Organization for Migration (IOM) (USD)', { exact: true }).fill('1000.00');
    await decision.getByRole('button', { name: 'Record decision' }).click();
    await decision.getByRole('heading', { name: 'Steering committee decisions' }).waitFor();
    await decision.getByText('Approved', { exact: true }).first().waitFor();
    await decision.getByText('Approved for the pilot districts.').waitFor();
    expect(steering.errors).toEqual([]);
    await steering.close();
  });

  it('shows the fund dashboard in Urdu, right to left, with the figures in tables beside the charts', async () => {
    const { page, errors, close } = await openAs('fund@demo.hamsafar.pk', '/fund/dashboard');
    await page.getByRole('heading', { level: 1, name: 'Migration fund dashboard', exact: true }).waitFor();
    await page.getByRole('button', { name: 'اردو' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'ur');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await page.getByRole('heading', { level: 1, name: 'مائیگریشن فنڈ ڈیش بورڈ', exact: true }).waitFor();
    await settle(page);
    await page.getByRole('region', { name: 'فنڈنگ کا سلسلہ' }).waitFor();
    // The demo deposits in USD, in the table beside the pipeline chart.
    expect(await page.getByRole('region', { name: 'فنڈنگ کا سلسلہ' }).innerText()).toContain('3,170,000.00');
    await page.getByRole('region', { name: 'عمل درآمد کی شرح' }).waitFor();
    expect(await page.getByRole('region', { name: 'عمل درآمد کی شرح' }).innerText()).toContain('38.49%');
    await expectNoSeriousAxeViolations(page, 'fund dashboard (ur)');
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(errors).toEqual([]);
    await close();
  });
});
