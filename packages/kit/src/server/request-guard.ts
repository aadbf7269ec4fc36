import { AsyncLocalStorage } from 'node:async_hooks';
import type http from 'node:http';
import type { Logger } from '../logger';
import { REQUEST_ID_HEADER, requestIdOf } from './context';

const requestIds = new AsyncLocalStorage<string>();

/**
 * The id of the HTTP request being served (inside {@link guardRequests}), for error answers
 * that a user can quote to support; undefined outside a request.
 */
export function currentRequestId(): string | undefined {
  return requestIds.getStore();
}

/** The body of a 500 answer: nothing about the failure, only the id to quote. */
export function internalErrorBody(requestId: string | undefined): {
  errors: Array<{ message: string; extensions: Record<string, string> }>;
} {
  return {
    errors: [
      {
        message: 'Internal server error.',
        extensions: { code: 'INTERNAL_SERVER_ERROR', ...(requestId ? { requestId } : {}) },
      },
    ],
  };
}

/**
 * Wraps a server's request listener so that no request can stop the process: whatever the
 * handler throws, or the promise it returns rejects with, is logged and answered with a 500
 * carrying the request id. The request id is fixed here, once (the caller's when well formed,
 * else a new one), written back into the request's headers so that every later reader (the
 * GraphQL context, the access log, calls to subgraphs) sees the same one, and sent back in
 * the `x-request-id` response header.
 */
export function guardRequests(
  logger: Logger,
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>,
): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  return (req, res) => {
    const requestId = requestIdOf(req.headers[REQUEST_ID_HEADER]);
    req.headers[REQUEST_ID_HEADER] = requestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const fail = (error: unknown) => {
      logger.error({ err: error, requestId, url: req.url }, 'request handler failed');
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(500, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      res.end(JSON.stringify(internalErrorBody(requestId)));
    };
    requestIds.run(requestId, () => {
      try {
        const done = handler(req, res);
        if (done) done.catch(fail);
      } catch (error) {
        fail(error);
      }
    });
  };
}

/** Serves a server's requests with `handler`, under {@link guardRequests}. */
export function onGuardedRequest(
  server: http.Server,
  logger: Logger,
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>,
): void {
  server.on('request', guardRequests(logger, handler));
}
