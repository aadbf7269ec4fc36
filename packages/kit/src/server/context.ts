import crypto from 'node:crypto';
import type http from 'node:http';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import { AccessLogBuffer } from '../access-log/access-log';
import { decodePurpose, PURPOSE_MAX_LENGTH } from '../access-log/purpose';
import { bearerToken, type TokenVerifier } from '../auth/verifier';
import type { Principal } from '../auth/principal';
import type { Logger } from '../logger';

/** What every resolver of every service gets. Services extend it with their loaders. */
export interface RequestContext {
  /** The verified caller, or null for an anonymous request. */
  principal: Principal | null;
  /** The caller's `Authorization` header, for calls this service makes on their behalf. */
  authorization: string | null;
  /** Correlates logs and access-log rows across the gateway and every subgraph. */
  requestId: string;
  /** Where reads and changes of client data are recorded. */
  accessLog: AccessLogBuffer;
  logger: Logger;
}

/** Header names the gateway forwards to subgraphs. */
export const REQUEST_ID_HEADER = 'x-request-id';
export const PURPOSE_HEADER = 'x-access-purpose';

// A UUID, or a short token of letters, digits and `._:-` that starts with a letter or digit.
const REQUEST_ID_RE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/**
 * Uses the caller's request id when it is well formed, otherwise makes a new one: the id goes
 * into logs and the access log, so whatever else a caller sends there is replaced.
 */
export function requestIdOf(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID_RE.test(value) ? value : crypto.randomUUID();
}

/**
 * The declared purpose of access (käyttötarkoitus) for the access log, decoded as
 * {@link decodePurpose} describes. A value that is no purpose is refused rather than logged
 * altered, so the log holds exactly what the caller declared.
 */
export function purposeOf(header: string | string[] | undefined): string {
  const purpose = decodePurpose(Array.isArray(header) ? header[0] : header);
  if (purpose === null) {
    throw new GraphQLError(
      `The declared purpose (${PURPOSE_HEADER}) must be at most ${PURPOSE_MAX_LENGTH} letters, digits, spaces and punctuation, percent-encoded as UTF-8.`,
      { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } },
    );
  }
  return purpose;
}

/** Verifies the bearer token of a request; a bad token is refused, a missing one is anonymous. */
export async function principalOf(
  authorization: string | undefined,
  verify: TokenVerifier,
): Promise<Principal | null> {
  if (!authorization) return null;
  const token = bearerToken(authorization);
  if (!token) {
    throw new GraphQLError('The Authorization header must be "Bearer <token>".', {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  }
  try {
    return await verify(token);
  } catch (error) {
    if (error instanceof GraphQLError) {
      throw new GraphQLError(error.message, {
        extensions: { ...error.extensions, http: { status: 401 } },
      });
    }
    throw error;
  }
}

/** Builds the base context of one HTTP request. */
export function createRequestContext(
  req: http.IncomingMessage,
  deps: { verify: TokenVerifier; dataSource: DataSource; service: string; logger: Logger },
): Promise<RequestContext> {
  return createContextFor(
    {
      authorization: req.headers.authorization ?? null,
      requestId: requestIdOf(req.headers[REQUEST_ID_HEADER]),
      purpose: purposeOf(req.headers[PURPOSE_HEADER]),
    },
    deps,
  );
}

/**
 * Builds a base context from a bearer header value: for HTTP requests and for graphql-ws
 * connections, whose token arrives in `connection_init`.
 */
export async function createContextFor(
  request: { authorization: string | null; requestId: string; purpose: string },
  deps: { verify: TokenVerifier; dataSource: DataSource; service: string; logger: Logger },
): Promise<RequestContext> {
  const principal = await principalOf(request.authorization ?? undefined, deps.verify);
  return {
    principal,
    authorization: request.authorization,
    requestId: request.requestId,
    accessLog: new AccessLogBuffer(
      deps.dataSource,
      deps.service,
      principal,
      request.requestId,
      request.purpose,
    ),
    logger: deps.logger.child({ requestId: request.requestId }),
  };
}
