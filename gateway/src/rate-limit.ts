import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, OperationTypeNode } from 'graphql';
import type { GatewayContext } from './gateway-context';

/**
 * Limits mutations per caller with a token bucket of `perMinute` tokens refilled continuously.
 * Buckets live in this gateway process: with N gateways behind a balancer the effective limit
 * is up to N times higher, which still stops a runaway script.
 */
export function mutationRateLimit(perMinute: number): ApolloServerPlugin<GatewayContext> {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refillPerMs = perMinute / 60_000;
  return {
    requestDidStart({ contextValue }) {
      return Promise.resolve({
        didResolveOperation({ operation }) {
          if (operation?.operation !== OperationTypeNode.MUTATION) return Promise.resolve();
          const key = contextValue.principal?.sub ?? `anonymous:${contextValue.clientAddress}`;
          const now = Date.now();
          const bucket = buckets.get(key) ?? { tokens: perMinute, at: now };
          bucket.tokens = Math.min(perMinute, bucket.tokens + (now - bucket.at) * refillPerMs);
          bucket.at = now;
          if (bucket.tokens < 1) {
            buckets.set(key, bucket);
            return Promise.reject(
              new GraphQLError('Too many changes in a short time; try again in a moment.', {
                extensions: { code: 'TOO_MANY_REQUESTS', http: { status: 429 } },
              }),
            );
          }
          bucket.tokens -= 1;
          buckets.set(key, bucket);
          if (buckets.size > 100_000) buckets.clear();
          return Promise.resolve();
        },
      });
    },
  };
}
