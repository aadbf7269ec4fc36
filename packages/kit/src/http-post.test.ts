import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type net from 'node:net';
import { CLIENT_IDLE_SOCKET_MS, keepAlivePost, SERVER_KEEP_ALIVE_TIMEOUT_MS } from './http-post';

let server: http.Server;
let url: string;
let connections = 0;
let received = 0;
/** `reused`: a request on a connection that has served one before is dropped unanswered. */
let drop: 'none' | 'reused' | 'all' = 'none';
const served = new WeakMap<net.Socket, number>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      const count = (served.get(req.socket) ?? 0) + 1;
      served.set(req.socket, count);
      if (drop === 'all' || (drop === 'reused' && count > 1)) {
        req.socket.destroy();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"data":{}}');
    });
  });
  server.keepAliveTimeout = 2_000;
  server.on('connection', () => connections++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

beforeEach(() => {
  drop = 'none';
  received = 0;
  connections = 0;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('keepAlivePost', () => {
  it('retires idle sockets before the services’ servers close them', () => {
    expect(CLIENT_IDLE_SOCKET_MS).toBeLessThan(SERVER_KEEP_ALIVE_TIMEOUT_MS);
  });

  it('reuses a socket while it is fresh and opens a new one once it has idled too long', async () => {
    const post = keepAlivePost({ idleSocketMs: 400 });
    await post(url, { body: '{}' });
    await post(url, { body: '{}' });
    expect(connections).toBe(1);
    await sleep(700);
    const res = await post(url, { body: '{}' });
    expect(res.status).toBe(200);
    expect(connections).toBe(2);
  });

  it('sends an idempotent request lost on a reused socket once more, on a new connection', async () => {
    const post = keepAlivePost();
    await post(url, { body: '{}' });
    drop = 'reused';
    const res = await post(url, { body: '{"query":"{ a }"}', idempotent: true });
    expect(res.status).toBe(200);
    expect(received).toBe(3);
    expect(connections).toBe(2);
  });

  it('never sends a request that is not idempotent twice', async () => {
    const post = keepAlivePost();
    await post(url, { body: '{}' });
    drop = 'reused';
    await expect(post(url, { body: '{"query":"mutation { a }"}' })).rejects.toMatchObject({
      code: 'ECONNRESET',
    });
    expect(received).toBe(2);
  });

  it('does not retry a request lost on a new connection (the server is failing, not closing)', async () => {
    const post = keepAlivePost();
    drop = 'all';
    await expect(post(url, { body: '{}', idempotent: true })).rejects.toMatchObject({
      code: 'ECONNRESET',
    });
    expect(received).toBe(1);
  });

  it('retries at most once', async () => {
    const post = keepAlivePost();
    await post(url, { body: '{}' });
    drop = 'all';
    await expect(post(url, { body: '{}', idempotent: true })).rejects.toMatchObject({
      code: 'ECONNRESET',
    });
    expect(received).toBe(3);
  });
});
