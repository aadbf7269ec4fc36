/// <reference lib="dom" />
/**
 * Settlement in the admin UI, in a real browser against the real platform: organiser staff of
 * Tampere see the demo payment batch, run a settlement that takes Essi's newly confirmed charge
 * (and, run again, nothing), download a batch's bank file (valid pain.001) and CSV, and mark
 * it paid; the provider sees its charges paid and registers its bank account. Staff of other
 * roles have no settlement page. axe-core checks WCAG 2.1 AA.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { validateXML } from 'xmllint-wasm';
import { DEMO } from '@hb/kit';
import { startTestPlatform, tokens, type TestPlatform } from '../testkit';
import { checkPage, launchBrowser, newPage, signIn } from './browser';

let platform: TestPlatform;
let browser: Browser;
let base: string;
const ORGANISER = 'Järjestäjä – Tampere';
const ADVISER = 'Neuvoja – HB-keskus (Pirkanmaa)';
const PROVIDER = 'Palveluntuottaja';
const XSD = path.resolve(__dirname, '../../../../shared/standards/pain.001.001.03.xsd');

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

/** Essi confirms her pending demo charge, so there is something new to settle. */
async function essiConfirmsHerPendingCharge() {
  const essi = await tokens(platform).client(DEMO.essiClientId);
  const res = await platform.gql<{
    client: {
      budgets: Array<{ transactions: { edges: Array<{ node: { id: string; status: string } }> } }>;
    };
  }>(
    `query($id: ID!) { client(id: $id) { budgets { transactions(first: 50) { edges { node { id status } } } } } }`,
    { id: DEMO.essiClientId },
    { token: essi },
  );
  const pending = res
    .data!.client.budgets.flatMap((b) => b.transactions.edges.map((e) => e.node))
    .filter((n) => n.status === 'PENDING_CONFIRMATION');
  expect(pending).toHaveLength(1);
  const confirmed = await platform.gql<{ confirmCharge: { errors: unknown[] } }>(
    `mutation($id: ID!) { confirmCharge(transactionId: $id) { errors { code } } }`,
    { id: pending[0]!.id },
    { token: essi },
  );
  expect(confirmed.data?.confirmCharge.errors).toEqual([]);
}

