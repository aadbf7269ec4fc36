import type http from 'node:http';
import { HeaderMap, type BaseContext, type HTTPGraphQLResponse } from '@apollo/server';
import { Kind, OperationTypeNode, parse } from 'graphql';
import type { RequestContext } from './context';
import { PURPOSE_HEADER } from './context';

/** Answer when a read cannot be access-logged: nothing that was read may leave the service. */
export const ACCESS_LOG_UNAVAILABLE = {
  message: 'The access log is unavailable; nothing was returned.',
  extensions: { code: 'INTERNAL_SERVER_ERROR' },
};

type CompleteResponse = HTTPGraphQLResponse & { body: { kind: 'complete'; string: string } };

interface SharedAnswer<TContext> {
  response: CompleteResponse;
  /** The context of the request that ran. */
  first: TContext;
}

/** The fields of a GraphQL-over-HTTP request body that name its operation. */
export interface GraphQLBody {
  query: string;
  operationName?: unknown;
}

/** Options of {@link InFlightReads}. */
export interface InFlightReadsOptions<TContext> {
  /**
   * Whether a query may share at all, e.g. only documents known to read no client data.
   * Default: every query.
   */
  mayShare?: (body: GraphQLBody) => boolean;
  /**
   * Runs for each request answered with another's result, with its own context, before the
   * answer leaves; e.g. writes its access-log rows. Returns a response to send instead (the
   * work failed), or null. Default: nothing.
   */
  beforeSharedAnswer?: (own: TContext, first: TContext) => Promise<HTTPGraphQLResponse | null>;
}

/** A key for one operation of one document: the document's text and the operation's name. */
export function documentKey(query: string, operationName: unknown): string {
  return `${typeof operationName === 'string' ? operationName : ''}\u0000${query}`;
}

/** Documents remembered as queries or not; a service sees a few dozen distinct ones. */
const MAX_REMEMBERED_DOCUMENTS = 1000;

/**
 * Identical reads in flight share one execution: a request whose document, variables, token,
 * declared purpose and accepted format equal those of a request already running waits for
 * that request's answer instead of resolving the same data again. Nothing is kept once the
 * first request has answered, so a sharer never sees older data than it would have seen by
 * running at the same moment. Only the same token can share (the same caller, with the same
 * rights), and mutations never share.
 */
export class InFlightReads<TContext extends BaseContext> {
  private readonly flights = new Map<string, Promise<SharedAnswer<TContext> | null>>();
  private readonly queries = new Map<string, boolean>();

  constructor(private readonly options: InFlightReadsOptions<TContext> = {}) {}

  /**
   * The sharing key of a request, or null when it must run on its own. Requests share when
   * their bodies are the same text (a gateway writes identical fetches identically), under
   * the same token, declared purpose and formats.
   */
  keyOf(req: http.IncomingMessage, body: unknown, text: string): string | null {
    if (req.method !== 'POST' || typeof body !== 'object' || body === null) return null;
    const { query, operationName } = body as Record<string, unknown>;
    if (typeof query !== 'string' || !this.isQuery(query, operationName)) return null;
    if (this.options.mayShare && !this.options.mayShare(body as GraphQLBody)) return null;
    const h = req.headers;
    const headers = [h.authorization, h[PURPOSE_HEADER], h.accept, h['content-type']];
    return `${JSON.stringify(headers)}\n${text}`;
  }

  /**
   * Answers a request with the key from {@link keyOf}: runs it, or waits for the identical
   * request in flight and answers with its result.
   */
  async answer(
    key: string,
    context: () => Promise<TContext>,
    execute: (context: () => Promise<TContext>) => Promise<HTTPGraphQLResponse>,
  ): Promise<HTTPGraphQLResponse> {
    const flight = this.flights.get(key);
    return flight ? this.follow(flight, context, execute) : this.lead(key, context, execute);
  }

  private async lead(
    key: string,
    context: () => Promise<TContext>,
    execute: (context: () => Promise<TContext>) => Promise<HTTPGraphQLResponse>,
  ): Promise<HTTPGraphQLResponse> {
    let settle!: (answer: SharedAnswer<TContext> | null) => void;
    this.flights.set(key, new Promise((resolve) => (settle = resolve)));
    let first: TContext | undefined;
    let answer: SharedAnswer<TContext> | null = null;
    try {
      const response = await execute(async () => (first = await context()));
      const { body } = response;
      // Only a complete 200 answer is shared; anything else each request finds out itself.
      if ((response.status ?? 200) === 200 && body.kind === 'complete' && first) {
        answer = { response: { ...response, body }, first };
      }
      return response;
    } finally {
      this.flights.delete(key);
      settle(answer);
    }
  }

  private async follow(
    flight: Promise<SharedAnswer<TContext> | null>,
    context: () => Promise<TContext>,
    execute: (context: () => Promise<TContext>) => Promise<HTTPGraphQLResponse>,
  ): Promise<HTTPGraphQLResponse> {
    const answer = await flight;
    if (!answer) return execute(context);
    let own: TContext;
    try {
      // The same token was verified a moment ago; verifying again keeps expiry exact.
      own = await context();
    } catch {
      return execute(context);
    }
    const instead = await this.options.beforeSharedAnswer?.(own, answer.first);
    if (instead) return instead;
    return { ...answer.response, headers: new HeaderMap(answer.response.headers) };
  }

  private isQuery(query: string, operationName: unknown): boolean {
    const key = documentKey(query, operationName);
    let known = this.queries.get(key);
    if (known === undefined) {
      known = isQueryOperation(query, operationName);
      if (this.queries.size >= MAX_REMEMBERED_DOCUMENTS) this.queries.clear();
      this.queries.set(key, known);
    }
    return known;
  }
}

/**
 * For subgraphs: each request answered with another's result writes its own access-log rows,
 * under its own request id, of exactly what that answer showed, before its answer leaves.
 */
export async function logSharedRead<TContext extends RequestContext>(
  own: TContext,
  first: TContext,
): Promise<HTTPGraphQLResponse | null> {
  for (const entry of first.accessLog.written()) own.accessLog.add(entry);
  try {
    await own.accessLog.flush();
    return null;
  } catch (error) {
    own.logger.error({ err: error }, 'access log write failed');
    return {
      status: 200,
      headers: new HeaderMap([['content-type', 'application/json; charset=utf-8']]),
      body: { kind: 'complete', string: JSON.stringify({ errors: [ACCESS_LOG_UNAVAILABLE] }) },
    };
  }
}

/** Whether the operation the request selects is a query (not a mutation or subscription). */
function isQueryOperation(query: string, operationName: unknown): boolean {
  try {
    const operations = parse(query).definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    const selected =
      typeof operationName === 'string'
        ? operations.find((o) => o.name?.value === operationName)
        : operations.length === 1
          ? operations[0]
          : undefined;
    return selected?.operation === OperationTypeNode.QUERY;
  } catch {
    return false;
  }
}
