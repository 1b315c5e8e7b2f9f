/**
 * Every page of the app on a 390×844 phone, in English and in Urdu, and on a desktop: nothing may
 * stick out sideways. The pages are enumerated from the router and the modules' routes, so a new
 * page is covered without editing this file; each is visited by a demo account that may see it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantScope, type PermissionName } from '../common/permissions';
import { ADMIN_NAV } from '../web/app/layout/navigation';
import { webModules } from '../web/app/modules';
import enCommon from '../web/i18n/en/common.json';
import urCommon from '../web/i18n/ur/common.json';
import urNetwork from '../web/i18n/ur/network.json';
import gcm from '../common/reference/gcm.json';
import { answerMfaChallenge, collectPageErrors, DEMO_PASSWORD, enrolMfa, launchBrowser, mfaSecretOf, overflowIn, rememberMfaSecret, settle, signIn, startServer, useEnglish, type TestServer } from './support';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
type Language = 'en' | 'ur';
const SWITCH_TO: Record<Language, string> = { en: 'English', ur: 'اردو' };
/** Set to a folder to keep a screenshot of every page visited, to look at. */
const SCREENSHOTS = process.env.HAMSAFAR_SCREENSHOTS;

/** Accounts in the order they are tried: the first that may see a page checks it. */
const ROLES = [
  'admin@demo.hamsafar.pk',
  'chair@demo.hamsafar.pk',
  'focal.iom@demo.hamsafar.pk',
  'focal@demo.hamsafar.pk',
  'fund@demo.hamsafar.pk',
  'steering@demo.hamsafar.pk',
  'orgadmin@demo.hamsafar.pk',
  'auditor@demo.hamsafar.pk',
  'donor@demo.hamsafar.pk',
  'supervisor@demo.hamsafar.pk',
  'caseworker@demo.hamsafar.pk',
];
/** Accounts that must use MFA and are used for nothing else here: their enrolment and challenge pages are checked. */
const MFA_ACCOUNTS: Record<Language, string> = { en: 'supervisor.shelter@demo.hamsafar.pk', ur: 'caseworker.shelter@demo.hamsafar.pk' };
/** Pages only reached in the middle of signing in. */
const SIGN_IN_STEPS = ['/mfa', '/mfa/enrol'];
const NOT_FOUND_PROBE = '/no-such-page-for-layout-check';
const FORBIDDEN_TITLES = [enCommon.errors.forbiddenTitle, urCommon.errors.forbiddenTitle];

interface RoutePattern {
  path: string;
  matcher: RegExp;
  params: number;
}

function pattern(routePath: string): RoutePattern {
  const absolute = routePath === '*' ? '*' : `/${routePath.replace(/^\//, '')}`;
  const source = absolute === '*' ? '.*' : absolute.replace(/:[^/]+/g, '[^/]+');
  return { path: absolute, matcher: new RegExp(`^${source}$`), params: absolute === '*' ? 99 : (absolute.match(/:/g)?.length ?? 0) };
}

/**
 * The app's pages: the modules' routes as the app registers them, and the shell's and sign-in
 * pages read from the router's source (it creates a browser router on import, so Node cannot load it).
 */
function appRoutes(): RoutePattern[] {
  const routerSource = fs.readFileSync(path.join(ROOT, 'web/app/router.tsx'), 'utf8');
  const shellPaths = [...routerSource.matchAll(/path:\s*'([^']+)'/g)].map((match) => match[1]!);
  const modulePaths = webModules.flatMap((module) => module.routes.map((route) => route.path).filter((p): p is string => !!p));
  const unique = [...new Set([...shellPaths, ...modulePaths].map((p) => pattern(p).path))];
  // Static pages before parametrised ones, so `/fund/programmes/new` is not taken for `/fund/programmes/:id`.
  return unique.map(pattern).sort((a, b) => a.params - b.params);
}

const ROUTES = appRoutes();
const NAV = [...webModules.flatMap((module) => module.nav), ...ADMIN_NAV];

/** The permission of the navigation entry a page sits under (the deepest one); none for personal pages. */
function permissionOf(route: RoutePattern): PermissionName | undefined {
  const owners = NAV.filter((item) => route.path === item.path || route.path.startsWith(`${item.path}/`));
  owners.sort((a, b) => b.path.length - a.path.length);
  return owners[0]?.permission;
}

