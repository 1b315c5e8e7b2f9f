/**
 * Places: the provinces the Pakistan network ships with, on a map drawn from the database, and a
 * boundary import by the secretariat: preview first (nothing changes), then the import.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousAxeViolations, launchBrowser, newPage, settle, signIn, useEnglish, startServer, type TestServer } from './support';

const ADMIN = 'admin@demo.hamsafar.pk';

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

/** Small square districts around cities, inside their provinces. */
function districtsFile(): Buffer {
  const cities: Array<[string, string, number, number]> = [
    ['PK0601', 'Lahore', 74.34, 31.55],
    ['PK0801', 'Karachi', 67.05, 24.95],
    ['PK0201', 'Quetta', 67.0, 30.18],
  ];
  const features = cities.map(([code, name, x, y]) => ({
    type: 'Feature',
    properties: { ADM2_PCODE: code, ADM2_EN: name },
    geometry: { type: 'Polygon', coordinates: [[[x - 0.1, y - 0.1], [x + 0.1, y - 0.1], [x + 0.1, y + 0.1], [x - 0.1, y + 0.1], [x - 0.1, y - 0.1]]] },
  }));
  return Buffer.from(JSON.stringify({ type: 'FeatureCollection', features }));
}

describe('administrative boundaries', () => {
  it('shows the shipped provinces on a map with the display-only notice, previews a district file, then imports it', async () => {
    const { page, errors, close } = await newPage(browser, server);
    await signIn(page, ADMIN);
    await useEnglish(page);
    await page.goto('/places/boundaries');
    await page.getByRole('heading', { level: 1, name: 'Administrative boundaries' }).waitFor();
    await page.getByText('For display only').waitFor();
    await page.getByRole('cell', { name: 'Punjab', exact: true }).waitFor();
    await page.getByRole('cell', { name: 'PK-PB' }).first().waitFor();
    await page.locator('.maplibregl-canvas').waitFor();
    await expectNoSeriousAxeViolations(page, 'boundaries (en)');

    await page.locator('input[type="file"]').setInputFiles({ name: 'districts.geojson', mimeType: 'application/geo+json', buffer: districtsFile() });
    // The property fields offer the names found in the file.
    for (const [label, value] of [['Code property', 'ADM2_PCODE'], ['English name property', 'ADM2_EN']]) {
      await page.getByRole('textbox', { name: label, exact: true }).fill(value);
      await page.keyboard.press('Escape');
    }
    await page.getByRole('textbox', { name: 'Gazetteer', exact: true }).fill('OCHA COD-AB');
    await page.getByRole('textbox', { name: 'Version', exact: true }).fill('e2e');
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    await page.getByRole('heading', { name: 'Preview: Districts' }).waitFor();
    expect(await page.getByRole('row', { name: /New units/ }).innerText()).toContain('3');
    await page.getByText('Nothing has changed yet.').waitFor();
    await expectNoSeriousAxeViolations(page, 'boundary import preview (en)');

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Boundaries imported: 3 units new or changed.').waitFor();
    await page.locator('.mantine-SegmentedControl-label', { hasText: 'Districts' }).click();
    await page.getByRole('cell', { name: 'Lahore', exact: true }).waitFor();
    const lahore = page.getByRole('row', { name: /Lahore/ });
    expect(await lahore.innerText()).toContain('Punjab');

    await page.getByRole('button', { name: 'اردو' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'ur');
    await page.getByRole('heading', { level: 1, name: 'انتظامی حدود' }).waitFor();
    await settle(page);
    await expectNoSeriousAxeViolations(page, 'boundaries (ur)');
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(errors).toEqual([]);
    await close();
  });
});
