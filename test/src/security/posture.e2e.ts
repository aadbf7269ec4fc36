/**
 * Issue 14, findings 1 and 11: the gateway's edge and what a production platform reveals, on
 * real processes started with NODE_ENV=production.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { DEMO } from '@hb/kit';
import { startTestPlatform, tokens, type TestPlatform } from '../testkit';
import { subscribe } from '../testkit/budget-flows';

let platform: TestPlatform;
let origin: string;

beforeAll(async () => {
  platform = await startTestPlatform({ env: { NODE_ENV: 'production' } });
  origin = new URL(platform.gatewayUrl).origin;
}, 180_000);

afterAll(async () => {
  await platform?.stop();
}, 60_000);

afterEach(() => {
  if (expect.getState().assertionCalls !== expect.getState().numPassingAsserts) {
    console.log(platform.logs.slice(-30).join('\n'));
  }
});

/** A GET with the path sent exactly as written (fetch would normalise some of it). */
function rawGet(target: string, rawPath: string): Promise<{ status: number; body: string }> {
  const url = new URL(target);
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: url.hostname, port: url.port, path: rawPath, agent: false },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
  });
}

async function stillAnswers(): Promise<void> {
  expect((await rawGet(origin, '/health')).status).toBe(200);
  const res = await platform.gql('{ municipalities { code } }');
  expect(res.errors).toBeUndefined();
}

