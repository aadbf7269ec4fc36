import http from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { GraphQLSchema } from 'graphql';
import type { Config } from '../config/config';
import type { Database } from '../database/data-source';
import type { TokenVerifier } from '../auth/verifier';
import type { Logger } from '../logger';
import { SERVER_KEEP_ALIVE_TIMEOUT_MS } from '../http-post';
import { commonApolloOptions } from './apollo-options';
import { createRequestContext, type RequestContext } from './context';
import { handleGraphQL, sendJson } from './http';
import { onGuardedRequest } from './request-guard';
import { federationFieldsGuard } from './federation-guard';
import { serveSubgraphSubscriptions } from './subgraph-ws';
import { ACCESS_LOG_UNAVAILABLE, InFlightReads, logSharedRead } from './shared-reads';

/** Options of {@link startSubgraphServer}. */
export interface SubgraphServerOptions<TContext extends RequestContext> {
  /** Service name, used in logs and access-log rows. */
  name: string;
  schema: GraphQLSchema;
  config: Config;
  logger: Logger;
  database: Database;
  verify: TokenVerifier;
  /** Port used when `PORT` is not set. */
  defaultPort: number;
  /** Adds the service's loaders and services to the base request context. */
  extendContext: (base: RequestContext) => TContext;
  /**
   * Called once the HTTP server exists, e.g. to serve graphql-ws on the same port. Returns a
   * function that stops it on shutdown.
   */
  attach?: (server: http.Server) => () => Promise<void>;
  /** Closed on shutdown after the HTTP server has drained. */
  onShutdown?: () => Promise<void>;
  /** Serve the schema's subscriptions over graphql-ws on the same port. Default false. */
  subscriptions?: boolean;
}

/** A running service. */
export interface RunningServer {
  url: string;
  port: number;
  /** Stops accepting, drains in-flight requests, closes the database. */
  stop(): Promise<void>;
}

/**
 * Serves a subgraph over HTTP: `POST/GET /graphql`, `GET /health` (checks the database),
 * the access-log flush before every response, and graceful shutdown.
 */
export async function startSubgraphServer<TContext extends RequestContext>(
  options: SubgraphServerOptions<TContext>,
): Promise<RunningServer> {
  const { config, logger, database } = options;
  const httpServer = http.createServer();
  // Explicit, because the callers' keep-alive agents retire idle sockets a second earlier.
  httpServer.keepAliveTimeout = SERVER_KEEP_ALIVE_TIMEOUT_MS;

  const flushAccessLog: ApolloServerPlugin<TContext> = {
    requestDidStart() {
      return Promise.resolve({
        async willSendResponse({ contextValue, response }) {
          try {
            await contextValue.accessLog.flush();
          } catch (error) {
            // A read that cannot be logged must not be delivered.
            logger.error({ err: error }, 'access log write failed');
            response.body = { kind: 'single', singleResult: { errors: [ACCESS_LOG_UNAVAILABLE] } };
          }
        },
      });
    },
  };

  const apollo = new ApolloServer<TContext>({
    schema: options.schema,
    ...commonApolloOptions<TContext>(config, logger, [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      federationFieldsGuard<TContext>(config.GATEWAY_CREDENTIAL),
      flushAccessLog,
    ]),
  });
  await apollo.start();
  const sharedReads = config.SHARE_IN_FLIGHT_READS
    ? new InFlightReads<TContext>({ beforeSharedAnswer: logSharedRead })
    : undefined;

  onGuardedRequest(httpServer, logger, (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/health') {
      database.dataSource
        .query('SELECT 1')
        .then(() => sendJson(res, 200, { status: 'ok', service: options.name }))
        .catch(() => sendJson(res, 503, { status: 'database unavailable' }));
      return;
    }
    if (path !== '/graphql') {
      sendJson(res, 404, { error: 'Not found. GraphQL is served at /graphql.' });
      return;
    }
    void handleGraphQL(
      apollo,
      req,
      res,
      async () =>
        options.extendContext(
          await createRequestContext(req, {
            verify: options.verify,
            dataSource: database.dataSource,
            service: options.name,
            logger,
          }),
        ),
      logger,
      { sharing: sharedReads },
    );
  });

  const stopAttached = options.attach?.(httpServer);
  const stopWs = options.subscriptions
    ? serveSubgraphSubscriptions({
        httpServer,
        schema: options.schema,
        service: options.name,
        verify: options.verify,
        dataSource: database.dataSource,
        logger,
        extendContext: options.extendContext,
      })
    : undefined;
  const port = config.PORT ?? options.defaultPort;
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, config.HOST, () => resolve());
  });
  const actualPort = (httpServer.address() as { port: number }).port;
  const url = `http://${config.HOST}:${actualPort}/graphql`;
  logger.info({ url }, `${options.name} subgraph ready`);

  let stopping: Promise<void> | undefined;
  return {
    url,
    port: actualPort,
    stop() {
      stopping ??= (async () => {
        await stopWs?.();
        await stopAttached?.();
        await apollo.stop();
        await options.onShutdown?.();
        await database.close();
      })();
      return stopping;
    },
  };
}

/** Stops the server on SIGTERM/SIGINT, then exits; a second signal exits at once. */
export function stopOnSignals(server: { stop(): Promise<void> }, logger: Logger): void {
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(1);
    signalled = true;
    logger.info({ signal }, 'shutting down: draining in-flight requests');
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