function routeOf(pathname: string): RoutePattern | undefined {
  return ROUTES.find((route) => route.matcher.test(pathname));
}

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** One signed-in page per account, kept across the passes. */
const sessions = new Map<string, Page>();
/** Page and console errors of every page opened here. */
const pageErrors: string[][] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.stop();
});

async function freshPage(): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.baseUrl, locale: 'en-GB', viewport: PHONE });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  pageErrors.push(collectPageErrors(page));
  return page;
}

async function switchLanguage(page: Page, language: Language): Promise<void> {
  await page.locator('html[lang]').waitFor({ state: 'attached' });
  if ((await page.locator('html').getAttribute('lang')) === language) return;
  await page.getByRole('button', { name: SWITCH_TO[language], exact: true }).click();
  await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
}

interface Pass {
  name: string;
  language: Language;
  viewport: { width: number; height: number };
  covered: Set<string>;
  problems: string[];
}

/** Checks the page the browser is on, and counts it as seen for its route. */
async function check(page: Page, pass: Pass, who: string): Promise<string | undefined> {
  await settle(page);
  await page.waitForFunction((lang) => document.documentElement.lang === lang, pass.language);
  const pathname = new URL(page.url()).pathname;
  const route = routeOf(pathname);
  const found = await overflowIn(page);
  for (const problem of found) pass.problems.push(`${pass.name} ${pathname} (${who}): ${problem}`);
  if (SCREENSHOTS) {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, `${pass.name}${pathname.replace(/\//g, '_') || '_home'}.png`), fullPage: true });
  }
  // A page the account may not open is not counted as seen.
  const title = await page.evaluate(() => document.querySelector('h1')?.textContent?.trim() ?? '');
  if (route && !FORBIDDEN_TITLES.includes(title)) pass.covered.add(route.path);
  return route?.path;
}

async function visit(page: Page, pass: Pass, who: string, target: string): Promise<string | undefined> {
  await page.goto(target);
  return check(page, pass, who);
}

