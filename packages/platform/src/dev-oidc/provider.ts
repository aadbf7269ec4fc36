import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type {
  Configuration,
  JWK,
  KoaContextWithOIDC,
  default as ProviderClass,
} from 'oidc-provider' with { 'resolution-mode': 'import' };
import { DEMO_ACCOUNTS, platformClaims, type DemoAccount } from './accounts';
import { loginPage, logoutPage, loggedOutPage, errorPage, type LoginPageOptions } from './pages';

/** Options of {@link startDevOidcProvider}. */
export interface DevOidcOptions {
  /** The issuer identifier, which is also where the provider is reached: `http://127.0.0.1:4010`. */
  issuer: string;
  port: number;
  host: string;
  /** Folder for the provider's signing and cookie keys (kept across restarts). */
  dataDir: string;
  /** Audience of the access tokens (the platform's `OIDC_AUDIENCE`). */
  audience: string;
  /** The admin UI's client id. */
  clientId: string;
  /** Origins the admin UI is served from (the gateway, and Vite's development server). */
  uiOrigins: string[];
  /** Lifetime of an access token in seconds; at most the platform's maximum. */
  accessTokenTtl: number;
}

/** The resource indicator of the platform's API: every access token is a JWT for it. */
export const API_RESOURCE = 'urn:hb-keskus:api';

interface Keys {
  signing: JWK;
  cookies: string[];
}

/** The provider's keys: made once per data folder, so sessions and tokens survive a restart. */
function loadKeys(dataDir: string): Keys {
  const file = path.join(dataDir, 'dev-oidc', 'keys.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as Keys;
  const { privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const keys: Keys = {
    signing: {
      ...privateKey.export({ format: 'jwk' }),
      kid: crypto.randomUUID(),
      alg: 'ES256',
      use: 'sig',
    },
    cookies: [crypto.randomBytes(32).toString('base64url')],
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}

const accountBySub = new Map(DEMO_ACCOUNTS.map((a) => [a.sub, a]));
const accountByUsername = new Map(DEMO_ACCOUNTS.map((a) => [a.username, a]));

function configuration(options: DevOidcOptions, keys: Keys): Configuration {
  const redirectUris = options.uiOrigins.map((o) => `${o}/auth/callback`);
  return {
    clients: [
      {
        client_id: options.clientId,
        client_name: 'HB-keskus',
        application_type: 'web',
        // A browser application keeps no secret: a public client, bound to PKCE.
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        id_token_signed_response_alg: 'ES256',
        redirect_uris: redirectUris,
        post_logout_redirect_uris: options.uiOrigins.map((o) => `${o}/sign-in`),
      },
    ],
    jwks: { keys: [keys.signing] },
    cookies: { keys: keys.cookies },
    pkce: { required: () => true },
    claims: { openid: ['sub'], profile: ['name'] },
    scopes: ['openid', 'profile'],
    // The UI's origins may call the token endpoint from the browser.
    clientBasedCORS: (_ctx, origin) => options.uiOrigins.includes(origin),
    findAccount: (_ctx, sub) => {
      const account = accountBySub.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: () => ({ sub, name: account.name }) };
    },
    // The admin UI is the platform's own application: signing in is consenting.
    loadExistingGrant: async (ctx) => {
      const { Grant } = ctx.oidc.provider;
      const accountId = ctx.oidc.session?.accountId;
      const clientId = ctx.oidc.client?.clientId;
      if (!accountId || !clientId) return undefined;
      const existing = ctx.oidc.session?.grantIdFor(clientId);
      if (existing) {
        const grant = await Grant.find(existing);
        if (grant) return grant;
      }
      const grant = new Grant({ accountId, clientId });
      grant.addOIDCScope('openid profile');
      grant.addResourceScope(API_RESOURCE, 'hb');
      await grant.save();
      return grant;
    },
    extraTokenClaims: (_ctx, token) => {
      const account = 'accountId' in token ? accountBySub.get(token.accountId) : undefined;
      return account ? platformClaims(account) : undefined;
    },
    ttl: {
      AccessToken: options.accessTokenTtl,
      AuthorizationCode: 60,
      IdToken: options.accessTokenTtl,
      Interaction: 600,
      Session: 8 * 3600,
      Grant: 8 * 3600,
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: KoaContextWithOIDC, form: string) => {
          ctx.type = 'html';
          ctx.body = logoutPage(form);
        },
        postLogoutSuccessSource: (ctx: KoaContextWithOIDC) => {
          ctx.type = 'html';
          ctx.body = loggedOutPage();
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => API_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource !== API_RESOURCE) throw new Error('unknown resource');
          return {
            scope: 'hb',
            audience: options.audience,
            accessTokenTTL: options.accessTokenTtl,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'ES256' } },
          };
        },
      },
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(out.error_description ?? out.error);
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  };
}