describe('the gateway edge (finding 1)', () => {
  it.each([
    ['/%E0%A4%A', 400],
    ['/%', 400],
    ['/assets/%E0%A4%A.js', 400],
    ['/clients/%ZZ', 400],
    ['/%00', 400],
    ['/a%00.html', 400],
  ])('answers GET %s with %i and keeps answering', async (rawPath, status) => {
    const res = await rawGet(origin, rawPath);
    expect(res.status).toBe(status);
    expect(res.body).not.toMatch(/URIError|stack|\/work\//);
    await stillAnswers();
  });

  it('never serves a file outside the UI folder', async () => {
    for (const rawPath of [
      '/../package.json',
      '/..%2f..%2fpackage.json',
      '/%2e%2e/%2e%2e/package.json',
      '/assets/..%2f..%2f..%2fpackage.json',
      '/.env',
    ]) {
      const res = await rawGet(origin, rawPath);
      expect(res.body).not.toContain('"name"');
      expect(res.status).toBeLessThan(500);
    }
    await stillAnswers();
  });

  it('serves the UI and its routes, refuses source maps in production', async () => {
    const assets = path.resolve(__dirname, '..', '..', '..', 'web-admin', 'dist', 'assets');
    const files = fs.readdirSync(assets);
    const script = files.find((f) => f.endsWith('.js'));
    expect(script).toBeDefined();
    const page = await fetch(`${origin}/clients/123`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const js = await fetch(`${origin}/assets/${script}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toContain('immutable');
    await js.arrayBuffer();
    const map = await fetch(`${origin}/assets/${script}.map`);
    expect(map.status).toBe(404);
    expect(await map.text()).not.toContain('sourcesContent');
    expect((await fetch(`${origin}/assets/missing-file.js`)).status).toBe(404);
  });
});

const JSON_HEADERS = { 'content-type': 'application/json' };

async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; text: string }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { ...JSON_HEADERS, ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

const subgraphUrl = (name: string) => platform.services.find((s) => s.name === name)!.url;
const SUBGRAPHS = ['clients', 'budgets', 'providers', 'plans'];

/** Nothing that names or locates a subgraph, or shows code. */
function expectNoInternals(text: string) {
  for (const name of SUBGRAPHS) {
    expect(text).not.toContain(new URL(subgraphUrl(name)).host);
  }
  expect(text).not.toMatch(/serviceName|"response"|stacktrace|\/work\/|node_modules|ECONN/);
}

describe('production leaks (finding 11)', () => {
  it('(a) an invalid date through the gateway is the caller’s BAD_USER_INPUT, as at the subgraph', async () => {
    const token = await tokens(platform).adviser();
    const literal = `mutation { createClient(input: { firstName: "Aino", lastName: "Virta", municipalityCode: "${DEMO.tampere}", dateOfBirth: "2024-02-30" }) { client { id } errors { code } } }`;
    const variable = `mutation($d: Date) { createClient(input: { firstName: "Aino", lastName: "Virta", municipalityCode: "${DEMO.tampere}", dateOfBirth: $d }) { client { id } errors { code } } }`;
    for (const [query, variables] of [
      [literal, {}],
      [variable, { d: 'not-a-date' }],
      [variable, { d: '2023-13-01' }],
    ] as const) {
      const res = await platform.gql(query, variables, { token });
      expect(res.data?.createClient ?? null).toBeNull();
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      expect(res.errors?.[0]?.message).toMatch(/Date/);
      expectNoInternals(JSON.stringify(res));
    }
  });

  it('(b) errors that come from a subgraph name no subgraph and carry no address', async () => {
    const provider = await tokens(platform).provider(DEMO.providerId);
    const refused = await post(
      platform.gatewayUrl,
      { query: `{ client(id: "${DEMO.essiClientId}") { firstName } }` },
      { authorization: `Bearer ${provider}` },
    );
    expect(refused.text).toContain('FORBIDDEN');
    expectNoInternals(refused.text);
  });

  it('(c) a document nested thousands deep is refused by the depth limit, at the gateway and at each subgraph', async () => {
    const deep = `{${'a{'.repeat(5000)}b${'}'.repeat(5000)}}`;
    const args = `{ municipalities(x: ${'['.repeat(5000)}1${']'.repeat(5000)}) { code } }`;
    for (const url of [platform.gatewayUrl, ...SUBGRAPHS.map(subgraphUrl)]) {
      for (const query of [deep, args]) {
        const res = await post(url, { query });
        expect(res.status).toBe(400);
        expect(JSON.parse(res.text)).toEqual({
          errors: [
            {
              message: 'The document is nested too deeply.',
              extensions: { code: 'GRAPHQL_PARSE_FAILED' },
            },
          ],
        });
      }
      // Shorter over GET: a URL is limited to 16 kB.
      const deepGet = `{${'a{'.repeat(1000)}b${'}'.repeat(1000)}}`;
      const get = await fetch(`${url}?query=${encodeURIComponent(deepGet)}`, {
        headers: { 'apollo-require-preflight': '1' },
      });
      expect(get.status).toBe(400);
      expect(await get.text()).toContain('The document is nested too deeply.');
    }
  });

  it('(c) a subscription over HTTP gets a 400 that says where subscriptions are served, at the gateway and at each subgraph, also with a wrongly typed @skip', async () => {
    // The fuzz found these: graphql-js threw on the @skip/@include argument while validating,
    // and the gateway answered 500.
    const documents = [
      'subscription { budgetChanged(budgetId: "x") { budgetId } }',
      'subscription { fields @skip(if: "x") }',
      'subscription { edges allocations @include(if: "x") { providerSwitchReport } }',
      'query A { municipalities { code } } subscription B { b @skip(if: 1) }',
    ];
    const token = await tokens(platform).adviser();
    for (const url of [platform.gatewayUrl, ...SUBGRAPHS.map(subgraphUrl)]) {
      for (const query of documents) {
        const res = await post(url, { query }, { authorization: `Bearer ${token}` });
        expect({ url, query, status: res.status }).toEqual({ url, query, status: 400 });
        expect(JSON.parse(res.text)).toEqual({
          errors: [
            {
              message:
                'Subscriptions are served over WebSocket (the graphql-ws protocol) at this address, not over HTTP.',
              extensions: { code: 'BAD_REQUEST' },
            },
          ],
        });
      }
    }
    // Over the gateway's WebSocket the wrongly typed @skip gets an error that says what is wrong.
    const bad = subscribe(platform.gatewayUrl, token, 'subscription { fields @skip(if: "x") }', {});
    await bad.ended();
    expect(bad.events).toEqual([]);
    expect(JSON.stringify(bad.errors)).not.toMatch(/Internal server error|stack/i);
    expect(JSON.stringify(bad.errors)).toContain('Argument \\"if\\" has invalid value');
    await bad.close();
  });

  it.each(SUBGRAPHS)(
    '(d) %s answers _service and _entities to nobody without a valid token',
    async (name) => {
      const url = subgraphUrl(name);
      for (const body of [
        { query: '{ _service { sdl } }' },
        { query: 'query { ...F } fragment F on Query { _service { sdl } }' },
        { query: '{ ... on Query { _service { sdl } } }' },
        {
          query: 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }',
          variables: { r: [{ __typename: 'Municipality', code: DEMO.tampere }] },
        },
      ]) {
        for (const headers of [
          {} as Record<string, string>,
          { 'x-gateway-credential': 'x'.repeat(43) },
          { authorization: 'Bearer not-a-token' },
        ]) {
          const res = await post(url, body, headers);
          expect(res.status).toBe(401);
          expect(res.text).toContain('UNAUTHENTICATED');
          expect(res.text).not.toMatch(/type Query|"_entities":\[/);
        }
      }
      const signedIn = await post(
        url,
        { query: '{ _service { sdl } }' },
        { authorization: `Bearer ${await tokens(platform).adviser()}` },
      );
      expect(signedIn.status).toBe(200);
    },
  );

  it('(c, d) over the budgets subgraph’s WebSocket too: no _service without a token, no deep parse', async () => {
    const url = subgraphUrl('budgets');
    const sdl = subscribe<{ _service: { sdl: string } }>(url, null, '{ _service { sdl } }', {});
    await sdl.ended();
    expect(sdl.events).toEqual([]);
    expect(JSON.stringify(sdl.errors)).toContain('Sign in');
    await sdl.close();
    const deep = subscribe(url, null, `{${'a{'.repeat(5000)}b${'}'.repeat(5000)}}`, {});
    await deep.ended();
    expect(JSON.stringify(deep.errors)).toContain('The document is nested too deeply.');
    await deep.close();
    const token = await tokens(platform).adviser();
    const signedIn = subscribe<{ _service: { sdl: string } }>(
      url,
      token,
      '{ _service { sdl } }',
      {},
    );
    await signedIn.ended();
    expect(signedIn.events[0]?._service.sdl).toContain('type Query');
    await signedIn.close();
  });

  it('(d) anonymous catalogue reads that cross subgraphs still work through the gateway', async () => {
    const res = await platform.gql<{
      providers: { edges: Array<{ node: { municipalitiesServed: Array<{ name: string }> } }> };
    }>(`{ providers(first: 3) { edges { node { name municipalitiesServed { name } } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data?.providers.edges[0]?.node.municipalitiesServed[0]?.name).toEqual(
      expect.any(String),
    );
  });

  it('(f) POST /dev/token does not exist in production, nor unless DEV_ISSUER=1', async () => {
    const mint = async (gatewayUrl: string) =>
      (await post(gatewayUrl.replace(/\/graphql$/, '/dev/token'), { role: 'ADVISER', sub: 'x' }))
        .text;
    expect(await mint(platform.gatewayUrl)).not.toContain('"token"');
    const off = await platform.startGateway({ NODE_ENV: 'test', DEV_ISSUER: '0' });
    expect(await mint(off.url)).not.toContain('"token"');
    const on = await platform.startGateway({ NODE_ENV: 'test', DEV_ISSUER: '1' });
    expect(await mint(on.url)).toContain('"token"');
    for (const gateway of [off, on]) gateway.child.kill('SIGTERM');
  });

  // Last: it stops a subgraph.
  it('(e) a masked 500 carries the request id, in the answer and its header', async () => {
    const token = await tokens(platform).adviser();
    platform.services.find((s) => s.name === 'plans')!.child.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 300));
    const res = await post(
      platform.gatewayUrl,
      { query: `{ client(id: "${DEMO.essiClientId}") { plans { id } } }` },
      { authorization: `Bearer ${token}`, 'x-request-id': 'support-case-1' },
    );
    const body = JSON.parse(res.text) as {
      errors: Array<{ message: string; extensions: Record<string, unknown> }>;
    };
    expect(body.errors[0]).toMatchObject({
      message: 'Internal server error.',
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'support-case-1' },
    });
    expect(res.headers.get('x-request-id')).toBe('support-case-1');
    expectNoInternals(res.text);
    const own = await post(
      platform.gatewayUrl,
      { query: `{ client(id: "${DEMO.essiClientId}") { plans { id } } }` },
      { authorization: `Bearer ${token}` },
    );
    const ownBody = JSON.parse(own.text) as {
      errors: Array<{ extensions: { requestId: string } }>;
    };
    expect(ownBody.errors[0]?.extensions.requestId).toBe(own.headers.get('x-request-id'));
  });
});