/** Same-app links on the page, to find a record for each page with an id in its path. */
async function linksOn(page: Page): Promise<string[]> {
  const hrefs = await page.locator('a[href^="/"]').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.map((href) => href.split(/[?#]/)[0]!);
}

/**
 * A path to a record for a page with an id: a link to it on a page seen before, or else a link to
 * its parent record with the rest of the path added (`/fund/programmes/<id>` + `/edit`).
 */
function recordPath(route: RoutePattern, links: Set<string>): string | undefined {
  const linked = [...links].find((href) => routeOf(href) === route);
  if (linked) return linked;
  const segments = route.path.split('/');
  for (let cut = segments.length - 1; cut > 1; cut--) {
    const parent = pattern(segments.slice(0, cut).join('/'));
    if (parent.params === 0) continue;
    // A link the app routes to the parent page: `/activities/periods` is a page of its own, not an activity.
    const parentLink = [...links].find((href) => routeOf(href)?.path === parent.path);
    if (parentLink) return [parentLink, ...segments.slice(cut)].join('/');
  }
  return undefined;
}

async function signedIn(email: string): Promise<Page> {
  const existing = sessions.get(email);
  if (existing) return existing;
  const page = await freshPage();
  await signIn(page, email);
  await useEnglish(page);
  sessions.set(email, page);
  return page;
}

async function grantsOf(page: Page): Promise<string[]> {
  const session = await page.evaluate(async () => (await fetch('/api/v1/auth/session')).json());
  return (session.user?.grants ?? []) as string[];
}

/** Signs an MFA account in from the sign-in page in the pass's language, checking each step it passes. */
async function checkSignInSteps(pass: Pass, email: string): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const page = await freshPage();
    await page.setViewportSize(pass.viewport);
    await page.goto('/login');
    await switchLanguage(page, pass.language);
    await signIn(page, email, DEMO_PASSWORD, { completeMfa: false });
    const step = await check(page, pass, email);
    if (step === '/mfa/enrol') {
      const { secret } = await enrolMfa(page);
      rememberMfaSecret(email, secret);
    } else if (step === '/mfa') {
      await answerMfaChallenge(page, mfaSecretOf(email));
    }
    await page.close();
  }
}

async function runPass(pass: Pass): Promise<void> {
  // Signed out: the sign-in pages; any other page sends the browser to sign in.
  const anonymous = await freshPage();
  await anonymous.setViewportSize(pass.viewport);
  await anonymous.goto('/login');
  await switchLanguage(anonymous, pass.language);
  const staticRoutes = ROUTES.filter((route) => route.params === 0 && !SIGN_IN_STEPS.includes(route.path));
  const publicRoutes = new Set<string>();
  for (const route of staticRoutes) {
    if ((await visit(anonymous, pass, 'signed out', route.path)) === route.path) publicRoutes.add(route.path);
  }
  await anonymous.close();

  for (const email of ROLES) {
    const page = await signedIn(email);
    await page.setViewportSize(pass.viewport);
    await switchLanguage(page, pass.language);
    const grants = await grantsOf(page);
    const mayOpen = (route: RoutePattern) => {
      const permission = permissionOf(route);
      return !permission || grantScope(grants, permission) !== null;
    };
    const links = new Set<string>();
    const tried = new Set<string>();
    const pending = ROUTES.filter((route) => !pass.covered.has(route.path) && !publicRoutes.has(route.path) && !SIGN_IN_STEPS.includes(route.path) && mayOpen(route));
    // Pages with an id wait for a link to a record, found on the pages visited before them.
    for (let progress = true; progress; ) {
      progress = false;
      for (const route of pending) {
        if (pass.covered.has(route.path) || tried.has(route.path)) continue;
        const target = route.path === '*' ? NOT_FOUND_PROBE : route.params === 0 ? route.path : recordPath(route, links);
        if (!target) continue;
        tried.add(route.path);
        await visit(page, pass, email, target);
        for (const href of await linksOn(page)) links.add(href);
        progress = true;
      }
    }
  }

  if (pass.viewport === PHONE) await checkSignInSteps(pass, MFA_ACCOUNTS[pass.language]);
}

function newPass(name: string, language: Language, viewport: Pass['viewport']): Pass {
  return { name, language, viewport, covered: new Set(), problems: [] };
}

/** Routes a pass must have seen: all of them, less the sign-in steps on a desktop (checked on the phone). */
function expectedRoutes(pass: Pass): string[] {
  return ROUTES.map((route) => route.path).filter((p) => pass.viewport === PHONE || !SIGN_IN_STEPS.includes(p));
}

describe('no page is wider than the screen', () => {
  it('finds the pages of the app from its routes', () => {
    const paths = ROUTES.map((route) => route.path);
    // A sample of each kind, so a broken enumeration cannot pass as "nothing to check".
    expect(paths).toEqual(expect.arrayContaining(['/login', '/mfa/enrol', '/', '/profile', '/admin/users', '/admin/organisations', '/network/directory', '/network/workplan', '/network/meetings/:id', '/protection/cases/:id', '/fund/programmes/:id/edit', '*']));
    expect(paths.length).toBeGreaterThanOrEqual(40);
  });

  for (const [name, language, viewport] of [
    ['phone-en', 'en', PHONE],
    ['phone-ur', 'ur', PHONE],
    ['desktop-en', 'en', DESKTOP],
  ] as const) {
    it(`on a ${viewport.width}×${viewport.height} screen in ${language === 'ur' ? 'Urdu' : 'English'}`, async () => {
      const pass = newPass(name, language, viewport);
      await runPass(pass);
      expect(pass.problems).toEqual([]);
      expect([...pass.covered].sort()).toEqual(expectedRoutes(pass).sort());
    }, 900_000);
  }

  it('names the GCM objectives in Urdu in the Urdu matrix', async () => {
    const page = await signedIn(ROLES[0]!);
    await page.setViewportSize(PHONE);
    await switchLanguage(page, 'ur');
    await page.goto('/network/matrix');
    await settle(page);
    const matrix = page.getByRole('region', { name: urNetwork.matrix.title });
    const objective10 = gcm.objectives.find((o) => o.number === 10)!;
    await expect.poll(() => matrix.innerText()).toContain(objective10.title_ur);
    expect(await matrix.innerText()).not.toContain(objective10.title);
  });

  it('raised no page errors on the way', () => {
    expect(pageErrors.flat()).toEqual([]);
  });
});
