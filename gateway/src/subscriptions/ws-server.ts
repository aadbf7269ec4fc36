import type http from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { Supergraph } from '@apollo/federation-internals';
import {
  GraphQLError,
  getOperationAST,
  parse,
  print,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  DEFAULT_DOCUMENT_LIMITS,
  documentLimits,
  principalOf,
  type Logger,
  type TokenVerifier,
} from '@hb/kit';
import type { GatewayContext } from '../gateway-context';
import { splitSubscription } from './follow-up';
import { SubscriptionHub } from './hub';
import { rawSink } from './socket-frames';
import { closeAtExpiry, expiryOf } from './token-expiry';
import { asExecutionResult } from './subscriber';
import {
  DEFAULT_SUBSCRIPTION_LIMITS,
  SubscriptionLimits,
  type SubscriptionLimitOptions,
} from './limits';
import { randomUUID } from 'node:crypto';

export { CLOSE_TOKEN_EXPIRED } from './token-expiry';

/** Options of {@link attachSubscriptions}. */
export interface SubscriptionServerOptions {
  httpServer: http.Server;
  apollo: ApolloServer<GatewayContext>;
  supergraphSdl: string;
  verify: TokenVerifier;
  /** graphql-ws URLs of the subgraphs that serve subscriptions, by name. */
  upstreamUrls: Record<string, string>;
  logger: Logger;
  /** Undelivered events per subscriber before it is disconnected. Default 100. */
  maxQueue?: number;
  /** Interval of keep-alive pings, ms. Default 12 000. */
  keepAliveMs?: number;
  /** Production posture: validation errors carry no field suggestions. */
  production?: boolean;
  /** Live subscriptions per socket and per principal. Default 20 and 50. */
  limits?: SubscriptionLimitOptions;
}

/** Close code for a subscriber that could not keep up (graphql-ws leaves 4xxx to servers). */
export const CLOSE_SLOW_CONSUMER = 4429;
const MAX_DOCUMENT = 100_000;
/** Checked documents remembered, by their text. */
const MAX_KNOWN_DOCUMENTS = 1000;

interface ConnectionExtra extends Record<PropertyKey, unknown> {
  gateway?: GatewayContext;
  socket: WebSocket;
}

/** graphql-js adds "Did you mean …?" to validation errors: in production it says nothing more. */
function withoutSuggestions(error: GraphQLError): GraphQLError {
  const message = error.message.replace(/\s*Did you mean .*\?$/s, '');
  if (message === error.message) return error;
  return new GraphQLError(message, {
    ...(error.nodes ? { nodes: error.nodes } : {}),
    extensions: error.extensions,
  });
}

/** The API schema clients see: the supergraph without federation's machinery. */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/**
 * graphql-ws on the gateway's own `/graphql` (same port as HTTP). Auth happens in
 * `connection_init`; each subscription is validated against the API schema, served through
 * the {@link SubscriptionHub}, and queries or mutations sent over the socket run through the
 * ordinary federated pipeline.
 */
