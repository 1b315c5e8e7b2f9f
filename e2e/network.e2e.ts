import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, expectNoSeriousAxeViolations, launchBrowser, newPage, settle, signIn, startServer, type TestServer } from './support';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const ADMIN = 'admin@demo.hamsafar.pk';

/** The machine running the browser tests may be busy: wait generously for the page to catch up. */
const WAIT = 90_000;
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: WAIT, interval: 250 });

async function heading(page: Page) {
  return page.getByRole('heading', { level: 1 }).innerText();
}

/** A field by its label; required fields end their accessible name with an asterisk. */
function labelled(label: string): RegExp {
  return new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`);
}

/** Chooses an option of a Select; a MultiSelect stays open, so Escape closes it (outside modals only). */
async function pick(page: Page, label: string, option: string | RegExp, options: { multi?: boolean } = {}) {
  await page.getByLabel(labelled(label)).first().click();
  await page.getByRole('option', { name: option }).first().click();
  if (options.multi) await page.keyboard.press('Escape');
}

async function openAs(email: string, path: string) {
  const session = await newPage(browser, server);
  session.page.setDefaultTimeout(WAIT);
  await signIn(session.page, email);
  await session.page.goto(path);
  await settle(session.page);
  return session;
}

/** Calls the API from inside the signed-in page, with the session's CSRF token, like the app does. */
async function apiCall<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const session = await (await fetch('/api/v1/auth/session')).json();
      const response = await fetch(`/api/v1${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return response.json();
    },
    { method, path, body },
  ) as Promise<T>;
}

