import type http from 'node:http';
import {
  principalOf,
  purposeOf,
  requestIdOf,
  PURPOSE_HEADER,
  REQUEST_ID_HEADER,
  type Principal,
  type TokenVerifier,
} from '@hb/kit';

/** What the gateway knows of a request: forwarded to every subgraph it calls. */
export interface GatewayContext {
  principal: Principal | null;
  /** The caller's bearer token, forwarded as-is; subgraphs verify it again. */
  authorization: string | null;
  requestId: string;
  purpose: string;
  /** The caller's address, for limits on anonymous callers. */
  clientAddress: string;
}

/** Verifies the token at the edge (a bad token never reaches a subgraph). */
export async function gatewayContext(
  req: http.IncomingMessage,
  verify: TokenVerifier,
): Promise<GatewayContext> {
  const authorization = req.headers.authorization ?? null;
  return {
    principal: await principalOf(authorization ?? undefined, verify),
    authorization,
    requestId: requestIdOf(req.headers[REQUEST_ID_HEADER]),
    purpose: purposeOf(req.headers[PURPOSE_HEADER]),
    clientAddress: req.socket.remoteAddress ?? 'unknown',
  };
}
