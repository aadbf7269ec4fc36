/**
 * The token rules against real signed JWTs: an external issuer served over HTTP (the same
 * remote-JWKS path as production) and the development issuer's key on disk.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload, type KeyLike } from 'jose';
import { loadConfig, type Config } from '../config/config';
import { signDevToken } from './dev-issuer';
import { createVerifier, type TokenVerifier } from './verifier';

const ISSUER = 'https://idp.example.test/realms/pirkanmaa';
const AUDIENCE = 'hb-keskus';
const CLIENT = '00000000-0000-4000-8000-000000000e55';
const OTHER_CLIENT = '00000000-0000-4000-8000-000000000e56';

let server: http.Server;
let jwksUrl: string;
let privateKey: KeyLike;
let strangerKey: KeyLike;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-verifier-'));
  const pair = await generateKeyPair('ES256');
  privateKey = pair.privateKey;
  strangerKey = (await generateKeyPair('ES256')).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/jwks`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function config(overrides: NodeJS.ProcessEnv = {}): Config {
  return loadConfig({
    DATA_DIR: dataDir,
    OIDC_JWKS_URL: jwksUrl,
    OIDC_ISSUER: ISSUER,
    OIDC_AUDIENCE: AUDIENCE,
    ...overrides,
  });
}

const now = () => Math.floor(Date.now() / 1000);

interface TokenOptions {
  claims?: JWTPayload;
  iat?: number | null;
  exp?: number | null;
  iss?: string;
  aud?: string;
  key?: KeyLike;
}

/** A token of the external issuer: an adviser, valid for 30 minutes, unless told otherwise. */
function sign(options: TokenOptions = {}): Promise<string> {
  const claims: JWTPayload = {
    sub: '00000000-0000-4000-8000-00000000ad01',
    hb_role: 'ADVISER',
    hb_municipalities: ['837'],
    ...options.claims,
  };
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setIssuer(options.iss ?? ISSUER)
    .setAudience(options.aud ?? AUDIENCE);
  const iat = options.iat === undefined ? now() : options.iat;
  if (iat !== null) jwt.setIssuedAt(iat);
  const exp = options.exp === undefined ? now() + 30 * 60 : options.exp;
  if (exp !== null) jwt.setExpirationTime(exp);
  return jwt.sign(options.key ?? privateKey);
}

async function refusal(verify: TokenVerifier, token: string): Promise<string | undefined> {
  try {
    await verify(token);
    return undefined;
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code;
  }
}

describe('external issuer', () => {
  let verify: TokenVerifier;
  beforeAll(async () => {
    verify = await createVerifier(config());
  });

  it('accepts a token of the configured issuer and audience', async () => {
    const principal = await verify(await sign());
    expect(principal).toMatchObject({ role: 'ADVISER', municipalities: ['837'] });
  });

  // Options are built when each case runs (keys and the clock are not ready before).
  it.each<[string, () => TokenOptions]>([
    ['no exp', () => ({ exp: null })],
    ['a 100-year exp', () => ({ exp: now() + 100 * 365 * 24 * 3600 })],
    ['a lifetime of 2 h (exp − iat)', () => ({ iat: now(), exp: now() + 2 * 3600 })],
    ['a backdated iat hiding a long lifetime', () => ({ iat: now() - 3000, exp: now() + 3000 })],
    ['no iat and an exp 2 h ahead', () => ({ iat: null, exp: now() + 2 * 3600 })],
    ['an iat in the future', () => ({ iat: now() + 600, exp: now() + 900 })],
    ['an expired exp', () => ({ iat: now() - 1200, exp: now() - 600 })],
    ['another issuer', () => ({ iss: 'https://evil.example.test' })],
    ['the issuer with a trailing slash', () => ({ iss: `${ISSUER}/` })],
    ['another audience', () => ({ aud: 'some-other-api' })],
    ['a key the issuer does not publish', () => ({ key: strangerKey })],
    [
      'a CLIENT token whose subject is not its hb_client',
      () => ({ claims: { sub: CLIENT, hb_role: 'CLIENT', hb_client: OTHER_CLIENT } }),
    ],
    ['a CLIENT token without hb_client', () => ({ claims: { sub: CLIENT, hb_role: 'CLIENT' } })],
    ['no known role', () => ({ claims: { hb_role: 'ADMIN' } })],
  ])('refuses %s', async (_name, options) => {
    const token = await sign(options());
    expect(await refusal(verify, token)).toBe('UNAUTHENTICATED');
  });

  it('accepts a CLIENT token whose subject is its hb_client, and exactly 1 h of lifetime', async () => {
    const principal = await verify(
      await sign({
        claims: { sub: CLIENT, hb_role: 'CLIENT', hb_client: CLIENT },
        iat: now(),
        exp: now() + 3600,
      }),
    );
    expect(principal).toMatchObject({ sub: CLIENT, role: 'CLIENT', clientId: CLIENT });
  });

  it('refuses an unsigned token (alg none)', async () => {
    const encode = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const token = `${encode({ alg: 'none' })}.${encode({ sub: 'x', hb_role: 'ADVISER', iss: ISSUER, aud: AUDIENCE, exp: now() + 60 })}.`;
    expect(await refusal(verify, token)).toBe('UNAUTHENTICATED');
  });

  it('refuses the development issuer’s tokens unless told to trust them', async () => {
    const devToken = await signDevToken(dataDir, { sub: 'x', role: 'ADVISER' });
    expect(await refusal(verify, devToken)).toBe('UNAUTHENTICATED');
    const both = await createVerifier(config({ TRUST_DEV_ISSUER: '1' }));
    expect(await both(devToken)).toMatchObject({ sub: 'x', role: 'ADVISER' });
    expect(await both(await sign())).toMatchObject({ role: 'ADVISER' });
  });

  it('follows the configured maximum lifetimes, for people and for systems apart', async () => {
    const strict = await createVerifier(
      config({ TOKEN_MAX_LIFETIME_SECONDS: '600', SYSTEM_TOKEN_MAX_LIFETIME_SECONDS: '7200' }),
    );
    expect(await refusal(strict, await sign({ exp: now() + 900 }))).toBe('UNAUTHENTICATED');
    const system = {
      sub: 'tampere-municipal-system',
      hb_role: 'MUNICIPAL_SYSTEM',
      scope: 'reports:read',
    };
    expect(await strict(await sign({ claims: system, exp: now() + 5400 }))).toMatchObject({
      role: 'MUNICIPAL_SYSTEM',
      scopes: ['reports:read'],
    });
    expect(await refusal(verify, await sign({ claims: system, exp: now() + 5400 }))).toBe(
      'UNAUTHENTICATED',
    );
  });
});

