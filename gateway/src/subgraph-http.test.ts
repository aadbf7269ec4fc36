import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { bodyOf, headerOf, sharingReads, subgraphPost } from './subgraph-http';

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

describe('subgraphPost', () => {
  it('posts the body with its headers and the gateway credential, and reads the answer', async () => {
    const post = subgraphPost({ headers: { 'x-gateway-credential': 'c' } });
    const res = await post(`${url}/graphql`, {
      headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
      body: '{"query":"{ x }"}',
    });
    expect(res.status).toBe(200);
    expect(headerOf(res, 'content-type')).toBe('application/json');
    expect(bodyOf(res)).toEqual({ data: { echo: '{"query":"{ x }"}' } });
    expect(seen.at(-1)).toMatchObject({
      method: 'POST',
      headers: { authorization: 'Bearer t', 'x-gateway-credential': 'c' },
    });
  });

  it('reports a failing status instead of throwing', async () => {
    const res = await subgraphPost()(`${url}/fail`, { headers: {}, body: '' });
    expect({ status: res.status, statusText: res.statusText }).toEqual({
      status: 503,
      statusText: 'Hello',
    });
  });

  it('shares identical reads in flight, but never mutations or reads of other callers', async () => {
    const post = sharingReads(subgraphPost());
    const before = seen.length;
    const read = (token: string, requestId: string) =>
      post(`${url}/graphql`, {
        headers: { authorization: token, 'x-request-id': requestId },
        body: '{"query":"{ providers { id } }"}',
      });
    const answers = await Promise.all([
      read('Bearer a', '1'),
      read('Bearer a', '2'),
      read('Bearer b', '3'),
    ]);
    expect(answers.map(bodyOf)).toEqual([
      { data: { echo: '{"query":"{ providers { id } }"}' } },
      { data: { echo: '{"query":"{ providers { id } }"}' } },
      { data: { echo: '{"query":"{ providers { id } }"}' } },
    ]);
    expect(seen.length - before).toBe(2);
    const mutation = '{"query":"mutation { upsertOffering { id } }"}';
    await Promise.all([
      post(`${url}/graphql`, { headers: {}, body: mutation }),
      post(`${url}/graphql`, { headers: {}, body: mutation }),
    ]);
    expect(seen.length - before).toBe(4);
  });

  it('gives up on a subgraph that does not answer in time', async () => {
    await expect(
      subgraphPost({ timeoutMs: 200 })(`${url}/slow`, { headers: {}, body: '' }),
    ).rejects.toThrow(/timed out/);
  });
});
