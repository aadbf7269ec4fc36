/// <reference lib="dom" />
/**
 * The plan from the client's proposal to acceptance (issue 17 item 3, issue 16 item 3) in a
 * real browser against the real platform, at 375 and 1280 px: the client writes her own
 * proposal with a self-assessment and sends it; her adviser lands on the caseload, ordered by
 * waiting charges finds her first and opens her page, starts the plan
 * from the proposal (its goals carried over), distributes the budget, and sends the plan; the
 * client accepts it in her own browser context, and the adviser's open view turns to
 * "accepted" without a reload. A change of the accepted plan makes version 2, which shows
 * what changed and is accepted again (on the client's behalf, with a reason). No WCAG 2.1 AA
 * violation on the way; no GraphQL error reaches the browser.
 */
import type { Browser, Page } from 'playwright-core';
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
import { SCREENSHOTS, checkPage, launchBrowser, newPage, signIn } from './browser';

let platform: TestPlatform;
let browser: Browser;
let base: string;

beforeAll(async () => {
  // Charges count as waiting at once, so the caseload's default order brings her up.
  platform = await startTestPlatform({ env: { CASELOAD_WAITING_DAYS: '0' } });
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

const VIEWPORTS = [
  { name: 'phone', width: 375, height: 667 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;

async function signInAsClient(page: Page, clientId: string, name: string) {
  const token = await tokens(platform).client(clientId);
  await page.goto(`${base}sign-in`);
  await page.evaluate((s) => sessionStorage.setItem('hb.session', JSON.stringify(s)), {
    token,
    role: 'CLIENT',
    name,
    clientId,
  });
  await page.goto(base);
  await page.getByRole('heading', { level: 1, name: 'Oma sivu' }).waitFor();
}

describe.each(VIEWPORTS)('the plan from proposal to acceptance at $width px', (size) => {
  it('client proposes → adviser drafts from it, allocates, sends → client accepts → adviser sees it', async () => {
    const adviserToken = await tokens(platform).adviser();
    const client = await createClient(platform, adviserToken, {
      firstName: `Iida${size.width}`,
      lastName: 'Ehdotus',
    });
    const decided = await decideBudget(platform, adviserToken, client.id);
    // Charges waiting for her confirmation: more than anyone else's, so she heads the caseload.
    const commitment = await issueCommitment(platform, adviserToken, {
      budgetId: decided.id,
      providerId: DEMO.providerId,
      amount: '200.00',
    });
    const providerToken = await tokens(platform).provider(DEMO.providerId);
    const waiting = size.width === 375 ? 4 : 6;
    for (let i = 0; i < waiting; i++)
      await recordCharge(platform, providerToken, {
        budgetId: decided.id,
        providerId: DEMO.providerId,
        commitmentId: commitment.id,
        amount: '5.00',
      });

    // The client writes her proposal on her plan page and sends it.
    const mine = await newPage(browser);
    await mine.page.setViewportSize(size);
    await signInAsClient(mine.page, client.id, `Iida${size.width} Ehdotus`);
    await mine.page.goto(`${base}me/plan`);
    const proposal = mine.page.getByRole('region', { name: 'Oma ehdotukseni' });
    await proposal.getByLabel('Mitä toivot?').fill('Haluan käydä päivätoiminnassa.');
    await proposal
      .getByLabel('Tavoitteesi (yksi riville)')
      .fill('Käyn päivätoiminnassa kolmesti viikossa\nOpettelen kulkemaan bussilla');
    const daily = proposal.getByRole('group', { name: 'Arki kotona' });
    await daily.getByLabel('Miten menee').selectOption('2');
    await daily.getByLabel('Omin sanoin').fill('Aamut ovat vaikeita.');
    await proposal.getByRole('button', { name: 'Lähetä ehdotus' }).click();
    await proposal
      .getByText(/Ehdotus on lähetetty/)
      .first()
      .waitFor();
    await checkPage(mine.page, `plan-flow-proposal-${size.name}`);

    // The adviser lands on her caseload, ordered by waiting charges: Iida is first; she opens her.
    const staff = await newPage(browser);
    await staff.page.setViewportSize(size);
    await signIn(staff.page, base, 'Neuvoja – HB-keskus (Pirkanmaa)', 'Asiakaslista');
    await staff.page.getByLabel('Järjestys').selectOption({ label: 'Odottavat veloitukset' });
    await staff.page.waitForFunction(
      (id) => document.querySelector('table.caseload tbody tr')?.getAttribute('data-client') === id,
      client.id,
    );
    const mineRow = staff.page.locator(`tr[data-client="${client.id}"]`);
    expect(await mineRow.locator('[data-figure="waiting"]').textContent()).toBe(String(waiting));
    await mineRow.getByRole('link').click();
    await staff.page
      .getByRole('heading', { level: 1, name: `Iida${size.width} Ehdotus` })
      .waitFor();
    const section = staff.page.getByRole('region', { name: 'Toteutussuunnitelma' });
    // The client page loads several parts at once; on a loaded machine this can take a while.
    await section
      .getByText('Haluan käydä päivätoiminnassa.')
      .waitFor({ timeout: 60_000 })
      .catch(async (e: unknown) => {
        await staff.page.screenshot({
          path: `${SCREENSHOTS}/plan-flow-failed-${size.name}.png`,
          fullPage: true,
        });
        throw e;
      });
    await section.getByRole('button', { name: 'Aloita asiakkaan omasta ehdotuksesta' }).click();
    const goal1 = section.getByRole('group', { name: 'Tavoite 1' });
    expect(await goal1.getByLabel('Tavoite', { exact: true }).inputValue()).toBe(
      'Käyn päivätoiminnassa kolmesti viikossa',
    );
    await section.getByRole('group', { name: 'Osallistuja 1' }).getByLabel('Nimi').fill('Iida');
    await checkPage(staff.page, `plan-flow-editor-${size.name}`);
    await section.getByRole('button', { name: 'Luo suunnitelma' }).click();
    await section.getByRole('heading', { name: /Versio 1 · \d{4} · luonnos/ }).waitFor();

    // The distribution of the budget.
    await section.getByRole('button', { name: 'Muokkaa kohdennuksia' }).click();
    const form = staff.page.getByRole('form', { name: 'Muokkaa budjetin jakautumista' });
    await form.getByRole('button', { name: 'Lisää kohdennus' }).click();
    const row = form.getByRole('group', { name: 'Kohdennus 1' });
    const budget = row.getByLabel('Budjetti');
    await budget.locator('option').nth(1).waitFor({ state: 'attached' });
    await budget.selectOption({ index: 1 });
    const provider = row.getByLabel('Palveluntuottaja');
    await provider.locator('option').nth(1).waitFor({ state: 'attached' });
    await provider.selectOption({ index: 1 });
    const offering = row.getByLabel('Palvelu', { exact: true });
    await offering.locator('option').nth(1).waitFor({ state: 'attached' });
    await offering.selectOption({ index: 1 });
    await row.getByLabel('Summa (€)').fill('1000');
    await row.getByLabel('Kuvaus').fill('Päivätoiminta');
    await form.getByRole('button', { name: 'Tallenna kohdennukset' }).click();
    await section
      .getByRole('cell', { name: /1\s000,00\s€/ })
      .first()
      .waitFor();

    await section.getByRole('button', { name: 'Lähetä asiakkaalle hyväksyttäväksi' }).click();
    await section.getByText(/Lähetetty asiakkaalle .* Odottaa hyväksyntää/).waitFor();
    await checkPage(staff.page, `plan-flow-sent-${size.name}`);

    // The client accepts in her own browser context.
    await mine.page.goto(`${base}me/plan`);
    await mine.page.getByText('Käyn päivätoiminnassa kolmesti viikossa').first().waitFor();
    await mine.page.getByRole('button', { name: 'Hyväksyn suunnitelman' }).click();
    await mine.page.getByText('Hyväksyit suunnitelman. Se on nyt voimassa.').waitFor();

    // The adviser's open view turns without a reload.
    await section
      .getByRole('heading', { name: /Versio 1 · \d{4} · hyväksytty/ })
      .waitFor({ timeout: 20_000 });
    await section.getByText(/Asiakas hyväksyi/).waitFor();

    // A change makes version 2, which says what changed; staff record its acceptance with a reason.
    await section.getByRole('button', { name: 'Muokkaa suunnitelmaa' }).click();
    await section.getByRole('button', { name: 'Lisää tavoite' }).click();
    await section
      .getByRole('group', { name: 'Tavoite 3' })
      .getByLabel('Tavoite', { exact: true })
      .fill('Tapaan ystäviä viikoittain');
    await section.getByRole('button', { name: 'Tallenna suunnitelma' }).click();
    await section.getByRole('heading', { name: /Versio 2 · \d{4} · luonnos/ }).waitFor();
    const changes = section.getByRole('region', { name: 'Muutokset versioon 2' });
    await changes.getByText('Tapaan ystäviä viikoittain').waitFor();
    expect(await changes.getByRole('listitem').count()).toBe(1);
    await section.getByRole('button', { name: 'Kirjaa hyväksyntä asiakkaan puolesta' }).click();
    await section
      .getByRole('button', { name: 'Kirjaa hyväksyntä asiakkaan puolesta' })
      .last()
      .click();
    await section.getByText('Kirjoita syy (enintään 2 000 merkkiä).').waitFor();
    await section
      .getByLabel('Miksi kirjaat hyväksynnän asiakkaan puolesta?')
      .fill('Iida hyväksyi tapaamisessa.');
    await section
      .getByRole('button', { name: 'Kirjaa hyväksyntä asiakkaan puolesta' })
      .last()
      .click();
    await section.getByRole('heading', { name: /Versio 2 · \d{4} · hyväksytty/ }).waitFor();
    await section.getByText(/asiakkaan puolesta .*: Iida hyväksyi tapaamisessa\./).waitFor();
    await checkPage(staff.page, `plan-flow-v2-${size.name}`);

    expect(mine.problems).toEqual([]);
    expect(staff.problems).toEqual([]);
    await mine.context.close();
    await staff.context.close();
  }, 240_000);
});
