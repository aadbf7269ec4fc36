/// <reference lib="dom" />
/**
 * The client's own pages (issue 16) in a real browser against the real platform, at a phone's
 * 375×667 and a desktop's 1280×800: the client signs in and lands on her own page, confirms one
 * charge and disputes another (a reason is required) and sees the balance change, reads her plan,
 * says what should change and then accepts it, adds a team member and gives her budget consent
 * (removing another asks first and says that the consent goes too), and reads who has looked at her data, newest first, to
 * the end. The member she added signs in, sees the budget, confirms a charge and is told in one
 * plain sentence that the plan is outside her consent. Every page: no WCAG 2.1 AA violation
 * (axe-core) and no horizontal scrolling at 320 px; no GraphQL error reaches the browser.
 */
import type { Browser, Page } from 'playwright-core';
import { DEMO } from '@hb/kit';
import {
  makeWorldClient,
  recordCharge,
  startTestPlatform,
  tokens,
  type TestPlatform,
  type WorldClient,
} from '../testkit';
import { checkPage, compact, launchBrowser, newPage, signIn } from './browser';

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

const VIEWPORTS = [
  { name: 'phone', width: 375, height: 667 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;

/** Puts a session for `token` where the UI keeps it, then opens the UI's start page. */
async function signInWithToken(
  page: Page,
  session: { token: string; role: string; name: string; clientId: string },
  landing: string | RegExp,
) {
  await page.goto(`${base}sign-in`);
  await page.evaluate((s) => sessionStorage.setItem('hb.session', JSON.stringify(s)), session);
  await page.goto(base);
  await page.getByRole('heading', { level: 1, name: landing }).waitFor();
}

/**
 * No horizontal scrolling at 320 px (WCAG 1.4.10), then back to the test's own size. Answers the
 * page's width, and the elements that stick out when it is too wide (for the failure message).
 */
async function reflowsAt320(page: Page, size: { width: number; height: number }) {
  await page.setViewportSize({ width: 320, height: 640 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  const wide =
    width > 320
      ? await page.evaluate(() =>
          Array.from(document.querySelectorAll<HTMLElement>('body *'))
            .filter((el) => el.getBoundingClientRect().right > 321)
            .slice(0, 8)
            .map(
              (el) =>
                `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`,
            ),
        )
      : [];
  await page.setViewportSize(size);
  return width <= 320 ? width : { width, wide };
}

async function figure(page: Page, name: string): Promise<string> {
  return compact(await page.locator(`[data-figure="${name}"]`).first().textContent());
}

/** Waits until a figure shows `expected` euros (the figures follow a refetch after each act). */
async function figureBecomes(page: Page, name: string, expected: number): Promise<number> {
  let value = NaN;
  for (let i = 0; i < 100; i++) {
    value = euros(await figure(page, name));
    if (Math.abs(value - expected) < 0.005) break;
    await page.waitForTimeout(100);
  }
  return value;
}

const euros = (text: string) => Number(text.replace('€', '').replace(/\./g, '').replace(',', '.'));

async function world(): Promise<WorldClient & { second: { id: string }; third: { id: string } }> {
  const adviser = await tokens(platform).adviser();
  const w = await makeWorldClient(platform, adviser);
  const provider = await tokens(platform).provider(DEMO.providerId);
  const second = await recordCharge(platform, provider, {
    budgetId: w.budget.id,
    providerId: DEMO.providerId,
    amount: '45.50',
  });
  const third = await recordCharge(platform, provider, {
    budgetId: w.budget.id,
    providerId: DEMO.providerId,
    amount: '12.00',
  });
  // Enough reads by the adviser that the log runs to many pages.
  for (let i = 0; i < 200; i++) {
    await platform.gql(
      `query($id: ID!) { client(id: $id) { id } }`,
      { id: w.id },
      {
        token: adviser,
      },
    );
  }
  return { ...w, second, third };
}

describe('the client and her team member on their own pages', () => {
  it('Essi signs in and lands on her own page, not the staff client list', async () => {
    const { context, page, problems } = await newPage(browser);
    await signIn(page, base, 'Asiakas – Essi', 'Oma sivu');
    expect(page.url()).toBe(`${base}me`);
    await page.getByRole('heading', { level: 2, name: 'Odottaa vahvistustasi' }).waitFor();
    expect(await page.getByRole('link', { name: 'Asiakkaat' }).count()).toBe(0);
    // Plain Finnish is one press away.
    await page.getByRole('button', { name: 'Selkosuomi' }).click();
    await page.getByRole('heading', { level: 2, name: 'Tarkista nämä laskut' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fi');
    await checkPage(page, '60-my-page-selko');
    // Swedish and English too.
    await page.getByRole('button', { name: 'Svenska' }).click();
    await page.getByRole('heading', { level: 2, name: 'Väntar på din bekräftelse' }).waitFor();
    await checkPage(page, '60-my-page-sv');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Waiting for you' }).waitFor();
    await checkPage(page, '60-my-page-en');
    await page.getByRole('button', { name: 'Suomi', exact: true }).click();
    // The staff client list is not hers: a plain page, no error from the API.
    await page.goto(`${base}clients`);
    await page.getByRole('heading', { level: 1, name: 'Ei käyttöoikeutta' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('a team member without a consent in force gets a plain sentence; with plan consent she reads the plan but cannot accept it; the adviser reads what the client asked to change', async () => {
    const adviser = await tokens(platform).adviser();
    const w = await makeWorldClient(platform, adviser);
    const without = await newPage(browser);
    await without.page.setViewportSize({ width: 375, height: 667 });
    await signInWithToken(
      without.page,
      {
        token: await tokens(platform).teamMember(w.memberWithoutConsent.id, w.id),
        role: 'TEAM_MEMBER',
        name: w.memberWithoutConsent.name,
        clientId: w.id,
      },
      'Tuettavasi sivu',
    );
    await without.page
      .getByText(
        'Sinulla ei ole nyt voimassa olevaa lupaa nähdä asiakkaan tietoja. Olet hänen tiimissään.',
      )
      .waitFor();
    expect(await without.page.getByText(w.firstName).count()).toBe(0);
    await without.page.getByRole('link', { name: 'Suunnitelma' }).click();
    await without.page
      .getByText('Sinulla ei ole lupaa nähdä suunnitelmaa. Asiakas voi antaa luvan tiimi-sivulla.')
      .waitFor();
    await checkPage(without.page, '68-member-without-consent');
    // Her team and log are the client's own pages.
    await without.page.goto(`${base}me/log`);
    await without.page.getByRole('heading', { level: 1, name: 'Ei käyttöoikeutta' }).waitFor();
    expect(without.problems).toEqual([]);
    await without.context.close();

    const full = await newPage(browser);
    await signInWithToken(
      full.page,
      {
        token: await tokens(platform).teamMember(w.memberWithConsent.id, w.id),
        role: 'TEAM_MEMBER',
        name: w.memberWithConsent.name,
        clientId: w.id,
      },
      `Tuettavasi ${w.firstName}`,
    );
    await full.page.getByTestId('waiting-charge').first().waitFor();
    await full.page.getByRole('link', { name: 'Suunnitelma' }).click();
    await full.page.getByText(w.plan.supportNeeds).waitFor();
    await full.page.getByText('Vain asiakas itse voi hyväksyä suunnitelman.').waitFor();
    expect(await full.page.getByRole('button', { name: 'Hyväksyn suunnitelman' }).count()).toBe(0);
    await checkPage(full.page, '69-member-plan');
    expect(full.problems).toEqual([]);
    await full.context.close();

    // What the client asks to change reaches the adviser's view of the draft.
    const asked = await platform.gql<{
      requestPlanChanges: { errors: unknown[]; changeRequest: { message: string } | null };
    }>(
      `mutation($p: ID!, $m: String!) { requestPlanChanges(planId: $p, message: $m) {
        changeRequest { message } errors { code message field } } }`,
      { p: w.plan.id, m: 'Toivon kerhoa myös torstaisin.' },
      { token: await tokens(platform).client(w.id) },
    );
    expect(asked.data?.requestPlanChanges.errors).toEqual([]);
    const staff = await newPage(browser);
    await signIn(staff.page, base, 'Neuvoja – HB-keskus (Pirkanmaa)', 'Asiakaslista');
    await staff.page.goto(`${base}clients/${w.id}`);
    const requests = staff.page.getByRole('region', { name: 'Asiakkaan muutostoiveet' });
    await requests.getByText(/Toivon kerhoa myös torstaisin\.$/).waitFor();
    expect(staff.problems).toEqual([]);
    await staff.context.close();
  }, 180_000);

  for (const size of VIEWPORTS) {
    it(`the client's journey and her team member's at ${size.width}×${size.height}`, async () => {
      const w = await world();
      const { context, page, problems } = await newPage(browser);
      await page.setViewportSize(size);
      const clientToken = await tokens(platform).client(w.id);
      await signInWithToken(
        page,
        {
          token: clientToken,
          role: 'CLIENT',
          name: `${w.firstName} ${w.lastName}`,
          clientId: w.id,
        },
        'Oma sivu',
      );
      const waiting = page.getByTestId('waiting-charge');
      await waiting.nth(2).waitFor();
      expect(await waiting.count()).toBe(3);
      await checkPage(page, `61-my-page-${size.name}`);
      expect(await reflowsAt320(page, size)).toBeLessThanOrEqual(320);

      // Confirm one: pending goes down by it, remaining stays (it was already held).
      const remaining0 = euros(await figure(page, 'remaining'));
      const pending0 = euros(await figure(page, 'pending'));
      await page.getByRole('button', { name: /^Vahvista lasku: .* 123,45/ }).click();
      await page.getByText(/^Vahvistit laskun: .*123,45/).waitFor();
      await waiting.nth(1).waitFor();
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid=waiting-charge]').length === 2,
      );
      expect(await figureBecomes(page, 'pending', pending0 - 123.45)).toBeCloseTo(
        pending0 - 123.45,
        2,
      );

      // Dispute another: a reason is required; then the balance grows by the disputed amount.
      await page.getByRole('button', { name: /^Kiistä lasku: .* 45,50/ }).click();
      await page.getByRole('button', { name: 'Lähetä kiisto' }).click();
      await page.getByText('Kirjoita syy, jotta voit kiistää laskun.').waitFor();
      await checkPage(page, `62-my-dispute-${size.name}`);
      await page.getByLabel('Miksi kiistät laskun?').fill('En ollut paikalla tänä päivänä.');
      await page.getByRole('button', { name: 'Lähetä kiisto' }).click();
      await page.getByText(/^Kiistit laskun: .*45,50.*Sitä ei makseta/).waitFor();
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid=waiting-charge]').length === 1,
      );
      await page
        .getByTestId('answered-charges')
        .getByText('Kiistetty, ei makseta. Syy: En ollut paikalla tänä päivänä.')
        .waitFor();
      expect(await figureBecomes(page, 'remaining', remaining0 + 45.5)).toBeCloseTo(
        remaining0 + 45.5,
        2,
      );

      // The plan: read it and accept it.
      await page.getByRole('link', { name: 'Suunnitelma' }).click();
      await page.getByRole('heading', { level: 1, name: 'Oma suunnitelma' }).waitFor();
      await page.getByText('Tämä suunnitelma odottaa hyväksyntääsi.').waitFor();
      await page.getByText(w.plan.supportNeeds).waitFor();
      await page.getByText('Itsenäinen asiointi').waitFor();
      await checkPage(page, `63-my-plan-${size.name}`);
      expect(await reflowsAt320(page, size)).toBeLessThanOrEqual(320);
      // She says what should change first (a message is required), then accepts.
      await page.getByRole('button', { name: 'Haluan muutoksia' }).click();
      await page.getByRole('button', { name: 'Lähetä muutostoive' }).click();
      await page.getByText('Kirjoita, mitä haluat muuttaa.').waitFor();
      await page
        .getByLabel('Mitä suunnitelmassa pitäisi muuttaa?')
        .fill('Haluan käydä päivätoiminnassa vain aamupäivisin.');
      await page.getByRole('button', { name: 'Lähetä muutostoive' }).click();
      await page.getByText(/^Muutostoiveesi on lähetetty HB-keskukseen/).waitFor();
      await page.getByText('Haluan käydä päivätoiminnassa vain aamupäivisin.').waitFor();
      await page.getByRole('button', { name: 'Hyväksyn suunnitelman' }).click();
      await page.getByText('Hyväksyit suunnitelman. Se on nyt voimassa.').waitFor();
      await page.getByText(/^Olet hyväksynyt tämän suunnitelman/).waitFor();
      // Feedback on the HB centre.
      await page.getByLabel('Palaute (vapaaehtoinen)').fill('Neuvoja auttoi hyvin.');
      await page.getByRole('button', { name: 'Lähetä palaute' }).click();
      await page.getByText('Kiitos! Palautteesi on lähetetty.').waitFor();

      // The team: add a member and give her budget consent.
      await page.getByRole('link', { name: 'Tiimi ja luvat' }).click();
      await page.getByRole('heading', { level: 1, name: 'Tiimi ja luvat' }).waitFor();
      const helper = `Tiina Tukija ${size.name}`;
      await page.getByLabel('Nimi', { exact: true }).fill(helper);
      await page.getByLabel('Rooli').selectOption('SUPPORT_PERSON');
      await page.getByRole('button', { name: 'Lisää tiimiin' }).click();
      await page.getByText(`${helper} lisättiin tiimiisi.`, { exact: false }).waitFor();
      const her = page.getByTestId('team-member').filter({ hasText: helper });
      await her.getByText('Ei lupaa nähdä tietojasi.').waitFor();
      await her.getByRole('button', { name: 'Anna lupa' }).click();
      await her.getByLabel('Budjetti').check();
      await her.getByRole('button', { name: 'Tallenna lupa' }).click();
      await page.getByText(`Annoit luvan: ${helper} saa nähdä Budjetti.`).waitFor();
      await her.getByText(/^Saa nähdä: Budjetti\./).waitFor();
      await checkPage(page, `64-my-team-${size.name}`);
      expect(await reflowsAt320(page, size)).toBeLessThanOrEqual(320);

      // Removing a member asks first, and says that her consent goes too.
      const other = page.getByTestId('team-member').filter({ hasText: w.memberWithConsent.name });
      await other.getByRole('button', { name: 'Poista tiimistä' }).click();
      await other
        .getByText(
          `Poistetaanko ${w.memberWithConsent.name} tiimistäsi? Samalla perutaan hänen lupansa nähdä tietojasi.`,
        )
        .waitFor();
      await other.getByRole('button', { name: 'Peruuta' }).click();
      expect(await other.getByText(/^Saa nähdä:/).count()).toBe(1);
      await other.getByRole('button', { name: 'Poista tiimistä' }).click();
      await other.getByRole('button', { name: 'Kyllä, poista' }).click();
      await page
        .getByText(`${w.memberWithConsent.name} poistettiin tiimistäsi ja hänen lupansa peruttiin.`)
        .waitFor();
      await other.waitFor({ state: 'detached' });

      // Who has looked at my data: newest first, every entry once, paged to the end.
      await page.getByRole('link', { name: 'Kuka on katsonut tietojani' }).click();
      await page.getByRole('heading', { level: 1, name: 'Kuka on katsonut tietojani' }).waitFor();
      await page.getByTestId('access-log').locator('li').first().waitFor();
      await checkPage(page, `65-my-log-${size.name}`);
      expect(await reflowsAt320(page, size)).toBeLessThanOrEqual(320);
      for (let i = 0; i < 30; i++) {
        const more = page.getByRole('button', { name: 'Näytä lisää' });
        if ((await more.count()) === 0) break;
        const before = await page.getByTestId('access-log').locator('li').count();
        await more.click();
        await page.waitForFunction(
          (n) => document.querySelectorAll('[data-testid=access-log] li').length > n,
          before,
        );
      }
      await page.getByText('Kaikki merkinnät on näytetty.').waitFor();
      const shown = await page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLElement>('[data-testid=access-log] li')).map(
          (li) => ({
            id: li.dataset.id ?? '',
            at: li.dataset.at ?? '',
            text: li.textContent ?? '',
          }),
        ),
      );
      expect(shown.length).toBeGreaterThan(200);
      expect(new Set(shown.map((s) => s.id)).size).toBe(shown.length);
      // Times reach the page in milliseconds while the log orders by the database's
      // microseconds (then id), so within one millisecond only "not older" can be checked.
      for (let i = 1; i < shown.length; i++) {
        const [a, b] = [shown[i - 1]!, shown[i]!];
        expect({ i, notOlder: a.at >= b.at }).toEqual({ i, notOlder: true });
      }
      expect(shown[shown.length - 1]!.text).toMatch(/asiakastietojasi \(loi ne\)/);
      expect(shown.some((s) => s.text.includes('tarkoitus: asiakkaan palvelu'))).toBe(true);
      // Her own looks read in the second person.
      expect(shown.some((s) => /^Sinä katsoit budjettiasi \d/.test(s.text))).toBe(true);
      expect(
        shown.some((s) =>
          /^Hanna Neuvonen, HB-neuvoja, HB-keskus Pirkanmaa, katsoi perustietojasi \d/.test(s.text),
        ),
      ).toBe(true);
      // Everything the API holds up to the newest entry shown is on the page.
      const api = await platform.gql<{ client: { accessLog: { totalCount: number } } }>(
        `query($id: ID!) { client(id: $id) { accessLog(first: 1) { totalCount } } }`,
        { id: w.id },
        { token: clientToken },
      );
      expect(api.data!.client.accessLog.totalCount).toBeGreaterThanOrEqual(shown.length);
      expect(problems).toEqual([]);
      await context.close();

      // The member she added signs in: the budget, a charge to confirm, no plan.
      const team = await platform.gql<{ client: { team: Array<{ id: string; name: string }> } }>(
        `query($id: ID!) { client(id: $id) { team { id name } } }`,
        { id: w.id },
        { token: clientToken },
      );
      const tiina = team.data!.client.team.find((m) => m.name === helper)!;
      const member = await newPage(browser);
      await member.page.setViewportSize(size);
      await signInWithToken(
        member.page,
        {
          token: await tokens(platform).teamMember(tiina.id, w.id),
          role: 'TEAM_MEMBER',
          name: helper,
          clientId: w.id,
        },
        `Tuettavasi ${w.firstName}`,
      );
      await member.page.getByTestId('waiting-charge').first().waitFor();
      expect(await figure(member.page, 'granted')).toMatch(/€/);
      await checkPage(member.page, `66-member-page-${size.name}`);
      expect(await reflowsAt320(member.page, size)).toBeLessThanOrEqual(320);
      await member.page.getByRole('button', { name: /^Vahvista lasku: .* 12,00/ }).click();
      await member.page.getByText(/^Vahvistit laskun: .*12,00/).waitFor();
      await member.page.getByRole('link', { name: 'Suunnitelma' }).click();
      await member.page
        .getByText(
          'Sinulla ei ole lupaa nähdä suunnitelmaa. Asiakas voi antaa luvan tiimi-sivulla.',
        )
        .waitFor();
      await checkPage(member.page, `67-member-plan-${size.name}`);
      expect(await member.page.getByRole('link', { name: 'Tiimi ja luvat' }).count()).toBe(0);
      expect(member.problems).toEqual([]);
      await member.context.close();
    }, 300_000);
  }
});
