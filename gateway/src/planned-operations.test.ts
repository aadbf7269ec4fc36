import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { PlannedOperations } from './planned-operations';
import { SUPERGRAPH_PATH } from './gateway';
import type { GatewayContext } from './gateway-context';
import { subgraphPost } from './subgraph-http';

type Planned = Parameters<PlannedOperations['didResolveQueryPlan']>[0];

const fetchFrom = (serviceName: string) => ({ kind: 'Fetch', serviceName });

const fresh = () =>
  new PlannedOperations({
    urls: {},
    clientFreeServices: new Set(['providers']),
    post: subgraphPost(),
  });

function learn(plan: unknown, query = '{ x }') {
  const operations = fresh();
  operations.didResolveQueryPlan({
    queryPlan: plan,
    requestContext: { request: { query } },
    operationContext: {},
  } as unknown as Planned);
  return operations.isClientFree({ query });
}

const CATALOGUE = `{ providers(search: { text: "uinti" }, first: 20) { edges { node { id name } } } }`;
const WITH_VARIABLES = `query Catalogue($n: Int = 5) { providers(first: $n) { edges { node { id } } } }`;
const WITH_FRAGMENT = `{ providers(first: 2) { edges { node { ...P } } } } fragment P on Provider { id }`;
const CLIENT_PAGE = `{ clients(first: 2) { edges { node { id budgets { id } } } } }`;

/** Stands in for the providers subgraph: records what arrives, answers what the test says. */
let answer: { status: number; body: string } = { status: 200, body: '{"data":{"providers":1}}' };
const seen: Array<{ headers: http.IncomingHttpHeaders; body: Record<string, unknown> }> = [];
let subgraph: http.Server;
let subgraphUrl: string;
let routes: PlannedOperations;

beforeAll(async () => {
  subgraph = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ headers: req.headers, body: JSON.parse(body) as Record<string, unknown> });
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body);
    });
  });
  await new Promise<void>((r) => subgraph.listen(0, '127.0.0.1', () => r()));
  subgraphUrl = `http://127.0.0.1:${(subgraph.address() as AddressInfo).port}/graphql`;
  routes = new PlannedOperations({
    urls: { providers: subgraphUrl },
    clientFreeServices: new Set(['providers']),
    post: subgraphPost(),
  });
  // Plans come from the real supergraph; its subgraph URLs lead nowhere (planning happens
  // before any fetch, which then fails).
  const supergraphSdl = fs
    .readFileSync(SUPERGRAPH_PATH, 'utf8')
    .replace(/(@join__graph\(name: "\w+", url: )"[^"]*"/g, '$1"http://127.0.0.1:9/graphql"');
  const server = new ApolloServer({
    gateway: new ApolloGateway({
      supergraphSdl,
      experimental_didResolveQueryPlan: routes.didResolveQueryPlan,
      logger: { debug() {}, info() {}, warn() {}, error() {} },
    }),
  });
  await server.start();
  for (const query of [CATALOGUE, WITH_VARIABLES, WITH_FRAGMENT, CLIENT_PAGE])
    await server.executeOperation({ query });
  await server.stop();
});

afterAll(async () => {
  subgraph.closeAllConnections();
  await new Promise((r) => subgraph.close(r));
});

const context: GatewayContext = {
  principal: null,
  authorization: 'Bearer t0k3n',
  requestId: 'req-1',
  purpose: 'palveluiden haku',
  clientAddress: '127.0.0.1',
};

function request(headers: http.IncomingHttpHeaders = {}): http.IncomingMessage {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
  } as http.IncomingMessage;
}

const take = (body: unknown, headers?: http.IncomingHttpHeaders) =>
  routes.shortcut(request(headers), body, async () => context);

