/**
 * Issue 14, findings 1 and 11: the gateway's edge and what a production platform reveals, on
 * real processes started with NODE_ENV=production.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { startTestPlatform, type TestPlatform } from '../testkit';

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
