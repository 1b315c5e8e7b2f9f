import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, expectNoSeriousAxeViolations, launchBrowser, newPage, settle, signIn, startServer, useEnglish, type TestServer } from './support';

/** The protection forms as a caseworker fills them: CNIC, journey countries, referral preview and inbox, in English and Urdu. */
let server: TestServer;
let browser: Browser;
const closers: Array<() => Promise<void>> = [];

const CASEWORKER = 'caseworker@demo.hamsafar.pk'; // Roshan Rasta (cso1)
const SHELTER_CASEWORKER = 'caseworker.shelter@demo.hamsafar.pk'; // Sahara shelter (cso3)

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  for (const close of closers) await close();
  await browser?.close();
  await server?.stop();
});

async function signedIn(email: string): Promise<Page> {
  const { page, close } = await newPage(browser, server);
  closers.push(close);
  await signIn(page, email);
  await useEnglish(page);
  return page;
}

async function choose(page: Page, label: string, option: string | RegExp) {
  await page.getByRole('textbox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function registerCase(page: Page, firstName: string, cnic: string): Promise<string> {
  await page.goto('/protection/cases');
  await settle(page);
  await page.getByRole('button', { name: 'Register a case' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('First name').fill(firstName);
  await dialog.getByLabel('Family name').fill('Formtest');
  await dialog.getByLabel('CNIC').fill(cnic);
  await dialog.getByLabel('First name').focus();
  await choose(page, 'Gender', 'Female');
  await choose(page, 'Migration status', 'Returnee');
  await dialog.getByLabel('Consents to sharing with organisations the case is referred to').check();
  await dialog.getByRole('button', { name: 'Register' }).click();
  await page.waitForURL(/\/protection\/cases\/[0-9a-f-]{36}$/);
  return page.url().split('/').pop()!;
}

describe('protection forms in the browser', () => {
  let caseworker: Page;
  let caseId = '';

  it('formats a CNIC typed without dashes, keeps its hint left to right, and warns of another case with the same CNIC', async () => {
    caseworker = await signedIn(CASEWORKER);
    caseId = await registerCase(caseworker, 'Gulalai', '3520288888881');
    await eventually(() => caseworker.getByRole('cell', { name: '35202-8888888-1' }).count()).toBe(1);

    await caseworker.goto('/protection/cases');
    await settle(caseworker);
    await caseworker.getByRole('button', { name: 'Register a case' }).click();
    const dialog = caseworker.getByRole('dialog');
    await dialog.getByLabel('CNIC').fill('3520288888881');
    await dialog.getByLabel('First name').focus();
    expect(await dialog.getByRole('textbox', { name: 'CNIC', exact: true }).inputValue()).toBe('35202-8888888-1');
    const warning = dialog.getByRole('status').filter({ hasText: 'Another case of your organisation has this CNIC' });
    await eventually(() => warning.count()).toBe(1);
    const reference = await caseworker.evaluate(async (id) => (await (await fetch(`/api/v1/protection/cases/${id}`)).json()).reference as string, caseId);
    expect(await warning.innerText()).toContain(reference);
    expect(await dialog.locator('bdi[dir="ltr"]', { hasText: '#####-#######-#' }).count()).toBe(1);
    await expectNoSeriousAxeViolations(caseworker, 'registration form with a CNIC warning');
    await caseworker.keyboard.press('Escape');
  }, 240_000);

  it('offers journey countries by name from a searchable list, and names them in the table', async () => {
    await caseworker.goto(`/protection/cases/${caseId}`);
    await caseworker.getByRole('tab', { name: 'Journey', exact: true }).click();
    await settle(caseworker);
    const country = caseworker.getByRole('textbox', { name: 'Country', exact: true });
    await country.fill('Ira');
    await caseworker.getByRole('option', { name: 'Iran', exact: true }).click();
    await caseworker.getByRole('button', { name: 'Add', exact: true }).click();
    await eventually(() => caseworker.getByRole('cell', { name: 'Iran' }).count()).toBe(1);
    await expectNoSeriousAxeViolations(caseworker, 'journey form');
    await country.fill('XX');
    await eventually(() => caseworker.getByText('No country of that name').count()).toBe(1);
  }, 120_000);

  it('previews the shared fields translated, clears the form after sending and marks the referral just sent', async () => {
    await caseworker.goto(`/protection/cases/${caseId}`);
    await caseworker.getByRole('tab', { name: 'Referrals', exact: true }).click();
    await settle(caseworker);
    await choose(caseworker, 'Service', 'Shelter');
    await caseworker.getByRole('textbox', { name: 'Receiving organisation', exact: true }).click();
    await caseworker.getByRole('option', { name: /Sahara/ }).click();
    const fields = caseworker.getByRole('group', { name: /^Fields to share/ });
    await fields.getByRole('checkbox', { name: 'Name', exact: true }).check();
    await fields.getByRole('checkbox', { name: 'Gender', exact: true }).check();
    await caseworker.getByLabel(/^Urgent/).check();
    await caseworker.getByLabel('Message to the receiver').fill('Arrives by bus at six.');
    await caseworker.getByRole('button', { name: 'Preview what will be shared' }).click();
    const preview = caseworker.getByTestId('referral-preview');
    await eventually(() => preview.getByRole('row', { name: /Gender/ }).innerText()).toMatch(/Gender\s+Female/);
    expect(await preview.innerText()).not.toContain('{');
    await expectNoSeriousAxeViolations(caseworker, 'referral preview');
    await caseworker.getByRole('button', { name: 'Send referral' }).click();
    await eventually(() => caseworker.getByTestId('just-sent').count()).toBe(1);
    expect(await caseworker.getByRole('textbox', { name: 'Service', exact: true }).inputValue()).toBe('');
    expect(await caseworker.getByLabel('Message to the receiver').inputValue()).toBe('');
    expect(await fields.getByRole('checkbox', { name: 'Name', exact: true }).isChecked()).toBe(false);
  }, 120_000);

  it('shows the receiver urgency, deadline, sender and message in the inbox, in English and Urdu', async () => {
    const shelter = await signedIn(SHELTER_CASEWORKER);
    await shelter.goto('/protection/referrals');
    await settle(shelter);
    const row = shelter.getByRole('row').filter({ hasText: 'Arrives by bus at six.' });
    await eventually(() => row.count()).toBe(1);
    expect(await row.innerText()).toMatch(/urgent/i);
    expect(await row.innerText()).toContain('Roshan');
    expect(await row.innerText()).not.toContain('Gulalai');
    await expectNoSeriousAxeViolations(shelter, 'referral inbox');
    await shelter.getByRole('button', { name: 'اردو' }).click();
    await eventually(() => shelter.locator('html').getAttribute('lang')).toBe('ur');
    await eventually(() => shelter.getByRole('row').filter({ hasText: 'Arrives by bus at six.' }).innerText()).toContain('فوری');
    await expectNoSeriousAxeViolations(shelter, 'referral inbox in Urdu');
  }, 120_000);

  it('names journey countries and shared values in Urdu', async () => {
    await caseworker.getByRole('button', { name: 'اردو' }).click();
    await eventually(() => caseworker.locator('html').getAttribute('lang')).toBe('ur');
    await caseworker.goto(`/protection/cases/${caseId}`);
    await caseworker.getByRole('tab', { name: 'سفر', exact: true }).click();
    await eventually(() => caseworker.getByRole('cell', { name: 'ایران' }).count()).toBe(1);
    await caseworker.getByRole('textbox', { name: 'ملک', exact: true }).fill('ترک');
    await eventually(() => caseworker.getByRole('option', { name: /ترکی/ }).count()).toBeGreaterThan(0);
    await caseworker.getByRole('button', { name: 'English' }).click();
    await eventually(() => caseworker.locator('html').getAttribute('lang')).toBe('en');
  }, 120_000);
});
