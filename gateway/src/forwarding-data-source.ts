import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { PURPOSE_HEADER, REQUEST_ID_HEADER } from '@hb/kit';
import type { GatewayContext } from './gateway-context';

/** Sends the caller's token, request id and declared purpose with every subgraph request. */
export class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
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