describe('PlannedOperations: direct routes', () => {
  it('sends a planned single-subgraph query straight to its subgraph and returns its answer', async () => {
    answer = { status: 200, body: '{"data":{"providers":{"edges":[]}}}' };
    seen.length = 0;
    const response = await take({ query: CATALOGUE });
    expect(response?.status).toBe(200);
    expect(response?.body).toEqual({ kind: 'complete', string: answer.body });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.body.query).toBe(
      '{providers(search:{text:"uinti"}first:20){edges{node{id name}}}}',
    );
    expect(seen[0]!.headers).toMatchObject({
      authorization: 'Bearer t0k3n',
      'x-request-id': 'req-1',
      'x-access-purpose': 'palveluiden%20haku', // percent-encoded on the wire
    });
  });

  it('sends only the variables the operation uses, under the planner’s operation name', async () => {
    seen.length = 0;
    await take({ query: WITH_VARIABLES, variables: { n: 3, x: 1 } });
    expect(seen[0]!.body).toEqual({
      query: 'query Catalogue__providers__0($n:Int=5){providers(first:$n){edges{node{id}}}}',
      operationName: 'Catalogue__providers__0',
      variables: { n: 3 },
    });
  });

  it.each([
    ['a document not planned yet', { query: '{ providers(first: 1) { totalCount } }' }, {}],
    ['a document with fragments', { query: WITH_FRAGMENT }, {}],
    ['a plan that reaches the clients subgraph', { query: CLIENT_PAGE }, {}],
    ['a body that is not JSON', { query: CATALOGUE }, { 'content-type': 'text/plain' }],
    [
      'another answer format',
      { query: CATALOGUE },
      { accept: 'application/graphql-response+json' },
    ],
    ['extensions', { query: CATALOGUE, extensions: { persistedQuery: {} } }, {}],
  ])('leaves %s to the pipeline', async (_name, body, headers) => {
    seen.length = 0;
    expect(await take(body, headers)).toBeNull();
    expect(seen).toHaveLength(0);
  });

  it.each([
    ['errors', 200, '{"data":null,"errors":[{"message":"no"}]}'],
    ['extensions', 200, '{"data":{"providers":null},"extensions":{"x":1}}'],
    ['a failed status', 503, '{"data":{"providers":null}}'],
    ['a body that is not JSON', 200, 'oops'],
  ])('leaves an answer with %s to the pipeline', async (_name, status, body) => {
    answer = { status, body };
    expect(await take({ query: CATALOGUE })).toBeNull();
  });

  it('knows from the real plans which operations reach no client data', () => {
    expect(routes.isClientFree({ query: CATALOGUE })).toBe(true);
    expect(routes.isClientFree({ query: WITH_FRAGMENT })).toBe(true);
    expect(routes.isClientFree({ query: CLIENT_PAGE })).toBe(false);
  });

  it('leaves a request whose token does not verify to the pipeline', async () => {
    seen.length = 0;
    const response = await routes.shortcut(request(), { query: CATALOGUE }, () =>
      Promise.reject(new Error('bad token')),
    );
    expect(response).toBeNull();
    expect(seen).toHaveLength(0);
  });
});

describe('PlannedOperations: client-free', () => {
  it.each([
    ['one fetch from providers', { kind: 'QueryPlan', node: fetchFrom('providers') }, true],
    ['no fetch at all', { kind: 'QueryPlan' }, true],
    [
      'providers, then an entity fetch from clients',
      {
        kind: 'QueryPlan',
        node: {
          kind: 'Sequence',
          nodes: [fetchFrom('providers'), { kind: 'Flatten', node: fetchFrom('clients') }],
        },
      },
      false,
    ],
    [
      'budgets only in the else branch of a condition',
      {
        kind: 'QueryPlan',
        node: {
          kind: 'Condition',
          ifClause: fetchFrom('providers'),
          elseClause: fetchFrom('budgets'),
        },
      },
      false,
    ],
    [
      'plans only in a deferred block',
      {
        kind: 'QueryPlan',
        node: {
          kind: 'Defer',
          primary: { node: fetchFrom('providers') },
          deferred: [{ node: { kind: 'Flatten', node: fetchFrom('plans') } }],
        },
      },
      false,
    ],
    ['a node kind it does not know', { kind: 'QueryPlan', node: { kind: 'Teleport' } }, false],
    ['a fetch without a service name', { kind: 'QueryPlan', node: { kind: 'Fetch' } }, false],
  ])('%s: client-free = %s', (_name, plan, expected) => {
    expect(learn(plan)).toBe(expected);
  });

  it('knows nothing of an operation before it is planned', () => {
    expect(fresh().isClientFree({ query: '{ providers(first: 1) { totalCount } }' })).toBe(false);
  });
});
