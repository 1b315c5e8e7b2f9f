/**
 * Browser-test support: a real server on a fresh embedded database with the demo data, and
 * Chromium driven by playwright-core. Module tests use these helpers as well.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { currentTotp } from '../server/platform/auth/totp';
import { DEMO_PASSWORD } from '../server/seed/demo';

export { DEMO_PASSWORD };

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface TestServer {
  baseUrl: string;
  dataDir: string;
  /** The newest mail to this address as its addressee receives it, links included (the outbox page hides them). */
  latestMailTo: (address: string) => { to: string; subject: string; text: string };
  /** Everything the server printed, for the failure message of a test. */
  output: () => string;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** The server serves the built web app; build it once when a test run starts without one. */
function ensureWebBuild(): void {
  if (fs.existsSync(path.join(ROOT, 'dist/web/index.html'))) return;
  const build = spawnSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npx vite build failed: the browser tests need dist/web.');
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/** Starts `server/main.ts` on a free port with a temporary data folder and the demo data. */
export async function startServer(env: Record<string, string> = {}): Promise<TestServer> {
  ensureWebBuild();
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamsafar-e2e-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  // The embedded database unless the caller passes DATABASE_URL: an outer one must not leak in.
  const { DATABASE_URL: _outer, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...inherited,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: baseUrl,
      DATA_DIR: dataDir,
      DEMO_DATA: 'true',
      LOG_LEVEL: 'warn',
      SMTP_URL: `file://${path.join(dataDir, 'mail')}`,
      // Every browser signs in from 127.0.0.1; the spraying limit has its API test.
      LOGIN_MAX_PER_ADDRESS_PER_MINUTE: '1000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited(child);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  // Polls until the server answers; gives up when the process dies.
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`The server exited with code ${child.exitCode}:\n${output}`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/v1/health`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const latestMailTo = (address: string) => {
    const folder = path.join(dataDir, 'mail');
    const files = fs.existsSync(folder) ? fs.readdirSync(folder).sort().reverse() : [];
    for (const file of files) {
      const mail = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')) as { to: string; subject: string; text: string };
      if (mail.to === address) return mail;
    }
    throw new Error(`no mail to ${address}`);
  };
  return { baseUrl, dataDir, latestMailTo, output: () => output, stop };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** Chromium logs every 4xx answer; the app shows those to the user, so they are not page errors. */
const CLIENT_ERROR_ANSWER = /^Failed to load resource: the server responded with a status of 4\d\d/;

/** Records page errors and console errors (CSP violations among them) so a test can assert there were none. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !CLIENT_ERROR_ANSWER.test(message.text())) errors.push(`console: ${message.text()}`);
  });
  return errors;
}

/** Authenticator secrets of the accounts this test process has enrolled, by e-mail. */
const enrolledSecrets = new Map<string, string>();

/** The form holding the one-time-code input (a page such as the profile has several forms). */
function codeForm(page: Page) {
  return page.locator('form').filter({ has: page.locator('input[autocomplete="one-time-code"]') });
}

const TOTP_STEP_MS = 30_000;
const lastTotpStep = new Map<string, number>();

/**
 * A TOTP code not yet used for this secret: the server refuses a code twice (RFC 6238 §5.2), so a
 * second sign-in within one step takes the next step's code (accepted for clock drift), and beyond
 * that waits for the clock.
 */
export async function unusedTotp(secret: string): Promise<string> {
  const now = Date.now();
  const step = Math.max(Math.floor(now / TOTP_STEP_MS), (lastTotpStep.get(secret) ?? 0) + 1);
  const earliest = (step - 1) * TOTP_STEP_MS;
  if (now < earliest) await new Promise((resolve) => setTimeout(resolve, earliest - now + 50));
  lastTotpStep.set(secret, step);
  return currentTotp(secret, step * TOTP_STEP_MS);
}

/** On the enrolment page: reads the secret shown as text, confirms a code, passes the recovery codes. */
export async function enrolMfa(page: Page): Promise<{ secret: string; recoveryCodes: string[] }> {
  const secretElement = page.locator('#mfa-secret');
  await secretElement.waitFor();
  const secret = (await secretElement.innerText()).replace(/\s/g, '');
  await page.locator('input[autocomplete="one-time-code"]').fill(await unusedTotp(secret));
  await codeForm(page).locator('button[type="submit"]').click();
  const codes = page.getByTestId('recovery-codes').locator('li');
  await codes.first().waitFor();
  const recoveryCodes = (await codes.allInnerTexts()).map((code) => code.trim());
  return { secret, recoveryCodes };
}

/** On the challenge page: answers with the current TOTP code. */
export async function answerMfaChallenge(page: Page, secret: string): Promise<void> {
  await page.locator('input[autocomplete="one-time-code"]').fill(await unusedTotp(secret));
  await codeForm(page).locator('button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname !== '/mfa');
}

async function waitForPath(page: Page, accept: (pathname: string) => boolean): Promise<string> {
  await page.waitForURL((url) => accept(url.pathname));
  return new URL(page.url()).pathname;
}

/**
 * Signs in through the login form. Unless told otherwise it also completes MFA: it enrols an
 * authenticator when the account must (keeping the secret for later sign-ins in this process)
 * and answers the challenge of an account it enrolled before.
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD, options: { completeMfa?: boolean } = {}): Promise<string> {
  const completeMfa = options.completeMfa ?? true;
  await page.goto('/login');
  await page.locator('input[autocomplete="username"]').fill(email);
  await page.locator('input[autocomplete="current-password"]').fill(password);
  await page.locator('form').filter({ has: page.locator('input[autocomplete="current-password"]') }).locator('button[type="submit"]').click();
  let pathname = await waitForPath(page, (p) => p !== '/login');
  if (!completeMfa) return pathname;
  if (pathname === '/mfa/enrol') {
    const { secret } = await enrolMfa(page);
    enrolledSecrets.set(email, secret);
    await page.getByRole('button', { name: /saved the codes|محفوظ کر لیے/ }).click();
    pathname = await waitForPath(page, (p) => p !== '/mfa/enrol');
  } else if (pathname === '/mfa') {
    const secret = enrolledSecrets.get(email);
    if (!secret) throw new Error(`${email} has MFA set up, but not by this test process: answer the challenge yourself.`);
    await answerMfaChallenge(page, secret);
    pathname = new URL(page.url()).pathname;
  }
  return pathname;
}

/** The authenticator secret this process last enrolled for the account. */
export function mfaSecretOf(email: string): string {
  const secret = enrolledSecrets.get(email);
  if (!secret) throw new Error(`No authenticator was enrolled for ${email} by this test process.`);
  return secret;
}

/** Remembers a secret enrolled by a test itself, so later `signIn` calls can answer the challenge. */
export function rememberMfaSecret(email: string, secret: string): void {
  enrolledSecrets.set(email, secret);
}

/**
 * `expect.poll` with room for a slow, shared machine: it waits for the page to reach a state, then
 * asserts on it. How long that took is never asserted.
 */
export function eventually<T>(read: () => T | Promise<T>, message?: string) {
  return expect.poll(read, { timeout: 30_000, interval: 100, message });
}

/** Switches the signed-in user's interface to English when it is in Urdu (the choice is saved to the profile). */
export async function useEnglish(page: Page): Promise<void> {
  await page.locator('html[lang]').waitFor({ state: 'attached' });
  await page.getByRole('button').first().waitFor();
  // After sign-in the app switches to the user's saved language once its catalogue has loaded: wait for that before deciding.
  const saved = await page.evaluate(() =>
    fetch('/api/v1/auth/session')
      .then((response) => (response.ok ? response.json() : null))
      .then((session: { user?: { language?: string } } | null) => session?.user?.language ?? null)
      .catch(() => null),
  );
  if (saved) await page.waitForFunction((language) => document.documentElement.lang === language, saved);
  if ((await page.locator('html').getAttribute('lang')) !== 'ur') return;
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
}

/** Waits until the page has loaded its data: no requests in flight and no loading indicator. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('[role="status"]:has-text("Loading"), [role="status"]:has-text("لوڈ ہو رہا")').first().waitFor({ state: 'detached' }).catch(() => undefined);
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

/** Runs axe-core on the page and fails on any serious or critical violation, naming where it is. */
export async function expectNoSeriousAxeViolations(page: Page, label = page.url()): Promise<void> {
  await settle(page);
  // Evaluated through the DevTools protocol, so the page's strict CSP does not block it.
  const injected = await page.evaluate('typeof window.axe !== "undefined"');
  if (!injected) await page.evaluate(axe.source);
  const violations = (await page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  })) as AxeViolation[];
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious.map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.slice(0, 5).map((n) => `    at ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join('\n')}`);
  expect(report, `axe-core on ${label}`).toEqual([]);
}

/** A page in a fresh browser context (its own cookies and storage) on the test server. */
export async function newPage(browser: Browser, server: TestServer): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ baseURL: server.baseUrl, locale: 'en-GB' });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  return { page, errors, close: () => context.close() };
}

/**
 * What sticks out: the document wider than the viewport, and any visible element reaching past
 * either edge that is not inside a container that scrolls or clips it.
 */
export function overflowIn(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    // A resize starts the layout's transitions (the navigation panel and the main area slide): measure where they end.
    const finite = document.getAnimations().filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity);
    await Promise.all(finite.map((animation) => animation.finished.catch(() => undefined)));
    const root = document.documentElement;
    const width = root.clientWidth;
    const found: string[] = [];
    if (root.scrollWidth > width) found.push(`the document is ${root.scrollWidth} px wide in a ${width} px viewport`);
    const scrolledOrClipped = (element: Element) => {
      for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowX !== 'visible') return true;
      }
      return false;
    };
    // A closed off-canvas panel (the phone's navigation) lies wholly beside the screen.
    const offCanvas = (element: Element, box: DOMRect) => {
      if (box.left < width && box.right > 0) return false;
      for (let node: Element | null = element; node && node !== document.body; node = node.parentElement) {
        if (getComputedStyle(node).position === 'fixed') return true;
      }
      return false;
    };
    const describe = (element: Element) => {
      const classes = [...element.classList].filter((c) => !/^m_/.test(c)).slice(0, 3);
      const text = (element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      return `${element.tagName.toLowerCase()}${classes.map((c) => `.${c}`).join('')} "${text}"`;
    };
    for (const label of document.querySelectorAll('.mantine-Badge-label')) {
      if (label.scrollWidth > label.clientWidth + 1) found.push(`the badge "${label.textContent}" is cut off`);
    }
    for (const element of document.body.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      // 1 px boxes are the visually hidden texts for screen readers.
      if (box.width <= 1 || box.height <= 1) continue;
      if (box.left >= -1 && box.right <= width + 1) continue;
      if (!element.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      if (offCanvas(element, box) || scrolledOrClipped(element)) continue;
      found.push(`${describe(element)} spans ${Math.round(box.left)}…${Math.round(box.right)} px`);
      if (found.length > 8) break;
    }
    return found;
  });
}
