import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, launchBrowser, newPage, settle, signIn, startServer, useEnglish, type TestServer } from './support';

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

const AUTHOR = 'focal.iom@demo.hamsafar.pk';

const TEXTS = {
  en: {
    save: 'Save proposal',
    title: 'Title',
    summary: 'Summary',
    thematicAreas: 'Thematic areas',
    required: 'Fill in this field.',
    chooseThematicArea: 'Choose at least one thematic area.',
  },
  ur: {
    save: 'تجویز محفوظ کریں',
    title: 'عنوان',
    summary: 'خلاصہ',
    thematicAreas: 'موضوعاتی شعبے',
    required: 'یہ خانہ پُر کریں۔',
    chooseThematicArea: 'کم از کم ایک موضوعاتی شعبہ منتخب کریں۔',
  },
};

async function pick(page: Page, label: string, option: RegExp) {
  await page.getByRole('textbox', { name: label, exact: true }).focus();
  await page.keyboard.press('ArrowDown');
  await page.getByRole('option', { name: option }).first().click();
  await page.keyboard.press('Escape');
}

const summaryLinks = (page: Page) => page.getByRole('alert').getByRole('link').allInnerTexts();

describe('a long form that fails', () => {
  for (const language of ['en', 'ur'] as const) {
    const text = TEXTS[language];

    it(`says what to fix in ${language === 'en' ? 'English' : 'Urdu'}, focuses the summary, and drops each message once its field is changed`, async () => {
      const { page, errors, close } = await newPage(browser, server);
      await signIn(page, AUTHOR);
      await useEnglish(page);
      if (language === 'ur') {
        await page.getByRole('button', { name: 'اردو' }).click();
        await page.waitForFunction(() => document.documentElement.lang === 'ur');
      }
      await page.goto('/fund/programmes/new');
      await settle(page);

      const save = page.getByRole('button', { name: text.save });
      await save.scrollIntoViewIfNeeded();
      await save.click();

      const summary = page.getByRole('alert');
      await eventually(() => summaryLinks(page)).toEqual(expect.arrayContaining([`${text.title}: ${text.required}`, `${text.summary}: ${text.required}`, `${text.thematicAreas}: ${text.chooseThematicArea}`]));
      // Focus and scroll went to the summary at the top, away from the button at the bottom.
      expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
      const box = (await summary.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeLessThan(page.viewportSize()!.height);
      // Human wording only: no schema text reaches the person.
      expect(await summary.innerText()).not.toMatch(/Too small|Invalid|expected|>=/);

      const title = page.getByRole('textbox', { name: text.title, exact: true });
      expect(await title.getAttribute('aria-invalid')).toBe('true');
      await title.fill('Safe migration information centres');
      await eventually(() => title.getAttribute('aria-invalid')).not.toBe('true');
      await eventually(() => summaryLinks(page)).not.toContain(`${text.title}: ${text.required}`);
      expect(await summaryLinks(page)).toContain(`${text.summary}: ${text.required}`);

      // A choice list clears too, once something is chosen.
      await pick(page, text.thematicAreas, /^3\./);
      await eventually(() => summaryLinks(page)).not.toContain(`${text.thematicAreas}: ${text.chooseThematicArea}`);

      // Each entry of the summary leads to its field.
      await summary.getByRole('link', { name: `${text.summary}: ${text.required}` }).click();
      expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.id)).toBe(await page.getByRole('textbox', { name: text.summary, exact: true }).getAttribute('id'));

      expect(errors).toEqual([]);
      await close();
    }, 120_000);
  }
});
