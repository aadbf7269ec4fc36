/// <reference lib="dom" />
/**
 * The admin UI's plan allocations, organiser pages and the provider's charge form in a real
 * browser against the real platform: allocations with a running sum and a field error from the
 * API; the organiser's approval queue with history (by keyboard); the report with its CSV
 * download; year end refused before 31 December and run for last year with progress; and a
 * charge recorded by the provider in a second browser context updating the adviser's open page
 * without reload. axe-core checks WCAG 2.1 AA on every page.
 */
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { DEMO } from '@hb/kit';
import { startTestPlatform, type TestPlatform } from '../testkit';
import { checkPage, compact, launchBrowser, newPage, signIn } from './browser';

let platform: TestPlatform;
let browser: Browser;
let base: string;
const ADVISER = 'Neuvoja – HB-keskus (Pirkanmaa)';
const ORGANISER = 'Järjestäjä – Tampere';
const PROVIDER = 'Palveluntuottaja';
const thisYear = new Date().getFullYear();

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

describe('plan allocations, organiser staff and providers in a browser', () => {
  it("allocates Essi's budget with a running sum, a field error from the API and nothing lost", async () => {
    const { context, page, problems } = await newPage(browser);
    await signIn(page, base, ADVISER, 'Asiakaslista');
    await page.goto(`${base}clients/${DEMO.essiClientId}`);
    await page.getByRole('heading', { name: 'Toteutussuunnitelma' }).waitFor();
    await page.getByRole('button', { name: 'Muokkaa kohdennuksia' }).click();
    const form = page.getByRole('form', { name: 'Muokkaa budjetin jakautumista' });
    await form.waitFor();
    await form.getByRole('button', { name: 'Lisää kohdennus' }).click();
    const row = form.getByRole('group', { name: 'Kohdennus 1' });
    const budget = row.getByLabel('Budjetti');
    await budget.locator('option').nth(1).waitFor({ state: 'attached' });
    await budget.selectOption({ index: 1 });
    // Approved providers of the budget's service type (day activities) serving Tampere.
    const provider = row.getByLabel('Palveluntuottaja');
    await provider.locator('option').nth(1).waitFor({ state: 'attached' });
    await provider.selectOption({ index: 1 });
    const offering = row.getByLabel('Palvelu', { exact: true });
    await offering.locator('option').nth(1).waitFor({ state: 'attached' });
    await offering.selectOption({ index: 1 });

    // The running sum follows the typing, against the decided (granted) amount.
    const sum = form.getByTestId('allocation-sum').first();
    const amount = row.getByLabel('Summa (€)');
    await amount.pressSequentially('1000');
    await page.waitForFunction(() =>
      /^Jaettu1000,00€\/päätös\d+,\d\d€\.$/.test(
        document.querySelector('[data-testid="allocation-sum"]')?.textContent?.replace(/\s/g, '') ??
          '',
      ),
    );
    const granted = compact(await sum.textContent()).match(/päätös(\d+),(\d\d)€/)!;
    const grantedText = `${granted[1]},${granted[2]}€`;
    const over = String(Number(granted[1]) + 1000);
    await amount.fill(over);
    expect(compact(await sum.textContent())).toBe(`Jaettu${over},00€/päätös${grantedText}.`);
    await form.getByText(/Päätös ylittyy/).waitFor();
    await row.getByLabel('Kuvaus').fill('Päivätoiminta ja ohjaus');

    // The API refuses more than the decision: the error is shown next to the amount.
    await form.getByRole('button', { name: 'Tallenna kohdennukset' }).click();
    await row.locator('input[aria-invalid="true"]').waitFor();
    expect(await amount.getAttribute('aria-invalid')).toBe('true');
    const errorId = (await amount.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toBe(
      'Kohdennukset ylittävät budjetin päätöksen.',
    );
    // Nothing typed is lost.
    expect(await amount.inputValue()).toBe(over);
    expect(await row.getByLabel('Kuvaus').inputValue()).toBe('Päivätoiminta ja ohjaus');
    expect(await provider.inputValue()).not.toBe('');
    await checkPage(page, '20-allocations-error');

    await amount.fill('5000');
    expect(compact(await sum.textContent())).toBe(`Jaettu5000,00€/päätös${grantedText}.`);
    await form.getByRole('button', { name: 'Tallenna kohdennukset' }).click();
    await page.getByText(/Kohdennukset tallennettu \(versio 2\)/).waitFor();
    await page.getByRole('rowheader', { name: /Päivätoiminta ja ohjaus/ }).waitFor();
    await checkPage(page, '21-allocations-saved');

    // Essi accepts the new version; her adviser then issues its payment commitments.
    const plans = await platform.gql<{
      client: { plans: Array<{ id: string; status: string }> };
    }>(
      `query($id: ID!) { client(id: $id) { plans { id status } } }`,
      { id: DEMO.essiClientId },
      {
        token: await platform.token({
          sub: DEMO.adviserId,
          role: 'ADVISER',
          municipalities: [DEMO.tampere],
        }),
      },
    );
    const draft = plans.data!.client.plans.find((p) => p.status === 'DRAFT')!;
    const accepted = await platform.gql<{ acceptPlan: { errors: unknown[] } }>(
      `mutation($p: ID!) { acceptPlan(planId: $p) { errors { code } } }`,
      { p: draft.id },
      {
        token: await platform.token({
          sub: DEMO.essiClientId,
          role: 'CLIENT',
          clientId: DEMO.essiClientId,
        }),
      },
    );
    expect(accepted.data?.acceptPlan.errors).toEqual([]);
    await page.reload();
    await page.getByRole('button', { name: 'Anna maksusitoumukset suunnitelmasta' }).click();
    await page.getByText(/Suunnitelman mukaisia maksusitoumuksia voimassa: 1\./).waitFor();
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('table.commitments tbody tr')).some((row) =>
        (row.textContent ?? '').replace(/\s/g, '').includes('5000,00€'),
      ),
    );
    await checkPage(page, '21a-plan-commitments');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('lets organiser staff approve a pending provider by keyboard, with its history shown', async () => {
    const { context, page, problems } = await newPage(browser);
    await signIn(page, base, ORGANISER, 'Hyväksyntäjono');
    await page.getByText(/^\d+ hakemus(ta)? jonossa$/).waitFor();
    const card = page.getByRole('article', { name: 'Uusi Alku Hoivapalvelut Oy' });
    await card.waitFor();
    // The history: the application itself.
    const history = card.getByRole('table', { name: 'Hyväksyntähistoria' });
    await history.getByRole('cell', { name: 'uusi hakemus' }).waitFor();
    await history.getByRole('cell', { name: 'odottaa käsittelyä' }).waitFor();
    await checkPage(page, '22-approval-queue');

    const form = card.getByRole('form', { name: 'Päätös: Uusi Alku Hoivapalvelut Oy' });
    // A rejection needs a reason.
    await form.getByLabel('Päätös', { exact: true }).selectOption('REJECTED');
    await form.getByRole('button', { name: 'Tallenna päätös' }).click();
    await form.getByText('Kirjoita perustelu: se vaaditaan', { exact: false }).first().waitFor();
    expect(await form.locator('textarea').getAttribute('aria-invalid')).toBe('true');
    await checkPage(page, '23-approval-reason-required');

    // Approve by keyboard only: choose in the select, Tab to the reason and to the button.
    await form.getByLabel('Päätös', { exact: true }).focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    expect(await form.getByLabel('Päätös', { exact: true }).inputValue()).toBe('APPROVED');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Tallenna päätös');
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: 'Päätös tallennettu – Uusi Alku Hoivapalvelut Oy: hyväksytty.' })
      .waitFor();
    await card.waitFor({ state: 'detached' });

    // The decision is in the provider's history, for the organiser.
    const token = await platform.token({
      sub: DEMO.organiserId,
      role: 'ORGANISER',
      municipalities: [DEMO.tampere],
    });
    const res = await platform.gql<{
      providers: {
        edges: Array<{
          node: {
            name: string;
            approvalStatus: string;
            approvalHistory: Array<{ toStatus: string }>;
          };
        }>;
      };
    }>(
      `{ providers(search: { includeUnapproved: true, text: "Uusi Alku" }, first: 5) {
        edges { node { name approvalStatus approvalHistory { toStatus } } } } }`,
      {},
      { token },
    );
    const approved = res.data!.providers.edges.find(
      (e) => e.node.name === 'Uusi Alku Hoivapalvelut Oy',
    );
    expect(approved?.node.approvalStatus).toBe('APPROVED');
    expect(approved?.node.approvalHistory.map((h) => h.toStatus)).toEqual(['PENDING', 'APPROVED']);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the organiser report with suppressed small groups and downloads a CSV table', async () => {
    const { context, page, problems } = await newPage(browser);
    await signIn(page, base, ORGANISER, 'Hyväksyntäjono');
    await page.getByRole('link', { name: 'Raportit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Raportit' }).waitFor();
    const report = page.getByRole('region', { name: `Tampere (837) ${thisYear}` });
    await report.waitFor();
    const figure = async (name: string) =>
      ((await report.locator(`[data-report="${name}"]`).textContent()) ?? '').trim();
    expect(await figure('hbClientCount')).toMatch(/^(\d+|suojattu)$/);
    expect(await figure('clientCount')).toMatch(/^(\d+|suojattu)$/);
    expect(await figure('totalSpent')).toMatch(/^(suojattu|[\d\s\u00a0]+,\d\d\s€)$/);
    await report.getByRole('rowheader', { name: 'Yhteensä' }).waitFor();
    await report.getByRole('heading', { name: 'Palveluntuottajan vaihdot' }).waitFor();
    await report.getByRole('heading', { name: 'Tavoitteet' }).waitFor();
    await checkPage(page, '24-reports-fi');

    // The CSV export needs the token: downloaded through fetch and a Blob.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      report.getByRole('button', { name: 'CSV: kustannukset' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`report-837-${thisYear}-costs.csv`);
    const csv = fs.readFileSync((await download.path())!);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.subarray(3).toString('utf8').split('\r\n')[0]).toBe(
      '"Palvelu";"Palvelun nimi";"Asiakkaita";"Budjetteja";"Myönnetty (€)";"Maksettu (€)";"Käytetty (€)";"Odottaa hyväksyntää (€)";"Rauennut (€)"',
    );
    await report.getByText(`Ladattu: report-837-${thisYear}-costs.csv`).waitFor();

    // Swedish and English: suppressed figures read "skyddad" / "protected" (not "fewer than 5":
    // a figure hidden to protect another may be about more clients).
    await page.getByRole('button', { name: 'Svenska' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rapporter' }).waitFor();
    await checkPage(page, '25-reports-sv');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    expect(await figure('hbClientCount')).toMatch(/^(\d+|protected)$/);
    await checkPage(page, '26-reports-en');
    await page.getByRole('button', { name: 'Suomi', exact: true }).click();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('refuses year end before 31 December and closes last year with progress shown', async () => {
    const { context, page, problems } = await newPage(browser);
    await signIn(page, base, ORGANISER, 'Hyväksyntäjono');
    await page.getByRole('link', { name: 'Vuoden päättäminen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Vuoden päättäminen' }).waitFor();
    // Hold the mutation for a moment so that the progress indicator can be seen.
    await page.route('**/graphql', async (route) => {
      if ((route.request().postData() ?? '').includes('CloseYear'))
        await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    const year = page.getByLabel('Vuosi');
    const submit = page.getByRole('button', { name: 'Päätä vuosi' });

    // Without the confirmation nothing is sent.
    await submit.click();
    await page.getByText('Vahvista ensin, että budjetit suljetaan.').first().waitFor();

    const today = new Date();
    if (!(today.getMonth() === 11 && today.getDate() === 31)) {
      await year.fill(String(thisYear));
      await page
        .getByLabel(`Vahvistan, että vuoden ${thisYear} avoimet budjetit suljetaan.`)
        .check();
      await submit.click();
      await page.locator('progress').waitFor();
      await page.getByText(`Suljetaan vuoden ${thisYear} budjetteja…`).first().waitFor();
      await page
        .getByText(`Vuotta ${thisYear} ei voi vielä päättää`, { exact: false })
        .first()
        .waitFor();
      expect(await year.getAttribute('aria-invalid')).toBe('true');
      await checkPage(page, '27-year-end-refused');
    }

    await year.fill(String(thisYear - 1));
    await page
      .getByLabel(`Vahvistan, että vuoden ${thisYear - 1} avoimet budjetit suljetaan.`)
      .check();
    await submit.click();
    await page.locator('progress').waitFor();
    const result = page.getByRole('heading', { name: `Vuosi ${thisYear - 1} päätetty: Tampere` });
    await result.waitFor();
    expect(await page.getByTestId('closed-count').textContent()).toMatch(/^\d+$/);
    expect(compact(await page.getByTestId('lapsed').textContent())).toMatch(/^[\d]+,\d\d€$/);
    expect(await page.locator('progress').count()).toBe(0);
    await checkPage(page, '28-year-end-done');
    expect(problems).toEqual([]);
    await context.close();
  });

  it("updates the adviser's open page live when the provider records a charge in a second browser context", async () => {
    const adviser = await newPage(browser);
    await signIn(adviser.page, base, ADVISER, 'Asiakaslista');
    await adviser.page.goto(`${base}clients/${DEMO.essiClientId}`);
    const remaining = adviser.page.locator('[data-figure="remaining"]').first();
    await remaining.waitFor();
    await adviser.page.locator('.live-badge').waitFor();
    const before = (await remaining.textContent()) ?? '';
    const budgetId = (
      (await adviser.page.getByTestId('budget-id').first().textContent()) ?? ''
    ).trim();
    expect(budgetId).toMatch(/^[0-9a-f-]{36}$/);

    const provider = await newPage(browser);
    await signIn(provider.page, base, PROVIDER, 'Kirjaa veloitus');
    await checkPage(provider.page, '29-provider-charge');
    const form = provider.page.getByRole('form', { name: 'Kirjaa veloitus' });
    // The provider picks Essi's payment commitment from its list: no id is typed.
    const essiCommitment = await form
      .locator('option', { hasText: 'Essi' })
      .first()
      .getAttribute('value');
    expect(essiCommitment).toMatch(/^[0-9a-f-]{36}$/);
    await form.getByLabel('Maksusitoumus').selectOption(essiCommitment!);
    // A malformed amount is named at its field; what was typed stays.
    await form.getByLabel('Summa (€)').fill('sata');
    await form.getByLabel('Kuvaus').fill('Selaintesti, toinen konteksti');
    await form.getByRole('button', { name: 'Kirjaa veloitus' }).click();
    await form.getByText('Kirjoita summa euroina, esim. 160,00.').first().waitFor();
    expect(await form.getByLabel('Maksusitoumus').inputValue()).toBe(essiCommitment);
    await form.getByLabel('Summa (€)').fill('160,00');
    await adviser.page.waitForTimeout(300);
    await form.getByRole('button', { name: 'Kirjaa veloitus' }).click();
    await provider.page.getByText(/Veloitus kirjattu: 160,00\s€/).waitFor();

    // The first context's remaining amount changes without a reload.
    await adviser.page.waitForFunction(
      (text) => document.querySelector('[data-figure="remaining"]')?.textContent !== text,
      before,
      { timeout: 15_000 },
    );
    await adviser.page.getByRole('cell', { name: 'Selaintesti, toinen konteksti' }).waitFor();
    const after = (await remaining.textContent()) ?? '';
    const euros = (s: string) => Number(compact(s).replace('€', '').replace(',', '.'));
    expect(euros(before) - euros(after)).toBeCloseTo(160, 2);

    // The provider's own list shows the charge awaiting Essi, then confirmed once she confirms.
    const row = provider.page.locator('.my-charges tr', {
      hasText: 'Selaintesti, toinen konteksti',
    });
    await row.getByText('odottaa asiakkaan vahvistusta').waitFor();
    const providerToken = await platform.token({
      sub: `user-${DEMO.providerId}`,
      role: 'PROVIDER',
      providerId: DEMO.providerId,
    });
    const mine = await platform.gql<{ myCharges: { edges: Array<{ node: { id: string } }> } }>(
      `{ myCharges(first: 1, status: PENDING) { edges { node { id } } } }`,
      {},
      { token: providerToken },
    );
    const confirmed = await platform.gql<{ confirmCharge: { errors: unknown[] } }>(
      `mutation($t: ID!) { confirmCharge(transactionId: $t) { errors { code } } }`,
      { t: mine.data!.myCharges.edges[0]!.node.id },
      {
        token: await platform.token({
          sub: DEMO.essiClientId,
          role: 'CLIENT',
          clientId: DEMO.essiClientId,
        }),
      },
    );
    expect(confirmed.data?.confirmCharge.errors).toEqual([]);
    await provider.page.reload();
    await provider.page
      .locator('.my-charges tr', { hasText: 'Selaintesti, toinen konteksti' })
      .getByText('vahvistettu')
      .waitFor();
    expect(adviser.problems).toEqual([]);
    expect(provider.problems).toEqual([]);
    await provider.context.close();
    await adviser.context.close();
  });
});
