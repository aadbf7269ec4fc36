import type { Fetcher, FetcherResponse } from '@apollo/utils.fetcher';
import { keepAlivePost, type KeepAlivePostOptions } from '@hb/kit';

/**
 * Shares one subgraph request among identical ones in flight (same URL, body, token and
 * declared purpose; the request id differs). Only for subgraphs that hold no client data:
 * elsewhere every read must reach the subgraph under its own request id, so that the access
 * log records each one. Mutations are never shared.
 */
export function deduplicating(fetcher: Fetcher): Fetcher {
  const inFlight = new Map<string, Promise<FetcherResponse>>();
  return (url, init = {}) => {
    const body = typeof init.body === 'string' ? init.body : null;
    if (!body || !isQuery(body)) return fetcher(url, init);
    const headers = init.headers ?? {};
    const key = JSON.stringify([
      url,
      init.method ?? 'POST',
      body,
      headers.authorization ?? headers.Authorization ?? null,
      headers['x-access-purpose'] ?? null,
    ]);
    let shared = inFlight.get(key);
    if (!shared) {
      shared = fetcher(url, init).finally(() => inFlight.delete(key));
      inFlight.set(key, shared);
    }
    return shared.then((response) => response.clone());
  };
}

/**
 * Whether a subgraph request may be shared: only a query, recognised without parsing the body
 * (the gateway writes `query` first); anything else, mutations included, runs on its own.
 */
function isQuery(body: string): boolean {
  return /^\{"query":"(?:query\b|\{)/.test(body);
}

class BufferedResponse implements FetcherResponse {
  readonly redirected = false;
  bodyUsed = false;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    readonly headers: Headers,
    private readonly body: Buffer,
  ) {}

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  text(): Promise<string> {
    this.bodyUsed = true;
    return Promise.resolve(this.body.toString('utf8'));
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    this.bodyUsed = true;
    return Promise.resolve(new Uint8Array(this.body).buffer);
  }

  clone(): FetcherResponse {
    return new BufferedResponse(this.url, this.status, this.statusText, this.headers, this.body);
  }
}

/**
 * The gateway's fetcher to subgraphs: {@link keepAlivePost} (Node's own HTTP client over
 * keep-alive agents), since a subgraph call is only one POST with a JSON answer. It skips the
 * caching, retry and proxy layers of the default fetcher, which cost about a sixth of the
 * gateway's CPU in a profile of a single-subgraph query. A query lost on a keep-alive socket
 * that the subgraph was closing is sent again (see `PostRequest.idempotent`); a mutation never.
 */
export function keepAliveFetcher(
  options: KeepAlivePostOptions & {
    /** Sent with every request (the gateway's credential), after the request's own. */
    headers?: Record<string, string>;
  } = {},
): Fetcher {
  const post = keepAlivePost(options);
  return async (url, init = {}) => {
    const res = await post(url, {
      ...(init.method ? { method: init.method } : {}),
      headers: { ...init.headers, ...options.headers },
      ...(init.body !== undefined ? { body: init.body } : {}),
      idempotent: typeof init.body === 'string' && isQuery(init.body),
    });
    const headers = new Headers();
    for (const [key, value] of Object.entries(res.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    return new BufferedResponse(url, res.status, res.statusText, headers, res.body);
  };
}