function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
      if (body.length > 10_000) req.destroy();
    });
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

/**
 * Answers one of the provider's own pages. A form's redirects count as its action, so the
 * sign-in form may lead on to the UI's origins (the authorization response).
 */
function sendHtml(
  res: http.ServerResponse,
  status: number,
  html: string,
  formTargets: readonly string[],
): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-frame-options': 'DENY',
    'content-security-policy': [
      "default-src 'none'",
      "style-src 'unsafe-inline'",
      ['form-action', "'self'", ...formTargets].join(' '),
    ].join('; '),
  });
  res.end(html);
}

/**
 * The sign-in page of an interaction (GET), and the choice of a demo person (POST). Only a
 * `login` prompt ever reaches here: consent is implied for the platform's own UI.
 */
async function handleInteraction(
  provider: ProviderClass,
  uiOrigins: readonly string[],
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const send = (status: number, html: string) => sendHtml(res, status, html, uiOrigins);
  const details = await provider.interactionDetails(req, res);
  const page = (extra: Partial<LoginPageOptions> = {}): LoginPageOptions => ({
    action: `/interaction/${details.uid}/login`,
    accounts: DEMO_ACCOUNTS,
    ...extra,
  });
  if (req.method === 'GET') {
    send(200, loginPage(page()));
    return;
  }
  if (req.method !== 'POST' || !req.url?.endsWith('/login')) {
    send(405, errorPage('Tuntematon pyyntö.'));
    return;
  }
  const form = await readForm(req);
  const username = (form.get('username') ?? '').trim().toLowerCase();
  const account: DemoAccount | undefined = accountByUsername.get(username);
  if (!account) {
    send(200, loginPage(page({ error: 'Tuntematon käyttäjätunnus.', username })));
    return;
  }
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: account.sub } },
    { mergeWithLastSubmission: false },
  );
}

/**
 * A real OpenID provider (panva's certified `oidc-provider`) for development: the demo people
 * sign in on a plain page, and the admin UI receives access tokens (JWTs for the platform's
 * audience, with the platform's claims) by the authorization code flow with PKCE, exactly as
 * from the county's identity provider in production. Never for production: anyone may sign
 * in as anyone.
 */
export async function startDevOidcProvider(options: DevOidcOptions): Promise<http.Server> {
  const { default: Provider } = await import('oidc-provider');
  const provider = new Provider(options.issuer, configuration(options, loadKeys(options.dataDir)));
  const callback = provider.callback();
  const server = http.createServer((req, res) => {
    const urlPath = (req.url ?? '/').split('?')[0] ?? '/';
    if (urlPath === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status":"ok","service":"dev-oidc"}');
      return;
    }
    if (urlPath === '/favicon.ico') {
      // Browsers ask every origin for one; an empty answer keeps their consoles clean.
      res.writeHead(204, { 'cache-control': 'max-age=86400' });
      res.end();
      return;
    }
    if (urlPath.startsWith('/interaction/')) {
      handleInteraction(provider, options.uiOrigins, req, res).catch(() => {
        if (!res.headersSent) {
          sendHtml(res, 400, errorPage('Kirjautuminen vanheni. Aloita alusta.'), []);
        }
      });
      return;
    }
    void callback(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return server;
}
