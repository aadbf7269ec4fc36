import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { keepAliveFetcher } from './http-fetcher';

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

  it('gives up on a subgraph that does not answer in time', async () => {
    await expect(keepAliveFetcher({ timeoutMs: 200 })(`${url}/slow`, { body: '' })).rejects.toThrow(
      /timed out/,
    );
  });
});
