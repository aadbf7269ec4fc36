import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../logger';
import { currentRequestId, onGuardedRequest } from './request-guard';

let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer();
  onGuardedRequest(server, createLogger('test', 'silent'), async (req, res) => {
    if (req.url === '/throw') throw new URIError('URI malformed');
    if (req.url === '/reject') {
      await new Promise((r) => setTimeout(r, 5));
      throw new Error('late failure');
    }
    if (req.url === '/half') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial');
      throw new Error('after the head');
    }
    await new Promise((r) => setTimeout(r, 5));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: currentRequestId(), header: req.headers['x-request-id'] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('guardRequests', () => {
  it.each(['/throw', '/reject'])(
    'answers a handler that fails (%s) with a 500 carrying the request id, and keeps serving',
    async (path) => {
      const res = await fetch(`${base}${path}`, { headers: { 'x-request-id': 'support-42' } });
      expect(res.status).toBe(500);
      expect(res.headers.get('x-request-id')).toBe('support-42');
      expect(await res.json()).toEqual({
        errors: [
          {
            message: 'Internal server error.',
            extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'support-42' },
          },
        ],
      });
      expect((await fetch(`${base}/ok`)).status).toBe(200);
    },
  );

  it('cuts off an answer that fails after its head instead of crashing', async () => {
    await expect(fetch(`${base}/half`).then((r) => r.text())).rejects.toThrow();
    expect((await fetch(`${base}/ok`)).status).toBe(200);
  });

  it('fixes one request id per request: the caller’s when well formed, else a new one', async () => {
    const own = await fetch(`${base}/ok`, { headers: { 'x-request-id': 'abc-1' } });
    expect(await own.json()).toEqual({ id: 'abc-1', header: 'abc-1' });
    const bad = await fetch(`${base}/ok`, { headers: { 'x-request-id': 'no spaces <>' } });
    const body = (await bad.json()) as { id: string; header: string };
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.header).toBe(body.id);
    expect(bad.headers.get('x-request-id')).toBe(body.id);
  });
});
