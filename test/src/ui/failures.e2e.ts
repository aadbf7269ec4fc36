/// <reference lib="dom" />
/**
 * Honest failures (issue 17 item 6) in a real browser at 375 and 1280 px: when the budgets
 * subgraph is down, Essi's page says that her budget failed to load (not that the part is
 * "not available"), shows the request id for support, and a retry brings the budget back once
 * the subgraph is up again. The rest of her page stays (a failing part does not make the client
 * "not found"). axe-core checks the failed state too.
 */
import type { Browser } from 'playwright-core';
import { DEMO } from '@hb/kit';
import { startTestPlatform, type TestPlatform } from '../testkit';
import { checkPage, launchBrowser, newPage, signIn } from './browser';

let platform: TestPlatform;
let browser: Browser;
let base: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  base = platform.gatewayUrl.replace(/\/graphql$/, '/');
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
}, 60_000);

afterEach(() => {
  if (expect.getState().assertionCalls !== expect.getState().numPassingAsserts) {
    console.log(platform.logs.slice(-60).join('\n'));
  }
});

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

describe.each([
  { name: 'phone', width: 375, height: 667 },
  { name: 'desktop', width: 1280, height: 800 },
])('a failing part at $width px', (size) => {
  it('says it failed, with the request id and a retry that works', async () => {
    const { context, page } = await newPage(browser);
    await page.setViewportSize({ width: size.width, height: size.height });
    await signIn(page, base, 'Neuvoja – HB-keskus (Pirkanmaa)', 'Asiakaslista');

    const budgets = platform.services.find((s) => s.name === 'budgets')!;
    const exited = new Promise((r) => budgets.child.once('exit', r));
    budgets.child.kill('SIGKILL');
    await exited;
    try {
      await page.goto(`${base}clients/${DEMO.essiClientId}`);
      const section = page.locator('section[aria-labelledby="budget-heading"]');
      const failure = section.locator('.failed-part');
      await failure.waitFor({ timeout: 30_000 }).catch(async (err: unknown) => {
        console.log(await page.locator('main').innerText());
        throw err;
      });
      const text = (await failure.textContent()) ?? '';
      expect(text).toContain('Tietojen haku epäonnistui');
      expect(text).toContain('Tunniste tukea varten');
      expect(text).toMatch(UUID);
      expect(text).not.toContain('käytettävissä');
      // The rest of her page is still there.
      await page.getByRole('heading', { level: 1, name: /Essi/ }).waitFor();
      await checkPage(page, `failures-budget-down-${size.name}`);
    } finally {
      await platform.restart('budgets');
    }
    await page
      .locator('section[aria-labelledby="budget-heading"] .failed-part')
      .getByRole('button', { name: 'Yritä uudelleen' })
      .click();
    await page.locator('section[aria-labelledby="budget-heading"] article.budget').first().waitFor({
      timeout: 30_000,
    });
    expect(await page.locator('.failed-part').count()).toBe(0);
    await context.close();
  }, 180_000);
});
