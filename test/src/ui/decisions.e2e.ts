/// <reference lib="dom" />
/**
 * Decisions in a real browser against the real platform, at a phone's 375×667 and a desktop's
 * 1280×800 (issue 18): the client's own worker sees the decisions on the client's page and
 * downloads one (a PDF whose text, read with pdf-parse, states the amount, the class, the
 * restrictions and the appeal instructions); the client sees her decisions on her own page,
 * files an appeal (both fields required) and sees it received. No WCAG 2.1 AA violation
 * (axe-core); no GraphQL error reaches the browser.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { PDFParse } from 'pdf-parse';
import { DEMO } from '@hb/kit';
import { createClient, hbClassId, startTestPlatform, tokens, type TestPlatform } from '../testkit';
import { checkPage, compact, launchBrowser, newPage } from './browser';

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

/** Puts a session for a token where the UI keeps it, then opens `path`. */
async function signInWithToken(page: Page, session: Record<string, unknown>, path: string) {
  await page.goto(`${base}sign-in`);
  await page.evaluate((s) => sessionStorage.setItem('hb.session', JSON.stringify(s)), session);
  await page.goto(`${base}${path}`);
}

/** A client of Tampere with a budget decided by her own worker (one decision). */
async function decidedClient(worker: string) {
  const client = await createClient(platform, worker, { firstName: 'Päivi' });
  const res = await platform.gql<{
    decideBudget: { budget: { granted: { amount: string } } | null; errors: unknown[] };
  }>(
    `mutation($i: DecideBudgetInput!) { decideBudget(input: $i) {
      budget { granted { amount } } errors { code message } } }`,
    {
      i: {
        clientId: client.id,
        year: new Date().getFullYear(),
        serviceType: 'DAY_ACTIVITIES',
        hbClassId: await hbClassId(platform, worker, DEMO.tampere),
        weeklyUnits: 2,
        weeks: 40,
        paymentIntervalMonths: 3,
        instrument: 'VOUCHER',
        decision: { ordinaryPart: '3 päivää viikossa tavallisessa päivätoiminnassa' },
      },
    },
    { token: worker },
  );
  const granted = res.data?.decideBudget.budget?.granted.amount;
  if (!granted) throw new Error(`decideBudget failed: ${JSON.stringify(res)}`);
  return { ...client, granted };
}

/** "1234.50" → "1 234,50 €", as the document writes it. */
const fi = (amount: string) => {
  const [e, c = '00'] = amount.split('.');
  return `${e!.replace(/\B(?=(\d{3})+(?!\d))/g, ' ')},${c.padEnd(2, '0')} €`;
};

