import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { PURPOSE_HEADER, REQUEST_ID_HEADER } from '@hb/kit';
import type { GatewayContext } from './gateway-context';

type Fetcher = RemoteGraphQLDataSource['fetcher'];

/**
 * Node's own fetch (undici) for subgraph requests: a keep-alive connection pool per origin,
 * without the HTTP-cache machinery of RemoteGraphQLDataSource's default `make-fetch-happen`
 * fetcher (which this gateway never uses: subgraph responses are `no-store`). Measured in
 * BENCHMARKS.md.
 */
export const subgraphFetcher: Fetcher = ((url: string, init: RequestInit) =>
  fetch(url, init)) as unknown as Fetcher;

/** Sends the caller's token, request id and declared purpose with every subgraph request. */
export class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(config: { url?: string }) {
    super({ ...config, fetcher: subgraphFetcher });
  }

  override willSendRequest({
    request,
    context,
  }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (!request.http || !('requestId' in context)) return;
    const ctx = context as GatewayContext;
    if (ctx.authorization) request.http.headers.set('authorization', ctx.authorization);
    request.http.headers.set(REQUEST_ID_HEADER, ctx.requestId);
    request.http.headers.set(PURPOSE_HEADER, ctx.purpose);
  }
}
