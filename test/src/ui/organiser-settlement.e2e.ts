/// <reference lib="dom" />
/**
 * Settlement of the whole organiser in the admin UI (issue 18 item 3), in a real browser against
 * the real platform with the local OpenID provider: Jaana, acting for Pirkanmaan
 * hyvinvointialue, finds '<organiser> – koko alue' chosen, settles a provider's new Nokia charge
 * in a batch of the organiser (HB-pirkanmaa-…) and downloads its bank file, a pain.001 valid
 * against the ISO 20022 schema; at 375x667 and 1280x800. axe-core checks WCAG 2.1 AA. (The dev
 * sign-in's 'Järjestäjä – Tampere' acts for Tampere only; settlement.e2e.ts tests it.)
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { validateXML } from 'xmllint-wasm';
import { DEMO } from '@hb/kit';
import {
  createClient,
  decideBudget,
  issueCommitment,
  recordCharge,
  startTestPlatform,
  tokens,
  type TestPlatform,
} from '../testkit';
import { checkPage, launchBrowser, newPage } from './browser';

let platform: TestPlatform;
let browser: Browser;
let base: string;
const XSD = path.resolve(__dirname, '../../../../shared/standards/pain.001.001.03.xsd');

beforeAll(async () => {
  platform = await startTestPlatform({ localIdentityProvider: true });
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

/** Jaana, organiser staff of Pirkanmaan hyvinvointialue, through the local OpenID provider. */
async function signInAsJaana(page: Page) {
  await page.goto(`${base}settlements`);
  await page.getByRole('main').getByRole('link', { name: 'Kirjaudu' }).click();
  await page.getByRole('button', { name: 'Jatka tunnistautumaan' }).click();
  await page.getByRole('heading', { level: 1, name: 'Kirjaudu HB-keskukseen' }).waitFor();
  await page.getByLabel('Käyttäjätunnus').fill('jaana');
  await page.getByRole('button', { name: 'Jatka', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Tilitys ja maksuerät' }).waitFor();
}

/** A confirmed charge of the demo provider on a new Nokia client's budget, through the API. */
async function confirmedChargeInNokia() {
  const t = tokens(platform);
  const nokia = '536';
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(
    new Date(),
  );
  const worker = await t.worker(nokia);
  const clientId = (
    await createClient(platform, await t.adviser(), { municipalityCode: nokia, firstName: 'Nelli' })
  ).id;
  const budget = await decideBudget(platform, worker, clientId, { municipalityCode: nokia });
  const commitment = await issueCommitment(platform, worker, {
    budgetId: budget.id,
    providerId: DEMO.providerId,
    amount: '100.00',
  });
  const charge = await recordCharge(platform, await t.provider(DEMO.providerId), {
    budgetId: budget.id,
    providerId: DEMO.providerId,
    commitmentId: commitment.id,
    amount: '12.34',
    serviceDate: today,
  });
  const confirmed = await platform.gql<{ confirmCharge: { errors: unknown[] } }>(
    `mutation($id: ID!) { confirmCharge(transactionId: $id) { errors { code } } }`,
    { id: charge.id },
    { token: await t.client(clientId) },
  );
  expect(confirmed.data?.confirmCharge.errors).toEqual([]);
}

describe.each([
  { width: 375, height: 667 },
  { width: 1280, height: 800 },
])('settlement of the whole area at $width px', (size) => {
  it('Jaana settles Pirkanmaan hyvinvointialue at once and downloads its bank file', async () => {
    await confirmedChargeInNokia();
    const { context, page, problems } = await newPage(browser);
    await page.setViewportSize(size);
    await signInAsJaana(page);
    const run = page.getByRole('form', { name: 'Tilitysajo' });
    const select = run.getByLabel('Kunta');
    // The whole area is the default choice; the municipalities are still there one by one.
    await select.locator('option', { hasText: 'Pirkanmaan hyvinvointialue' }).waitFor({
      state: 'attached',
    });
    expect(await select.locator('option:checked').textContent()).toBe(
      'Pirkanmaan hyvinvointialue – koko alue',
    );
    expect(await select.locator('option').count()).toBe(1 + DEMO.pirkanmaa.length);
    const rows = page.locator('table.payment-batches tbody tr');
    await page.getByRole('heading', { level: 2, name: 'Maksuerät' }).waitFor();
    await page.waitForLoadState('networkidle');
    const before = await rows.count();

    await run.getByRole('button', { name: 'Muodosta maksuerät' }).click();
    // The new Nokia charge, and whatever else of the area's charges was confirmed and unsettled.
    const status = page.locator('.settlement-status');
    await page.waitForFunction(() => !!document.querySelector('.settlement-status')?.textContent);
    expect(await status.textContent()).toMatch(/tilitetty \d+ maksuerään\.$/);
    await page.waitForFunction(
      (n) => document.querySelectorAll('table.payment-batches tbody tr').length > n,
      before,
    );
    const table = page.getByRole('table', { name: 'Maksuerät' });
    // One batch for the demo provider, listed among the organiser's batches, newest first.
    const newest = table
      .locator('tbody tr', { has: page.getByRole('cell', { name: 'Ohjauspalvelu Kipinä Oy' }) })
      .first();
    const reference = ((await newest.getByRole('rowheader').textContent()) ?? '').trim();
    expect(reference).toMatch(/^HB-pirkanmaa-\d{6}$/);
    await checkPage(page, `organiser-settlement-${size.width}`);

    const [bankFile] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('button', { name: `Lataa maksuerän ${reference} maksuaineisto (pain.001)` })
        .click(),
    ]);
    const xml = fs.readFileSync((await bankFile.path())!, 'utf8');
    const check = await validateXML({
      xml: [{ fileName: 'batch.xml', contents: xml }],
      schema: [{ fileName: 'pain.001.001.03.xsd', contents: fs.readFileSync(XSD, 'utf8') }],
    });
    expect(check.errors).toEqual([]);
    expect(xml).toContain(`<MsgId>${reference}</MsgId>`);
    expect(xml).toContain('<Ustrd>');
    await newest.getByText('siirretty pankkiin').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
