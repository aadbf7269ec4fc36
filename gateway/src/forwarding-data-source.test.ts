import type { FetcherResponse } from '@apollo/utils.fetcher';
import { ForwardingDataSource } from './forwarding-data-source';

const source = new ForwardingDataSource({ url: 'http://127.0.0.1:1/graphql' });

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  }) as unknown as FetcherResponse;
}

describe('a subgraph refusal reaching the gateway', () => {
  it("passes a busy subgraph's BUSY 503 on with its message and Retry-After", async () => {
    const error = await source.errorFromResponse(
      answer(
        503,
        {
          errors: [
            {
              message: 'The catalogue is busy; try again in a moment.',
              extensions: { code: 'BUSY' },
            },
          ],
        },
        { 'retry-after': '1' },
      ),
    );
    expect(error.message).toBe('The catalogue is busy; try again in a moment.');
    expect(error.extensions.code).toBe('BUSY');
    const http = error.extensions.http as { status: number; headers: Map<string, string> };
    expect(http.status).toBe(503);
    expect(http.headers.get('retry-after')).toBe('1');
  });

  it('keeps any other 503 internal, without the subgraph telling the caller its code', async () => {
    const error = await source.errorFromResponse(
      answer(503, { errors: [{ message: 'database unavailable', extensions: { code: 'X' } }] }),
    );
    expect(error.extensions.code).toBeUndefined();
    expect(error.extensions.http).toBeUndefined();
  });
});
