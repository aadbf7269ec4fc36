/**
 * The production posture (issue 7, item 4) on a platform started with NODE_ENV=production.
 */
import { DEMO } from '@hb/kit';
import { startTestPlatform, tokens, type TestPlatform } from '../testkit';

let platform: TestPlatform;
const RATE = 3;

beforeAll(async () => {
  platform = await startTestPlatform({
    env: { NODE_ENV: 'production', MUTATION_RATE_PER_MINUTE: String(RATE) },
  });
}, 180_000);

afterAll(async () => {
  await platform?.stop();
}, 60_000);

afterEach(() => {
  if (expect.getState().assertionCalls !== expect.getState().numPassingAsserts) {
    console.log(platform.logs.slice(-30).join('\n'));
  }
});

const JSON_HEADERS = { 'content-type': 'application/json' };

async function post(body: unknown, headers: Record<string, string> = JSON_HEADERS) {
  const res = await fetch(platform.gatewayUrl, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

function expectClean(text: string) {
  expect(text).not.toMatch(/stacktrace|\bat .*\.(js|ts):\d+|\/work\/|node_modules|Did you mean/i);
}

describe('production posture', () => {
  it('refuses introspection, also nested in a normal query', async () => {
    for (const query of [
      `{ __schema { types { name } } }`,
      `{ __type(name: "Client") { fields { name } } }`,
      `{ municipalities { code } __schema { queryType { name } } }`,
    ]) {
      const res = await post({ query });
      const body = JSON.parse(res.text) as { data?: unknown; errors?: unknown[] };
      expect(body.errors?.length).toBeGreaterThan(0);
      expect(res.text).not.toContain('"types"');
      expect(res.text).not.toContain('"fields"');
      expectClean(res.text);
    }
  });

  it('gives no field suggestions', async () => {
    for (const query of [
      `{ clientz(id: "x") { id } }`,
      `{ municipalities { cod } }`,
      `{ providers(serch: { text: "a" }) { totalCount } }`,
      `mutation { createClien(input: {}) { errors { code } } }`,
    ]) {
      const res = await post({ query });
      expect(res.status).toBe(400);
      expect(res.text).not.toMatch(/did you mean/i);
      expectClean(res.text);
    }
  });

  it('refuses a document deeper than 15 without telling the limit', async () => {
    let selection = 'id';
    for (let i = 0; i < 10; i++) selection = `plans { client { ${selection} } }`;
    const token = await tokens(platform).adviser();
    const res = await platform.gql(
      `{ client(id: "${DEMO.essiClientId}") { ${selection} } }`,
      {},
      { token },
    );
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.length).toBeGreaterThan(0);
    expect(JSON.stringify(res)).not.toMatch(/\b15\b|\b2\d\b/);
  });

  it('refuses an alias bomb', async () => {
    const aliases = Array.from({ length: 200 }, (_, i) => `a${i}: municipalities { code }`).join(
      ' ',
    );
    const res = await post({ query: `{ ${aliases} }` });
    expect(res.status).toBe(400);
    expect(res.text).not.toContain('"a0"');
    expectClean(res.text);
  });

  it('answers a syntax error with 400 GRAPHQL_PARSE_FAILED and a token bomb with 400', async () => {
    const syntax = await post({ query: '{ municipalities { code } ' });
    expect(syntax.status).toBe(400);
    expect(JSON.parse(syntax.text).errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    const bomb = await post({ query: `{ ${'__typename '.repeat(6000)} }` });
    expect(bomb.status).toBe(400);
    expect(bomb.text).not.toMatch(/5000|6000/);
    expectClean(bomb.text);
  });

  it('answers an unknown or missing operationName with 400, not a masked 500', async () => {
    const unknown = await post({ query: '{ municipalities { code } }', operationName: 'Nope' });
    expect(unknown.status).toBe(400);
    const missing = await post({
      query: 'query A { municipalities { code } } query B { serviceTypes { code } }',
    });
    expect(missing.status).toBe(400);
    const subscription = await post({ query: 'subscription { municipalities { code } }' });
    expect(subscription.status).toBe(400);
    expectClean(unknown.text + missing.text + subscription.text);
  });

  it('refuses batched HTTP requests', async () => {
    const res = await post([
      { query: '{ municipalities { code } }' },
      { query: '{ municipalities { name } }' },
    ]);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.text).not.toContain('Tampere');
  });

  it('masks errors: no stack, no paths, no internal messages', async () => {
    for (const body of [
      { query: '{ municipalities { code } ' },
      { query: 'query($x: Int!) { budget(id: $x) { id } }', variables: { x: 'no' } },
      { query: '{ client(id: 12345678901234567890) { id } }' },
      { query: '{ budget(id: "not-a-uuid") { id } }' },
      { query: `{ ${'municipalities { code } '.repeat(2000)} }` },
      { query: '{ municipalities { code } "' },
    ]) {
      const res = await post(body);
      expect(res.status).toBeLessThan(500);
      expectClean(res.text);
    }
  });

  it('prevents CSRF: a GET or POST without JSON content type and preflight header is refused', async () => {
    const get = await fetch(
      `${platform.gatewayUrl}?query=${encodeURIComponent('{ municipalities { code } }')}`,
    );
    expect(get.status).toBe(400);
    expect(await get.text()).not.toContain('"837"');
    const form = await post(JSON.stringify({ query: '{ municipalities { code } }' }), {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(400);
    expect(form.text).not.toContain('"837"');
    const plain = await post(JSON.stringify({ query: '{ municipalities { code } }' }), {
      'content-type': 'text/plain',
    });
    expect(plain.status).toBe(400);
    // A mutation through GET is never allowed, even with the preflight header.
    const mutation = await fetch(
      `${platform.gatewayUrl}?query=${encodeURIComponent('mutation { setProcessPhase(clientId: "x", phase: PLANNING) { errors { code } } }')}`,
      { headers: { 'apollo-require-preflight': 'true' } },
    );
    expect(mutation.status).toBeGreaterThanOrEqual(400);
  });

  it('refuses a request body over 1 MB with 413', async () => {
    const res = await post({
      query: '{ municipalities { code } }',
      variables: { pad: 'x'.repeat(1_100_000) },
    });
    expect(res.status).toBe(413);
    expectClean(res.text);
  });

  it('sends security headers', async () => {
    const res = await post({ query: '{ municipalities { code } }' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('cache-control')).toContain('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('does not mint development tokens in production', async () => {
    const res = await fetch(platform.gatewayUrl.replace(/\/graphql$/, '/dev/token'), {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ role: 'ADVISER' }),
    });
    expect(await res.text()).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
  });

  it('limits mutations per token with TOO_MANY_REQUESTS', async () => {
    const token = await platform.token({
      sub: 'rate-test',
      role: 'WORKER',
      municipalities: [DEMO.tampere],
    });
    const other = await platform.token({
      sub: 'rate-test-other',
      role: 'WORKER',
      municipalities: [DEMO.tampere],
    });
    const mutation = `mutation { setProcessPhase(clientId: "${DEMO.essiClientId}", phase: IMPLEMENTATION) { errors { code } } }`;
    const codes: unknown[] = [];
    for (let i = 0; i < RATE + 3; i++) {
      const res = await platform.gql(mutation, {}, { token });
      codes.push(res.errors?.[0]?.extensions?.code ?? 'OK');
      if (res.errors?.[0]?.extensions?.code === 'TOO_MANY_REQUESTS') expect(res.status).toBe(429);
    }
    expect(codes.slice(0, RATE)).toEqual(Array(RATE).fill('OK'));
    expect(codes.slice(RATE)).toEqual(Array(3).fill('TOO_MANY_REQUESTS'));
    // Another token has its own bucket; queries are not limited.
    expect((await platform.gql(mutation, {}, { token: other })).errors).toBeUndefined();
    expect(
      (await platform.gql(`{ municipalities { code } }`, {}, { token })).errors,
    ).toBeUndefined();
  });
});
