import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { encodePurpose, PURPOSE_HEADER, REQUEST_ID_HEADER, type PostResponse } from '@hb/kit';
import type { GatewayContext } from './gateway-context';
import { refusalError } from './subgraph-refusal';
import { bodyOf, headerOf, type SubgraphPost } from './subgraph-http';

type Options = GraphQLDataSourceProcessOptions<GatewayContext>;
type Answer = Awaited<ReturnType<GraphQLDataSource<GatewayContext>['process']>>;

/** Options of {@link ForwardingDataSource}. */
export interface ForwardingDataSourceOptions {
  /** The subgraph's GraphQL endpoint (required; optional in the supergraph's metadata). */
  url: string | undefined;
  /** How requests reach it (see `subgraphPost`, and `sharingReads` for client-free subgraphs). */
  post: SubgraphPost;
}

/**
 * The gateway's data source for a subgraph: sends the caller's token, the request id (the
 * caller's when well formed, else the gateway's) and the declared purpose with every subgraph
 * request, and turns a subgraph's refusal into an error for the caller without the subgraph's
 * address (see {@link refusalError}).
 *
 * It implements `GraphQLDataSource` itself rather than extending `RemoteGraphQLDataSource`:
 * that one builds a node-fetch `Request` and `Headers` (URL parsing included) for every fetch
 * and reads the answer through a WHATWG-style response, which in a profile of live events cost
 * the gateway as much CPU again as the HTTP exchange itself. What of it the gateway relies on
 * is kept: the same request body, the caller's headers only on incoming operations (not on
 * health checks), any non-2xx answer an error, a body that is not a JSON object an error, and
 * the subgraph's Cache-Control restricting the operation's cache policy. Automatic persisted
 * queries, off there by default, are not offered.
 */
export class ForwardingDataSource implements GraphQLDataSource<GatewayContext> {
  readonly url: string;
  private readonly post: SubgraphPost;

  constructor(options: ForwardingDataSourceOptions) {
    if (!options.url) throw new Error('A subgraph without a URL.');
    this.url = options.url;
    this.post = options.post;
  }

  async process(options: Options): Promise<Answer> {
    const { request, context } = options;
    if (!request.query) throw new Error('Missing query');
    const headers: Record<string, string> = {};
    // Apollo's executor adds headers of its own here (a trace request, with usage reporting).
    if (request.http) for (const [name, value] of request.http.headers) headers[name] = value;
    headers['content-type'] = 'application/json';
    if ('requestId' in context) {
      const ctx = context as GatewayContext;
      if (ctx.authorization) headers.authorization = ctx.authorization;
      headers[REQUEST_ID_HEADER] = ctx.requestId;
      // Percent-encoded: a header carries bytes, and the subgraph must log the purpose exactly.
      headers[PURPOSE_HEADER] = encodePurpose(ctx.purpose);
    }
    // Key order as Apollo's: `query` first, which `sharingReads` relies on.
    const body = JSON.stringify({
      query: request.query,
      variables: request.variables,
      operationName: request.operationName,
      extensions: request.extensions,
    });
    const response = await this.post(this.url, { headers, body });
    if (response.status < 200 || response.status >= 300) throw this.refusal(response);
    const answer = bodyOf(response);
    if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) {
      throw new Error(`Expected JSON response body, but received: ${String(answer)}`);
    }
    // Only an incoming operation has one (Apollo's enum of kinds is not exported).
    if ('incomingRequestContext' in options) {
      const policy: unknown = options.incomingRequestContext.overallCachePolicy;
      if (isCachePolicy(policy)) policy.restrict(hintOf(headerOf(response, 'cache-control')));
    }
    return answer;
  }

  private refusal(response: PostResponse): Error {
    let body: unknown;
    try {
      body = bodyOf(response);
    } catch {
      body = null;
    }
    return refusalError(this.url, {
      status: response.status,
      statusText: response.statusText,
      retryAfter: headerOf(response, 'retry-after'),
      body,
    });
  }
}

/** A cache hint as Apollo Server's cache policy takes it. */
interface CacheHint {
  maxAge: number;
  scope?: 'PUBLIC' | 'PRIVATE';
}

/** The part of Apollo Server's cache policy of an operation that a subgraph's answer affects. */
interface CachePolicy {
  restrict(hint: Readonly<CacheHint>): void;
}

function isCachePolicy(policy: unknown): policy is CachePolicy {
  return typeof policy === 'object' && policy !== null && 'restrict' in policy;
}

/** The last header read and its hint: subgraphs answer with the same one (`no-store`) each time. */
let lastHint: { header: string | undefined; hint: Readonly<CacheHint> } | undefined;

/** {@link cacheHint}, read once for a header seen just before (a profile showed it per fetch). */
function hintOf(header: string | undefined): Readonly<CacheHint> {
  if (!lastHint || lastHint.header !== header) {
    lastHint = { header, hint: Object.freeze(cacheHint(header)) };
  }
  return lastHint.hint;
}

/**
 * A subgraph's Cache-Control as a hint, read as `RemoteGraphQLDataSource` reads it: no header
 * (or no max-age) means not cacheable, so the operation is cacheable only as long as every
 * subgraph answer that went into it.
 */
export function cacheHint(header: string | undefined): CacheHint {
  const directives = new Map<string, string | true>();
  for (const part of header ? header.trim().split(/\s*,\s*/) : []) {
    const [key = '', value] = part.split(/\s*=\s*/, 2);
    directives.set(key, value === undefined ? true : value.replace(/^"|"$/g, ''));
  }
  const maxAge = directives.get('max-age');
  const hint: CacheHint = {
    maxAge: typeof maxAge === 'string' && /^[0-9]+$/.test(maxAge) ? +maxAge : 0,
  };
  if (directives.get('private') === true) hint.scope = 'PRIVATE';
  if (directives.get('public') === true) hint.scope = 'PUBLIC';
  return hint;
}
