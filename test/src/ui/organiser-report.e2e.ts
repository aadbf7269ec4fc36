/// <reference lib="dom" />
/**
 * The wellbeing services county's report in a real browser at 375 and 1280 px (issue 18
 * item 3): organiser staff of Pirkanmaan hyvinvointialue sign in through the local OpenID
 * provider (their token names the organiser, not its municipalities) and see the county-wide
 * report under the organiser's name, broken down by its 23 municipalities with the county total,
 * then the detailed report of the municipality that has HB clients (Tampere) and no empty ones.
 * axe-core checks WCAG 2.1 AA.
 */
import type { Browser, Page } from 'playwright-core';
import { DEMO } from '@hb/kit';
import { startTestPlatform, type TestPlatform } from '../testkit';
import { checkPage, launchBrowser, newPage } from './browser';

let platform: TestPlatform;
let browser: Browser;
let base: string;
const thisYear = new Date().getFullYear();

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
async function signInAsJaana(page: Page, path: string, heading: string) {
  await page.goto(`${base}${path}`);
  await page.getByRole('main').getByRole('link', { name: 'Kirjaudu' }).click();
  await page.getByRole('button', { name: 'Jatka tunnistautumaan' }).click();
  await page.getByRole('heading', { level: 1, name: 'Kirjaudu HB-keskukseen' }).waitFor();
  await page.getByLabel('Käyttäjätunnus').fill('jaana');
  await page.getByRole('button', { name: 'Jatka', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

describe.each([
  { width: 375, height: 812 },
  { width: 1280, height: 900 },
])('the organiser’s report at $width px', (size) => {
  it('shows Pirkanmaan hyvinvointialue’s figures by municipality with the county total', async () => {
    const { context, page, problems } = await newPage(browser);
    await page.setViewportSize({ width: size.width, height: size.height });

    await signInAsJaana(page, 'reports', 'Raportit');

    const county = page.getByRole('region', { name: `Pirkanmaan hyvinvointialue ${thisYear}` });
    await county.waitFor();
    const table = county.getByRole('table', { name: 'Kunnittain' });
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(DEMO.pirkanmaa.length);
    const codes = await rows.evaluateAll((trs) =>
      trs.map((tr) => (tr as HTMLElement).dataset.municipality ?? ''),
    );
    expect(codes.sort()).toEqual([...DEMO.pirkanmaa].sort());
    const clientsOf = async (code: string) =>
      (
        (await table.locator(`tr[data-municipality="${code}"] td`).first().textContent()) ?? ''
      ).trim();
    expect(await table.locator('tr[data-municipality="837"] th').textContent()).toBe('Tampere');
    expect(await table.locator('tr[data-municipality="536"] th').textContent()).toBe('Nokia');

    // Tampere's figure is the one of its own detailed report; the county total counts it.
    const tampere = page.getByRole('region', { name: `Tampere (837) ${thisYear}` });
    const tampereClients = (
      (await tampere.locator('[data-report="hbClientCount"]').textContent()) ?? ''
    ).trim();
    expect(tampereClients).toMatch(/^\d+$/);
    expect(await clientsOf('837')).toBe(tampereClients);
    const total = table.locator('tfoot tr');
    expect(await total.locator('th').textContent()).toBe('Pirkanmaan hyvinvointialue yhteensä');
    const totalClients = ((await total.locator('td').first().textContent()) ?? '').trim();
    expect(Number(totalClients)).toBeGreaterThanOrEqual(Number(tampereClients));
    expect(
      ((await county.locator('[data-report="organiserClientCount"]').textContent()) ?? '').trim(),
    ).toBe(totalClients);

    // Beside each client group's cost, its goal attainment (from the plans subgraph).
    const groups = tampere.getByRole('table', {
      name: 'Kustannukset asiakasryhmittäin (HB-luokka)',
    });
    const attainment = (
      await groups.locator('[data-report="groupAttainment"]').allTextContents()
    ).map((c) => c.replace(/\s/g, ' ').trim());
    expect(attainment.length).toBeGreaterThan(0);
    for (const c of attainment) expect(c).toMatch(/^(\d+(,\d)? %|suojattu|–)$/);
    expect(attainment.some((c) => c.endsWith('%'))).toBe(true);

    // A municipality without HB clients has no detailed report of its own here.
    expect(await page.getByRole('region', { name: `Akaa (020) ${thisYear}` }).count()).toBe(0);

    await checkPage(page, `organiser-report-${size.width}`);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe.each([
  { width: 375, height: 812 },
  { width: 1280, height: 900 },
])('year end of the whole area at $width px', (size) => {
  it('closes last year in all of Pirkanmaan hyvinvointialue at once', async () => {
    const { context, page, problems } = await newPage(browser);
    await page.setViewportSize({ width: size.width, height: size.height });
    await signInAsJaana(page, 'year-end', 'Vuoden päättäminen');
    const lastYear = thisYear - 1;
    const select = page.getByLabel('Kunta');
    // The whole area is the default choice; the municipalities are still there one by one.
    await select.locator('option', { hasText: 'Pirkanmaan hyvinvointialue' }).waitFor({
      state: 'attached',
    });
    expect(await select.locator('option:checked').textContent()).toBe(
      'Pirkanmaan hyvinvointialue – koko alue',
    );
    expect(await select.locator('option').count()).toBe(1 + DEMO.pirkanmaa.length);
    await page.getByLabel('Vuosi').fill(String(lastYear));
    await page.getByText(`Vahvistan, että vuoden ${lastYear} avoimet budjetit suljetaan.`).click();
    await page.getByRole('button', { name: 'Päätä vuosi' }).click();
    await page
      .getByRole('heading', {
        level: 2,
        name: `Vuosi ${lastYear} päätetty: Pirkanmaan hyvinvointialue`,
      })
      .waitFor();
    expect(await page.getByTestId('closed-count').textContent()).toMatch(/^\d+$/);
    await checkPage(page, `organiser-year-end-${size.width}`);
    expect(problems).toEqual([]);
    await context.close();
  });
});
