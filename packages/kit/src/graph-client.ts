import { GraphQLError } from 'graphql';
import { encodePurpose } from './access-log/purpose';
import { keepAlivePost } from './http-post';
import { PURPOSE_HEADER, REQUEST_ID_HEADER, type RequestContext } from './server/context';

const post = keepAlivePost({ timeoutMs: 10_000 });

/** Options of {@link queryService}. */
export interface ServiceQuery {
  /** The other service's GraphQL URL (from config, e.g. `CLIENTS_URL`). */
  url: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Whose rights the call runs with: the caller's token is forwarded, never elevated. */
  ctx: Pick<RequestContext, 'authorization' | 'requestId'>;
}

/**
 * Asks another subgraph a question through its public GraphQL API, under the caller's own
 * token. Used where a rule needs another service's data at write time (a provider's approval,
 * a team member's consent); data never crosses by reading another service's tables.
 * Throws when the other service answers with errors.
 */
export async function queryService<T>(q: ServiceQuery): Promise<T> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    [REQUEST_ID_HEADER]: q.ctx.requestId,
    [PURPOSE_HEADER]: encodePurpose('rule check (sääntötarkistus)'),
  };
  if (q.ctx.authorization) headers.authorization = q.ctx.authorization;
  const res = await post(q.url, {
    headers,
    body: JSON.stringify({ query: q.query, variables: q.variables ?? {} }),
    // A question, never a change: safe to send again if a closing connection lost it.
    idempotent: true,
  });
  const body = JSON.parse(res.body.toString('utf8')) as {
    data?: T;
    errors?: Array<{ message: string; extensions?: { code?: unknown } }>;
  };
  if (body.errors?.length || !body.data) {
    // The other service's authorization verdict is the caller's verdict here too.
    const code = body.errors?.find((e) => typeof e.extensions?.code === 'string')?.extensions?.code;
    if (code === 'FORBIDDEN' || code === 'UNAUTHENTICATED' || code === 'NOT_FOUND') {
      throw new GraphQLError(body.errors?.[0]?.message ?? 'Refused.', { extensions: { code } });
    }
    throw new Error(
      `${q.url}: ${body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${res.status}`}`,
    );
  }
  return body.data;
}
