import { GraphQLError } from 'graphql';

/** A subgraph's answer outside 2xx, as far as {@link refusalError} needs it. */
export interface SubgraphRefusal {
  status: number;
  statusText: string;
  /** The answer's Retry-After header, if it had one. */
  retryAfter?: string | undefined;
  /** The body: parsed JSON when the answer said so, else its text; null if unreadable. */
  body: unknown;
}

/** What a subgraph's refusal of a whole request (HTTP 4xx) means to the gateway's caller. */
const REFUSALS: Record<number, string> = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN' };
/** Codes of a subgraph's 400 that blame the caller's input, not the gateway. */
const INPUT_CODES = new Set([
  'BAD_USER_INPUT',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
]);

/**
 * The error the gateway's caller gets for a subgraph's answer outside 2xx. Apollo's
 * `RemoteGraphQLDataSource` puts the subgraph's URL, status and whole body into the error's
 * extensions, which reach the caller whenever the code is public (401, 403), and makes any
 * other refusal an internal error. Here a refusal keeps only its code and the subgraph's
 * message: a value the gateway passes on unchecked (an invalid date) that the subgraph
 * refuses with 400 is the caller's BAD_USER_INPUT. Anything else stays internal (masked,
 * with the request id), its details (`url` among them) only in the log.
 */
export function refusalError(url: string, refusal: SubgraphRefusal): GraphQLError {
  const { status, body } = refusal;
  const first =
    typeof body === 'object' && body !== null && 'errors' in body && Array.isArray(body.errors)
      ? (body.errors[0] as { message?: unknown; extensions?: { code?: unknown } } | undefined)
      : undefined;
  const message = typeof first?.message === 'string' ? first.message : undefined;
  const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : undefined;
  const refused = REFUSALS[status];
  if (refused) {
    return new GraphQLError(message ?? 'Refused.', { extensions: { code: refused } });
  }
  if (status === 400 && message && code && INPUT_CODES.has(code)) {
    return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  // A subgraph with no room for the work (the public catalogue's admission control): the
  // caller is told to try again, with the subgraph's Retry-After, as a 503 of the gateway.
  if (status === 503 && message && code === 'BUSY') {
    return new GraphQLError(message, {
      extensions: {
        code: 'BUSY',
        http: { status: 503, headers: new Map([['retry-after', refusal.retryAfter ?? '1']]) },
      },
    });
  }
  return new GraphQLError(
    `${url} answered ${status} ${refusal.statusText}: ${JSON.stringify(body)}`,
  );
}
