import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { FetcherResponse } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import { encodePurpose, PURPOSE_HEADER, REQUEST_ID_HEADER } from '@hb/kit';
import type { GatewayContext } from './gateway-context';

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
 * Sends the caller's token, the request id (the caller's when well formed, else the gateway's)
 * and the declared purpose with every subgraph request; turns a subgraph's refusal into an
 * error for the caller without the subgraph's address.
 */
export class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({
    request,
    context,
  }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (!request.http || !('requestId' in context)) return;
    const ctx = context as GatewayContext;
    if (ctx.authorization) request.http.headers.set('authorization', ctx.authorization);
    request.http.headers.set(REQUEST_ID_HEADER, ctx.requestId);
    // Percent-encoded: a header carries bytes, and the subgraph must log the purpose exactly.
    request.http.headers.set(PURPOSE_HEADER, encodePurpose(ctx.purpose));
  }

  /**
   * Apollo's version puts the subgraph's URL, status and whole body into the error's
   * extensions, which reach the caller whenever the code is public (401, 403), and makes any
   * other refusal an internal error. Here a refusal keeps only its code and the subgraph's
   * message: a value the gateway passes on unchecked (an invalid date) that the subgraph
   * refuses with 400 is the caller's BAD_USER_INPUT. Anything else stays internal (masked,
   * with the request id), its details only in the log.
   */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const body = await this.parseBody(response).catch(() => null);
    const first =
      typeof body === 'object' && body !== null && 'errors' in body && Array.isArray(body.errors)
        ? (body.errors[0] as { message?: unknown; extensions?: { code?: unknown } } | undefined)
        : undefined;
    const message = typeof first?.message === 'string' ? first.message : undefined;
    const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : undefined;
    const refusal = REFUSALS[response.status];
    if (refusal) {
      return new GraphQLError(message ?? 'Refused.', { extensions: { code: refusal } });
    }
    if (response.status === 400 && message && code && INPUT_CODES.has(code)) {
      return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
    }
    // A subgraph with no room for the work (the public catalogue's admission control): the
    // caller is told to try again, with the subgraph's Retry-After, as a 503 of the gateway.
    if (response.status === 503 && message && code === 'BUSY') {
      const retryAfter = response.headers.get('retry-after') ?? '1';
      return new GraphQLError(message, {
        extensions: {
          code: 'BUSY',
          http: { status: 503, headers: new Map([['retry-after', retryAfter]]) },
        },
      });
    }
    return new GraphQLError(
      `${this.url} answered ${response.status} ${response.statusText}: ${JSON.stringify(body)}`,
    );
  }
}
