import type http from 'node:http';
import type { Experimental_DidResolveQueryPlanCallback } from '@apollo/gateway';
import { HeaderMap, type HTTPGraphQLResponse } from '@apollo/server';
import type { Fetcher } from '@apollo/utils.fetcher';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { PURPOSE_HEADER, REQUEST_ID_HEADER } from '@hb/kit';
import type { GatewayContext } from './gateway-context';

/** A query the gateway may send straight to its one subgraph. */
interface DirectRoute {
  service: string;
  /** The planner's own subgraph operation, sent as it would send it. */
  operation: string;
  operationName: string | undefined;
  variableUsages: readonly string[];
}

/** Options of {@link DirectRoutes}. */
export interface DirectRoutesOptions {
  /** Subgraph URLs by service name. */
  urls: Readonly<Record<string, string>>;
  /** Services whose queries may take a direct route: those that hold no client data. */
  services: ReadonlySet<string>;
  /** How subgraphs are called (the same fetcher as the gateway's). */
  fetcher: Fetcher;
}

/** Routes remembered; the admin UI and municipal systems send a few dozen distinct ones. */
const MAX_REMEMBERED = 1000;

const keyOf = (query: string, operationName: unknown) =>
  `${typeof operationName === 'string' ? operationName : ''}\u0000${query}`;

/**
 * Direct routes: a query whose plan is one fetch from one subgraph, and whose subgraph
 * operation is the client's own operation, needs nothing of the gateway but the forwarding.
 * Once Apollo's pipeline has validated and planned such a document, identical documents are
 * sent straight to the subgraph with the planner's operation and the caller's headers, and a
 * clean answer (data, no errors) goes back as it came. Anything else — errors, an unexpected
 * status, a document not seen yet — runs through the pipeline, so errors are formatted the
 * one way. Only services that hold no client data are routed: the answer is the same as the
 * pipeline's, but reads of client data stay on the path that is tested with the access log.
 */
export class DirectRoutes {
  private readonly routes = new Map<string, DirectRoute | null>();

  constructor(private readonly options: DirectRoutesOptions) {}

  /** For ApolloGateway's `experimental_didResolveQueryPlan`: learns each planned document. */
  readonly didResolveQueryPlan: Experimental_DidResolveQueryPlanCallback = ({
    queryPlan,
    requestContext,
    operationContext,
  }) => {
    const { query, operationName } = requestContext.request;
    if (!query) return;
    const key = keyOf(query, operationName);
    if (this.routes.has(key)) return;
    if (this.routes.size >= MAX_REMEMBERED) this.routes.clear();
    const node = queryPlan.node;
    const single =
      node?.kind === 'Fetch' &&
      node.operationKind === 'query' &&
      this.options.services.has(node.serviceName) &&
      !node.requires?.length &&
      !node.hasDefers &&
      !node.inputRewrites?.length &&
      !node.outputRewrites?.length &&
      !node.contextRewrites?.length &&
      requestContext.document?.definitions.length === 1 &&
      sameOperation(operationContext.operation, node.operation);
    this.routes.set(
      key,
      single
        ? {
            service: node.serviceName,
            operation: node.operation,
            operationName: node.operationName,
            variableUsages: node.variableUsages ?? [],
          }
        : null,
    );
  };

  /** For `handleGraphQL`'s `shortcut`: answers a routed request, or null to run the pipeline. */
  readonly shortcut = async (
    req: http.IncomingMessage,
    body: unknown,
    contextOf: () => Promise<GatewayContext>,
  ): Promise<HTTPGraphQLResponse | null> => {
    const route = this.routeOf(req, body);
    const url = route && this.options.urls[route.service];
    if (!route || !url) return null;
    let context: GatewayContext;
    try {
      context = await contextOf();
    } catch {
      return null; // the pipeline answers a bad token the usual way
    }
    const variables = (body as { variables?: Record<string, unknown> | null }).variables ?? {};
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      [REQUEST_ID_HEADER]: context.requestId,
      [PURPOSE_HEADER]: context.purpose,
    };
    if (context.authorization) headers.authorization = context.authorization;
    const response = await this.options.fetcher(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        query: route.operation,
        variables: Object.fromEntries(
          route.variableUsages.filter((v) => v in variables).map((v) => [v, variables[v]]),
        ),
        ...(route.operationName ? { operationName: route.operationName } : {}),
      }),
    });
    if (response.status !== 200) return null;
    const text = await response.text();
    if (!isCleanAnswer(text)) return null;
    return {
      status: 200,
      headers: new HeaderMap([['content-type', 'application/json; charset=utf-8']]),
      body: { kind: 'complete', string: text },
    };
  };

  private routeOf(req: http.IncomingMessage, body: unknown): DirectRoute | null {
    if (req.method !== 'POST' || typeof body !== 'object' || body === null) return null;
    // CSRF prevention, like Apollo's: only a JSON body (a request a plain form cannot send).
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return null;
    // Another answer format (application/graphql-response+json) is the pipeline's to give.
    const accept = req.headers.accept;
    if (accept && !/^(\*\/\*|application\/json)(;.*)?$/.test(accept.trim())) return null;
    const { query, operationName, variables, extensions } = body as Record<string, unknown>;
    if (typeof query !== 'string' || extensions !== undefined) return null;
    if (variables != null && (typeof variables !== 'object' || Array.isArray(variables)))
      return null;
    return this.routes.get(keyOf(query, operationName)) ?? null;
  }
}

/** The client's operation and the planner's subgraph operation, names aside, are the same. */
function sameOperation(client: OperationDefinitionNode, subgraphOperation: string): boolean {
  try {
    const planned = parse(subgraphOperation).definitions;
    const [only] = planned;
    if (planned.length !== 1 || only?.kind !== Kind.OPERATION_DEFINITION) return false;
    return print({ ...client, name: undefined }) === print({ ...only, name: undefined });
  } catch {
    return false;
  }
}

/** Only `data` and nothing else: errors and extensions take the pipeline's path. */
function isCleanAnswer(text: string): boolean {
  try {
    const answer = JSON.parse(text) as Record<string, unknown>;
    const keys = Object.keys(answer);
    return (
      keys.length === 1 &&
      keys[0] === 'data' &&
      typeof answer.data === 'object' &&
      answer.data !== null
    );
  } catch {
    return false;
  }
}
