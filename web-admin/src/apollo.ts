import { ApolloClient, HttpLink, InMemoryCache, split } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';

/**
 * One Apollo Client per signed-in token (a new sign-in gets a fresh cache and a fresh
 * WebSocket). Queries and mutations go over HTTP to /graphql; subscriptions over graphql-ws to
 * ws(s)://<same host>/graphql with the token in the connection parameters.
 */
export function createApolloClient(token: string | null): ApolloClient<unknown> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const http = new HttpLink({ uri: '/graphql', headers });
  const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
  const ws = new GraphQLWsLink(
    createClient({
      url: wsUrl,
      lazy: true,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      retryAttempts: 20,
      shouldRetry: () => true,
    }),
  );
  const link = split(
    ({ query }) => {
      const def = getMainDefinition(query);
      return def.kind === 'OperationDefinition' && def.operation === 'subscription';
    },
    ws,
    http,
  );
  return new ApolloClient({
    link,
    cache: new InMemoryCache({
      typePolicies: {
        Municipality: { keyFields: ['code'] },
        ServiceType: { keyFields: ['code'] },
        // Budget sub-objects have no identity of their own in the contract.
        Money: { keyFields: false },
      },
    }),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network', errorPolicy: 'all' } },
  });
}