describe('development issuer', () => {
  it('refuses its own tokens beyond the maximum lifetime, and a CLIENT naming another client', async () => {
    const verify = await createVerifier(loadConfig({ DATA_DIR: dataDir }));
    expect(await verify(await signDevToken(dataDir, { sub: 'x', role: 'WORKER' }))).toMatchObject({
      role: 'WORKER',
    });
    const long = await signDevToken(dataDir, { sub: 'x', role: 'WORKER', expiresIn: '8h' });
    expect(await refusal(verify, long)).toBe('UNAUTHENTICATED');
    const borrowed = await signDevToken(dataDir, {
      sub: CLIENT,
      role: 'CLIENT',
      clientId: OTHER_CLIENT,
    });
    expect(await refusal(verify, borrowed)).toBe('UNAUTHENTICATED');
  });

  it('is trusted in production only when explicitly enabled', async () => {
    const CREDENTIAL = 'c'.repeat(32);
    const token = await signDevToken(dataDir, { sub: 'x', role: 'ADVISER' });
    const production = await createVerifier(
      loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'production', GATEWAY_CREDENTIAL: CREDENTIAL }),
    );
    expect(await refusal(production, token)).toBe('UNAUTHENTICATED');
    for (const enabled of [{ DEV_ISSUER: '1' }, { TRUST_DEV_ISSUER: '1' }]) {
      const verify = await createVerifier(
        loadConfig({
          DATA_DIR: dataDir,
          NODE_ENV: 'production',
          GATEWAY_CREDENTIAL: CREDENTIAL,
          ...enabled,
        }),
      );
      expect(await verify(token)).toMatchObject({ role: 'ADVISER' });
    }
  });
});

describe('boot', () => {
  it.each(['OIDC_ISSUER', 'OIDC_AUDIENCE'])(
    'refuses to start with OIDC_JWKS_URL set and %s missing',
    (missing) => {
      const env: NodeJS.ProcessEnv = {
        DATA_DIR: dataDir,
        OIDC_JWKS_URL: jwksUrl,
        OIDC_ISSUER: ISSUER,
        OIDC_AUDIENCE: AUDIENCE,
      };
      delete env[missing];
      expect(() => loadConfig(env)).toThrow(`${missing}: required when OIDC_JWKS_URL is set`);
    },
  );

  it('refuses to build a verifier from a configuration without issuer or audience', async () => {
    const unchecked = { ...config(), OIDC_AUDIENCE: undefined };
    await expect(createVerifier(unchecked)).rejects.toThrow(
      'OIDC_ISSUER and OIDC_AUDIENCE are required',
    );
  });
});
