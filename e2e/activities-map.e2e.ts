/**
 * The activities map draws the demo's provinces coloured by their activities, lists a province's
 * activities when it is chosen, says that the shipped boundaries have no districts, and the gap
 * matrix marks the places where nobody works, in English and in Urdu, on a phone without overflow.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLASS_COLOURS } from '../web/modules/activities/choropleth';
import { eventually, expectNoSeriousAxeViolations, launchBrowser, newPage, overflowIn, settle, signIn, startServer, useEnglish, type TestServer } from './support';

const ADMIN = 'admin@demo.hamsafar.pk';
const PHONE = { width: 390, height: 844 };

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

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/** The share of the map's pixels painted in one of the choropleth's class colours, read from a screenshot (WebGL buffers are not readable after drawing). */
async function colouredShare(page: Page): Promise<number> {
  const png = await page.locator('.maplibregl-canvas').screenshot();
  return page.evaluate(
    async ({ base64, colours }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
      let coloured = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (colours.some(([r, g, b]) => Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) <= 12)) coloured++;
      }
      return coloured / (data.length / 4);
    },
    { base64: png.toString('base64'), colours: CLASS_COLOURS.map(rgb) },
  );
}

describe('activities map and gap matrix', () => {
  it('colours the provinces, lists the activities of one, and shows the gaps, in English and Urdu, on a desktop and a phone', async () => {
    const { page, errors, close } = await newPage(browser, server);
    await signIn(page, ADMIN);
    await useEnglish(page);
    await page.goto('/activities/map');
    await page.getByRole('heading', { level: 1, name: 'Where activities are' }).waitFor();
    await page.locator('.maplibregl-canvas').waitFor();
    await eventually(() => colouredShare(page), 'provinces coloured by their activities').toBeGreaterThan(0.05);

    // The table beside the map: the figures of every province, and the way to choose one.
    const punjab = page.getByRole('row', { name: /Punjab/ });
    const activitiesInPunjab = Number((await punjab.getByRole('cell').first().innerText()).trim());
    expect(activitiesInPunjab).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Show the activities of Punjab' }).click();
    await page.getByRole('heading', { level: 2, name: 'Activities in Punjab' }).waitFor();
    await settle(page);
    const listed = page.getByRole('table', { name: 'Activities in Punjab' }).getByRole('link');
    await eventually(() => listed.count(), 'the activities of Punjab listed').toBe(Math.min(activitiesInPunjab, 25));
    await expectNoSeriousAxeViolations(page, 'activities map (en)');

    // The shipped boundaries are provinces only: the district level says so instead of an empty map.
    await page.locator('.mantine-SegmentedControl-label', { hasText: 'Districts' }).click();
    await page.getByText('No districts in the boundaries').waitFor();
    await page.locator('.mantine-SegmentedControl-label', { hasText: 'Provinces' }).click();
    await page.locator('.maplibregl-canvas').waitFor();

    await page.goto('/activities/gaps');
    await page.getByRole('heading', { level: 1, name: 'Gap matrix: GCM objectives by place' }).waitFor();
    const matrix = page.getByRole('table', { name: /GCM objectives \(rows\) by provinces/ });
    await matrix.waitFor();
    const gapCells = matrix.locator('td[data-gap="true"]');
    expect(await gapCells.count()).toBeGreaterThan(0);
    expect(await gapCells.first().textContent()).toBe('Gap');
    // Somebody works somewhere: a cell naming an organisation by its acronym.
    expect(await matrix.locator('td abbr').count()).toBeGreaterThan(0);
    await expectNoSeriousAxeViolations(page, 'gap matrix (en)');

    await page.setViewportSize(PHONE);
    await settle(page);
    expect(await overflowIn(page), 'gap matrix (en, phone)').toEqual([]);
    await page.goto('/activities/map');
    await page.locator('.maplibregl-canvas').waitFor();
    await settle(page);
    expect(await overflowIn(page), 'activities map (en, phone)').toEqual([]);

    await page.getByRole('button', { name: 'اردو' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'ur' && document.documentElement.dir === 'rtl');
    await page.getByRole('heading', { level: 1, name: 'سرگرمیاں کہاں ہیں' }).waitFor();
    await eventually(() => colouredShare(page), 'provinces coloured (ur)').toBeGreaterThan(0.05);
    expect(await overflowIn(page), 'activities map (ur, phone)').toEqual([]);
    await expectNoSeriousAxeViolations(page, 'activities map (ur)');
    await page.goto('/activities/gaps');
    await page.getByRole('heading', { level: 1, name: 'خلا کا میٹرکس: مقامات کے لحاظ سے GCM مقاصد' }).waitFor();
    await page.locator('td[data-gap="true"]').first().waitFor();
    expect(await page.locator('td[data-gap="true"]').first().textContent()).toBe('خلا');
    await settle(page);
    expect(await overflowIn(page), 'gap matrix (ur, phone)').toEqual([]);
    await expectNoSeriousAxeViolations(page, 'gap matrix (ur)');

    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(errors).toEqual([]);
    await close();
  });
});