describe('settlement in a browser', () => {
  it('organiser staff run a settlement, download the bank file and CSV, and mark a batch paid', async () => {
    await essiConfirmsHerPendingCharge();
    const { context, page, problems } = await newPage(browser);
    await signIn(page, base, ORGANISER, 'Hyväksyntäjono');
    await page.getByRole('link', { name: 'Maksuerät' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tilitys ja maksuerät' }).waitFor();
    const table = page.getByRole('table', { name: 'Maksuerät' });
    await table.waitFor();
    // The demo world's batch: Essi's confirmed charges to the demo provider.
    expect(await table.locator('tbody tr').count()).toBe(1);
    const demoRow = table.locator('tbody tr').first();
    await demoRow.getByRole('cell', { name: 'Ohjauspalvelu Kipinä Oy' }).waitFor();
    const demoReference = ((await demoRow.getByRole('rowheader').textContent()) ?? '').trim();
    expect(demoReference).toMatch(/^HB-837-\d{6}$/);
    await checkPage(page, '40-settlement');

    // The run takes Essi's newly confirmed charge; again, nothing.
    const run = page.getByRole('form', { name: 'Tilitysajo' });
    await run.getByRole('button', { name: 'Muodosta maksuerät' }).click();
    await page.getByText('1 veloitus tilitetty 1 maksuerään.').waitFor();
    await page.waitForFunction(
      () => document.querySelectorAll('table.payment-batches tbody tr').length === 2,
    );
    await run.getByRole('button', { name: 'Muodosta maksuerät' }).click();
    await page.getByText('Ei uusia tilitettäviä veloituksia; mitään ei muodostettu.').waitFor();

    // A bad date is a field error, and nothing is sent.
    await run.getByLabel('Hyväksytty asti (vvvv-kk-pp)').fill('31.12.');
    await run.getByRole('button', { name: 'Muodosta maksuerät' }).click();
    await run.getByText('Anna päivämäärä muodossa vvvv-kk-pp.').first().waitFor();
    await checkPage(page, '41-settlement-error');

    // The bank file: a valid pain.001 for the demo provider's IBAN; the batch is exported.
    const [bankFile] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('button', { name: `Lataa maksuerän ${demoReference} maksuaineisto (pain.001)` })
        .click(),
    ]);
    expect(bankFile.suggestedFilename()).toBe(`${demoReference}.pain001.xml`);
    const xml = fs.readFileSync((await bankFile.path())!, 'utf8');
    const check = await validateXML({
      xml: [{ fileName: 'batch.xml', contents: xml }],
      schema: [{ fileName: 'pain.001.001.03.xsd', contents: fs.readFileSync(XSD, 'utf8') }],
    });
    expect(check.errors).toEqual([]);
    expect(xml).toContain(`<MsgId>${demoReference}</MsgId>`);
    const row = table.locator('tr', { has: page.getByRole('rowheader', { name: demoReference }) });
    await row.getByText('siirretty pankkiin').waitFor();

    // The CSV for the finance system.
    const [csvFile] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: `Lataa maksuerä ${demoReference} CSV-tiedostona` }).click(),
    ]);
    expect(csvFile.suggestedFilename()).toBe(`${demoReference}.csv`);
    const csv = fs.readFileSync((await csvFile.path())!);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.subarray(3).toString('utf8').split('\r\n')[0]).toMatch(/^Maksuerä;Kunta;/);

    // Paid.
    await page
      .getByRole('button', { name: `Merkitse maksetuksi: maksuerä ${demoReference}` })
      .click();
    await page.getByText(`Maksuerä ${demoReference} merkitty maksetuksi.`).waitFor();
    await row.getByText(/^maksettu/).waitFor();
    expect(
      await page
        .getByRole('button', { name: `Lataa maksuerän ${demoReference} maksuaineisto (pain.001)` })
        .count(),
    ).toBe(0);
    await checkPage(page, '42-settlement-paid');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the provider sees its paid charges, and registers its bank account (a bad IBAN is refused)', async () => {
    const { context, page, problems } = await newPage(browser);
    await signIn(page, base, PROVIDER, 'Kirjaa veloitus');
    // The batch paid in the test above: its charges show it in the provider's own list, newest
    // first, 20 at a time. The Tampere cohort's charges (newer than Essi's, settled in the same
    // demo batch) fill the first page; Essi's show further down.
    const rows = page.locator('.my-charges tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(20);
    const shown = page.getByText(/^Näytetään \d+ \/ \d+ veloitusta, uusin ensin\.$/);
    const [, total] = /\/ (\d+)/.exec((await shown.textContent()) ?? '')!;
    expect(Number(total)).toBeGreaterThan(20);
    const more = page.getByRole('button', { name: 'Näytä lisää' });
    for (let n = 20; n < Number(total); n = Math.min(n + 20, Number(total))) {
      await more.click();
      await page.waitForFunction(
        (count) => document.querySelectorAll('.my-charges tbody tr').length === count,
        Math.min(n + 20, Number(total)),
      );
    }
    await page.getByText(`Näytetään ${total} / ${total} veloitusta, uusin ensin.`).waitFor();
    expect(await more.count()).toBe(0);
    const essi = rows.filter({ has: page.getByRole('cell', { name: 'Essi', exact: true }) });
    expect(await essi.filter({ hasText: /maksettu/ }).count()).toBe(4);
    expect(await essi.filter({ hasText: /tilitetty/ }).count()).toBe(1);
    // Every other charge of the demo provider was in the paid demo batch.
    expect(await rows.filter({ hasText: /maksettu/ }).count()).toBe(Number(total) - 1);
    expect(await rows.filter({ hasText: /tilitetty/ }).count()).toBe(1);

    await page.getByRole('link', { name: 'Pankkitili' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pankkitili' }).waitFor();
    const current = page.getByTestId('current-iban');
    await current.getByText(/^FI\d\d( \d{4}){3} \d\d/).waitFor();
    const before = (await current.textContent()) ?? '';
    const form = page.getByRole('form', { name: 'Ilmoita pankkitili' });
    await form.getByLabel('Tilinumero (IBAN)').fill('FI21 1234 5600 0007 86');
    await form.getByRole('button', { name: 'Tallenna tili' }).click();
    const iban = form.getByLabel('Tilinumero (IBAN)');
    await form.locator('input[aria-invalid="true"]').waitFor();
    expect(await iban.getAttribute('aria-invalid')).toBe('true');
    expect(await iban.inputValue()).toBe('FI21 1234 5600 0007 86');
    await page.reload();
    await page.getByTestId('current-iban').getByText(before).waitFor();
    await checkPage(page, '43-bank-account-error');

    await form.getByLabel('Tilinumero (IBAN)').fill('fi55 4234 5670 0000 81');
    await form.getByLabel('BIC (vapaaehtoinen)').fill('okoyfihh');
    await form.getByRole('button', { name: 'Tallenna tili' }).click();
    await page.getByText('Tili tallennettu: FI55 4234 5670 0000 81.').waitFor();
    await page.getByTestId('current-iban').getByText('FI55 4234 5670 0000 81 (OKOYFIHH)').waitFor();
    await checkPage(page, '44-bank-account');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('an HB adviser has no settlement page', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, base, ADVISER, 'Asiakaslista');
    expect(await page.getByRole('link', { name: 'Maksuerät' }).count()).toBe(0);
    await page.goto(`${base}settlements`);
    await page.waitForLoadState('networkidle');
    expect(
      await page.getByRole('heading', { level: 1, name: 'Tilitys ja maksuerät' }).count(),
    ).toBe(0);
    await context.close();
  });
});
