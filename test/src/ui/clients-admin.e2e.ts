/// <reference lib="dom" />
/**
 * Clients in the admin UI (issue 17 item 2) in a real browser against the real platform, at 375
 * and 1280 px: an HB adviser creates a client and lands on her page, assigns her own worker and
 * adviser, moves the process phase, and reads the phase history with who moved it. No WCAG 2.1
 * AA violation; no GraphQL error reaches the browser.
 */
import type { Browser } from 'playwright-core';
import { DEMO } from '@hb/kit';
import {
  makeWorldClient,
  recordCharge,
  startTestPlatform,
  tokens,
  type TestPlatform,
} from '../testkit';
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

const VIEWPORTS = [
  { name: 'phone', width: 375, height: 667 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;

describe.each(VIEWPORTS)('an adviser creates a client at $width px', (size) => {
  it('creates her, assigns her staff, moves her phase and reads who moved it', async () => {
    const { page, problems, context } = await newPage(browser);
    await signIn(page, base, 'Neuvoja – HB-keskus (Pirkanmaa)', 'Asiakaslista');
    await page.setViewportSize(size);
    await page.goto(`${base}clients`);
    await page.getByRole('button', { name: 'Uusi asiakas' }).click();
    const form = page.getByRole('region', { name: 'Uusi asiakas' });
    // A missing name is refused with the field named, and nothing is created.
    await form.getByRole('button', { name: 'Luo asiakas' }).click();
    await form.getByRole('alert').waitFor();
    await form.locator('.error-text').first().waitFor();
    expect(page.url()).toBe(`${base}clients`);
    const lastName = `Uusinen${size.width}`;
    await form.getByLabel('Etunimi').fill('Ulla');
    await form.getByLabel('Sukunimi').fill(lastName);
    await form.getByLabel('Syntymäaika').fill('1991-04-12');
    await form.getByLabel('Kunta').selectOption('837');
    await checkPage(page, `clients-create-${size.name}`);
    await form.getByRole('button', { name: 'Luo asiakas' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`Ulla ${lastName}`) }).waitFor();

    const staff = page.getByRole('region', { name: 'Työntekijät ja vaiheiden historia' });
    await staff.getByText('1. Toiveet ja tarpeet').first().waitFor();
    const worker = staff.getByLabel('Omatyöntekijä');
    await worker.locator('option').nth(1).waitFor({ state: 'attached' });
    await worker.selectOption({ index: 1 });
    const workerName = (await worker.locator('option:checked').textContent())!;
    await staff.getByRole('button', { name: 'Tallenna työntekijät' }).click();
    await staff.getByText('Tallennettu').first().waitFor();
    const details = page.getByRole('region', { name: 'Henkilötiedot' });
    await details.getByText(workerName).waitFor();

    // Moving the phase shows in the history with who moved it.
    const phase = page.getByRole('region', { name: 'Prosessin vaihe' });
    await phase.getByLabel('Vaihda vaihe').selectOption('ASSESSMENT');
    await phase.getByRole('button', { name: 'Tallenna' }).click();
    const history = staff.getByRole('listitem');
    await staff
      .getByText(/2\. Palvelutarpeen arviointi \(aiemmin 1\. Toiveet ja tarpeet\)/)
      .waitFor();
    expect(await history.count()).toBe(2);
    await checkPage(page, `clients-history-${size.name}`);
    expect(problems).toEqual([]);
    await context.close();
  }, 240_000);

  it('pages through the whole ledger, not only its first 30 rows', async () => {
    const adviser = await tokens(platform).adviser();
    const w = await makeWorldClient(platform, adviser);
    const provider = await tokens(platform).provider(DEMO.providerId);
    for (let i = 0; i < 31; i++)
      await recordCharge(platform, provider, {
        budgetId: w.budget.id,
        providerId: DEMO.providerId,
        amount: '1.00',
      });
    const { page, problems, context } = await newPage(browser);
    await signIn(page, base, 'Neuvoja – HB-keskus (Pirkanmaa)', 'Asiakaslista');
    await page.setViewportSize(size);
    await page.goto(`${base}clients/${w.id}`);
    const ledger = page.locator('table.ledger tbody tr');
    await ledger.nth(29).waitFor();
    expect(await ledger.count()).toBe(30);
    const more = page.getByRole('button', { name: /Näytä lisää tapahtumia \(30\/\d+\)/ });
    const total = Number(/\/(\d+)\)/.exec((await more.textContent())!)![1]);
    expect(total).toBeGreaterThan(32);
    await more.click();
    await ledger.nth(total - 1).waitFor();
    expect(await ledger.count()).toBe(total);
    await page
      .getByRole('button', { name: /Näytä lisää tapahtumia/ })
      .waitFor({ state: 'detached' });
    expect(problems).toEqual([]);
    await context.close();
  }, 240_000);
});
