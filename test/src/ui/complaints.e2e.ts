/// <reference lib="dom" />
/**
 * Complaints as cases (issue 17 item 5) in a real browser against the real platform, at 375 and
 * 1280 px: a client's complaint about the demo provider is received; the provider reads it on
 * its own page (without the complainant's name) and responds; the HB adviser takes it up,
 * answers and closes it, and sees the client's feedback, an anonymous one naming nobody.
 * No WCAG 2.1 AA violation; no GraphQL error reaches the browser.
 */
import type { Browser } from 'playwright-core';
import { DEMO } from '@hb/kit';
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

const VIEWPORTS = [
  { name: 'phone', width: 375, height: 667 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;

describe.each(VIEWPORTS)('a complaint from received to closed at $width px', (size) => {
  it('the provider responds, the adviser takes it up, answers and closes it', async () => {
    const adviser = await tokens(platform).adviser();
    const client = await createClient(platform, adviser, {
      firstName: `Reko${size.width}`,
      lastName: 'Valittaja',
    });
    const clientToken = await tokens(platform).client(client.id);
    const text = `Avustaja ei tullut sovittuna päivänä (${size.name}).`;
    const filed = await platform.gql<{ fileComplaint: { errors: unknown[] } }>(
      `mutation($c: ID!, $p: ID!, $t: String!) { fileComplaint(input: { clientId: $c, providerId: $p, text: $t }) { errors { code } } }`,
      { c: client.id, p: DEMO.providerId, t: text },
      { token: clientToken },
    );
    expect(filed.data?.fileComplaint.errors).toEqual([]);
    const feedback = await platform.gql<{ submitFeedback: { errors: unknown[] } }>(
      `mutation($c: ID!, $t: String!) { submitFeedback(input: { clientId: $c, rating: 4, text: $t, anonymous: true }) { errors { code } } }`,
      { c: client.id, t: `Nimetön kiitos ${size.name}` },
      { token: clientToken },
    );
    expect(feedback.data?.submitFeedback.errors).toEqual([]);

    // The provider reads it without the complainant and responds.
    const provider = await newPage(browser);
    await signIn(provider.page, base, 'Palveluntuottaja', 'Kirjaa veloitus');
    await provider.page.setViewportSize(size);
    await provider.page.goto(`${base}complaints`);
    const theirs = provider.page.getByRole('listitem').filter({ hasText: text });
    await theirs.waitFor();
    expect(await theirs.textContent()).not.toContain(`Reko${size.width}`);
    await theirs.getByLabel('Vastine').fill('Avustaja sairastui; korvaava käynti on sovittu.');
    await theirs.getByRole('button', { name: 'Lähetä vastine' }).click();
    await theirs.getByText(/Palveluntuottajan vastine: Avustaja sairastui/).waitFor();
    await checkPage(provider.page, `complaints-provider-${size.name}`);

    // The adviser handles the case to the end.
    const staff = await newPage(browser);
    await signIn(staff.page, base, 'Neuvoja – HB-keskus (Pirkanmaa)', 'Asiakaslista');
    await staff.page.setViewportSize(size);
    await staff.page.goto(`${base}complaints`);
    const cases = staff.page.getByRole('region', { name: 'Reklamaatiot' });
    const ours = cases.getByRole('listitem').filter({ hasText: text });
    await ours.getByText(`Reko${size.width} Valittaja`).waitFor();
    const status = ours.getByTestId('complaint-status');
    expect(await status.textContent()).toBe('vastaanotettu');
    await ours.getByRole('button', { name: 'Ota käsittelyyn' }).click();
    await ours.getByText('käsittelyssä', { exact: true }).waitFor();
    await ours.getByLabel('Vastaus').fill('Korvaava käynti järjestyy ensi viikolla.');
    await ours.getByRole('button', { name: 'Lähetä vastaus' }).click();
    await ours.getByText('vastattu', { exact: true }).waitFor();
    await ours.getByRole('button', { name: 'Sulje reklamaatio' }).click();
    await ours.getByText('suljettu', { exact: true }).waitFor();
    await ours.getByText(/HB-keskuksen vastaus: Korvaava käynti/).waitFor();
    const fb = staff.page
      .getByRole('region', { name: 'Palautteet' })
      .getByRole('listitem')
      .filter({ hasText: `Nimetön kiitos ${size.name}` });
    await fb.getByText(/nimetön/).waitFor();
    expect(await fb.textContent()).not.toContain(`Reko${size.width}`);
    await checkPage(staff.page, `complaints-staff-${size.name}`);

    // The client reads the answer to her own complaint through the API.
    const mine = await platform.gql<{
      complaints: { edges: Array<{ node: { status: string; answer: string } }> };
    }>(`{ complaints(first: 5) { edges { node { status answer } } } }`, {}, { token: clientToken });
    expect(mine.data?.complaints.edges.map((e) => e.node)).toEqual([
      { status: 'CLOSED', answer: 'Korvaava käynti järjestyy ensi viikolla.' },
    ]);

    expect(provider.problems).toEqual([]);
    expect(staff.problems).toEqual([]);
    await provider.context.close();
    await staff.context.close();
  }, 240_000);
});
