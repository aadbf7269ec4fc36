import {
  ApolloClient,
  ApolloLink,
  HttpLink,
  InMemoryCache,
  Observable,
  split,
} from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { Kind, OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';

/**
 * One Apollo Client per signed-in token (a new sign-in gets a fresh cache and a fresh
 * WebSocket). Queries and mutations go over HTTP to /graphql; subscriptions over graphql-ws to
 * ws(s)://<same host>/graphql with the token in the connection parameters.
 */
/** A fresh request id (the gateway keeps a UUID it is sent, and logs under it). */
function newRequestId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function')
    return crypto.randomUUID();
  const hex = Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16));
  return `${hex.slice(0, 8).join('')}-${hex.slice(8, 12).join('')}-4${hex.slice(13, 16).join('')}-a${hex.slice(17, 20).join('')}-${hex.slice(20).join('')}`;
}

/**
 * Gives every HTTP operation its own `x-request-id` and puts it on every error of the answer
 * (`extensions.requestId`, unless the server named one) and on a network failure
 * (`requestId`), so that a failed part of a page can show the id that support finds in the logs.
 */
export const requestIdLink = new ApolloLink(
  (operation, forward) =>
    new Observable((observer) => {
      const requestId = newRequestId();
      operation.setContext(({ headers = {} }: { headers?: Record<string, string> }) => ({
        headers: { ...headers, 'x-request-id': requestId },
      }));
      const subscription = forward(operation).subscribe({
        next: (result) =>
          observer.next(
            result.errors
              ? {
                  ...result,
                  errors: result.errors.map((e) => ({
                    ...e,
                    extensions: { requestId, ...e.extensions },
                  })),
                }
              : result,
          ),
        error: (err: unknown) => {
          if (err && typeof err === 'object') Object.assign(err, { requestId });
          observer.error(err);
        },
        complete: () => observer.complete(),
      });
      return () => subscription.unsubscribe();
    }),
);

export function createApolloClient(token: string | null): ApolloClient<unknown> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const http = ApolloLink.from([requestIdLink, new HttpLink({ uri: '/graphql', headers })]);
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
      return (
        def.kind === Kind.OPERATION_DEFINITION && def.operation === OperationTypeNode.SUBSCRIPTION
      );
    },
    ws,
    http,
  );
  return new ApolloClient({
    link,
    cache: new InMemoryCache({
      typePolicies: {
        Query: {
          fields: {
            // A part of a page that fails (its subgraph down) answers `client: null` with errors;
            // written as it is, that null would replace the client every other part of the page
            // shows, and the whole page would say "not found". Keep the client we have.
            client: {
              merge: (existing: unknown, incoming: unknown) => incoming ?? existing ?? null,
            },
          },
        },
        Municipality: { keyFields: ['code'] },
        ServiceType: { keyFields: ['code'] },
        // Budget sub-objects have no identity of their own in the contract.
        Money: { keyFields: false },
      },
    }),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network', errorPolicy: 'all' } },
  });
}