export function attachSubscriptions(options: SubscriptionServerOptions): () => Promise<void> {
  const schema = apiSchemaOf(options.supergraphSdl);
  const subscriptionType = schema.getSubscriptionType();
  const hub = new SubscriptionHub({
    logger: options.logger,
    upstreamUrls: options.upstreamUrls,
    ...(options.maxQueue ? { maxQueue: options.maxQueue } : {}),
  });
  const wss = new WebSocketServer({ server: options.httpServer, path: '/graphql' });
  const limits = new SubscriptionLimits(options.limits ?? DEFAULT_SUBSCRIPTION_LIMITS);
  // The same document limits as over HTTP (depth, aliases, cost, tokens).
  const rules = [
    ...specifiedRules,
    ...documentLimits(DEFAULT_DOCUMENT_LIMITS, options.production ?? false).validationRules,
  ];

  // Subscribers open the same few documents again and again (every browser tab, every
  // socket): parsing and validating is a pure function of the text, so it runs once per text.
  const known = new Map<string, DocumentNode | GraphQLError[]>();
  const checked = (query: string): DocumentNode | GraphQLError[] => {
    const seen = known.get(query);
    if (seen) return seen;
    let result: DocumentNode | GraphQLError[];
    try {
      const document = parse(query, { maxTokens: DEFAULT_DOCUMENT_LIMITS.maxTokens });
      const errors = validate(schema, document, rules);
      result =
        errors.length === 0
          ? document
          : options.production
            ? errors.map(withoutSuggestions)
            : [...errors];
    } catch (error) {
      // A syntax error says where; anything else (a document nested too deep to parse) says
      // nothing about the gateway.
      result = [
        error instanceof GraphQLError ? error : new GraphQLError('The document is too large.'),
      ];
    }
    if (known.size >= MAX_KNOWN_DOCUMENTS) known.clear();
    known.set(query, result);
    return result;
  };

  const run = async (
    ctx: GatewayContext,
    document: DocumentNode | string,
    variables: Record<string, unknown>,
    operationName?: string | null,
  ): Promise<ExecutionResult> => {
    const response = await options.apollo.executeOperation(
      { query: document, variables, ...(operationName ? { operationName } : {}) },
      { contextValue: ctx },
    );
    if (response.body.kind !== 'single') {
      return { errors: [new GraphQLError('Incremental delivery is not supported here.')] };
    }
    return asExecutionResult(response.body.singleResult);
  };

  const server = useServer<Record<string, unknown>, ConnectionExtra>(
    {
      schema,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const raw = params.authorization ?? params.Authorization ?? params.token;
        const authorization =
          typeof raw === 'string' ? (raw.startsWith('Bearer ') ? raw : `Bearer ${raw}`) : null;
        try {
          const principal = await principalOf(authorization ?? undefined, options.verify);
          const expiresAt = authorization && principal ? expiryOf(authorization) : null;
          if (expiresAt !== null) closeAtExpiry(ctx.extra.socket, expiresAt);
          ctx.extra.gateway = {
            principal,
            authorization,
            requestId: randomUUID(),
            purpose: 'live follow-up (seuranta)',
            clientAddress: ctx.extra.request.socket.remoteAddress ?? 'unknown',
          };
          return true;
        } catch {
          // An invalid or expired token is refused outright (4403 Forbidden); no token at all
          // connects anonymously and may run public queries only.
          return false;
        }
      },
      onSubscribe: (ctx, id, payload) => {
        if (payload.query.length > MAX_DOCUMENT)
          return [new GraphQLError('Document is too large.')];
        const document = checked(payload.query);
        if (Array.isArray(document)) return document;
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return [new GraphQLError('Name the operation to run.')];
        const gateway = ctx.extra.gateway;
        if (!gateway) return [new GraphQLError('Not connected.')];
        const variables = payload.variables ?? {};
        const args: ExecutionArgs = {
          schema,
          document,
          operationName: payload.operationName ?? null,
          variableValues: variables,
          contextValue: { gateway, operation, socket: ctx.extra.socket, id },
        };
        return args;
      },
      execute: (args) => {
        const { gateway } = args.contextValue as { gateway: GatewayContext };
        return run(gateway, args.document, args.variableValues ?? {}, args.operationName);
      },
      subscribe: (args) => {
        const { gateway, operation, socket, id } = args.contextValue as {
          gateway: GatewayContext;
          operation: NonNullable<ReturnType<typeof getOperationAST>>;
          socket: WebSocket;
          id: string;
        };
        const variables = (args.variableValues ?? {}) as Record<string, unknown>;
        const split = splitSubscription(args.document, operation, variables);
        if ('error' in split) return { errors: [new GraphQLError(split.error)] };
        if (!gateway.principal || !gateway.authorization) {
          return {
            errors: [
              new GraphQLError('Sign in to follow budgets.', {
                extensions: { code: 'UNAUTHENTICATED' },
              }),
            ],
          };
        }
        const field = subscriptionType?.getFields()[split.rootField.name.value];
        if (!field) return { errors: [new GraphQLError('Unknown subscription field.')] };
        const p = gateway.principal;
        const place = limits.acquire(socket, `${p.role}:${p.sub}`);
        if (typeof place !== 'function') {
          return {
            errors: [
              new GraphQLError(place.refused, {
                extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' },
              }),
            ],
          };
        }
        try {
          return hub.subscribe({
            subgraph: split.live.subgraph,
            field,
            args: split.args,
            followUp: print(split.followUp),
            variables,
            authorization: gateway.authorization,
            runFollowUp: (query, vars) => run({ ...gateway, requestId: randomUUID() }, query, vars),
            sink: rawSink(socket, id),
            disconnect: () => socket.close(CLOSE_SLOW_CONSUMER, 'Subscriber too slow'),
            onEnd: place,
          });
        } catch (error) {
          place();
          throw error;
        }
      },
    },
    wss,
    options.keepAliveMs ?? 12_000,
  );

  return async () => {
    await hub.stop();
    // graphql-ws closes every socket with 1001 (going away).
    await server.dispose();
  };
}
