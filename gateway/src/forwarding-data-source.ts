import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { encodePurpose, PURPOSE_HEADER, REQUEST_ID_HEADER } from '@hb/kit';
import type { GatewayContext } from './gateway-context';

/**
 * Sends the caller's token, the request id (the caller's when well formed, else the gateway's)
 * and the declared purpose with every subgraph request.
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
}
