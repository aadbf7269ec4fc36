import http from 'node:http';
import https from 'node:https';

/**
 * How long every service's HTTP server keeps an idle keep-alive connection open, ms (set
 * explicitly, not left to Node's default). Node closes the socket at this timeout, or up to a
 * second later (its grace period); a request that reaches the socket just then is reset.
 */
export const SERVER_KEEP_ALIVE_TIMEOUT_MS = 5_000;

/**
 * How long {@link keepAlivePost} keeps an idle socket for reuse, ms: a second less than
 * {@link SERVER_KEEP_ALIVE_TIMEOUT_MS}, so that the client retires a socket well before the
 * server can close it and never sends a request into a closing connection.
 */
export const CLIENT_IDLE_SOCKET_MS = SERVER_KEEP_ALIVE_TIMEOUT_MS - 1_000;

/** Options of {@link keepAlivePost}. */
export interface KeepAlivePostOptions {
  /** Most open sockets per host. Default 256. */
  maxSockets?: number;
  /** A request that takes longer is aborted, ms. Default 30 000. */
  timeoutMs?: number;
  /**
   * An idle socket is closed after this long, ms. Default {@link CLIENT_IDLE_SOCKET_MS}; must
   * stay below the server's keep-alive timeout.
   */
  idleSocketMs?: number;
}

/** A request as {@link keepAlivePost} sends it. */
export interface PostRequest {
  /** Default `POST`. */
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /**
   * Whether sending the request twice does no harm (a GraphQL query). Such a request that a
   * reused socket loses before any byte of an answer (the server closed the connection as
   * it was sent) is sent once more on a new connection. Default false: a mutation is never
   * sent twice, since the server may have run it before the connection broke.
   */
  idempotent?: boolean;
}

/** A whole answer, its body read to the end. */
export interface PostResponse {
  status: number;
  statusText: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** The errors of a connection that the other end closed or reset. */
const CONNECTION_LOST = new Set(['ECONNRESET', 'EPIPE']);

/** A request lost on a reused keep-alive socket before any byte of its answer arrived. */
class LostOnReusedSocket extends Error {
  constructor(readonly original: Error) {
    super(original.message);
  }
}

/**
 * A client for service-to-service GraphQL calls: Node's own HTTP client over keep-alive
 * agents, one request and its whole answer. Global `fetch` (undici, web streams) cost a
 * budgets process about a tenth of its CPU per charge for its one call to providers.
 * Idle sockets are retired before the server closes them, and an idempotent request lost on
 * a reused socket is retried once (see {@link PostRequest.idempotent}).
 */
export function keepAlivePost(
  options: KeepAlivePostOptions = {},
): (url: string, request?: PostRequest) => Promise<PostResponse> {
  const agentOptions: http.AgentOptions = {
    keepAlive: true,
    maxSockets: options.maxSockets ?? 256,
    // The agent applies this to idle sockets only (a request sets its own timeout below).
    timeout: options.idleSocketMs ?? CLIENT_IDLE_SOCKET_MS,
  };
  const agents = { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) };
  const timeoutMs = options.timeoutMs ?? 30_000;

  /** One attempt; `fresh` sends it on a new connection of its own instead of a pooled one. */
  const send = (target: URL, request: PostRequest, fresh = false): Promise<PostResponse> =>
    new Promise((resolve, reject) => {
      const secure = target.protocol === 'https:';
      const body = request.body ?? '';
      let answered = false;
      const req = (secure ? https : http).request(
        target,
        {
          method: request.method ?? 'POST',
          headers: { ...request.headers, 'content-length': String(Buffer.byteLength(body)) },
          agent: fresh ? false : secure ? agents.https : agents.http,
        },
        (res) => {
          answered = true;
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              statusText: res.statusMessage ?? '',
              headers: res.headers,
              body: Buffer.concat(chunks),
            }),
          );
        },
      );
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`${target.host} timed out.`)));
      req.on('error', (error: NodeJS.ErrnoException) => {
        const lost =
          !answered && !fresh && req.reusedSocket && CONNECTION_LOST.has(error.code ?? '');
        reject(lost ? new LostOnReusedSocket(error) : error);
      });
      req.end(body);
    });

  return async (url, request = {}) => {
    const target = new URL(url);
    try {
      return await send(target, request);
    } catch (error) {
      if (!(error instanceof LostOnReusedSocket)) throw error;
      if (!request.idempotent) throw error.original;
      // Another pooled socket may be just as stale: the retry opens a connection of its own.
      return send(target, request, true);
    }
  };
}
