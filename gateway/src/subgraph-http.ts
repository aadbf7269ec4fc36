import {
  keepAlivePost,
  PURPOSE_HEADER,
  type KeepAlivePostOptions,
  type PostResponse,
} from '@hb/kit';

/** One GraphQL request to a subgraph: always a POST with a JSON body. */
export interface SubgraphRequest {
  headers: Record<string, string>;
  /** `{"query":…,"variables":…}`, `query` first (see {@link isQuery}). */
  body: string;
}

/**
 * Sends a request to a subgraph and resolves with its whole answer, whatever the status. An
 * answer may be shared by several callers (see {@link sharingReads}): read it, never change it.
 */
export type SubgraphPost = (url: string, request: SubgraphRequest) => Promise<PostResponse>;

/** Options of {@link subgraphPost}. */
export interface SubgraphPostOptions extends KeepAlivePostOptions {
  /** Sent with every request (the gateway's credential), after the request's own. */
  headers?: Record<string, string>;
}

/**
 * The gateway's client to subgraphs: {@link keepAlivePost} (Node's own HTTP client over
 * keep-alive agents), since a subgraph call is only one POST with a JSON answer. It skips the
 * caching, retry and proxy layers of Apollo's default fetcher, which cost about a sixth of the
 * gateway's CPU in a profile of a single-subgraph query. A query lost on a keep-alive socket
 * that the subgraph was closing is sent again (see `PostRequest.idempotent`); a mutation never.
 */
export function subgraphPost(options: SubgraphPostOptions = {}): SubgraphPost {
  const post = keepAlivePost(options);
  const own = options.headers ?? {};
  return (url, { headers, body }) =>
    post(url, { headers: { ...headers, ...own }, body, idempotent: isQuery(body) });
}

/**
 * Shares one subgraph request among identical ones in flight (same URL, body, token and
 * declared purpose; the request id differs). Only for subgraphs that hold no client data:
 * elsewhere every read must reach the subgraph under its own request id, so that the access
 * log records each one. Mutations are never shared.
 */
export function sharingReads(post: SubgraphPost): SubgraphPost {
  const inFlight = new Map<string, Promise<PostResponse>>();
  return (url, request) => {
    if (!isQuery(request.body)) return post(url, request);
    const { headers } = request;
    const key = JSON.stringify([
      url,
      request.body,
      headers.authorization ?? null,
      headers[PURPOSE_HEADER] ?? null,
    ]);
    let shared = inFlight.get(key);
    if (!shared) {
      shared = post(url, request).finally(() => inFlight.delete(key));
      inFlight.set(key, shared);
    }
    return shared;
  };
}

/**
 * Whether a subgraph request may be shared or sent twice: only a query, recognised without
 * parsing the body (the gateway writes `query` first); anything else, mutations included,
 * runs once and on its own.
 */
function isQuery(body: string): boolean {
  return /^\{"query":"(?:query\b|\{)/.test(body);
}

/** A header of an answer as one string (Node gives repeated ones as an array). */
export function headerOf(response: PostResponse, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * An answer's body as Apollo's data source reads it: JSON when the answer says it is JSON
 * (which may throw), else the text.
 */
export function bodyOf(response: PostResponse): unknown {
  const text = response.body.toString('utf8');
  const type = headerOf(response, 'content-type');
  return type &&
    (type.startsWith('application/json') || type.startsWith('application/graphql-response+json'))
    ? (JSON.parse(text) as unknown)
    : text;
}
