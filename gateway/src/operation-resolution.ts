import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, OperationTypeNode } from 'graphql';
import type { GatewayContext } from './gateway-context';

/**
 * With a gateway, Apollo Server leaves choosing the operation to @apollo/gateway, which throws
 * a code-less error for an unknown or missing `operationName`, and for a subscription sent over
 * HTTP — masked as a 500. Refuse such a request as a client error before it gets there.
 */
export function operationResolution(): ApolloServerPlugin<GatewayContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ operation, request }) {
          if (operation?.operation === OperationTypeNode.SUBSCRIPTION) {
            return Promise.reject(
              new GraphQLError('Subscriptions are served over WebSocket (graphql-ws) only.', {
                extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
              }),
            );
          }
          if (operation) return Promise.resolve();
          const message = request.operationName
            ? 'Unknown operation named in operationName.'
            : 'Name the operation to run with operationName.';
          return Promise.reject(
            new GraphQLError(message, {
              extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } },
            }),
          );
        },
      });
    },
  };
}
