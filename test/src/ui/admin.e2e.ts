/// <reference lib="dom" />
/**
 * The admin UI in a real browser (Debian's Chromium driven by playwright-core) against the real
 * platform: sign in as an adviser, find Essi, open her page, search the public catalogue
 * anonymously, switch language; axe-core checks WCAG 2.1 AA on every page visited, and the main
 * controls are reachable by keyboard. Screenshots go to test-artifacts/screenshots/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO, todayInFinland } from '@hb/kit';
import { createClient, startTestPlatform, tokens, type TestPlatform } from '../testkit';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = path.resolve(__dirname, '../../../test-artifacts/screenshots');
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let platform: TestPlatform;
let browser: Browser;
let base: string;

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  platform = await startTestPlatform();
  base = platform.gatewayUrl.replace(/\/graphql$/, '/');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
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

async function newPage(): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'fi-FI',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // CSP violations and uncaught errors show up as console errors.
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  // Every GraphQL error the UI receives is a problem too (the UI would show it to a person).
  page.on('response', (res) => {
    if (!res.url().endsWith('/graphql')) return;
    void res
      .text()
      .then((text) => {
        const body = JSON.parse(text) as {
          data?: unknown;
          errors?: Array<{ message: string; path?: unknown }>;
        };
        for (const e of body.errors ?? [])
          problems.push(`graphql: ${e.message} ${JSON.stringify(e.path ?? '')}`);
        if (process.env.UI_DEBUG)
          console.log(
            `${res.status()} ${res.request().postData()?.slice(0, 80)} => ${text.slice(0, 200)}`,
          );
      })
      .catch((e: unknown) => {
        if (process.env.UI_DEBUG)
          console.log(`unreadable: ${String(e)} ${res.request().postData()?.slice(0, 100)}`);
      });
  });
  return { context, page, problems };
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/** Runs axe-core with the WCAG 2.1 A and AA rules; returns readable violations. */
async function axeViolations(page: Page): Promise<string[]> {
  // The page's CSP forbids inline scripts, so addScriptTag is refused; evaluating the source
  // through the DevTools protocol keeps the CSP on for everything the app itself does.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (tags) => {
    const axe = (
      window as unknown as {
        axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: unknown[] }> };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations;
  }, WCAG_AA);
  return (violations as AxeViolation[]).map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => `${n.target.join(' ')} – ${n.failureSummary ?? ''}`).join('\n  ')}`,
  );
}

async function checkPage(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  expect(await axeViolations(page)).toEqual([]);
}

/** Presses Tab up to `max` times and returns a description of each focused element. */
async function tabThrough(page: Page, max: number): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    seen.push(
      await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el) return '';
        const label =
          el.getAttribute('aria-label') ??
          (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null) ??
          el.textContent ??
          '';
        return `${el.tagName.toLowerCase()}:${label.trim().replace(/\s+/g, ' ')}`;
      }),
    );
  }
  return seen;
}

async function signIn(page: Page, userLabel: string): Promise<void> {
  await page.goto(`${base}sign-in`);
  await page.getByRole('heading', { level: 1, name: 'Kirjautuminen' }).waitFor();
  await checkPage(page, '01-sign-in');
  await page.getByLabel('Käyttäjä').selectOption({ label: userLabel });
  await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
  // Advisers land on the caseload.
  await page.getByRole('heading', { level: 1, name: 'Asiakaslista' }).waitFor();
}

describe('admin UI in a browser', () => {
  it('lets an adviser sign in, find Essi and open her page, by mouse and by keyboard', async () => {
    const { context, page, problems } = await newPage();
    await signIn(page, 'Neuvoja – HB-keskus (Pirkanmaa)');
    await page.getByRole('link', { name: 'Asiakkaat', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Asiakkaat' }).waitFor();
    await page.getByText(/^\d+ asiakasta$/).waitFor();
    await checkPage(page, '02-clients');

    // Keyboard: the skip link comes first and leads into the main content, where Tab reaches
    // the search field, the municipality filter, the search button and the client links.
    await page.reload();
    await page.getByText(/\d+ asiakasta/).waitFor();
    const first = await tabThrough(page, 1);
    expect(first[0]).toBe('a:Siirry pääsisältöön');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    const reached = await tabThrough(page, 8);
    expect(reached).toEqual(
      expect.arrayContaining(['input:Hae nimellä', 'select:Kunta', 'button:Hae']),
    );
    expect(reached.some((r) => r.startsWith('a:Esimerkki, Essi'))).toBe(true);

    // Search by keyboard only: type in the search field and submit with Enter.
    await page.getByLabel('Hae nimellä').focus();
    await page.keyboard.type('Essi');
    await page.keyboard.press('Enter');
    // One result: the singular, chosen by ICU plural rules (not "1 asiakasta").
    await page.getByText('1 asiakas', { exact: true }).waitFor();
    const essi = page.getByRole('link', { name: 'Esimerkki, Essi' });
    await essi.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Essi Esimerkki' }).waitFor();
    expect(page.url()).toBe(`${base}clients/${DEMO.essiClientId}`);
    // Focus moved to the new page's heading.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await page.getByRole('heading', { name: 'Minun tiimini' }).waitFor();
    await page.getByRole('cell', { name: 'Marja Esimerkki' }).first().waitFor();
    await page.getByRole('heading', { name: 'Lokitiedot' }).waitFor();
    await page.locator('#log-heading ~ table tbody tr').first().waitFor();
    await checkPage(page, '03-client-essi');

    // Municipality filter: Nokia (536) has Aino, not Essi.
    await page.goto(`${base}clients`);
    await page.getByLabel('Kunta').selectOption('536');
    await page.getByRole('button', { name: 'Hae', exact: true }).click();
    await page.getByRole('link', { name: 'Virtanen, Aino' }).waitFor();
    expect(await page.getByRole('link', { name: 'Esimerkki, Essi' }).count()).toBe(0);

    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows field-level errors from the API and keeps what was typed', async () => {
    const { context, page } = await newPage();
    await signIn(page, 'Neuvoja – HB-keskus (Pirkanmaa)');
    await page.goto(`${base}clients/${DEMO.essiClientId}`);
    await page.getByRole('heading', { name: 'Lisää tiimin jäsen' }).waitFor();
    const form = page.locator('form', {
      has: page.getByRole('heading', { name: 'Lisää tiimin jäsen' }),
    });
    await form.getByLabel('Sähköposti').fill('not-an-email');
    await form.getByRole('button', { name: 'Lisää tiimiin' }).click();
    // The name is required and the email is malformed: the API names both fields.
    await form.locator('[aria-invalid="true"]').first().waitFor();
    expect(await form.getByLabel('Sähköposti').inputValue()).toBe('not-an-email');
    await checkPage(page, '04-team-errors');

    // A valid member is added, then removed.
    await form.getByLabel('Nimi').fill('Testi Tiimiläinen');
    await form.getByLabel('Sähköposti').fill('testi@example.fi');
    await form.getByRole('button', { name: 'Lisää tiimiin' }).click();
    const remove = page.getByRole('button', { name: 'Poista Testi Tiimiläinen tiimistä' });
    await remove.waitFor();
    await remove.click();
    await remove.waitFor({ state: 'detached' });
    await context.close();
  });

  it("reproduces Essi's worked example in the calculator", async () => {
    const { context, page, problems } = await newPage();
    await signIn(page, 'Neuvoja – HB-keskus (Pirkanmaa)');
    await page.getByRole('link', { name: 'Budjettilaskuri' }).click();
    await page.getByRole('heading', { level: 1, name: 'Budjettilaskuri' }).waitFor();
    await page.getByRole('button', { name: 'Täytä Essin esimerkki' }).click();
    await page
      .getByLabel('HB-luokka')
      .locator('option:checked', { hasText: 'luokka 5' })
      .waitFor({ state: 'attached' });
    await page.getByRole('button', { name: 'Laske' }).click();
    await page.getByTestId('calc-total').waitFor();
    expect((await page.getByTestId('calc-total').textContent())?.replace(/\s/g, '')).toBe(
      '37120,00€',
    );
    await checkPage(page, '09-calculator-essi');
    expect(problems).toEqual([]);
    await context.close();
  });

  it("shows Essi's budget and updates it live when a provider records a charge", async () => {
    const { context, page, problems } = await newPage();
    await signIn(page, 'Neuvoja – HB-keskus (Pirkanmaa)');
    await page.goto(`${base}clients/${DEMO.essiClientId}`);
    const remaining = page.locator('[data-figure="remaining"]').first();
    await remaining.waitFor().catch(async (e: unknown) => {
      await page.screenshot({ path: path.join(SCREENSHOTS, 'failed-budget.png'), fullPage: true });
      throw new Error(`${String(e)}\n${problems.join('\n')}`);
    });
    const before = (await remaining.textContent()) ?? '';
    await page.locator('.ledger tbody tr').first().waitFor();
    await page.locator('.live-badge').waitFor();
    await checkPage(page, '10-client-essi-budget');

    // A provider records a charge elsewhere (a second browser context would do the same through
    // the API); the open page's remaining amount changes without a reload.
    const adviser = await tokens(platform).adviser();
    const budgets = await platform.gql<{
      client: { budgets: Array<{ id: string; year: number }> };
    }>(
      `query($id: ID!) { client(id: $id) { budgets { id year } } }`,
      { id: DEMO.essiClientId },
      { token: adviser },
    );
    const budget = budgets.data!.client.budgets.sort((a, b) => b.year - a.year)[0]!;
    await page.waitForTimeout(500);
    const charge = await platform.gql<{ recordCharge: { errors: unknown[] } }>(
      `mutation($input: RecordChargeInput!) { recordCharge(input: $input) { errors { code message field } } }`,
      {
        input: {
          budgetId: budget.id,
          providerId: DEMO.providerId,
          amount: '160.00',
          serviceDate: todayInFinland(),
          description: 'Selaintesti',
          idempotencyKey: `ui-e2e-${Date.now()}`,
        },
      },
      { token: await tokens(platform).provider(DEMO.providerId) },
    );
    expect(charge.errors).toBeUndefined();
    expect(charge.data?.recordCharge.errors).toEqual([]);
    await page.waitForFunction(
      (text) => document.querySelector('[data-figure="remaining"]')?.textContent !== text,
      before,
      { timeout: 15_000 },
    );
    await page.getByRole('cell', { name: 'Selaintesti' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('decides a budget for a new client with the decision form', async () => {
    const adviser = await tokens(platform).adviser();
    const client = await createClient(platform, adviser, { firstName: 'Päätös' });
    const { context, page, problems } = await newPage();
    await signIn(page, 'Neuvoja – HB-keskus (Pirkanmaa)');
    await page.goto(`${base}clients/${client.id}`);
    await page.getByText('Asiakkaalla ei ole budjettia.').waitFor();
    const form = page.locator('form', {
      has: page.getByRole('heading', { name: 'Budjettipäätös' }),
    });
    await form.getByRole('button', { name: 'Täytä Essin esimerkki' }).click();
    await form
      .getByLabel('HB-luokka')
      .locator('option:checked', { hasText: 'luokka 5' })
      .waitFor({ state: 'attached' });
    await form.getByLabel('Vuosi').fill(String(new Date().getFullYear()));
    await form.getByRole('button', { name: 'Tee päätös' }).click();
    await page.getByText(/Budjetti päätetty/).waitFor();
    await page.locator('[data-figure="granted"]').first().waitFor();
    expect(
      (await page.locator('[data-figure="granted"]').first().textContent())?.replace(/\s/g, ''),
    ).toBe('37120,00€');
    await checkPage(page, '11-decision');
    expect(problems).toEqual([]);
    await context.close();
  });

  it("shows Essi's implementation plan and records a goal review", async () => {
    const { context, page, problems } = await newPage();
    await signIn(page, 'Neuvoja – HB-keskus (Pirkanmaa)');
    await page.goto(`${base}clients/${DEMO.essiClientId}`);
    await page.getByRole('heading', { name: 'Toteutussuunnitelma' }).waitFor();
    const review = page.getByRole('form', { name: /^Arvioi tavoite:/ }).first();
    await review.waitFor();
    await review.getByLabel('Toteutuminen (%)').fill('75');
    await review.getByRole('button', { name: 'Arvioi tavoite' }).click();
    await page.getByRole('cell', { name: '75 %' }).first().waitFor();
    await checkPage(page, '12-client-essi-plan');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('serves the public provider catalogue without signing in, in three languages', async () => {
    const { context, page, problems } = await newPage();
    await page.goto(`${base}providers`);
    await page.getByRole('heading', { level: 1, name: 'Palveluntuottajat' }).waitFor();
    // The whole catalogue first, then the Finnish full-text search.
    await page.getByText(/\d+ palveluntuottajaa/).waitFor();
    await page.getByLabel('Hakusana').fill('uinti');
    const searched = page.waitForResponse(
      (res) =>
        res.url().endsWith('/graphql') && (res.request().postData() ?? '').includes('"uinti"'),
    );
    await page.getByRole('button', { name: 'Hae', exact: true }).click();
    await searched;
    await page.waitForURL(/q=uinti/);
    await page.getByText(/^\d+ palveluntuottajaa?$/).waitFor();
    const count = Number(
      (await page.getByText(/^\d+ palveluntuottajaa?$/).textContent())?.match(/\d+/)?.[0],
    );
    expect(count).toBeGreaterThan(0);
    await page.locator('.provider-card').first().waitFor();
    await checkPage(page, '05-catalogue-uinti-fi');

    // Swedish, then English: the language switcher changes texts and the document language.
    await page.getByRole('button', { name: 'Svenska' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tjänsteproducenter' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    await checkPage(page, '06-catalogue-sv');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Service providers' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await checkPage(page, '07-catalogue-en');

    // A provider's page with offerings and prices.
    await page.locator('.provider-card h2 a').first().click();
    await page.getByRole('heading', { name: 'Services and prices' }).waitFor();
    await checkPage(page, '08-provider-en');
    expect(problems).toEqual([]);
    await context.close();
  });
});
