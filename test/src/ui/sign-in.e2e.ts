/// <reference lib="dom" />
/**
 * Real sign-in in a real browser: the platform runs with the local OpenID provider (as
 * `pnpm start` does), so every service verifies the provider's tokens through the external
 * issuer path of production. An adviser signs in (the UI → the provider's sign-in page → back
 * signed in, with the client list), and signs out again (at the provider too), on a phone's
 * width and a desktop's. axe-core checks WCAG 2.1 AA on the UI's and the provider's pages.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DEMO } from '@hb/kit';
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

/** A browser's part of the code flow, by hand: cookies, redirects and PKCE. */
class ManualBrowser {
  private readonly cookies = new Map<string, string>();
  readonly verifier = crypto.randomBytes(32).toString('base64url');
  readonly challenge = crypto.createHash('sha256').update(this.verifier).digest('base64url');

  async get(url: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: this.cookieHeader() },
    });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return res;
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  authorizeUrl(params: Record<string, string | undefined>): string {
    const query = new URLSearchParams();
    const all: Record<string, string | undefined> = {
      client_id: 'hb-admin',
      response_type: 'code',
      redirect_uri: `${base}auth/callback`,
      scope: 'openid profile',
      state: 'test-state',
      code_challenge: this.challenge,
      code_challenge_method: 'S256',
      ...params,
    };
    for (const [k, v] of Object.entries(all)) if (v !== undefined) query.set(k, v);
    return `${issuer}/auth?${query}`;
  }

  /** Signs in as `username` and returns where the provider finally sends the browser. */
  async signIn(username: string, params: Record<string, string | undefined> = {}) {
    let res = await this.get(this.authorizeUrl(params));
    const interaction = new URL(res.headers.get('location') ?? '', issuer).href;
    await this.get(interaction);
    res = await this.get(`${interaction}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username }).toString(),
    });
    while (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location') ?? '', issuer);
      if (next.origin !== issuer) return next;
      res = await this.get(next.href);
    }
    throw new Error(`sign-in ended at ${res.status}`);
  }

  exchange(code: string, verifier: string | undefined, origin = new URL(base).origin) {
    return fetch(`${issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        client_id: 'hb-admin',
        redirect_uri: `${base}auth/callback`,
        ...(verifier ? { code_verifier: verifier } : {}),
      }).toString(),
    });
  }
}

describe('the local OpenID provider refuses what an attacker would try', () => {
  it('sends a code only to the UI’s registered address', async () => {
    const b = new ManualBrowser();
    const res = await b.get(b.authorizeUrl({ redirect_uri: 'https://evil.example/auth/callback' }));
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
  });

  it('refuses an authorization request without PKCE', async () => {
    const b = new ManualBrowser();
    const res = await b.get(b.authorizeUrl({ code_challenge: undefined }));
    const to = new URL(res.headers.get('location') ?? '', issuer);
    expect(to.href.startsWith(`${base}auth/callback`)).toBe(true);
    expect(to.searchParams.get('error')).toBe('invalid_request');
    expect(to.searchParams.get('code')).toBeNull();
  });

  it('exchanges a code only with its verifier, only once, and answers only the UI’s origins', async () => {
    const stolen = new ManualBrowser();
    const code = (await stolen.signIn('hanna')).searchParams.get('code')!;
    expect((await stolen.exchange(code, undefined)).status).toBe(400);

    const b = new ManualBrowser();
    const ok = (await b.signIn('hanna')).searchParams.get('code')!;
    const wrong = await b.exchange(ok, new ManualBrowser().verifier);
    expect(wrong.status).toBe(400);

    const c = new ManualBrowser();
    const good = (await c.signIn('hanna')).searchParams.get('code')!;
    const foreign = await c.exchange(good, c.verifier, 'https://evil.example');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const d = new ManualBrowser();
    const fresh = (await d.signIn('hanna')).searchParams.get('code')!;
    const res = await d.exchange(fresh, d.verifier);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(new URL(base).origin);
    expect((await d.exchange(fresh, d.verifier)).status).toBe(400);
  });

  it('gives a client a token for herself, which the platform accepts for her only', async () => {
    const b = new ManualBrowser();
    const code = (await b.signIn('essi')).searchParams.get('code')!;
    const { access_token: token } = (await (await b.exchange(code, b.verifier)).json()) as {
      access_token: string;
    };
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    expect(claims).toMatchObject({
      sub: DEMO.essiClientId,
      hb_role: 'CLIENT',
      hb_client: DEMO.essiClientId,
    });
    expect((claims.exp as number) - (claims.iat as number)).toBeLessThanOrEqual(3600);
    const own = await platform.gql<{ client: { firstName: string } }>(
      `query($id: ID!) { client(id: $id) { firstName } }`,
      { id: DEMO.essiClientId },
      { token },
    );
    expect(own.data?.client.firstName).toBe('Essi');
    const list = await platform.gql(`{ clients(first: 5) { totalCount } }`, {}, { token });
    expect(list.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('the provider will not run in production', async () => {
    const main = path.resolve(__dirname, '../../../packages/platform/dist/dev-oidc/main.js');
    const child = spawn(process.execPath, [main], {
      env: { PATH: process.env.PATH, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).not.toBe(0);
    expect(output).toContain('not in production');
  });
});
