import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { cacheHint, ForwardingDataSource } from './forwarding-data-source';
import type { GatewayContext } from './gateway-context';
import { subgraphPost } from './subgraph-http';

type Options = GraphQLDataSourceProcessOptions<GatewayContext>;

/** Stands in for a subgraph: records what arrives, answers what the test says. */
let answer: { status: number; body: string; headers?: Record<string, string> } = {
  status: 200,
  body: '{"data":{"x":1}}',
};
const seen: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
let server: http.Server;
let url: string;
let source: ForwardingDataSource;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ headers: req.headers, body });
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  source = new ForwardingDataSource({ url, post: subgraphPost() });
});

afterEach(() => {
  answer = { status: 200, body: '{"data":{"x":1}}' };
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const context: GatewayContext = {
  principal: null,
  authorization: 'Bearer t',
  requestId: 'req-1',
  purpose: 'päätös',
  clientAddress: '127.0.0.1',
};

const restricted: unknown[] = [];
const operation = (query = 'query Q__budgets__0($id: ID!) { budget(id: $id) { id } }'): Options =>
  ({
    kind: 'incoming operation',
    request: { query, variables: { id: 'b1' }, operationName: 'Q__budgets__0' },
    incomingRequestContext: {
      overallCachePolicy: { restrict: (hint: unknown) => restricted.push(hint) },
    },
    context,
  }) as unknown as Options;

/** As ApolloGateway checks its subgraphs (Apollo's enum of request kinds is not exported). */
const healthCheck = {
  kind: 'health check',
  request: { query: 'query __ApolloServiceHealthCheck__ { __typename }' },
  context: {},
} as unknown as Options;

describe('ForwardingDataSource', () => {
  it("sends Apollo's request body, with the caller's headers, and returns the answer", async () => {
    const apollo = new RemoteGraphQLDataSource<GatewayContext>({ url });
    await apollo.process(operation());
    const theirs = seen.at(-1);
    const response = await source.process(operation());
    const ours = seen.at(-1);
    expect(response).toEqual({ data: { x: 1 } });
    expect(ours?.body).toBe(theirs?.body);
    expect(ours?.headers).toMatchObject({
      'content-type': theirs?.headers['content-type'],
      authorization: 'Bearer t',
      'x-request-id': 'req-1',
      'x-access-purpose': encodeURIComponent('päätös'),
    });
  });

  it('sends no caller headers with a health check', async () => {
    await source.process(healthCheck);
    expect(seen.at(-1)?.body).toBe('{"query":"query __ApolloServiceHealthCheck__ { __typename }"}');
    expect(seen.at(-1)?.headers.authorization).toBeUndefined();
    expect(seen.at(-1)?.headers['x-request-id']).toBeUndefined();
  });

  it("returns a subgraph's errors with its data, for the gateway to place", async () => {
    answer = { status: 200, body: '{"data":null,"errors":[{"message":"no"}]}' };
    expect(await source.process(operation())).toEqual({ data: null, errors: [{ message: 'no' }] });
  });

  it("passes a busy subgraph's 503 on as BUSY, with its Retry-After", async () => {
    answer = {
      status: 503,
      body: '{"errors":[{"message":"Busy.","extensions":{"code":"BUSY"}}]}',
      headers: { 'retry-after': '2' },
    };
    const error = (await source.process(operation()).catch((e: unknown) => e)) as GraphQLError;
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error.extensions).toEqual({
      code: 'BUSY',
      http: { status: 503, headers: new Map([['retry-after', '2']]) },
    });
  });

  it('keeps an unreadable failure internal, and refuses an answer that is not an object', async () => {
    answer = { status: 502, body: 'not json' };
    await expect(source.process(operation())).rejects.toThrow(
      `${url} answered 502 Bad Gateway: null`,
    );
    answer = { status: 200, body: '[1]' };
    await expect(source.process(operation())).rejects.toThrow(/Expected JSON response body/);
  });

  it("restricts the operation's cache policy by the subgraph's Cache-Control", async () => {
    restricted.length = 0;
    answer = {
      status: 200,
      body: '{"data":{}}',
      headers: { 'cache-control': 'max-age=60, public' },
    };
    await source.process(operation());
    await source.process(operation());
    await source.process(healthCheck);
    answer = { status: 200, body: '{"data":{}}', headers: { 'cache-control': 'no-store' } };
    await source.process(operation());
    expect(restricted).toEqual([
      { maxAge: 60, scope: 'PUBLIC' },
      { maxAge: 60, scope: 'PUBLIC' },
      { maxAge: 0 },
    ]);
  });
});

describe('cacheHint', () => {
  it.each([
    [undefined, { maxAge: 0 }],
    ['no-store', { maxAge: 0 }],
    ['max-age="30", private', { maxAge: 30, scope: 'PRIVATE' }],
    ['max-age=abc, public', { maxAge: 0, scope: 'PUBLIC' }],
  ])('reads %s', (header, hint) => {
    expect(cacheHint(header)).toEqual(hint);
  });
});
