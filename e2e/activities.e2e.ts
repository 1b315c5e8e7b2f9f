/**
 * Activities (5W) as their users meet them: a member's focal point records an activity, the
 * secretariat opens a reporting period whose deadline has passed (so it is locked), the focal point
 * finds no period to report in, the secretariat unlocks it for that organisation with a reason, and
 * the focal point reports, late. Both languages, axe clean.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousAxeViolations, launchBrowser, newPage, settle, signIn, startServer, useEnglish, type TestServer } from './support';

const ADMIN = 'admin@demo.hamsafar.pk';
const FOCAL = 'focal.iom@demo.hamsafar.pk';
const TITLE = 'Safe migration desks in Sialkot (e2e)';
const REASON = 'The focal point was on leave at the deadline.';

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

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A Mantine Select: open it by its label and pick an option. */
async function choose(page: Page, label: string, option: string | RegExp) {
  await page.getByRole('textbox', { name: label, exact: true }).focus();
  await page.keyboard.press('ArrowDown');
  await page.getByRole('option', { name: option }).first().click();
  await page.keyboard.press('Escape');
}

describe('activity reporting', () => {
  it('records an activity, finds a past period locked, reports after the secretariat unlocks it with a reason, marked late', async () => {
    const admin = await newPage(browser, server);
    const focal = await newPage(browser, server);
    try {
      // The secretariat opens January 2023, deadline long past: locked from the start.
      await signIn(admin.page, ADMIN);
      await useEnglish(admin.page);
      await admin.page.goto('/activities/periods');
      await admin.page.getByRole('heading', { level: 1, name: 'Activity reporting periods' }).waitFor();
      await choose(admin.page, 'Kind', 'Monthly');
      await admin.page.getByLabel(/^Start/).fill('2023-01-01');
      await admin.page.getByLabel(/^End/).fill('2023-01-31');
      await admin.page.getByLabel(/^Deadline/).fill('2023-02-15');
      await admin.page.getByRole('button', { name: 'Open period' }).click();
      const january = admin.page.getByRole('row', { name: /2023-01-01 – 2023-01-31/ });
      await january.waitFor();
      expect(await january.textContent()).toContain('Locked');
      await expectNoSeriousAxeViolations(admin.page, 'reporting periods (en)');

      // The focal point records an activity that ran then.
      await signIn(focal.page, FOCAL);
      await useEnglish(focal.page);
      await focal.page.goto('/activities/new');
      await focal.page.getByRole('heading', { level: 1, name: 'New activity' }).waitFor();
      await focal.page.getByRole('textbox', { name: 'Title (English)' }).fill(TITLE);
      await choose(focal.page, 'Sector', 'Labour migration');
      await choose(focal.page, 'GCM objectives', 'Objective 6');
      await focal.page.getByLabel(/^Start/).fill('2023-01-01');
      await focal.page.getByLabel(/^End/).fill('2023-06-30');
      await choose(focal.page, 'Status', 'Completed');
      // Own funds is the default: choosing it again must keep it (a required choice cannot be cleared by a click).
      await choose(focal.page, 'Funding source', 'Own funds');
      await focal.page.getByRole('textbox', { name: 'People targeted: Migrants, Female, 18-59' }).fill('40');
      await focal.page.getByText('Total: 40 people').waitFor();
      await expectNoSeriousAxeViolations(focal.page, 'new activity form (en)');
      await focal.page.getByRole('button', { name: 'Save' }).click();
      await focal.page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      const activityUrl = focal.page.url();
      expect(await focal.page.getByText('Reached / targeted').locator('..').innerText()).toContain('0 / 40');
      // January 2023 is locked for IOM: nothing to report in.
      await focal.page.getByText('No reporting period is open for your organisation.').waitFor();

      // The secretariat sees the report missing and unlocks the period for IOM, with a reason.
      await admin.page.reload();
      await admin.page.getByRole('row', { name: /2023-01-01 – 2023-01-31/ }).getByRole('button', { name: 'Show reports' }).click();
      const missing = admin.page.getByRole('region', { name: '2023-01-01 – 2023-01-31' });
      await missing.getByRole('link', { name: TITLE }).waitFor();
      await choose(admin.page, 'Organisation', /International Organization for Migration/);
      await admin.page.getByRole('textbox', { name: 'Reason' }).fill(REASON);
      const nextWeek = new Date(Date.now() + 7 * 86_400_000);
      await admin.page.getByLabel(/^Open until/).fill(isoDate(nextWeek));
      await admin.page.getByRole('button', { name: 'Unlock for this organisation' }).click();
      await admin.page.getByText(REASON, { exact: false }).waitFor();
      await expectNoSeriousAxeViolations(admin.page, 'period reports with an unlock (en)');

      // Now the focal point can report January, and the report is marked late.
      await focal.page.goto(activityUrl);
      await choose(focal.page, 'Period', /1 Jan 2023|2023/);
      await focal.page.getByRole('textbox', { name: 'Narrative' }).fill('Two desks opened; 25 women counselled.');
      await focal.page.getByRole('textbox', { name: 'People reached: Migrants, Female, 18-59' }).fill('25');
      await focal.page.getByRole('button', { name: 'Submit report' }).click();
      const reportRow = focal.page.getByRole('row', { name: /Two desks opened/ });
      await reportRow.waitFor();
      expect(await reportRow.innerText()).toContain('25');
      expect(await reportRow.textContent()).toContain('Late');
      await expectNoSeriousAxeViolations(focal.page, 'activity with a late report (en)');

      // The secretariat's view of the period lists the report, late, and nothing missing for it.
      await admin.page.reload();
      await admin.page.getByRole('row', { name: /2023-01-01 – 2023-01-31/ }).getByRole('button', { name: 'Show reports' }).click();
      const reported = admin.page.getByRole('region', { name: '2023-01-01 – 2023-01-31' });
      await reported.getByText(/People reached: 25/).waitFor();
      expect(await reported.getByText(/People reached: 25/).textContent()).toContain('Late');

      // An address whose id is another page's name is a page not found, not a form built on the periods list.
      await focal.page.goto('/activities/periods/edit');
      await focal.page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();

      // The same pages in Urdu, right to left.
      await focal.page.getByRole('button', { name: 'اردو' }).click();
      await focal.page.waitForFunction(() => document.documentElement.lang === 'ur' && document.documentElement.dir === 'rtl');
      await settle(focal.page);
      await expectNoSeriousAxeViolations(focal.page, 'activity (ur)');
      await focal.page.goto('/activities/periods');
      await focal.page.getByRole('heading', { level: 1 }).waitFor();
      await settle(focal.page);
      await expectNoSeriousAxeViolations(focal.page, 'reporting periods (ur)');
      await focal.page.getByRole('button', { name: 'English' }).click();
      await focal.page.waitForFunction(() => document.documentElement.lang === 'en');

      expect(admin.errors).toEqual([]);
      expect(focal.errors).toEqual([]);
    } finally {
      await admin.close();
      await focal.close();
    }
  });
});
