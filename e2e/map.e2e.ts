/**
 * The journey map draws the countries: MapLibre's worker is part of the build and is served as a
 * script (a missing worker once got the HTML page and the map stayed an empty sea).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, launchBrowser, newPage, settle, signIn, startServer, useEnglish, type TestServer } from './support';

const SUPERVISOR = 'supervisor@demo.hamsafar.pk';

/** The colours JourneyMap paints a country in, and a country the journey passed through. */
const LAND = [0xf5, 0xf3, 0xee];
const VISITED = [0xf3, 0xd9, 0xa4];

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

interface PixelShares {
  land: number;
  visited: number;
}

/** Shares of the map's pixels in each colour, read from a screenshot of the map (WebGL buffers are not readable after drawing). */
async function pixelShares(page: Page): Promise<PixelShares> {
  const png = await page.locator('.maplibregl-canvas').screenshot();
  return page.evaluate(
    async ({ base64, colours }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
      const counts = { land: 0, visited: 0 };
      const near = (i: number, [r, g, b]: number[]) => Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) <= 12;
      for (let i = 0; i < data.length; i += 4) {
        if (near(i, colours.land)) counts.land++;
        else if (near(i, colours.visited)) counts.visited++;
      }
      const total = data.length / 4;
      return { land: counts.land / total, visited: counts.visited / total };
    },
    { base64: png.toString('base64'), colours: { land: LAND, visited: VISITED } },
  );
}

describe('journey map', () => {
  it("draws the countries of a demo case's journey, with its worker served as a script", async () => {
    const { page, errors, close } = await newPage(browser, server);
    const workerAnswers: Array<{ status: number; type: string }> = [];
    page.on('response', (response) => {
      // The worker script; the CSS that the journey and boundary maps share is a chunk that may carry the same name.
      if (/maplibre-gl-worker[^/]*\.m?js(\?|$)/.test(response.url())) workerAnswers.push({ status: response.status(), type: response.headers()['content-type'] ?? '' });
    });
    await signIn(page, SUPERVISOR);
    await useEnglish(page);
    const caseId = await page.evaluate(async () => {
      const answer = (await (await fetch('/api/v1/protection/cases?limit=1')).json()) as { items: Array<{ id: string }> };
      return answer.items[0].id;
    });
    await page.goto(`/protection/cases/${caseId}`);
    await settle(page);
    await page.getByRole('tab', { name: 'Journey', exact: true }).click();
    await page.locator('.maplibregl-canvas').waitFor();

    // Without its worker MapLibre draws the background (the sea) only: countries need the worker.
    await eventually(async () => {
      const shares = await pixelShares(page);
      return shares.land + shares.visited > 0.05 && shares.visited > 0.001;
    }, 'the map shows countries, those of the journey highlighted').toBe(true);
    expect(workerAnswers.length).toBeGreaterThan(0);
    for (const answer of workerAnswers) {
      expect(answer.status).toBe(200);
      expect(answer.type).toMatch(/javascript/);
    }
    expect(errors).toEqual([]);
    await close();
  });
});
