/// <reference lib="dom" />
/**
 * The public provider catalogue (issue 19, item 3) in a real browser against the real platform,
 * at a phone's 375×667 and a desktop's 1280×800, never signed in: filter by an accessibility
 * feature (in words, with icons) and by Finnish sign language, choose three providers and compare
 * them side by side (a fourth cannot be chosen), open a provider's page with its phone number
 * first and whether it can be chosen with a personal budget. A provider changes an offering's
 * price on its own listing page and the public catalogue shows the new price; a provider's
 * offering of a new service type waits until organiser staff approve it in the approval queue,
 * and then the catalogue shows it. Every page: no WCAG 2.1 AA
 * violation (axe-core), no horizontal scrolling at 320 px, no GraphQL error in the browser.
 */
import type { Browser, Page } from 'playwright-core';
import { startTestPlatform, type TestPlatform } from '../testkit';
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
    console.log(platform.logs.slice(-40).join('\n'));
  }
});

const VIEWPORTS = [
  { name: 'phone', width: 375, height: 667 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;

// The demo providers with a hearing loop, and the one that serves in Finnish sign language.
const HEARING_LOOP = [
  'Ikaalisten Kylpylän Hyvinvointipalvelut',
  'Liikuntaseura Vesipeto ry',
  'Taidetalo Sateenkaari ry',
  'Valkeakosken Musiikkiyhdistys ry',
];
const SIGN_LANGUAGE = 'Taidetalo Sateenkaari ry';

/** The page's width at 320 px (WCAG 1.4.10), with what sticks out when it is too wide. */
async function widthAt320(page: Page, size: { width: number; height: number }) {
  await page.setViewportSize({ width: 320, height: 640 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  const wide =
    width > 320
      ? await page.evaluate(() =>
          Array.from(document.querySelectorAll<HTMLElement>('body *'))
            .filter((el) => el.getBoundingClientRect().right > 321)
            .slice(0, 8)
            .map((el) => `${el.tagName}.${el.className}`),
        )
      : [];
  await page.setViewportSize(size);
  return width <= 320 ? width : { width, wide };
}

async function resultNames(page: Page): Promise<string[]> {
  await page.getByRole('status').filter({ hasText: 'palveluntuottaja' }).waitFor();
  return (await page.locator('.provider-card h2').allTextContents()).sort();
}

async function search(page: Page, expectedFirst: string) {
  await page.getByRole('button', { name: 'Hae', exact: true }).click();
  await page.locator('.provider-card h2', { hasText: expectedFirst }).first().waitFor();
}

describe('public provider catalogue', () => {
  for (const size of VIEWPORTS) {
    it(`filters, compares three and opens a provider without signing in at ${size.width}×${size.height}`, async () => {
      const { context, page, problems } = await newPage(browser);
      await page.setViewportSize(size);
      await page.goto(`${base}providers`);
      await page.getByRole('heading', { level: 1, name: 'Palveluntuottajat' }).waitFor();
      expect(await page.evaluate(() => sessionStorage.getItem('hb.session'))).toBeNull();

      // An accessibility feature, chosen by its name in words, with how many have it beside it
      // (every approved provider matches an empty search: counted exactly, not "vähintään").
      const hearingLoop = `Induktiosilmukka (${HEARING_LOOP.length})`;
      const access = page.getByRole('search').getByLabel('Esteettömyys');
      await access.locator('option', { hasText: hearingLoop }).waitFor({ state: 'attached' });
      await access.selectOption({ label: hearingLoop });
      await search(page, HEARING_LOOP[0]!);
      // As many results as the count said.
      await page
        .getByRole('status')
        .filter({ hasText: `${HEARING_LOOP.length} palveluntuottajaa` })
        .waitFor();
      expect(await resultNames(page)).toEqual(HEARING_LOOP);
      const cards = page.locator('.provider-card');
      for (let i = 0; i < 4; i++)
        await cards
          .nth(i)
          .locator('.tags li', { hasText: /\sInduktiosilmukka$/ })
          .waitFor();
      await checkPage(page, `70-catalogue-hearing-loop-${size.name}`);
      expect(await widthAt320(page, size)).toBeLessThanOrEqual(320);

      // Three for comparison: the fourth cannot be chosen until one is let go.
      for (const name of HEARING_LOOP.slice(0, 3))
        await page.getByLabel(`Valitse vertailuun: ${name}`).check();
      await page.getByText('Vertailussa 3/3').waitFor();
      expect(await page.getByLabel(`Valitse vertailuun: ${HEARING_LOOP[3]}`).isDisabled()).toBe(
        true,
      );

      // Finnish sign language as a language; the chosen three stay chosen. Its count is among
      // the applied search's matches (the one with a hearing loop that signs).
      await page.getByRole('search').getByLabel('Esteettömyys').selectOption({ label: '–' });
      const signing = 'suomalainen viittomakieli (1)';
      const languages = page.getByRole('search').getByLabel('Kieli');
      await languages.locator('option', { hasText: signing }).waitFor({ state: 'attached' });
      await languages.selectOption({ label: signing });
      await search(page, SIGN_LANGUAGE);
      await page
        .getByRole('status')
        .filter({ hasText: /^1 palveluntuottaja$/ })
        .waitFor();
      expect(await resultNames(page)).toEqual([SIGN_LANGUAGE]);
      await cards.locator('.tags li', { hasText: /\sViittomakieli$/ }).waitFor();
      await checkPage(page, `71-catalogue-sign-language-${size.name}`);

      await page.getByRole('link', { name: 'Vertaile valittuja' }).click();
      await page.getByRole('heading', { level: 1, name: 'Palveluntuottajien vertailu' }).waitFor();
      const columns = page.locator('.compare-column');
      await columns.nth(2).getByRole('heading', { level: 2 }).waitFor();
      expect(await columns.count()).toBe(3);
      expect((await columns.getByRole('heading', { level: 2 }).allTextContents()).sort()).toEqual(
        HEARING_LOOP.slice(0, 3),
      );
      for (let i = 0; i < 3; i++) {
        await columns
          .nth(i)
          .locator('.tags li', { hasText: /\sInduktiosilmukka$/ })
          .waitFor();
        await columns
          .nth(i)
          .getByText(/€ \/ (tunti|päivä|km|vuosi)/)
          .first()
          .waitFor();
      }
      await checkPage(page, `72-catalogue-compare-${size.name}`);
      expect(await widthAt320(page, size)).toBeLessThanOrEqual(320);

      // A provider's own page: the phone number comes first, as a link that calls it.
      await columns.getByRole('link', { name: SIGN_LANGUAGE }).click();
      await page.getByRole('heading', { level: 1, name: SIGN_LANGUAGE }).waitFor();
      const firstLink = page.locator('.provider-details a').first();
      expect(await firstLink.getAttribute('href')).toMatch(/^tel:\+?\d+$/);
      await page
        .getByText('Voit valita tämän palveluntuottajan henkilökohtaisella budjetilla.')
        .waitFor();
      const details = page.locator('.provider-details');
      await details.locator('.tags li', { hasText: /\sViittomakieli$/ }).waitFor();
      await details.getByText('suomalainen viittomakieli').waitFor();
      await checkPage(page, `73-provider-page-${size.name}`);
      expect(await widthAt320(page, size)).toBeLessThanOrEqual(320);

      // Opened straight from its address, with no session at all.
      const direct = await newPage(browser);
      await direct.page.setViewportSize(size);
      await direct.page.goto(page.url());
      await direct.page.getByRole('heading', { level: 1, name: SIGN_LANGUAGE }).waitFor();
      expect(direct.problems).toEqual([]);
      await direct.context.close();

      expect(problems).toEqual([]);
      await context.close();
    }, 180_000);
  }
  for (const [i, size] of VIEWPORTS.entries()) {
    it(`a provider changes its offering's price and the catalogue shows it at ${size.width}×${size.height}`, async () => {
      const provider = await newPage(browser);
      await provider.page.setViewportSize(size);
      await signIn(provider.page, base, 'Palveluntuottaja', 'Kirjaa veloitus');
      await provider.page.goto(`${base}my-listing`);
      await provider.page
        .getByRole('heading', { level: 1, name: 'Oma esittely palveluluettelossa' })
        .waitFor();
      const first = provider.page.locator('li.card').first();
      const title = (await first.getByRole('heading', { level: 2 }).textContent()) ?? '';
      const price = i === 0 ? '47,30' : '51,90';
      await first.getByLabel('Hinta (€)').fill(price);
      await first.getByRole('button', { name: 'Tallenna' }).click();
      await first.getByRole('status').filter({ hasText: 'Tallennettu' }).waitFor();
      expect(compact(await first.getByRole('status').textContent())).toContain(`${price}€`);
      await checkPage(provider.page, `74-my-listing-${size.name}`);
      expect(await widthAt320(provider.page, size)).toBeLessThanOrEqual(320);
      expect(provider.problems).toEqual([]);
      await provider.context.close();

      // Anyone, not signed in, sees the new price in the catalogue.
      const visitor = await newPage(browser);
      await visitor.page.setViewportSize(size);
      await visitor.page.goto(`${base}providers?q=Kipinä`);
      const card = visitor.page.locator('.provider-card', { hasText: 'Ohjauspalvelu Kipinä Oy' });
      await card.waitFor();
      const offering = card.locator('.tags li', { hasText: title });
      expect(compact(await offering.first().textContent())).toContain(`${price}€`);
      expect(visitor.problems).toEqual([]);
      await visitor.context.close();
    }, 180_000);
  }
  for (const [i, size] of VIEWPORTS.entries()) {
    it(`a provider edits its description and languages and a visitor sees them at ${size.width}×${size.height}`, async () => {
      const provider = await newPage(browser);
      await provider.page.setViewportSize(size);
      await signIn(provider.page, base, 'Palveluntuottaja', 'Kirjaa veloitus');
      await provider.page.goto(`${base}my-listing`);
      const form = provider.page.locator('section', {
        has: provider.page.getByRole('heading', { level: 2, name: 'Yhteystiedot ja kuvaus' }),
      });
      await form.waitFor();
      // Phone first: the first field of the form is the phone number.
      expect(await form.locator('input, textarea').first().getAttribute('type')).toBe('tel');
      const history = provider.page.locator('section', {
        has: provider.page.getByRole('heading', { level: 2, name: 'Muutoshistoria' }),
      });
      const versionsBefore = await history.locator('li').count();
      const description = `Kipinän uusi esittely ${size.name} ${Date.now()}`;
      const [code, language] = i === 0 ? ['et', 'viro'] : ['ru', 'venäjä'];
      await form.getByLabel('Kuvaus palveluista').fill(description);
      await form.getByLabel(language, { exact: true }).check();
      // A bad e-mail is refused with a clear error and nothing is saved.
      await form.getByLabel('Sähköposti').fill('ei-osoite');
      await form.getByRole('button', { name: 'Tallenna tiedot' }).click();
      await form.getByText('E-mail address is not valid').first().waitFor();
      await form.getByLabel('Sähköposti').fill('info@kipina.example.fi');
      await form.getByLabel('Käyntiosoite').fill(`Hämeenkatu ${10 + i}, 33100 Tampere`);
      await form.getByRole('button', { name: 'Tallenna tiedot' }).click();
      await form.getByRole('status').filter({ hasText: 'Tiedot tallennettu' }).waitFor();
      // The change is one more version in the history, newest first, naming what changed.
      await history.locator('li').nth(versionsBefore).waitFor();
      expect(await history.locator('li').first().textContent()).toContain('Kuvaus palveluista');
      const box = await form.getByRole('button', { name: 'Tallenna tiedot' }).boundingBox();
      expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
      const choice = await form.getByLabel(language, { exact: true }).locator('..').boundingBox();
      expect(choice?.height ?? 0).toBeGreaterThanOrEqual(44);
      // A new service type is added but waits for the organiser.
      const added = provider.page.locator('section', {
        has: provider.page.getByRole('heading', { level: 2, name: 'Lisää palvelu' }),
      });
      const newTitle = `Kipinän kyyti ${size.name}`;
      await added.getByLabel('Palvelutyyppi').selectOption('TRANSPORT');
      await added.getByLabel('Palvelun nimi').fill(newTitle);
      await added.getByLabel('Hinta (€)').fill('1,20');
      await added.getByLabel('Hinnan yksikkö').selectOption('KILOMETRE');
      await added.getByRole('button', { name: 'Lisää palvelu' }).click();
      await added
        .getByRole('status')
        .filter({ hasText: 'odottaa järjestäjän hyväksyntää' })
        .waitFor();
      await provider.page
        .locator('section', {
          has: provider.page.getByRole('heading', { name: 'Odottaa järjestäjän hyväksyntää' }),
        })
        .getByText(newTitle)
        .waitFor();
      await checkPage(provider.page, `75-my-listing-details-${size.name}`);
      expect(await widthAt320(provider.page, size)).toBeLessThanOrEqual(320);
      expect(provider.problems).toEqual([]);
      await provider.context.close();

      // A visitor, not signed in, finds the provider by the new language and sees both.
      const visitor = await newPage(browser);
      await visitor.page.setViewportSize(size);
      await visitor.page.goto(`${base}providers?lang=${code}`);
      const card = visitor.page.locator('.provider-card', { hasText: 'Ohjauspalvelu Kipinä Oy' });
      await card.waitFor();
      expect(compact(await card.textContent())).toContain(compact(description));
      expect(await card.textContent()).toContain(language);
      expect(await card.textContent()).not.toContain('Kipinän kyyti');
      // Its own page shows the new address with the contact details.
      await card.getByRole('link', { name: 'Ohjauspalvelu Kipinä Oy' }).click();
      await visitor.page
        .locator('.provider-contact')
        .getByText(`Käyntiosoite: Hämeenkatu ${10 + i}, 33100 Tampere`)
        .waitFor();
      expect(visitor.problems).toEqual([]);
      await visitor.context.close();
    }, 180_000);
  }
  for (const [i, size] of VIEWPORTS.entries()) {
    it(`organiser staff approve a provider's new service type and the catalogue shows it at ${size.width}×${size.height}`, async () => {
      const [type, typeName] =
        i === 0 ? ['RESPITE_CARE', 'Omaishoidon tuen vapaat'] : ['HOUSING', 'Asumispalvelut'];
      const newTitle = `Kipinän uusi palvelu ${size.name}`;
      // The provider adds an offering of a service type it is not approved for: it waits.
      const provider = await newPage(browser);
      await provider.page.setViewportSize(size);
      await signIn(provider.page, base, 'Palveluntuottaja', 'Kirjaa veloitus');
      await provider.page.goto(`${base}my-listing`);
      const added = provider.page.locator('section', {
        has: provider.page.getByRole('heading', { level: 2, name: 'Lisää palvelu' }),
      });
      await added.waitFor();
      await added.getByLabel('Palvelutyyppi').selectOption(type);
      await added.getByLabel('Palvelun nimi').fill(newTitle);
      await added.getByLabel('Hinta (€)').fill('95');
      await added.getByLabel('Hinnan yksikkö').selectOption('DAY');
      await added.getByRole('button', { name: 'Lisää palvelu' }).click();
      await added
        .getByRole('status')
        .filter({ hasText: 'odottaa järjestäjän hyväksyntää' })
        .waitFor();
      expect(provider.problems).toEqual([]);
      await provider.context.close();

      // Not in the public catalogue while it waits.
      const before = await newPage(browser);
      await before.page.setViewportSize(size);
      await before.page.goto(`${base}providers?q=Kipinä`);
      const waitingCard = before.page.locator('.provider-card', {
        hasText: 'Ohjauspalvelu Kipinä Oy',
      });
      await waitingCard.waitFor();
      expect(await waitingCard.textContent()).not.toContain(newTitle);
      await before.context.close();

      // Organiser staff see it in the approval queue, with its service type and price, and approve it.
      const organiser = await newPage(browser);
      await organiser.page.setViewportSize(size);
      await signIn(organiser.page, base, 'Järjestäjä – Tampere', 'Hyväksyntäjono');
      const card = organiser.page.getByRole('article', { name: 'Ohjauspalvelu Kipinä Oy' });
      await card.waitFor();
      const awaiting = card.getByRole('region', { name: 'Uusi palvelutyyppi odottaa hyväksyntää' });
      const line = awaiting.getByRole('listitem').filter({ hasText: newTitle });
      await line.waitFor();
      expect(compact(await line.textContent())).toContain(compact(`${typeName}: ${newTitle}`));
      expect(compact(await line.textContent())).toContain('95,00€');
      const form = card.getByRole('form', { name: 'Päätös: Ohjauspalvelu Kipinä Oy' });
      // A rejection would need a reason; approval does not.
      await form.getByLabel('Päätös', { exact: true }).selectOption('APPROVED');
      const save = form.getByRole('button', { name: 'Tallenna päätös' });
      expect((await save.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(44);
      await checkPage(organiser.page, `76-approve-service-type-${size.name}`);
      expect(await widthAt320(organiser.page, size)).toBeLessThanOrEqual(320);
      await save.click();
      await organiser.page
        .getByRole('status')
        .filter({ hasText: 'Ohjauspalvelu Kipinä Oy: uusi palvelutyyppi hyväksytty' })
        .waitFor();
      // Decided: the provider leaves the queue, the step is in its history.
      await card.waitFor({ state: 'detached' });
      expect(organiser.problems).toEqual([]);
      await organiser.context.close();

      // Anyone, not signed in, now finds the new offering in the catalogue.
      const visitor = await newPage(browser);
      await visitor.page.setViewportSize(size);
      await visitor.page.goto(`${base}providers?q=Kipinä`);
      const shown = visitor.page.locator('.provider-card', { hasText: 'Ohjauspalvelu Kipinä Oy' });
      await shown.locator('.tags li', { hasText: newTitle }).waitFor();
      expect(compact(await shown.textContent())).toContain('95,00€');
      // A maximum price is per the chosen unit, which its label names; 95 €/day is within 95.
      await visitor.page.getByLabel('Hinnan yksikkö').selectOption('DAY');
      await visitor.page.getByLabel('Enimmäishinta (€ / päivä)').fill('95');
      await visitor.page.getByRole('button', { name: 'Hae', exact: true }).click();
      await visitor.page.waitForURL(/max=95/);
      await visitor.page
        .locator('.provider-card', { hasText: 'Ohjauspalvelu Kipinä Oy' })
        .locator('.tags li', { hasText: newTitle })
        .waitFor();
      expect(visitor.problems).toEqual([]);
      await visitor.context.close();
    }, 180_000);
  }
});
