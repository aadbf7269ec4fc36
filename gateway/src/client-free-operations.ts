import type { Experimental_DidResolveQueryPlanCallback } from '@apollo/gateway';
import type { GraphQLBody } from '@hb/kit';

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

/** Operations remembered; the admin UI and municipal systems send a few dozen distinct ones. */
const MAX_REMEMBERED = 1000;

const keyOf = (query: string, operationName: unknown) =>
  `${typeof operationName === 'string' ? operationName : ''}\u0000${query}`;

/**
 * Knows which operations can reach only subgraphs that hold no client data, from their query
 * plans. A plan lists every fetch the operation may make, whatever the data and variables,
 * so an operation learned here as client-free can never return a client's data. The gateway
 * lets identical such operations in flight share one execution (no access log is involved);
 * an operation not yet planned, or one whose plan has a node kind this does not know, is not
 * client-free.
 */
export class ClientFreeOperations {
  private readonly known = new Map<string, boolean>();

  /** @param clientFreeServices Subgraphs that hold no client data, e.g. `providers`. */
  constructor(private readonly clientFreeServices: ReadonlySet<string>) {}

  /** For ApolloGateway's `experimental_didResolveQueryPlan`: learns each planned operation. */
  readonly didResolveQueryPlan: Experimental_DidResolveQueryPlanCallback = ({
    queryPlan,
    requestContext,
  }) => {
    const { query, operationName } = requestContext.request;
    if (!query) return;
    const key = keyOf(query, operationName);
    if (this.known.has(key)) return;
    const services = servicesOf(queryPlan, new Set());
    if (this.known.size >= MAX_REMEMBERED) this.known.clear();
    this.known.set(
      key,
      services !== null && [...services].every((s) => this.clientFreeServices.has(s)),
    );
  };

  /** Whether a request's operation is known to reach only client-free subgraphs. */
  readonly includes = (body: GraphQLBody): boolean =>
    this.known.get(keyOf(body.query, body.operationName)) === true;
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
  if (n.kind !== undefined && !KNOWN_KINDS.has(String(n.kind))) return null;
  if (n.kind === 'Fetch') {
    if (typeof n.serviceName !== 'string') return null;
    into.add(n.serviceName);
  }
  for (const key of ['node', 'nodes', 'primary', 'deferred', 'ifClause', 'elseClause', 'rest']) {
    if (!servicesOf(n[key], into)) return null;
  }
  return into;
}
