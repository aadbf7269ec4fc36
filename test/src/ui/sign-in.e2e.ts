/// <reference lib="dom" />
/**
 * Real sign-in in a real browser: the platform runs with the local OpenID provider (as
 * `pnpm start` does), so every service verifies the provider's tokens through the external
 * issuer path of production. An adviser signs in (the UI → the provider's sign-in page → back
 * signed in, with the client list), and signs out again (at the provider too), on a phone's
 * width and a desktop's. axe-core checks WCAG 2.1 AA on the UI's and the provider's pages.
 */
import type { Browser, Page } from 'playwright-core';
import { startTestPlatform, type TestPlatform } from '../testkit';
import { checkPage, launchBrowser, newPage } from './browser';

let platform: TestPlatform;
let browser: Browser;
let base: string;
let issuer: string;

beforeAll(async () => {
  platform = await startTestPlatform({ localIdentityProvider: true });
  base = platform.gatewayUrl.replace(/\/graphql$/, '/');
  issuer = platform.identityProviderUrl!;
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

/** The claims of the token the UI holds (the gateway has verified it on every request). */
async function sessionClaims(page: Page): Promise<Record<string, unknown> | null> {
  const token = await page.evaluate(() => {
    const raw = sessionStorage.getItem('hb.session');
    return raw ? (JSON.parse(raw) as { token: string }).token : null;
  });
  if (!token) return null;
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

describe('sign-in through the local OpenID provider', () => {
  it('the gateway tells the UI where to sign in, and the development sign-in is off', async () => {
    const res = await fetch(`${base}auth/config`);
    expect(await res.json()).toEqual({
      oidc: { issuer, clientId: 'hb-admin', scope: 'openid profile' },
      devSignIn: false,
    });
    const devToken = await fetch(`${base}dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'ADVISER', sub: 'x' }),
    });
    expect(await devToken.text()).not.toContain('"token"');
  });

  it.each([
    [375, 'typing the username'],
    [1280, 'choosing her from the demo people'],
  ])('at %i px an adviser signs in by %s, sees the client list and signs out', async (width) => {
    const { context, page, problems } = await newPage(browser);
    await page.setViewportSize({ width, height: 900 });
    const name = `sign-in-${width}`;

    await page.goto(`${base}clients`);
    await page.getByText('Kirjaudu sisään nähdäksesi tämän sivun.').waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Kirjaudu' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kirjautuminen' }).waitFor();
    expect(await page.getByLabel('Käyttäjä', { exact: true }).count()).toBe(0);
    await checkPage(page, `${name}-ui`);
    await page.getByRole('button', { name: 'Jatka tunnistautumaan' }).click();

    await page.getByRole('heading', { level: 1, name: 'Kirjaudu HB-keskukseen' }).waitFor();
    expect(new URL(page.url()).origin).toBe(issuer);
    await checkPage(page, `${name}-provider`);
    if (width === 375) {
      await page.getByLabel('Käyttäjätunnus').fill('nobody');
      await page.getByRole('button', { name: 'Jatka', exact: true }).click();
      await page.getByRole('alert').getByText('Tuntematon käyttäjätunnus.').waitFor();
      await page.getByLabel('Käyttäjätunnus').fill('hanna');
      await page.getByRole('button', { name: 'Jatka', exact: true }).click();
    } else {
      await page.getByRole('button', { name: /^Hanna Neuvonen/ }).click();
    }

    // Back in the UI, where she asked to go, signed in through the provider.
    await page.getByRole('heading', { level: 1, name: 'Asiakkaat' }).waitFor();
    expect(page.url()).toBe(`${base}clients`);
    await page.getByText('Kirjautunut: Hanna Neuvonen (HB-neuvoja)').waitFor();
    await page.getByRole('link', { name: 'Esimerkki, Essi' }).waitFor();
    expect(await sessionClaims(page)).toMatchObject({
      iss: issuer,
      aud: 'hb-keskus',
      hb_role: 'ADVISER',
      name: 'Hanna Neuvonen',
      sub: '00000000-0000-4000-8000-00000000ad01',
    });
    await checkPage(page, `${name}-clients`);

    // Signing out ends the provider's session too: the next sign-in asks again.
    await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kirjaudu ulos HB-keskuksesta' }).waitFor();
    await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kirjautuminen' }).waitFor();
    expect(new URL(page.url()).origin).toBe(new URL(base).origin);
    await page.getByRole('status').getByText('Olet kirjautunut ulos.').waitFor();
    expect(await sessionClaims(page)).toBeNull();
    await page.goto(`${base}clients`);
    await page.getByText('Kirjaudu sisään nähdäksesi tämän sivun.').waitFor();
    await page.goto(`${base}sign-in`);
    await page.getByRole('button', { name: 'Jatka tunnistautumaan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kirjaudu HB-keskukseen' }).waitFor();

    expect(problems).toEqual([]);
    await context.close();
  });

  it('the test kit’s development tokens still work beside the provider', async () => {
    const res = await platform.gql<{ clients: { totalCount: number } }>(
      `{ clients(first: 1) { totalCount } }`,
      {},
      {
        token: await platform.token({
          sub: '00000000-0000-4000-8000-00000000ad01',
          role: 'ADVISER',
          municipalities: ['837'],
        }),
      },
    );
    expect(res.data?.clients.totalCount).toBeGreaterThan(0);
  });
});
