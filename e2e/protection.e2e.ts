import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, expectNoSeriousAxeViolations, launchBrowser, newPage, settle, signIn, startServer, useEnglish, type TestServer } from './support';

let server: TestServer;
let browser: Browser;
const closers: Array<() => Promise<void>> = [];

const CASEWORKER = 'caseworker@demo.hamsafar.pk'; // Roshan Rasta (cso1)
const SHELTER_CASEWORKER = 'caseworker.shelter@demo.hamsafar.pk'; // Sahara shelter (cso3)
const SHELTER_SUPERVISOR = 'supervisor.shelter@demo.hamsafar.pk';
const SUPERVISOR = 'supervisor@demo.hamsafar.pk'; // Roshan Rasta (cso1)
const ADMIN = 'admin@demo.hamsafar.pk'; // network secretariat

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  for (const close of closers) await close();
  await browser?.close();
  await server?.stop();
});

async function signedIn(email: string): Promise<{ page: Page; errors: string[] }> {
  const { page, errors, close } = await newPage(browser, server);
  closers.push(close);
  await signIn(page, email);
  return { page, errors };
}

async function choose(page: Page, label: string, option: string) {
  await page.getByRole('textbox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function checkAll(page: Page, group: string, options: string[]) {
  const fieldset = page.getByRole('group', { name: new RegExp(`^${group}`) });
  for (const option of options) await fieldset.getByRole('checkbox', { name: option, exact: true }).check();
}

async function heading(page: Page) {
  return page.getByRole('heading', { level: 1 }).innerText();
}

/** Registers a case through the form, with consent to share with organisations it is referred to. */
async function registerCase(page: Page, firstName: string): Promise<string> {
  await page.goto('/protection/cases');
  await settle(page);
  await page.getByRole('button', { name: 'Register a case' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('First name').fill(firstName);
  await dialog.getByLabel('Family name').fill('Browsertest');
  await dialog.getByLabel('CNIC').fill('35202-7777777-1');
  await choose(page, 'Gender', 'Female');
  await choose(page, 'Migration status', 'Returnee');
  await dialog.getByLabel('Consents to sharing with organisations the case is referred to').check();
  await dialog.getByRole('button', { name: 'Register' }).click();
  await page.waitForURL(/\/protection\/cases\/[0-9a-f-]{36}$/);
  await expect.poll(() => heading(page)).toMatch(/^Case /);
  return page.url().split('/').pop()!;
}

async function openTab(page: Page, name: string) {
  await page.getByRole('tab', { name, exact: true }).click();
  await settle(page);
}

/** Fills the referral form, previews it and sends it; returns the referral's id. */
async function sendReferral(page: Page, caseId: string, receiver: RegExp) {
  await page.goto(`/protection/cases/${caseId}`);
  await openTab(page, 'Referrals');
  await choose(page, 'Service', 'Shelter');
  await page.getByRole('textbox', { name: 'Receiving organisation', exact: true }).click();
  await page.getByRole('option', { name: receiver }).click();
  await checkAll(page, 'Fields to share', ['Name', 'Gender']);
  await page.getByRole('button', { name: 'Preview what will be shared' }).click();
  const preview = page.getByTestId('referral-preview');
  await expect.poll(() => preview.innerText()).toContain('Browsertest');
  const links = page.getByRole('link', { name: 'Shelter', exact: true });
  const before = await links.count();
  await page.getByRole('button', { name: 'Send referral' }).click();
  // The newest referral comes first once the list has reloaded.
  await expect.poll(() => links.count()).toBe(before + 1);
  return (await links.first().getAttribute('href'))!.split('/').pop()!;
}

describe('protection in the browser', () => {
  let caseId = '';
  let caseworker: Page;
  let shelter: Page;

  it('makes a referral round trip between two organisations: consent, preview, send, accept, complete with feedback', async () => {
    caseworker = (await signedIn(CASEWORKER)).page;
    await caseworker.goto('/protection');
    await expect.poll(() => heading(caseworker)).toBe('My work queue');
    await expectNoSeriousAxeViolations(caseworker, 'work queue');
    caseId = await registerCase(caseworker, 'Shabnam');
    await expectNoSeriousAxeViolations(caseworker, 'case page');
    const referralId = await sendReferral(caseworker, caseId, /Sahara/);

    shelter = (await signedIn(SHELTER_CASEWORKER)).page;
    await shelter.goto('/protection/referrals');
    await settle(shelter);
    await expectNoSeriousAxeViolations(shelter, 'referral inbox');
    await shelter.goto(`/protection/referrals/${referralId}`);
    await expect.poll(() => heading(shelter)).toBe('Referral for Shelter');
    await expect.poll(() => shelter.getByText('No personal information is shown').count()).toBe(1);
    await shelter.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => shelter.getByRole('cell', { name: 'Shabnam Browsertest' }).count()).toBe(1);
    await expectNoSeriousAxeViolations(shelter, 'accepted referral');
    await shelter.getByRole('button', { name: 'Start services' }).click();
    await expect.poll(() => shelter.getByText('In progress', { exact: true }).count()).toBeGreaterThan(0);
    await shelter.getByLabel('Feedback to the sender').fill('Sheltered safely; medical check done.');
    await shelter.getByRole('button', { name: 'Complete with feedback' }).click();
    await expect.poll(() => shelter.getByText('No personal information is shown').count()).toBe(1);
    // The receiver's case view stays closed: the case belongs to another organisation.
    await shelter.goto(`/protection/cases/${caseId}`);
    await expect.poll(() => shelter.getByRole('alert').innerText()).toContain('Case not found.');

    await caseworker.goto(`/protection/referrals/${referralId}`);
    await expect.poll(() => caseworker.getByTestId('referral-feedback').innerText()).toBe('Sheltered safely; medical check done.');
  }, 240_000);

  it('shows a declined referral with its reason to the sender', async () => {
    const referralId = await sendReferral(caseworker, caseId, /Sahara/);
    await shelter.goto(`/protection/referrals/${referralId}`);
    await shelter.getByLabel('Reason for declining').fill('No beds until next month.');
    await shelter.getByRole('button', { name: 'Decline' }).click();
    await expect.poll(() => shelter.getByText('Declined', { exact: true }).count()).toBeGreaterThan(0);
    await caseworker.goto(`/protection/referrals/${referralId}`);
    await expect.poll(() => caseworker.getByRole('cell', { name: 'No beds until next month.' }).count()).toBe(1);
  }, 120_000);

  it('stops sharing once the consent is withdrawn', async () => {
    await caseworker.goto(`/protection/cases/${caseId}`);
    await openTab(caseworker, 'Consent');
    await caseworker.getByRole('button', { name: 'Withdraw consent: Consents to sharing' }).click();
    await expect.poll(() => caseworker.getByText(/^Withdrawn /).count()).toBe(1);
    await openTab(caseworker, 'Referrals');
    await choose(caseworker, 'Service', 'Shelter');
    await caseworker.getByRole('textbox', { name: 'Receiving organisation', exact: true }).click();
    await caseworker.getByRole('option', { name: /Sahara/ }).click();
    await checkAll(caseworker, 'Fields to share', ['Name']);
    await caseworker.getByRole('button', { name: 'Preview what will be shared' }).click();
    await expect.poll(() => caseworker.getByTestId('referral-preview').innerText()).toContain('Not allowed by the consent: Name');
    expect(await caseworker.getByRole('button', { name: 'Send referral' }).isDisabled()).toBe(true);
  }, 120_000);

  it('lets a supervisor of another organisation break the glass with a written reason', async () => {
    const supervisor = (await signedIn(SHELTER_SUPERVISOR)).page;
    await supervisor.goto(`/protection/cases/${caseId}`);
    await expect.poll(() => supervisor.getByRole('alert').innerText()).toContain('Case not found.');
    await supervisor.goto('/protection/break-glass');
    await expectNoSeriousAxeViolations(supervisor, 'break the glass');
    await supervisor.getByLabel('Case identifier').fill(caseId);
    await supervisor.getByRole('textbox', { name: /^Reason/ }).fill('She arrived at our shelter at night and needs medical care now.');
    await supervisor.getByRole('button', { name: 'Open the case' }).click();
    await supervisor.waitForURL(`**/protection/cases/${caseId}`);
    await expect.poll(() => supervisor.getByText('Emergency access', { exact: true }).count()).toBeGreaterThan(0);
    await expect.poll(() => supervisor.getByRole('cell', { name: 'Shabnam' }).count()).toBe(1);
  }, 120_000);

  it('tells the user when someone else changed the case first (409)', async () => {
    const second = (await signedIn(CASEWORKER)).page;
    await caseworker.goto(`/protection/cases/${caseId}`);
    await second.goto(`/protection/cases/${caseId}`);
    await settle(caseworker);
    await settle(second);
    await choose(caseworker, 'Risk', 'High');
    await caseworker.getByRole('button', { name: 'Save risk level' }).click();
    await expect.poll(() => caseworker.getByText('Saved.').count()).toBeGreaterThan(0);
    await choose(second, 'Risk', 'Low');
    await second.getByRole('button', { name: 'Save risk level' }).click();
    await expect.poll(() => second.getByRole('alert').first().innerText()).toContain('Reload the record');
    await expect.poll(() => second.getByRole('button', { name: 'Reload the case' }).count()).toBe(1);
  }, 120_000);

  it('lets a supervisor edit the person of a case; an edit from a page loaded before is refused with the current details', async () => {
    const worker = await signedIn(CASEWORKER);
    const personCaseId = await registerCase(worker.page, 'Parveen');
    expect(await worker.page.getByRole('link', { name: 'Referral deadlines' }).count()).toBe(0);
    // Opened before the supervisor's change, so it still holds the case's first version.
    const stale = await signedIn(CASEWORKER);
    await stale.page.goto(`/protection/cases/${personCaseId}`);
    await settle(stale.page);

    const supervisor = await signedIn(SUPERVISOR);
    const page = supervisor.page;
    await page.goto(`/protection/cases/${personCaseId}`);
    await settle(page);
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await eventually(() => dialog.getByLabel('First name').inputValue()).toBe('Parveen');
    expect(await dialog.getByRole('textbox', { name: 'CNIC', exact: true }).inputValue()).toBe('35202-7777777-1');
    expect(await dialog.getByRole('textbox', { name: 'Gender', exact: true }).inputValue()).toBe('Female');
    await expectNoSeriousAxeViolations(page, 'person edit form');

    // The server's field error is shown beside the field it names.
    await dialog.getByLabel('E-mail').fill('parveen-at-example');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await eventually(() => dialog.getByLabel('E-mail').getAttribute('aria-invalid')).toBe('true');
    await dialog.getByLabel('E-mail').fill('');
    await dialog.getByLabel('First name').fill('Parveena');
    await dialog.getByLabel('Middle name').fill('Bibi');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await eventually(() => dialog.count()).toBe(0);
    await eventually(() => page.getByRole('cell', { name: 'Parveena', exact: true }).count()).toBe(1);
    await page.reload();
    await eventually(() => page.getByRole('cell', { name: 'Bibi', exact: true }).count()).toBe(1);
    expect(await page.getByRole('cell', { name: 'Parveena', exact: true }).count()).toBe(1);
    expect(supervisor.errors).toEqual([]);

    await stale.page.getByRole('button', { name: 'Edit', exact: true }).click();
    const staleDialog = stale.page.getByRole('dialog');
    await staleDialog.getByLabel('First name').fill('Perveen');
    await staleDialog.getByRole('button', { name: 'Save' }).click();
    await eventually(() => staleDialog.getByRole('alert').innerText()).toContain('Someone else changed this case');
    // The case was reloaded: the form now holds the supervisor's change, not the refused one.
    await eventually(() => staleDialog.getByLabel('First name').inputValue()).toBe('Parveena');
    expect(await staleDialog.getByLabel('Middle name').inputValue()).toBe('Bibi');
  }, 240_000);

  it('lets a network admin change a referral deadline, which holds after a reload', async () => {
    const { page, errors } = await signedIn(ADMIN);
    await useEnglish(page);
    await page.getByRole('group', { name: 'Protection' }).getByRole('link', { name: 'Referral deadlines' }).click();
    await eventually(() => heading(page)).toBe('Referral deadlines');
    const shelterHours = () => page.getByLabel('Hours to answer a referral for Shelter');
    await eventually(() => shelterHours().inputValue()).toBe('72');
    await expectNoSeriousAxeViolations(page, 'referral deadlines');
    await shelterHours().fill('48');
    await page.getByRole('button', { name: 'Save' }).click();
    await eventually(() => page.getByText('Referral deadlines saved.').count()).toBe(1);
    await page.reload();
    await eventually(() => shelterHours().inputValue()).toBe('48');
    expect(await page.getByLabel('Hours to answer a referral for Medical care').inputValue()).toBe('72');
    expect(errors).toEqual([]);
  }, 120_000);
});