describe('decisions on the staff and client pages', () => {
  for (const size of VIEWPORTS) {
    it(`staff download a decision, the client appeals it, at ${size.width}×${size.height}`, async () => {
      const worker = await tokens(platform).worker(DEMO.tampere);
      const client = await decidedClient(worker);

      // The client's own worker on the client's page.
      const staff = await newPage(browser);
      await staff.page.setViewportSize(size);
      await signInWithToken(
        staff.page,
        { token: worker, role: 'WORKER', name: 'Olli Omatyö', municipalities: [DEMO.tampere] },
        `clients/${client.id}`,
      );
      const section = staff.page.getByTestId('decisions');
      await section.getByRole('heading', { level: 2, name: 'Päätökset' }).waitFor();
      await section.getByText(/^Päätös 1 · /).waitFor();
      await checkPage(staff.page, `80-decisions-staff-${size.name}`);
      const [download] = await Promise.all([
        staff.page.waitForEvent('download'),
        section.getByRole('button', { name: 'Lataa päätös (PDF)' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^paatos-\d{4}-\d{2}-\d{2}-v1\.pdf$/);
      const bytes = fs.readFileSync((await download.path())!);
      const parser = new PDFParse({ data: new Uint8Array(bytes) });
      const text = (await parser.getText()).text.replace(/\u00a0/g, ' ');
      await parser.destroy();
      expect(text).toContain(fi(client.granted));
      expect(text).toContain('HB-luokka 5');
      expect(text).toContain('Budjettia ei saa käyttää uhkapeleihin.');
      expect(text).toContain('3 päivää viikossa tavallisessa päivätoiminnassa');
      expect(text).toContain('Oikaisuvaatimusohje');
      await section.getByText(/^Ladattu: paatos-/).waitFor();
      expect(staff.problems).toEqual([]);
      await staff.context.close();

      // The client on her own page.
      const own = await newPage(browser);
      await own.page.setViewportSize(size);
      await signInWithToken(
        own.page,
        {
          token: await tokens(platform).client(client.id),
          role: 'CLIENT',
          name: `${client.firstName} ${client.lastName}`,
          clientId: client.id,
        },
        'me',
      );
      const mine = own.page.getByTestId('decisions');
      await mine.getByText(/^Päätös 1 · /).waitFor();
      await mine.getByText(/^Oikaisuvaatimus viimeistään /).waitFor();
      await checkPage(own.page, `81-decisions-client-${size.name}`);
      await mine.getByRole('button', { name: 'Tee oikaisuvaatimus' }).click();
      await mine.getByRole('button', { name: 'Lähetä oikaisuvaatimus' }).click();
      await own.page.getByRole('alert').first().waitFor();
      expect(await mine.getByTestId('appeal').count()).toBe(0);
      await mine.getByLabel('Mitä pyydät muutettavaksi?').fill('Neljä päivää viikossa.');
      await mine.getByLabel('Perustelut').fill('Tarvitsen enemmän ohjausta.');
      await checkPage(own.page, `82-decisions-appeal-form-${size.name}`);
      await mine.getByRole('button', { name: 'Lähetä oikaisuvaatimus' }).click();
      await mine.getByText('Oikaisuvaatimus vastaanotettu.').waitFor();
      await mine
        .getByTestId('appeal')
        .getByText(/^Vastaanotettu · jätetty /)
        .waitFor();
      await checkPage(own.page, `83-decisions-appealed-${size.name}`);
      // The problems the refused first attempt caused are payload errors, not GraphQL errors.
      expect(own.problems).toEqual([]);
      await own.context.close();

      // Her worker decides the appeal and, later, ends HB with a decision.
      const again = await newPage(browser);
      await again.page.setViewportSize(size);
      await signInWithToken(
        again.page,
        { token: worker, role: 'WORKER', name: 'Olli Omatyö', municipalities: [DEMO.tampere] },
        `clients/${client.id}`,
      );
      const staffSection = again.page.getByTestId('decisions');
      await staffSection
        .getByTestId('appeal')
        .getByText(/^Vastaanotettu · /)
        .waitFor();
      await staffSection.getByLabel('Ratkaisu', { exact: true }).selectOption('REJECTED');
      await staffSection.getByLabel('Perustelut ratkaisulle').fill('Tuen tarve arvioitiin oikein.');
      await checkPage(again.page, `84-decisions-appeal-decide-${size.name}`);
      await staffSection.getByRole('button', { name: 'Tallenna ratkaisu' }).click();
      await staffSection
        .getByTestId('appeal')
        .getByText(/^Ratkaistu · .*Ratkaisu: hylätty – Tuen tarve arvioitiin oikein\./)
        .waitFor();
      await staffSection.getByRole('button', { name: /^Päätä HB: / }).click();
      await staffSection.getByRole('button', { name: 'Tee päättämispäätös' }).click();
      await staffSection.getByRole('alert').waitFor();
      await staffSection
        .getByLabel('Perustelu', { exact: true })
        .fill('Asiakas palaa tavanomaisiin palveluihin.');
      await checkPage(again.page, `85-decisions-end-form-${size.name}`);
      await staffSection.getByRole('button', { name: 'Tee päättämispäätös' }).click();
      const endedNote = staffSection.getByText(
        /^HB päätetty\. Rauennut: .*Peruttuja maksusitoumuksia: 0\.$/,
      );
      await endedNote.waitFor();
      expect(compact(await endedNote.textContent())).toContain(compact(fi(client.granted)));
      await staffSection.getByText(/^Päättäminen 2 · /).waitFor();
      expect(await staffSection.getByRole('button', { name: /^Päätä HB: / }).count()).toBe(0);
      await checkPage(again.page, `86-decisions-ended-${size.name}`);
      expect(again.problems).toEqual([]);
      await again.context.close();
    }, 180_000);
  }
});
