import type http from 'node:http';
import type { Experimental_DidResolveQueryPlanCallback } from '@apollo/gateway';
import { HeaderMap, type HTTPGraphQLResponse } from '@apollo/server';
import { Kind, OperationTypeNode, parse, print, type OperationDefinitionNode } from 'graphql';
import {
  documentKey,
  encodePurpose,
  PURPOSE_HEADER,
  REQUEST_ID_HEADER,
  type GraphQLBody,
} from '@hb/kit';
import type { GatewayContext } from './gateway-context';
import type { SubgraphPost } from './subgraph-http';

type Planned = Parameters<Experimental_DidResolveQueryPlanCallback>[0];

/** A query the gateway may send straight to its one subgraph. */
interface DirectRoute {
  service: string;
  /** The planner's own subgraph operation, sent as it would send it. */
  operation: string;
  operationName: string | undefined;
  variableUsages: readonly string[];
}

/** What a plan told of one document. */
interface Learned {
  /** Every subgraph the plan may reach holds no client data. */
  clientFree: boolean;
  route: DirectRoute | null;
}

/** Options of {@link PlannedOperations}. */
export interface PlannedOperationsOptions {
  /** Subgraph URLs by service name. */
  urls: Readonly<Record<string, string>>;
  /** Services that hold no client data, e.g. `providers`. */
  clientFreeServices: ReadonlySet<string>;
  /** How subgraphs are called on a direct route (the gateway's own client to them). */
  post: SubgraphPost;
}

/** Plan node kinds whose fetches {@link servicesOf} knows how to find. */
const KNOWN_KINDS = new Set([
  'QueryPlan',
  'Sequence',
  'Parallel',
  'Fetch',
  'Flatten',
  'Defer',
  'Condition',
  'Subscription',
]);

/** Documents remembered; the admin UI and municipal systems send a few dozen distinct ones. */
const MAX_REMEMBERED = 1000;

/**
 * What the gateway learns from the query plans of the documents it has run once through
 * Apollo's pipeline (validated, planned), for identical documents afterwards:
 *
 * - **Client-free**: a plan lists every fetch an operation may make, whatever the data and
 *   variables, so an operation whose plan reaches only subgraphs without client data can never
 *   return a client's data. Such operations may share one execution in flight (no access log
 *   is involved); a document not yet planned, or a plan with a node kind not known here, is
 *   not client-free.
 * - **Direct routes**: a client-free query planned as one fetch from one subgraph, whose
 *   subgraph operation is the client's own, needs nothing of the gateway but the forwarding.
 *   It is sent straight to the subgraph with the planner's operation and the caller's
 *   headers, and a clean answer (data, no errors) goes back as it came. Anything else —
 *   errors, an unexpected status, another answer format — runs through the pipeline, so
 *   errors are formatted the one way.
 */
export class PlannedOperations {
  private readonly known = new Map<string, Learned>();

  constructor(private readonly options: PlannedOperationsOptions) {}

  /** For ApolloGateway's `experimental_didResolveQueryPlan`: learns each planned document. */
  readonly didResolveQueryPlan = ({ queryPlan, requestContext, operationContext }: Planned) => {
    const { query, operationName } = requestContext.request;
    if (!query) return;
    const key = documentKey(query, operationName);
    if (this.known.has(key)) return;
    const services = servicesOf(queryPlan, new Set());
    const clientFree =
      services !== null && [...services].every((s) => this.options.clientFreeServices.has(s));
    const node = queryPlan.node;
    const direct =
      clientFree &&
      node?.kind === 'Fetch' &&
      node.operationKind === OperationTypeNode.QUERY &&
      !node.requires?.length &&
      !node.hasDefers &&
      !node.inputRewrites?.length &&
      !node.outputRewrites?.length &&
      !node.contextRewrites?.length &&
      requestContext.document.definitions.length === 1 &&
      sameOperation(operationContext.operation, node.operation);
    if (this.known.size >= MAX_REMEMBERED) this.known.clear();
    this.known.set(key, {
      clientFree,
      route: direct
        ? {
            service: node.serviceName,
            operation: node.operation,
            operationName: node.operationName,
            variableUsages: node.variableUsages ?? [],
          }
        : null,
    });
  };

  /** Whether a request's operation is known to reach only client-free subgraphs. */
  readonly isClientFree = (body: GraphQLBody): boolean =>
    this.known.get(documentKey(body.query, body.operationName))?.clientFree === true;

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
      [PURPOSE_HEADER]: encodePurpose(context.purpose),
    };
    if (context.authorization) headers.authorization = context.authorization;
    const response = await this.options.post(url, {
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
    const text = response.body.toString('utf8');
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
    return this.known.get(documentKey(query, operationName))?.route ?? null;
  }
}

/** Every subgraph a plan may fetch from, or null when the plan has a node kind not known here. */
function servicesOf(node: unknown, into: Set<string>): Set<string> | null {
  if (Array.isArray(node)) {
    for (const child of node) if (!servicesOf(child, into)) return null;
    return into;
  }
  if (!node || typeof node !== 'object') return into;
  const n = node as Record<string, unknown>;
  // Objects without a kind are parts of a node (a deferred block, a primary block).
  if (n.kind !== undefined && (typeof n.kind !== 'string' || !KNOWN_KINDS.has(n.kind))) return null;
  if (n.kind === 'Fetch') {
    if (typeof n.serviceName !== 'string') return null;
    into.add(n.serviceName);
  }
  for (const key of ['node', 'nodes', 'primary', 'deferred', 'ifClause', 'elseClause', 'rest']) {
    if (!servicesOf(n[key], into)) return null;
  }
  return into;
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
