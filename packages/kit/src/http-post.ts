import http from 'node:http';
import https from 'node:https';

/** Options of {@link keepAlivePost}. */
export interface KeepAlivePostOptions {
  /** Most open sockets per host. Default 256. */
  maxSockets?: number;
  /** A request that takes longer is aborted, ms. Default 30 000. */
  timeoutMs?: number;
}

/** A request as {@link keepAlivePost} sends it. */
export interface PostRequest {
  /** Default `POST`. */
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** A whole answer, its body read to the end. */
export interface PostResponse {
  status: number;
  statusText: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/**
 * A client for service-to-service GraphQL calls: Node's own HTTP client over keep-alive
 * agents, one request and its whole answer. Global `fetch` (undici, web streams) cost a
 * budgets process about a tenth of its CPU per charge for its one call to providers.
 */
export function keepAlivePost(
  options: KeepAlivePostOptions = {},
): (url: string, request?: PostRequest) => Promise<PostResponse> {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 256 };
  const agents = { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) };
  const timeoutMs = options.timeoutMs ?? 30_000;
  return (url, request = {}) =>
    new Promise((resolve, reject) => {
      const target = new URL(url);
      const secure = target.protocol === 'https:';
      const body = request.body ?? '';
      const req = (secure ? https : http).request(
        target,
        {
          method: request.method ?? 'POST',
          headers: { ...request.headers, 'content-length': String(Buffer.byteLength(body)) },
          agent: secure ? agents.https : agents.http,
        },
        (res) => {
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
      req.on('error', reject);
      req.end(body);
    });
}
