import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { deduplicating, keepAliveFetcher } from './http-fetcher';

let server: http.Server;
let url: string;
const seen: Array<{ method?: string; headers: http.IncomingHttpHeaders; body: string }> = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method, headers: req.headers, body });
      if (req.url === '/slow') return; // never answers
      res.writeHead(req.url === '/fail' ? 503 : 200, 'Hello', {
        'content-type': 'application/json',
      });
      res.end(JSON.stringify({ data: { echo: body } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('keepAliveFetcher', () => {
  it('posts the body with its headers and reads a JSON answer', async () => {
    const fetcher = keepAliveFetcher();
    const res = await fetcher(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
      body: '{"query":"{ x }"}',
    });
    expect(res.ok).toBe(true);
    expect(res.headers.get('Content-Type')).toBe('application/json');
    expect(await res.clone().json()).toEqual({ data: { echo: '{"query":"{ x }"}' } });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', headers: { authorization: 'Bearer t' } });
  });

  it('reports a failing status instead of throwing', async () => {
    const res = await keepAliveFetcher()(`${url}/fail`, { body: '' });
    expect({ ok: res.ok, status: res.status, statusText: res.statusText }).toEqual({
      ok: false,
      status: 503,
      statusText: 'Hello',
    });
  });

  it('shares identical reads in flight, but never mutations or reads of other callers', async () => {
    const fetcher = deduplicating(keepAliveFetcher());
    const before = seen.length;
    const read = (token: string, requestId: string) =>
      fetcher(`${url}/graphql`, {
        method: 'POST',
        headers: { authorization: token, 'x-request-id': requestId },
        body: '{"query":"{ providers { id } }"}',
      });
    const answers = await Promise.all([
      read('Bearer a', '1'),
      read('Bearer a', '2'),
      read('Bearer b', '3'),
    ]);
    expect(await Promise.all(answers.map((r) => r.json()))).toEqual([
      { data: { echo: '{"query":"{ providers { id } }"}' } },
      { data: { echo: '{"query":"{ providers { id } }"}' } },
      { data: { echo: '{"query":"{ providers { id } }"}' } },
    ]);
    expect(seen.length - before).toBe(2);
    const mutation = '{"query":"mutation { upsertOffering { id } }"}';
    await Promise.all([
      fetcher(`${url}/graphql`, { body: mutation }),
      fetcher(`${url}/graphql`, { body: mutation }),
    ]);
    expect(seen.length - before).toBe(4);
  });

  it('gives up on a subgraph that does not answer in time', async () => {
    await expect(keepAliveFetcher({ timeoutMs: 200 })(`${url}/slow`, { body: '' })).rejects.toThrow(
      /timed out/,
    );
  });
});
