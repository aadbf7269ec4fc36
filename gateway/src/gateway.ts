import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  commonApolloOptions,
  createVerifier,
  handleGraphQL,
  GATEWAY_CREDENTIAL_HEADER,
  InFlightReads,
  onGuardedRequest,
  sendJson,
  type Config,
  type Logger,
  type RunningServer,
} from '@hb/kit';
import { ForwardingDataSource } from './forwarding-data-source';
import { sharingReads, subgraphPost } from './subgraph-http';
import { gatewayContext, type GatewayContext } from './gateway-context';
import { serveStatic } from './static-files';
import { mutationRateLimit } from './rate-limit';
import { operationResolution } from './operation-resolution';
import { devTokenEnabled, handleDevToken } from './dev-token';
import { handleAuthConfig, signInOrigins } from './auth-config';
import { attachSubscriptions } from './subscriptions/ws-server';
import { PlannedOperations } from './planned-operations';
import { handleReportCsv } from './report-csv';
import { handleSettlementFile } from './settlement-files';
import { handleDecisionDocument } from './decision-document';

/** Where the committed supergraph lives (written by `pnpm compose`). */
export const SUPERGRAPH_PATH = path.resolve(__dirname, '..', 'supergraph.graphql');
/** The admin UI's build output, served under `/`. */
export const WEB_ROOT = path.resolve(__dirname, '..', '..', 'web-admin', 'dist');

/**
 * The gateway: @apollo/gateway over the committed supergraph, routing to the subgraph URLs
 * of the configuration (so the same supergraph serves any deployment), behind our own HTTP
 * server that also serves the admin UI and, in the subscriptions module, graphql-ws.
 */
export async function startGateway(config: Config, logger: Logger): Promise<RunningServer> {
  const urls: Record<string, string> = {
    clients: config.CLIENTS_URL,
    budgets: config.BUDGETS_URL,
    providers: config.PROVIDERS_URL,
    plans: config.PLANS_URL,
  };
  const supergraphSdl = fs.readFileSync(SUPERGRAPH_PATH, 'utf8');
  const post = subgraphPost({
    headers: config.GATEWAY_CREDENTIAL
      ? { [GATEWAY_CREDENTIAL_HEADER]: config.GATEWAY_CREDENTIAL }
      : {},
  });
  // Identical reads in flight share one execution in the subgraphs, which log each request's
  // reads of client data. The providers subgraph holds none, so here identical fetches to it
  // share one request (see `sharingReads`), and so do whole operations that can reach
  // nothing else; planned as one fetch, those also skip Apollo's pipeline (`PlannedOperations`).
  const sharedReads = config.SHARE_IN_FLIGHT_READS ? sharingReads(post) : post;
  const planned = new PlannedOperations({
    urls,
    clientFreeServices: new Set(['providers']),
    post: sharedReads,
  });
  const sharedOperations = config.SHARE_IN_FLIGHT_READS
    ? new InFlightReads<GatewayContext>({ mayShare: planned.isClientFree })
    : undefined;
  const gateway = new ApolloGateway({
    supergraphSdl,
    experimental_didResolveQueryPlan: planned.didResolveQueryPlan,
    buildService: ({ name, url }) =>
      new ForwardingDataSource({
        url: urls[name] ?? url,
        post: name === 'providers' ? sharedReads : post,
      }),
    logger,
  });
  const verify = await createVerifier(config);
  const httpServer = http.createServer();
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    ...commonApolloOptions<GatewayContext>(config, logger, [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      operationResolution(),
      mutationRateLimit(config.MUTATION_RATE_PER_MINUTE),
    ]),
  });
  await apollo.start();
  const stopSubscriptions = attachSubscriptions({
    httpServer,
    apollo,
    supergraphSdl,
    verify,
    upstreamUrls: { budgets: config.BUDGETS_URL.replace(/^http/, 'ws') },
    logger,
    production: config.NODE_ENV === 'production',
    limits: {
      perSocket: config.SUBSCRIPTIONS_PER_SOCKET,
      perPrincipal: config.SUBSCRIPTIONS_PER_PRINCIPAL,
    },
  });

  onGuardedRequest(httpServer, logger, (req, res) => {
    const urlPath = (req.url ?? '/').split('?')[0];
    if (urlPath === '/health') {
      sendJson(res, 200, { status: 'ok', service: 'gateway' });
      return;
    }
    if (urlPath === '/auth/config') {
      handleAuthConfig(config, res);
      return;
    }
    if (urlPath === '/dev/token' && devTokenEnabled(config)) {
      handleDevToken(config, req, res);
      return;
    }
    if (handleReportCsv(apollo, verify, logger, req, res, urlPath ?? '')) return;
    if (handleSettlementFile(apollo, verify, logger, req, res, urlPath ?? '')) return;
    if (handleDecisionDocument(apollo, verify, logger, req, res, urlPath ?? '')) return;
    if (urlPath === '/graphql') {
      void handleGraphQL(apollo, req, res, () => gatewayContext(req, verify), logger, {
        sharing: sharedOperations,
        shortcut: planned.shortcut,
      });
      return;
    }
    serveStatic(WEB_ROOT, req, res, {
      connectSources: signInOrigins(config),
      sourceMaps: config.NODE_ENV !== 'production',
    });
  });

  if (config.WAIT_FOR_SUBGRAPHS) await Promise.all(Object.values(urls).map(answersHealth));
  const port = config.PORT ?? 4000;
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, config.HOST, () => resolve());
  });
  const actual = (httpServer.address() as { port: number }).port;
  const url = `http://${config.HOST}:${actual}/graphql`;
  logger.info({ url }, 'gateway ready');
  let stopping: Promise<void> | undefined;
  return {
    url,
    port: actual,
    stop() {
      stopping ??= stopSubscriptions().then(() => apollo.stop());
      return stopping;
    },
  };
}

/** Resolves once the subgraph at `graphqlUrl` answers its health check (see `WAIT_FOR_SUBGRAPHS`). */
async function answersHealth(graphqlUrl: string): Promise<void> {
  const health = graphqlUrl.replace(/\/graphql$/, '/health');
  while (!(await healthy(health))) await new Promise((resolve) => setTimeout(resolve, 50));
}

/**
 * One health check with node's HTTP client: `fetch` would load undici, a fifth of a second of
 * CPU, and cost more per refused connection, while the subgraphs it waits for start beside it.
 */
function healthy(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}
