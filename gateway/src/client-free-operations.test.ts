import fs from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ClientFreeOperations } from './client-free-operations';
import { SUPERGRAPH_PATH } from './gateway';

type Plan = Parameters<ClientFreeOperations['didResolveQueryPlan']>[0]['queryPlan'];

const fetchFrom = (serviceName: string) => ({ kind: 'Fetch', serviceName });

function learn(plan: unknown, query = '{ x }') {
  const operations = new ClientFreeOperations(new Set(['providers']));
  operations.didResolveQueryPlan({
    queryPlan: plan as Plan,
    requestContext: { request: { query } },
  } as Parameters<ClientFreeOperations['didResolveQueryPlan']>[0]);
  return operations.includes({ query });
}

describe('ClientFreeOperations', () => {
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
    const operations = new ClientFreeOperations(new Set(['providers']));
    expect(operations.includes({ query: '{ providers(first: 1) { totalCount } }' })).toBe(false);
  });

  it('learns from the real supergraph: the catalogue is client-free, the client page is not', async () => {
    const operations = new ClientFreeOperations(new Set(['providers']));
    // Subgraph URLs lead nowhere: planning happens before any fetch, which then fails.
    const supergraphSdl = fs
      .readFileSync(SUPERGRAPH_PATH, 'utf8')
      .replace(/(@join__graph\(name: "\w+", url: )"[^"]*"/g, '$1"http://127.0.0.1:9/graphql"');
    const server = new ApolloServer({
      gateway: new ApolloGateway({
        supergraphSdl,
        experimental_didResolveQueryPlan: operations.didResolveQueryPlan,
        logger: { debug() {}, info() {}, warn() {}, error() {} },
      }),
    });
    await server.start();
    try {
      const catalogue = `{ providers(first: 20, search: { text: "uinti" }) { edges { node { id name } } } }`;
      const clientPage = `{ clients(first: 20) { edges { node { id firstName
        budgets { remaining { amount } } plans { id } } } } }`;
      const providerWithClients = `{ providers(first: 5) { edges { node { id name } } } client(id: "x") { id } }`;
      for (const query of [catalogue, clientPage, providerWithClients]) {
        await server.executeOperation({ query });
      }
      expect(operations.includes({ query: catalogue })).toBe(true);
      expect(operations.includes({ query: clientPage })).toBe(false);
      expect(operations.includes({ query: providerWithClients })).toBe(false);
    } finally {
      await server.stop();
    }
  });
});