function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe('the network module in the browser', () => {
  it('takes a membership application from a new organisation through approval', async () => {
    // The secretariat registers the organisation and invites its focal point (platform admin API).
    const admin = await openAs(ADMIN, '/network/applications');
    const org = await apiCall<{ id: string }>(admin.page, 'POST', '/admin/organisations', {
      nameEn: 'Karachi Migrant Support Network (browser test)',
      nameUr: 'کراچی مہاجر معاونت نیٹ ورک',
      acronym: 'KMSN',
      type: 'civil_society',
      htcdsOrgType: 'NGO',
      province: 'PK-SD',
      services: ['legal_aid'],
    });
    const email = 'focal.kmsn@test.hamsafar.pk';
    await apiCall(admin.page, 'POST', '/admin/invitations', { email, displayName: 'Rabia Siddiqui (KMSN)', organisationId: org.id, roles: ['focal_point'], language: 'en' });
    const token = server.latestMailTo(email).text.match(/token=([\w-]+)/)![1];
    await apiCall(admin.page, 'POST', '/auth/invitations/accept', { token, password: DEMO_PASSWORD });

    const applicant = await openAs(email, '/network/membership');
    const page = applicant.page;
    await eventually(() => heading(page)).toBe('Membership application');
    await expectNoSeriousAxeViolations(page, 'membership application form');
    await page.getByLabel(labelled('Why your organisation wants to join')).fill('We assist migrants returning through Karachi port.');
    await pick(page, 'GCM objectives', /^GCM 21:/, { multi: true });
    await page.getByRole('button', { name: 'Submit the application' }).click();
    await eventually(() => page.getByRole('cell', { name: 'Karachi Migrant Support Network (browser test)' }).count()).toBe(1);
    await eventually(() => page.getByRole('row', { name: /Karachi Migrant Support Network/ }).getByText('Submitted', { exact: true }).count()).toBe(1);
    await applicant.close();

    await admin.page.goto('/network/applications');
    await settle(admin.page);
    await eventually(() => heading(admin.page)).toBe('Membership applications');
    await expectNoSeriousAxeViolations(admin.page, 'membership applications');
    await admin.page.getByRole('button', { name: 'Approve the application of Karachi Migrant Support Network (browser test)' }).click();
    await admin.page.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
    await eventually(() => admin.page.getByText('Application approved: the organisation is now a member.').count()).toBe(1);

    await admin.page.goto('/network/directory');
    await settle(admin.page);
    await admin.page.getByLabel('Search by name, acronym or sector').fill('Karachi Migrant');
    await eventually(() => admin.page.getByText('Karachi Migrant Support Network (browser test) (KMSN)').count()).toBe(1);
    await eventually(() => admin.page.getByText('Rabia Siddiqui (KMSN)').count()).toBe(1);
    await expectNoSeriousAxeViolations(admin.page, 'directory');
    await admin.close();
  }, 900_000);

  it('schedules a meeting and puts its invitations with an .ics file in the mail outbox', async () => {
    const { page, close, errors } = await openAs(ADMIN, '/network/meetings');
    await eventually(() => heading(page)).toBe('Meetings');
    await expectNoSeriousAxeViolations(page, 'meetings');
    await page.getByRole('button', { name: 'Schedule a meeting' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(labelled('Title in English')).fill('Browser test network meeting');
    await dialog.getByLabel(labelled('Starts')).fill(`${inDays(40)}T10:00`);
    await dialog.getByLabel(labelled('Ends')).fill(`${inDays(40)}T12:00`);
    await dialog.getByLabel(labelled('Place')).fill('UN Office, Islamabad, Room 7');
    await dialog.getByLabel(labelled('Agenda item 1')).fill('Referral pathways');
    await expectNoSeriousAxeViolations(page, 'schedule meeting form');
    await dialog.getByRole('button', { name: 'Schedule a meeting' }).click();
    await page.waitForURL((url) => /\/network\/meetings\/[0-9a-f-]{36}$/.test(url.pathname));
    await eventually(() => heading(page)).toBe('Browser test network meeting');
    await eventually(() => page.getByText(/10:00.*PKT/).count()).toBeGreaterThan(0);

    await pick(page, 'Invite member organisations', /Office on Drugs and Crime/, { multi: true });
    await page.getByRole('button', { name: 'Send invitations' }).click();
    await eventually(() => page.getByText('focal.unodc@demo.hamsafar.pk').count()).toBe(1);
    await expectNoSeriousAxeViolations(page, 'meeting page');

    await page.goto('/admin/mail-outbox');
    await settle(page);
    const subject = page.getByRole('button', { name: /^Invitation: Browser test network meeting/ });
    await eventually(() => subject.count()).toBe(1);
    await subject.click();
    await eventually(() => page.getByRole('dialog').getByRole('link', { name: /invite\.ics/ }).count()).toBe(1);
    expect(errors).toEqual([]);
    await close();
  }, 900_000);

  it('creates an action point that the owner organisation then finds among its commitments', async () => {
    const admin = await openAs(ADMIN, '/network/action-points');
    const page = admin.page;
    await eventually(() => heading(page)).toBe('Action points');
    await page.getByRole('button', { name: 'Create an action point' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(labelled('Action')).fill('Brief the Protectorates of Emigrants (browser test)');
    await pick(page, 'Owner organisation', /Ministry of Overseas Pakistanis/);
    await dialog.getByLabel(labelled('Due date')).fill(inDays(-2));
    await dialog.getByRole('button', { name: 'Create an action point' }).click();
    await eventually(() => dialog.getByText('The due date is in the past.', { exact: true }).count()).toBe(1);
    await dialog.getByLabel(labelled('Due date')).fill(inDays(14));
    await dialog.getByRole('button', { name: 'Create an action point' }).click();
    await eventually(() => heading(page)).toBe('Brief the Protectorates of Emigrants (browser test)');
    await expectNoSeriousAxeViolations(page, 'action point (secretariat)');
    await page.goto('/network/action-points');
    await settle(page);
    await expectNoSeriousAxeViolations(page, 'action points');
    await admin.close();

    const focal = await openAs('focal@demo.hamsafar.pk', '/network/action-points');
    await eventually(() => focal.page.getByRole('radio', { name: "My organisation's commitments" }).isChecked()).toBe(true);
    await focal.page.getByRole('link', { name: 'Brief the Protectorates of Emigrants (browser test)' }).click();
    await eventually(() => heading(focal.page)).toBe('Brief the Protectorates of Emigrants (browser test)');
    await pick(focal.page, 'New status (optional)', 'In progress');
    await focal.page.getByLabel(labelled('Progress')).fill('Letter drafted.');
    await focal.page.getByRole('button', { name: 'Report progress' }).click();
    await eventually(() => focal.page.getByText('Letter drafted.').count()).toBe(1);
    await expectNoSeriousAxeViolations(focal.page, 'action point');
    await focal.close();
  }, 900_000);

  it('shows the GCM matrix with its gaps, and the dashboard and workplan pass axe, in English and Urdu', async () => {
    const { page, close } = await openAs('chair@demo.hamsafar.pk', '/network/matrix');
    await eventually(() => heading(page)).toBe('GCM objectives × organisations');
    await eventually(() => page.getByText('14 objectives without any contribution').count()).toBe(1);
    const objective2 = page.getByRole('rowheader', { name: /^GCM 2: / });
    await eventually(() => objective2.getByText('Gap').count()).toBe(1);
    const objective10 = page.getByRole('rowheader', { name: /^GCM 10: / });
    await eventually(() => objective10.getByText('Gap').count()).toBe(0);
    await expectNoSeriousAxeViolations(page, 'matrix');

    for (const path of ['/network/dashboard', '/network/workplan', '/network/working-groups', '/network/decisions', '/network/documents']) {
      await page.goto(path);
      await settle(page);
      await expectNoSeriousAxeViolations(page, path);
    }

    await page.evaluate(() => localStorage.setItem('hamsafar.language', 'ur'));
    await apiCall(page, 'PATCH', '/auth/profile', { language: 'ur' });
    await page.goto('/network/matrix');
    await settle(page);
    await eventually(() => heading(page)).toBe('جی سی ایم مقاصد × ادارے');
    await eventually(() => page.locator('html').getAttribute('dir')).toBe('rtl');
    await expectNoSeriousAxeViolations(page, 'matrix (ur)');
    await page.goto('/network/dashboard');
    await settle(page);
    await eventually(() => heading(page)).toBe('سیکرٹریٹ ڈیش بورڈ');
    await expectNoSeriousAxeViolations(page, 'dashboard (ur)');
    await close();
  }, 900_000);
});
