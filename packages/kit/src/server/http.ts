import type http from 'node:http';
import {
  HeaderMap,
  type ApolloServer,
  type BaseContext,
  type HTTPGraphQLResponse,
} from '@apollo/server';
import type { Logger } from '../logger';
import {
  asksForSubscription,
  nestingExceeds,
  SUBSCRIPTION_OVER_HTTP,
  TOO_DEEPLY_NESTED,
} from './hardening';
import { currentRequestId, internalErrorBody } from './request-guard';

/** Largest request body accepted; GraphQL documents and variables are small. */
export const MAX_BODY_BYTES = 1_000_000;

class BodyTooLarge extends Error {}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // Keep reading (and dropping) what is already on its way, so that the client gets the
        // 413 instead of a reset connection; only a sender that does not stop is cut off.
        chunks.length = 0;
        if (size > 8 * MAX_BODY_BYTES) req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () =>
      size > MAX_BODY_BYTES
        ? reject(new BodyTooLarge())
        : resolve(Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', reject);
  });
}

/** Headers every response carries: no sniffing, no framing, no caching of personal data. */
export function securityHeaders(res: http.ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', 'no-store');
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  securityHeaders(res);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** Options of {@link handleGraphQL}. */
export interface HandleGraphQLOptions<TContext> {
  /** Lets identical requests in flight share one execution (see `InFlightReads`). */
  sharing?: ReadSharing<TContext> | undefined;
  /**
   * Answers a request without Apollo Server's pipeline when it can (the gateway's direct
   * routes), or returns null to run the pipeline.
   */
  shortcut?:
    | ((
        req: http.IncomingMessage,
        body: unknown,
        context: () => Promise<TContext>,
      ) => Promise<HTTPGraphQLResponse | null>)
    | undefined;
}

/** Lets requests share an execution (see `InFlightReads`, which implements this). */
export interface ReadSharing<TContext> {
  /** The sharing key of a request (`text` is its body as sent), or null to run on its own. */
  keyOf(req: http.IncomingMessage, body: unknown, text: string): string | null;
  /** Runs the request, or answers it with the result of the identical one in flight. */
  answer(
    key: string,
    context: () => Promise<TContext>,
    execute: (context: () => Promise<TContext>) => Promise<HTTPGraphQLResponse>,
  ): Promise<HTTPGraphQLResponse>;
}

/**
 * Runs one HTTP request through Apollo Server without a web framework: the services need
 * only POST/GET on one path, a health check, and WebSocket upgrades on the same port. Never
 * rejects: an unexpected failure is logged and answered with a bare 500.
 */
export async function handleGraphQL<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  context: () => Promise<TContext>,
  logger: Logger,
  options: HandleGraphQLOptions<TContext> = {},
): Promise<void> {
  try {
    await runGraphQL(apollo, req, res, context, options);
  } catch (error) {
    logger.error({ err: error }, 'request failed');
    if (!res.headersSent) sendJson(res, 500, internalErrorBody(currentRequestId()));
    else res.end();
  }
}

async function runGraphQL<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  context: () => Promise<TContext>,
  { sharing, shortcut }: HandleGraphQLOptions<TContext>,
): Promise<void> {
  let body: unknown = undefined;
  let text = '';
  if (req.method === 'POST') {
    try {
      text = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        res.setHeader('Connection', 'close');
        sendJson(res, 413, { errors: [{ message: 'Request body is too large.' }] });
        return;
      }
      throw error;
    }
    try {
      body = text.length > 0 ? JSON.parse(text) : undefined;
    } catch {
      sendJson(res, 400, {
        errors: [
          { message: 'Request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } },
        ],
      });
      return;
    }
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  const document = req.method === 'POST' ? queryOf(body) : url.searchParams.get('query');
  if (document && nestingExceeds(document)) {
    sendJson(res, 400, {
      errors: [{ message: TOO_DEEPLY_NESTED, extensions: { code: 'GRAPHQL_PARSE_FAILED' } }],
    });
    return;
  }
  if (document && asksForSubscription(document)) {
    sendJson(res, 400, {
      errors: [{ message: SUBSCRIPTION_OVER_HTTP, extensions: { code: 'BAD_REQUEST' } }],
    });
    return;
  }
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const execute = async (contextOf: () => Promise<TContext>) =>
    (await shortcut?.(req, body, contextOf)) ??
    apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: contextOf,
    });
  const key = sharing?.keyOf(req, body, text);
  const result =
    sharing && key ? await sharing.answer(key, context, execute) : await execute(context);
  securityHeaders(res);
  for (const [key, value] of result.headers) res.setHeader(key, value);
  res.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') {
    res.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) res.write(chunk);
  res.end();
}

/** The document of a POST body, when it has one as a string. */
function queryOf(body: unknown): string | null {
  const query =
    typeof body === 'object' && body !== null ? (body as { query?: unknown }).query : undefined;
  return typeof query === 'string' ? query : null;
}
