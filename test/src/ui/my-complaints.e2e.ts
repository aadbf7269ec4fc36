/// <reference lib="dom" />
/**
 * A complaint and anonymous feedback from the client's own pages (issue 17 item 5), in a real
 * browser against the real platform at 375×667 and 1280×800: the client files a complaint
 * about the HB centre on Oma suunnitelma (an empty one is refused under its field) and sends
 * feedback marked anonymous; the HB adviser, on Palautteet ja reklamaatiot, moves the
 * complaint from received through being handled and answered to closed, and reads the feedback
 * with no author; the client then sees her complaint closed with the answer. WCAG 2.1 AA
 * checked on both pages; no GraphQL error reaches either browser.
 */
import type { Browser, Page } from 'playwright-core';
import { createClient, startTestPlatform, tokens, type TestPlatform } from '../testkit';
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

afterEach(() => {
  if (expect.getState().assertionCalls !== expect.getState().numPassingAsserts) {
    console.log(platform.logs.slice(-60).join('\n'));
  }
});

/** Puts the client's session where the UI keeps it and opens her own page. */
async function signInAsClient(page: Page, token: string, clientId: string, name: string) {
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

describe.each([
  { name: 'phone', width: 375, height: 667 },
  { name: 'desktop', width: 1280, height: 800 },
])('a complaint from the client’s own page at $width px', (size) => {
  it('is filed by the client, handled to closed by the adviser, and the anonymous feedback names nobody', async () => {
    const adviser = await tokens(platform).adviser();
    const firstName = `Kanne${size.width}`;
    const client = await createClient(platform, adviser, { firstName, lastName: 'Omasivu' });
    const complaint = `Ohjaaja ei vastannut viesteihini viikkoon (${size.name}).`;
    const praise = `Nimetön palaute omalta sivulta ${size.name}`;

    const me = await newPage(browser);
    await me.page.setViewportSize(size);
    await signInAsClient(
      me.page,
      await tokens(platform).client(client.id),
      client.id,
      `${firstName} Omasivu`,
    );
    await me.page.goto(`${base}me/plan`);
    const section = me.page.getByRole('region', { name: 'Tee reklamaatio' });
    await section.waitFor();
    // An empty complaint is refused under its field, and nothing is sent.
    await section.getByRole('button', { name: 'Lähetä reklamaatio' }).click();
    await section.getByText('Kerro, mitä tapahtui.').waitFor();
    expect(await section.getByLabel('Mitä tapahtui?').getAttribute('aria-invalid')).toBe('true');
    await section.getByLabel('Keneen reklamaatio kohdistuu?').selectOption({ label: 'HB-keskus' });
    await section.getByLabel('Mitä tapahtui?').fill(complaint);
    await section.getByRole('button', { name: 'Lähetä reklamaatio' }).click();
    await section.getByText('Reklamaatiosi on vastaanotettu. HB-keskus vastaa sinulle.').waitFor();
    const mine = section.getByRole('list', { name: 'Reklamaatiosi' }).getByRole('listitem');
    await mine.filter({ hasText: complaint }).getByText('Tila: vastaanotettu').waitFor();

    const feedback = me.page.getByRole('region', { name: 'Anna palautetta' });
    await feedback.getByLabel('Palaute (vapaaehtoinen)').fill(praise);
    await feedback.getByLabel(/^Lähetä nimettömänä/).check();
    await feedback.getByRole('button', { name: 'Lähetä palaute' }).click();
    await feedback.getByText('Kiitos! Palautteesi on lähetetty.').waitFor();
    await checkPage(me.page, `my-complaint-client-${size.name}`);

    // The adviser handles the case from received to closed.
    const staff = await newPage(browser);
    await signIn(staff.page, base, 'Neuvoja – HB-keskus (Pirkanmaa)', 'Asiakaslista');
    await staff.page.setViewportSize(size);
    await staff.page.goto(`${base}complaints`);
    const ours = staff.page
      .getByRole('region', { name: 'Reklamaatiot' })
      .getByRole('listitem')
      .filter({ hasText: complaint });
    await ours.getByText(`${firstName} Omasivu`).waitFor();
    expect(await ours.getByTestId('complaint-status').textContent()).toBe('vastaanotettu');
    await ours.getByRole('button', { name: 'Ota käsittelyyn' }).click();
    await ours.getByText('käsittelyssä', { exact: true }).waitFor();
    await ours.getByLabel('Vastaus').fill('Ohjaajasi soittaa sinulle huomenna.');
    await ours.getByRole('button', { name: 'Lähetä vastaus' }).click();
    await ours.getByText('vastattu', { exact: true }).waitFor();
    await ours.getByRole('button', { name: 'Sulje reklamaatio' }).click();
    await ours.getByText('suljettu', { exact: true }).waitFor();

    // The anonymous feedback reaches the centre without its author.
    const fb = staff.page
      .getByRole('region', { name: 'Palautteet' })
      .getByRole('listitem')
      .filter({ hasText: praise });
    await fb.getByText(/nimetön/).waitFor();
    expect(await fb.textContent()).not.toContain(firstName);
    await checkPage(staff.page, `my-complaint-staff-${size.name}`);

    // Back on her page, the client sees the complaint closed, with the answer.
    await me.page.reload();
    const closed = me.page
      .getByRole('list', { name: 'Reklamaatiosi' })
      .getByRole('listitem')
      .filter({ hasText: complaint });
    await closed.getByText('Tila: suljettu').waitFor();
    await closed.getByText('HB-keskuksen vastaus: Ohjaajasi soittaa sinulle huomenna.').waitFor();

    expect(me.problems).toEqual([]);
    expect(staff.problems).toEqual([]);
    await me.context.close();
    await staff.context.close();
  }, 240_000);
});
