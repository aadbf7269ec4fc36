import type { ExecutionResult, GraphQLField } from 'graphql';
import type { Logger } from '@hb/kit';
import type { Upstream, UpstreamOptions } from './upstream';

/** Runs the follow-up query of one event with the subscriber's own context. */
export type FollowUp = (
  query: string,
  variables: Record<string, unknown>,
) => Promise<ExecutionResult>;

/** Options of {@link SubscriptionHub}. */
export interface HubOptions {
  logger: Logger;
  /** graphql-ws URL of each subgraph that serves subscriptions, by name. */
  upstreamUrls: Record<string, string>;
  /** Undelivered events a subscriber may have before it is disconnected. Default 100. */
  maxQueue?: number;
  /**
   * How long a failed completion (subgraph restarting, connections dropping) is retried
   * before the subscription ends with `EVENT_INCOMPLETE` and the sequence to resume from, ms.
   * Default 60 000.
   */
  completionRetryMs?: number;
  /** Longest wait between two attempts to complete an event, ms. Default 2000. */
  completionMaxBackoffMs?: number;
  /**
   * Follow-up queries in flight at once over the whole hub. Default 32. An event of a budget
   * followed under 100 tokens needs 100 follow-ups; started all at once, they opened a
   * connection per follow-up to each subgraph (the keep-alive pools grew to 100 sockets and
   * idled out between events) and finished all together, at the end of the burst. 16 made the
   * waves of a 100-token event wait on loaded subgraphs; 32 still bounds the pools.
   */
  maxConcurrentFollowUps?: number;
  /**
   * Most events one follow-up query completes. Default 8. Events that arrive together (one
   * change commits a charge and its commitment's event; a replay) are completed by one query
   * per group, which fetches from each subgraph once for all of them; 1 completes each alone.
   */
  maxEventsPerFollowUp?: number;
  /** Opens a topic's upstream subscription; tests give their own. Default {@link Upstream}. */
  openUpstream?: (options: UpstreamOptions) => Pick<Upstream, 'start' | 'stop'>;
}

/**
 * One socket's way to write already serialised graphql-ws `next` payloads (UTF-8 JSON): one
 * completed event is serialised once per group, and every member of the group on one socket
 * is written with a single call.
 */
export interface RawConnection {
  /** Writes one `next` frame per prefix (see {@link RawSink.prefix}), each with the payload. */
  send(prefixes: readonly Buffer[], payloadJson: Buffer): void;
  /** Bytes the socket has not yet handed to the network (a slow consumer's backlog). */
  readonly backlog: number;
}

/** Where one subscription's events may be written directly. */
export interface RawSink {
  connection: RawConnection;
  /** The subscription's frame up to its payload: `{"id":…,"type":"next","payload":`. */
  prefix: Buffer;
}

/** What one subscriber asked for. */
export interface SubscriptionRequest {
  subgraph: string;
  field: GraphQLField<unknown, unknown>;
  args: Record<string, unknown>;
  /** The follow-up query's text, printed once when the subscription starts. */
  followUp: string;
  variables: Record<string, unknown>;
  /**
   * The subscriber's `Authorization` value. Subscribers share an upstream subscription and a
   * completed event only when it is identical: the same person's narrower or expiring token
   * never borrows the rights of another of her tokens.
   */
  authorization: string;
  runFollowUp: FollowUp;
  /** The socket itself, when events may be written to it directly (see {@link RawSink}). */
  sink: RawSink | null;
  /** Closes the subscriber's connection (slow consumer). */
  disconnect: () => void;
  /** Called once when the subscription ends, for whatever reason. */
  onEnd?: () => void;
}
