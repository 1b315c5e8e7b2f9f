import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../server/platform/auth/totp';
import {
  answerMfaChallenge,
  enrolMfa,
  eventually,
  expectNoSeriousAxeViolations,
  launchBrowser,
  mfaSecretOf,
  newPage,
  rememberMfaSecret,
  settle,
  signIn,
  startServer,
  useEnglish,
  DEMO_PASSWORD,
  type TestServer,
} from './support';

/** Generous: several engineers share a two-core machine, and each page is checked with axe-core. */
const TEST_TIMEOUT_MS = 300_000;

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const CASEWORKER = 'caseworker@demo.hamsafar.pk';
const ADMIN = 'admin@demo.hamsafar.pk';

async function signOut(page: Page) {
  await page.getByRole('button', { name: /Account menu|اکاؤنٹ مینو/ }).click();
  await page.getByRole('menuitem', { name: /Sign out|سائن آؤٹ/ }).click();
  await page.waitForURL((url) => url.pathname === '/login');
}

async function visit(page: Page, path: string, heading: string | RegExp) {
  await page.goto(path);
  await eventually(() => page.getByRole('heading', { level: 1 }).innerText()).toMatch(heading);
}

describe('platform in the browser', () => {
  it('forces MFA enrolment at a caseworker\'s first sign-in, then answers the challenge at the next', async () => {
    const { page, errors, close } = await newPage(browser, server);
    await page.goto('/');
    await page.waitForURL((url) => url.pathname === '/login');
    await eventually(() => page.locator('html').getAttribute('dir')).toBe('ltr');
    await expectNoSeriousAxeViolations(page, 'login (en)');

    await page.getByLabel('E-mail').fill(CASEWORKER);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/mfa/enrol');
    await page.locator('#mfa-secret').waitFor();
    await eventually(() => page.getByRole('img', { name: 'QR code for the authenticator app' }).getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await expectNoSeriousAxeViolations(page, 'MFA enrolment (en)');

    const { secret, recoveryCodes } = await enrolMfa(page);
    rememberMfaSecret(CASEWORKER, secret);
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(recoveryCodes).toHaveLength(10);
    expect(recoveryCodes.every((code) => /^[0-9a-f]{5}-[0-9a-f]{5}$/.test(code))).toBe(true);
    await expectNoSeriousAxeViolations(page, 'recovery codes (en)');

    await page.getByRole('button', { name: 'I have saved the codes, continue' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await eventually(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Home');
    await eventually(() => page.getByText('Welcome, Fatima Baloch (caseworker).').count()).toBe(1);

    await signOut(page);
    await page.getByLabel('E-mail').fill(CASEWORKER);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/mfa');
    await expectNoSeriousAxeViolations(page, 'MFA challenge (en)');
    await page.getByLabel('Code from the app').fill('000000');
    await page.getByRole('button', { name: 'Continue' }).click();
    await eventually(() => page.getByText('The code is not correct.', { exact: true }).count()).toBe(1);
    await answerMfaChallenge(page, secret);
    await eventually(() => new URL(page.url()).pathname).toBe('/');
    await eventually(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Home');
    expect(errors).toEqual([]);
    await close();
  }, TEST_TIMEOUT_MS);

  it('switches to Urdu: right-to-left, lang="ur", Nastaliq text, kept after reload and saved to the profile', async () => {
    const { page, errors, close } = await newPage(browser, server);
    await signIn(page, CASEWORKER);
    await expectNoSeriousAxeViolations(page, 'home (en)');
    await visit(page, '/profile', 'Profile');
    await expectNoSeriousAxeViolations(page, 'profile (en)');
    await visit(page, '/notifications', 'Notifications');
    await expectNoSeriousAxeViolations(page, 'notifications (en)');

    await page.getByRole('button', { name: 'اردو' }).click();
    await eventually(() => page.locator('html').getAttribute('dir')).toBe('rtl');
    await eventually(() => page.locator('html').getAttribute('lang')).toBe('ur');
    await eventually(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('اطلاعات');
    await eventually(() => page.getByRole('button', { name: 'English' }).count()).toBe(1);

    const font = await page.evaluate(async () => {
      await document.fonts.ready;
      const paragraph = document.querySelector('main p, main td, main h1') as HTMLElement;
      return {
        body: getComputedStyle(document.body).fontFamily,
        text: getComputedStyle(paragraph).fontFamily,
        lineHeight: parseFloat(getComputedStyle(document.body).lineHeight) / parseFloat(getComputedStyle(document.body).fontSize),
        loaded: document.fonts.check('16px "Noto Nastaliq Urdu"', 'اطلاعات'),
      };
    });
    expect(font.body.split(',')[0].trim().replaceAll(/["']/g, '')).toBe('Noto Nastaliq Urdu');
    expect(font.text).toContain('Noto Nastaliq Urdu');
    expect(font.lineHeight).toBeGreaterThanOrEqual(2);
    expect(font.loaded).toBe(true);
    // The navigation sits on the right in right-to-left pages.
    const navbar = await page.getByRole('navigation', { name: 'مرکزی رہنمائی' }).boundingBox();
    const viewport = page.viewportSize()!;
    expect(navbar!.x + navbar!.width).toBeGreaterThan(viewport.width - 5);
    await expectNoSeriousAxeViolations(page, 'notifications (ur)');

    await page.reload();
    await eventually(() => page.locator('html').getAttribute('dir')).toBe('rtl');
    await visit(page, '/', 'سرورق');
    await expectNoSeriousAxeViolations(page, 'home (ur)');
    await visit(page, '/profile', 'پروفائل');
    await expectNoSeriousAxeViolations(page, 'profile (ur)');
    const profile = await page.evaluate(() => fetch('/api/v1/auth/session').then((r) => r.json()));
    expect(profile.user.language).toBe('ur');

    // Signed out, the login and challenge pages stay in Urdu.
    await signOut(page);
    await eventually(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('سائن اِن');
    await expectNoSeriousAxeViolations(page, 'login (ur)');
    await signIn(page, CASEWORKER, DEMO_PASSWORD, { completeMfa: false });
    await eventually(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('دو مرحلہ سائن اِن');
    await expectNoSeriousAxeViolations(page, 'MFA challenge (ur)');
    await answerMfaChallenge(page, mfaSecretOf(CASEWORKER));
    expect(errors).toEqual([]);
    await close();
  }, TEST_TIMEOUT_MS);

  const ADMIN_PAGES: Array<{ path: string; en: string; ur: string }> = [
    { path: '/', en: 'Home', ur: 'سرورق' },
    { path: '/profile', en: 'Profile', ur: 'پروفائل' },
    { path: '/notifications', en: 'Notifications', ur: 'اطلاعات' },
    { path: '/admin/users', en: 'Users and invitations', ur: 'صارفین اور دعوت نامے' },
    { path: '/admin/organisations', en: 'Organisations', ur: 'ادارے' },
    { path: '/admin/roles', en: 'Roles and permissions', ur: 'کردار اور اجازتیں' },
    { path: '/admin/audit', en: 'Audit trail', ur: 'آڈٹ ریکارڈ' },
    { path: '/admin/mail-outbox', en: 'Mail outbox', ur: 'ڈاک کا آؤٹ باکس' },
    { path: '/admin/settings', en: 'Network settings', ur: 'نیٹ ورک کی ترتیبات' },
  ];

  it('shows an admin every administration page without serious axe violations, in English', async () => {
    const { page, errors, close } = await newPage(browser, server);
    await signIn(page, ADMIN);
    await useEnglish(page);
    for (const { path, en } of ADMIN_PAGES) {
      await visit(page, path, en);
      await eventually(() => page.getByRole('link', { name: en }).count()).toBeGreaterThan(0);
      await expectNoSeriousAxeViolations(page, `${path} (en)`);
    }
    expect(errors).toEqual([]);
    await close();
  }, TEST_TIMEOUT_MS);

  it('lets an admin invite a user, the outbox showing that a link was sent but not the link; the new user signs in; the audit trail shows the invitation', async () => {
    const admin = await newPage(browser, server);
    const page = admin.page;
    await signIn(page, ADMIN);
    await useEnglish(page);
    const email = `new.member.${Date.now()}@example.org`;
    await visit(page, '/admin/users', 'Users and invitations');
    await page.getByRole('button', { name: 'Invite a user' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('E-mail').fill(email);
    await dialog.getByLabel('Name').fill('Rabia Hussain');
    await dialog.getByRole('textbox', { name: 'Organisation' }).click();
    await page.getByRole('option', { name: 'Federal Investigation Agency' }).click();
    await dialog.locator('.mantine-MultiSelect-input').click();
    await page.getByRole('option', { name: 'Member focal point' }).click();
    await dialog.getByRole('heading').click();
    await expectNoSeriousAxeViolations(page, 'invitation form (en)');
    await dialog.getByRole('button', { name: 'Send the invitation' }).click();
    await eventually(() => page.getByText(`Invitation sent to ${email}.`).count()).toBe(1);
    await eventually(() => page.getByRole('cell', { name: email }).count()).toBe(1);

    await visit(page, '/admin/mail-outbox', 'Mail outbox');
    const row = page.getByRole('row').filter({ hasText: email });
    await row.getByRole('button').click();
    const body = await page.getByTestId('mail-body').innerText();
    await expectNoSeriousAxeViolations(page, 'mail message (en)');
    // The admin sees that a link was sent, never the link: only the invitee can use it.
    expect(body).toContain(`[link sent: ${server.baseUrl}/accept-invitation]`);
    expect(body).not.toContain('token=');
    await page.keyboard.press('Escape');
    const link = server.latestMailTo(email).text.match(/https?:\/\/\S+\/accept-invitation\?token=[\w-]+/)?.[0];
    expect(link).toBeDefined();

    const invitee = await newPage(browser, server);
    await invitee.page.goto(link!);
    await eventually(() => invitee.page.getByRole('heading', { level: 1 }).innerText()).toBe('Accept your invitation');
    await expectNoSeriousAxeViolations(invitee.page, 'accept invitation (en)');
    await invitee.page.getByLabel('New password').fill('short');
    await invitee.page.getByLabel('Repeat the password').fill('short');
    await invitee.page.getByRole('button', { name: 'Set the password' }).click();
    await eventually(() => invitee.page.getByText('Use at least 12 characters.', { exact: true }).count()).toBe(1);
    const password = 'river-lantern-copper-71';
    await invitee.page.getByLabel('New password').fill(password);
    await invitee.page.getByLabel('Repeat the password').fill(password);
    await invitee.page.getByRole('button', { name: 'Set the password' }).click();
    await eventually(() => invitee.page.getByText('Your account is ready.').count()).toBe(1);
    expect(await signIn(invitee.page, email, password)).toBe('/');
    await eventually(() => invitee.page.getByText('Welcome, Rabia Hussain.').count()).toBe(1);
    // A focal point administers nothing: no administration links.
    expect(await invitee.page.getByRole('link', { name: 'Users and invitations' }).count()).toBe(0);
    expect(invitee.errors).toEqual([]);
    await invitee.close();

    await visit(page, '/admin/audit', 'Audit trail');
    await page.getByLabel('Action', { exact: true }).fill('user.invited');
    await page.getByRole('button', { name: 'Apply' }).click();
    await eventually(() => page.getByRole('row').filter({ hasText: 'user.invited' }).count()).toBe(1);
    await eventually(() => page.getByRole('row').filter({ hasText: 'user.invited' }).innerText()).toContain('Ayesha Khan (IOM secretariat)');
    const csv = await page.evaluate(() => fetch('/api/v1/audit/export.csv?action=user.invited').then((r) => r.text()));
    expect(csv).toContain('user.invited');

    expect(admin.errors).toEqual([]);
    await admin.close();
  }, TEST_TIMEOUT_MS);

  it('shows an admin every administration page without serious axe violations, in Urdu', async () => {
    const { page, errors, close } = await newPage(browser, server);
    await signIn(page, ADMIN);
    await useEnglish(page);
    await page.getByRole('button', { name: 'اردو' }).click();
    await eventually(() => page.locator('html').getAttribute('dir')).toBe('rtl');
    for (const { path, ur } of ADMIN_PAGES) {
      await visit(page, path, ur);
      await expectNoSeriousAxeViolations(page, `${path} (ur)`);
    }
    await page.getByRole('button', { name: 'English' }).click();
    await eventually(() => page.locator('html').getAttribute('dir')).toBe('ltr');
    expect(errors).toEqual([]);
    await close();
  }, TEST_TIMEOUT_MS);

  it('moves a caseworker to a new authenticator from the profile; the old one stops working', async () => {
    const { page, errors, close } = await newPage(browser, server);
    await signIn(page, CASEWORKER);
    const oldSecret = mfaSecretOf(CASEWORKER);
    await useEnglish(page);
    await eventually(() => page.locator('html').getAttribute('dir')).toBe('ltr');
    await visit(page, '/profile', 'Profile');
    await eventually(() => page.getByText('An authenticator app is set up for your account.').count()).toBe(1);
    await page.getByRole('button', { name: 'Move to a new authenticator app' }).click();
    const { secret } = await enrolMfa(page);
    expect(secret).not.toBe(oldSecret);
    await expectNoSeriousAxeViolations(page, 'profile MFA re-enrolment (en)');
    await page.getByRole('button', { name: 'I have saved the codes, continue' }).click();
    await eventually(() => page.getByRole('button', { name: 'Move to a new authenticator app' }).count()).toBe(1);

    await signOut(page);
    await signIn(page, CASEWORKER, DEMO_PASSWORD, { completeMfa: false });
    await page.getByLabel('Code from the app').fill(currentTotp(oldSecret));
    await page.getByRole('button', { name: 'Continue' }).click();
    await eventually(() => page.getByText('The code is not correct.', { exact: true }).count()).toBe(1);
    await answerMfaChallenge(page, secret);
    await eventually(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Home');
    rememberMfaSecret(CASEWORKER, secret);
    expect(errors).toEqual([]);
    await close();
  }, TEST_TIMEOUT_MS);

  it('locks an account after failed sign-ins; an admin unlocks it and its holder reads the notification', async () => {
    const DONOR = 'donor@demo.hamsafar.pk';
    const donor = await newPage(browser, server);
    await donor.page.goto('/login');
    const attempt = async (password: string) => {
      await donor.page.getByLabel('E-mail').fill(DONOR);
      await donor.page.getByLabel('Password').fill(password);
      const answer = donor.page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
      await donor.page.getByRole('button', { name: 'Sign in' }).click();
      return (await answer).status();
    };
    for (let i = 0; i < 5; i++) expect(await attempt('not-the-password')).toBe(401);
    // Locked: the right password is answered like a wrong one, so the lock is not revealed.
    expect(await attempt(DEMO_PASSWORD)).toBe(401);
    await eventually(() => donor.page.getByRole('alert').innerText()).toContain('The e-mail or password is not correct.');
    await expectNoSeriousAxeViolations(donor.page, 'login with an error (en)');

    const admin = await newPage(browser, server);
    await signIn(admin.page, ADMIN);
    await useEnglish(admin.page);
    await visit(admin.page, '/admin/users', 'Users and invitations');
    await admin.page.getByLabel('Search by name or e-mail').fill('donor');
    const row = admin.page.getByRole('row').filter({ hasText: DONOR });
    await eventually(() => row.innerText()).toMatch(/locked/i);
    await row.getByRole('button', { name: 'Edit Donor liaison' }).click();
    const dialog = admin.page.getByRole('dialog');
    await dialog.getByLabel('Unlock the account after failed sign-ins').check();
    await expectNoSeriousAxeViolations(admin.page, 'edit user (en)');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await eventually(() => admin.page.getByText('User saved.').count()).toBe(1);
    await eventually(() => row.innerText()).not.toMatch(/locked/i);

    // The server's field errors appear next to their fields.
    await visit(admin.page, '/admin/organisations', 'Organisations');
    await admin.page.getByRole('button', { name: 'Add an organisation' }).click();
    const orgDialog = admin.page.getByRole('dialog');
    await orgDialog.getByLabel('Name in English').fill('X');
    await orgDialog.getByRole('button', { name: 'Save' }).click();
    const nameEn = orgDialog.getByLabel('Name in English');
    await eventually(() => nameEn.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await nameEn.getAttribute('aria-describedby'))!.split(' ');
    const messages = await Promise.all(describedBy.map((id) => admin.page.locator(`[id="${id}"]`).innerText().catch(() => '')));
    expect(messages.join(' ').trim()).not.toBe('');
    await expectNoSeriousAxeViolations(admin.page, 'organisation form with errors (en)');
    expect(admin.errors).toEqual([]);
    await admin.close();

    expect(await attempt(DEMO_PASSWORD)).toBe(200);
    await donor.page.waitForURL((url) => url.pathname === '/');
    await eventually(() => donor.page.getByRole('link', { name: 'Notifications: 1 unread' }).count()).toBe(1);
    await visit(donor.page, '/notifications', 'Notifications');
    const notification = donor.page.getByRole('row').filter({ hasText: 'Your account was locked after repeated failed sign-ins' });
    await eventually(() => notification.count()).toBe(1);
    await expectNoSeriousAxeViolations(donor.page, 'notifications with an unread one (en)');
    await notification.getByRole('button', { name: /^Mark as read/ }).click();
    await eventually(() => donor.page.getByRole('link', { name: 'Notifications: 0 unread' }).count()).toBe(1);
    await eventually(() => notification.innerText()).toContain('Read');
    expect(donor.errors).toEqual([]);
    await donor.close();
  }, TEST_TIMEOUT_MS);

  it('keeps the language chosen on the sign-in page after sign-in, over the saved one, and saves it to the profile', async () => {
    const AUDITOR = 'auditor@demo.hamsafar.pk';
    const { page, errors, close } = await newPage(browser, server);
    await page.goto('/login');
    await page.getByRole('button', { name: 'اردو' }).click();
    await eventually(() => page.locator('html').getAttribute('lang')).toBe('ur');
    await page.locator('input[autocomplete="username"]').fill(AUDITOR);
    await page.locator('input[autocomplete="current-password"]').fill(DEMO_PASSWORD);
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
    await page.locator('form button[type="submit"]').click();
    // The demo auditor's saved language is English.
    expect((await (await answer).json()).user.language).toBe('en');
    await page.waitForURL((url) => url.pathname !== '/login');
    await eventually(() => page.evaluate(() => fetch('/api/v1/auth/session').then((r) => r.json()).then((s) => s.user.language))).toBe('ur');
    expect(await page.locator('html').getAttribute('lang')).toBe('ur');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(errors).toEqual([]);
    await close();
  }, TEST_TIMEOUT_MS);

  it('keeps the skip link wholly out of sight until it is focused, in Urdu too, where a Nastaliq line is taller', async () => {
    const { page, close } = await newPage(browser, server);
    await page.goto('/login');
    await page.getByRole('button', { name: 'اردو' }).click();
    await eventually(() => page.locator('html').getAttribute('lang')).toBe('ur');
    await page.getByRole('heading', { level: 1 }).waitFor();
    const hidden = await page.locator('.skip-link').evaluate((link) => link.getBoundingClientRect().bottom);
    expect(hidden).toBeLessThanOrEqual(0);
    await page.locator('.skip-link').focus();
    const shown = await page.locator('.skip-link').evaluate((link) => link.getBoundingClientRect().top);
    expect(shown).toBeGreaterThanOrEqual(0);
    await close();
  }, TEST_TIMEOUT_MS);

  it('reaches every control of the sign-in page by keyboard, with a visible focus and a skip link', async () => {
    const { page, close } = await newPage(browser, server);
    await page.goto('/login');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => ({ text: document.activeElement?.textContent, top: document.activeElement?.getBoundingClientRect().top ?? -1 }));
    expect(skip.text).toBe('Skip to content');
    expect(skip.top).toBeGreaterThanOrEqual(0);
    const reached: string[] = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      reached.push(
        await page.evaluate(() => {
          const element = document.activeElement as HTMLElement;
          const outline = getComputedStyle(element).outlineStyle;
          return `${element.tagName.toLowerCase()}:${element.getAttribute('autocomplete') ?? element.textContent?.trim()}:${outline}`;
        }),
      );
    }
    expect(reached).toEqual(
      expect.arrayContaining(['input:username:solid', 'input:current-password:solid', 'button:Sign in:solid', 'a:Forgot your password?:solid']),
    );
    await close();
  }, TEST_TIMEOUT_MS);
});
