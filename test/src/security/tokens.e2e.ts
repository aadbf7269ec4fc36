/**
 * The token rules through real processes: a client's token that names another client reads
 * nothing (through the gateway, straight at each subgraph and over `_entities`) and leaves
 * no trace of that client read; tokens that live too long are refused everywhere; a service
 * given an external issuer without issuer and audience refuses to boot.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { DEMO } from '@hb/kit';
import { accessLogOf, startTestPlatform, type TestPlatform } from '../testkit';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform();
}, 180_000);

afterAll(async () => {
  await platform?.stop();
}, 60_000);

afterEach(() => {
  if (expect.getState().assertionCalls !== expect.getState().numPassingAsserts) {
    console.log(platform.logs.slice(-50).join('\n'));
  }
});

const ESSI = DEMO.essiClientId;

async function post(url: string, query: string, variables: object, token: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, text: await res.text() };
}

const urlOf = (service: string) => platform.services.find((s) => s.name === service)!.url;

describe('a CLIENT token whose subject is not the client it names', () => {
  it('reads nothing of that client anywhere, and her access log does not name it', async () => {
    const intruder = crypto.randomUUID();
    const token = await platform.token({ sub: intruder, role: 'CLIENT', clientId: ESSI });
    const gateway = await post(
      platform.gatewayUrl,
      `query($id: ID!) { client(id: $id) { firstName lastName dateOfBirth budgets { id } plans { id } } }`,
      { id: ESSI },
      token,
    );
    expect(gateway.status).toBe(401);
    expect(JSON.parse(gateway.text)).toMatchObject({
      errors: [{ extensions: { code: 'UNAUTHENTICATED' } }],
    });
    expect(gateway.text).not.toMatch(/Essi|Esimerkki/);

    const entities = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Client { id } } }`;
    for (const service of ['clients', 'budgets', 'plans']) {
      const direct = await post(
        urlOf(service),
        entities,
        { r: [{ __typename: 'Client', id: ESSI }] },
        token,
      );
      expect({ service, status: direct.status }).toEqual({ service, status: 401 });
      expect(direct.text).not.toContain(ESSI);
    }

    const log = await accessLogOf(platform, ESSI);
    expect(log.length).toBeGreaterThan(0); // the client's own read of her log just now
    expect(log.filter((row) => row.actorId === intruder)).toEqual([]);
  });

  it('while the same claims with her own subject read her', async () => {
    const token = await platform.token({ sub: ESSI, role: 'CLIENT', clientId: ESSI });
    const res = await platform.gql<{ client: { firstName: string } }>(
      `query($id: ID!) { client(id: $id) { firstName } }`,
      { id: ESSI },
      { token },
    );
    expect(res.data?.client.firstName).toBe('Essi');
  });
});

describe('token lifetime', () => {
  it.each(['100y', '2h'])(
    'refuses a token that lives %s, at the gateway and straight at a subgraph',
    async (life) => {
      const token = await platform.token({
        sub: DEMO.adviserId,
        role: 'ADVISER',
        municipalities: [DEMO.tampere],
        expiresIn: life,
      });
      const query = `{ clients(first: 1) { totalCount } }`;
      const res = await post(platform.gatewayUrl, query, {}, token);
      expect(res.status).toBe(401);
      expect(res.text).toContain('UNAUTHENTICATED');
      const direct = await post(urlOf('clients'), query, {}, token);
      expect(direct.status).toBe(401);
    },
  );
});

describe('boot', () => {
  it('a service with OIDC_JWKS_URL but no OIDC_AUDIENCE refuses to start', async () => {
    const child = spawn(
      process.execPath,
      [path.resolve(__dirname, '../../../gateway/dist/main.js')],
      {
        env: {
          PATH: process.env.PATH,
          PORT: '0',
          DATA_DIR: platform.dataDir,
          OIDC_JWKS_URL: 'http://127.0.0.1:9/jwks',
          OIDC_ISSUER: 'https://idp.example.test',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).not.toBe(0);
    expect(output).toContain('OIDC_AUDIENCE: required when OIDC_JWKS_URL is set');
    expect(output).not.toContain('gateway ready');
  });
});
