import { it } from 'vitest';
import { launchBrowser, newPage, startServer } from '/work/main/e2e/support';
it('debug', async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  const { page, errors } = await newPage(browser, server);
  await page.goto('/login');
  await new Promise((r) => setTimeout(r, 5000));
  console.log('URL', page.url());
  console.log('HTML', (await page.content()).slice(0, 1500));
  console.log('ERRORS', errors);
  console.log('OUT', server.output().slice(0, 3000));
  await browser.close();
  await server.stop();
}, 120000);
