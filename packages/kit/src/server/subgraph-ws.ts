import { present } from '../database/sql';
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { GraphQLError, parse, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { DataSource } from 'typeorm';
import type { TokenVerifier } from '../auth/verifier';
import type { Logger } from '../logger';
import { createContextFor, type RequestContext } from './context';
import { FEDERATION_FIELDS_REFUSED, selectsFederationFields } from './federation-guard';
import { nestingExceeds, TOO_DEEPLY_NESTED } from './hardening';

/** Options of {@link serveSubgraphSubscriptions}. */
export interface SubgraphWsOptions<TContext extends RequestContext> {
  httpServer: http.Server;
  schema: GraphQLSchema;
  service: string;
  verify: TokenVerifier;
  dataSource: DataSource;
  logger: Logger;
  extendContext: (base: RequestContext) => TContext;
  /** Keep-alive ping interval, ms. Default 12 000. */
  keepAliveMs?: number;
}

interface Extra extends Record<PropertyKey, unknown> {
  base?: RequestContext;
}

/**
 * graphql-ws on a subgraph's own `/graphql`. The token comes in `connection_init` (as
 * `authorization`) and is verified like an HTTP request's; a bad token closes the connection.
 * Each subscription gets a fresh request context (its own loaders) and its access-log entries
 * are written after every event it delivers.
 */
export function serveSubgraphSubscriptions<TContext extends RequestContext>(
  options: SubgraphWsOptions<TContext>,
): () => Promise<void> {
  const wss = new WebSocketServer({ server: options.httpServer, path: '/graphql' });
  const contexts = new Map<string, TContext>();
  const server = useServer<Record<string, unknown>, Extra>(
    {
      schema: options.schema,
      onConnect: async (ctx) => {
        const raw = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        try {
          ctx.extra.base = await createContextFor(
            {
              authorization: typeof raw === 'string' ? raw : null,
              requestId: randomUUID(),
              purpose: 'live follow-up (seuranta)',
            },
            {
              verify: options.verify,
              dataSource: options.dataSource,
              service: options.service,
              logger: options.logger,
            },
          );
          return true;
        } catch {
          return false;
        }
      },
      // As over HTTP: no parse of a document nested too deeply, and no `_service` or
      // `_entities` for a connection without a valid token.
      onSubscribe: (ctx, _id, payload) => {
        if (nestingExceeds(payload.query)) return [new GraphQLError(TOO_DEEPLY_NESTED)];
        if (ctx.extra.base?.principal) return undefined;
        try {
          if (selectsFederationFields(parse(payload.query))) return [FEDERATION_FIELDS_REFUSED];
        } catch {
          // A syntax error: graphql-ws reports it as it parses.
        }
        return undefined;
      },
      context: (ctx, id) => {
        const base = present(ctx.extra.base, 'The connection context');
        const context = options.extendContext({ ...base, requestId: `${base.requestId}:${id}` });
        contexts.set(`${base.requestId}:${id}`, context);
        return context;
      },
      onNext: async (ctx, id) => {
        await contexts.get(`${ctx.extra.base?.requestId}:${id}`)?.accessLog.flush();
      },
      onComplete: (ctx, id) => {
        contexts.delete(`${ctx.extra.base?.requestId}:${id}`);
      },
      onError: (ctx, id) => {
        contexts.delete(`${ctx.extra.base?.requestId}:${id}`);
      },
    },
    wss,
    options.keepAliveMs ?? 12_000,
  );
  return async () => {
    await server.dispose();
  };
}
