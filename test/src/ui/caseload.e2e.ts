/// <reference lib="dom" />
/**
 * The caseload (asiakaslista, issue 17 item 1) in a real browser at 375 and 1280 px: an HB
 * adviser opens it, reads the counts at the top, sorts by waiting charges (the client with the
 * most comes first), orders and filters by plans waiting for acceptance (the client whose plan
 * was sent comes first), sees a charge recorded meanwhile arrive live in the row, and opens the
 * client. Charges count as waiting at once here (CASELOAD_WAITING_DAYS=0). WCAG 2.1 AA checked.
 */
import type { Browser } from 'playwright-core';
import { DEMO } from '@hb/kit';
import {
  makeWorldClient,
  recordCharge,
  startTestPlatform,
  tokens,
  type TestPlatform,
  type WorldClient,
} from '../testkit';
import { checkPage, launchBrowser, newPage, signIn } from './browser';

let platform: TestPlatform;
let browser: Browser;
let base: string;
let world: WorldClient;

beforeAll(async () => {
  platform = await startTestPlatform({ env: { CASELOAD_WAITING_DAYS: '0' } });
  base = platform.gatewayUrl.replace(/\/graphql$/, '/');
  browser = await launchBrowser();
  const adviser = await tokens(platform).adviser();
  world = await makeWorldClient(platform, adviser);
  const provider = await tokens(platform).provider(DEMO.providerId);
  // Three pending charges in all (the world's own and two more): more than Essi's one.
  for (const amount of ['12.00', '13.00'])
    await recordCharge(platform, provider, {
      budgetId: world.budget.id,
      providerId: DEMO.providerId,
      commitmentId: world.commitment.id,
      amount,
    });
  // Her plan is sent to her: it waits for her acceptance.
  const sent = await platform.gql<{ sendPlan: { errors: unknown[] } }>(
    `mutation($id: ID!) { sendPlan(planId: $id) { errors { code } } }`,
    { id: world.plan.id },
    { token: adviser },
  );
  expect(sent.data?.sendPlan.errors).toEqual([]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
}, 60_000);

afterEach(() => {
  if (expect.getState().assertionCalls !== expect.getState().numPassingAsserts) {
    console.log(platform.logs.slice(-60).join('\n'));
  }
});

describe.each([
  { name: 'phone', width: 375, height: 667 },
  { name: 'desktop', width: 1280, height: 800 },
])('the caseload at $width px', (size) => {
  it('sorts by waiting charges, updates live and opens a client', async () => {
    const { context, page, problems } = await newPage(browser);
    await page.setViewportSize({ width: size.width, height: size.height });
    // The caseload is where an adviser's day starts: she lands on it after signing in.
    await signIn(page, base, 'Neuvoja – HB-keskus (Pirkanmaa)', 'Asiakaslista');
    expect(page.url()).toBe(`${base}caseload`);
    // Essi and the world client wait for confirmation: a plural count at the top.
    const waiting = page.locator('[data-count="waiting"]');
    await waiting.waitFor();
    expect(await waiting.textContent()).toMatch(/^\d+ asiakasta odottaa vahvistusta$/);

    const order = page.getByLabel('Järjestys');
    await order.selectOption({ label: 'Käyttö jäljessä vuodesta' });
    await order.selectOption({ label: 'Odottavat veloitukset' });
    const rows = page.locator('table.caseload tbody tr');
    await page.locator(`tr[data-client="${world.id}"]`).waitFor();
    await page.waitForFunction(
      (id) => document.querySelector('table.caseload tbody tr')?.getAttribute('data-client') === id,
      world.id,
    );
    const figures = await rows.locator('[data-figure="waiting"]').allTextContents();
    const numbers = figures.map(Number);
    expect(numbers[0]).toBe(3);
    expect([...numbers].sort((a, b) => b - a)).toEqual(numbers);
    const essi = page.locator(`tr[data-client="${DEMO.essiClientId}"] [data-figure="waiting"]`);
    const essiBefore = Number(await essi.textContent());
    expect(essiBefore).toBeGreaterThanOrEqual(1);
    await checkPage(page, `caseload-${size.name}`);

    // Ordered and filtered by plans waiting for acceptance (on the server, over the whole list):
    // the world client's sent plan puts her first, and the filter keeps only such clients.
    await order.selectOption({ label: 'Hyväksyntää tai korjausta odottavat suunnitelmat' });
    await page.waitForFunction(
      (id) => document.querySelector('table.caseload tbody tr')?.getAttribute('data-client') === id,
      world.id,
    );
    await page.getByLabel('Vain ne, joiden suunnitelma odottaa hyväksyntää tai korjausta').check();
    await page.waitForFunction(() => {
      const cells = Array.from(document.querySelectorAll('table.caseload [data-figure="plan"]'));
      return cells.length > 0 && cells.every((c) => c.textContent === 'odottaa hyväksyntää');
    });
    await page.locator(`tr[data-client="${world.id}"]`).waitFor();
    await page
      .getByLabel('Vain ne, joiden suunnitelma odottaa hyväksyntää tai korjausta')
      .uncheck();
    await order.selectOption({ label: 'Odottavat veloitukset' });
    await page.waitForFunction(
      (id) => document.querySelector('table.caseload tbody tr')?.getAttribute('data-client') === id,
      world.id,
    );

    // A charge for Essi arrives while the page is open: her row follows live.
    const provider = await tokens(platform).provider(DEMO.providerId);
    const [essiBudget] = (
      await platform.gql<{
        client: { budgets: Array<{ id: string; commitments: Array<{ id: string }> }> };
      }>(
        `query($id: ID!) { client(id: $id) { budgets { id commitments { id } } } }`,
        { id: DEMO.essiClientId },
        { token: await tokens(platform).adviser() },
      )
    ).data!.client.budgets;
    await recordCharge(platform, provider, {
      budgetId: essiBudget!.id,
      providerId: DEMO.providerId,
      commitmentId: essiBudget!.commitments[0]!.id,
      amount: '1.00',
    });
    await page.waitForFunction(
      ({ id, n }) =>
        Number(
          document.querySelector(`tr[data-client="${id}"] [data-figure="waiting"]`)?.textContent,
        ) === n,
      { id: DEMO.essiClientId, n: essiBefore + 1 },
      { timeout: 30_000 },
    );

    await page.locator(`tr[data-client="${world.id}"] a`).click();
    await page
      .getByRole('heading', { level: 1, name: `${world.firstName} ${world.lastName}` })
      .waitFor();
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);
});
