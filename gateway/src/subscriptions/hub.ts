import { randomUUID } from 'node:crypto';
import type { ExecutionResult, GraphQLField } from 'graphql';
import type { Logger } from '@hb/kit';
import { Subscriber, asExecutionResult } from './subscriber';
import { Upstream, type UpstreamOptions } from './upstream';
import { SEQUENCE_VARIABLE } from './follow-up';
import { completionOutcome, incompleteEvent } from './completion';

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

/** Most bytes a socket may have waiting before its subscriber counts as too slow. */
const MAX_BACKLOG_BYTES = 8 * 1024 * 1024;

interface Member {
  subscriber: Subscriber;
  request: SubscriptionRequest;
  /** The request's `sink.prefix`, at hand. */
  prefix: Buffer | null;
}

/** Members of one topic asking for the same follow-up with the same variables. */
interface Group {
  followUp: string;
  variables: Record<string, unknown>;
  members: Set<Member>;
  /**
   * The same members by socket (null: no raw sink), for writing an event: one check of the
   * socket's backlog and one write call per socket instead of per member.
   */
  bySocket: Map<RawConnection | null, Member[]>;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A counting semaphore, first come first served. */
class Slots {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(size: number) {
    this.free = Math.max(1, size);
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}

/** Subscribers with an identical token and arguments, fed by one upstream subscription. */
class Topic {
  private readonly groups = new Map<string, Group>();
  private size = 0;
  private chain: Promise<void> = Promise.resolve();
  upstream: Pick<Upstream, 'start' | 'stop'> | null = null;

  constructor(
    private readonly options: HubOptions,
    private readonly slots: Slots,
    private readonly onEmpty: () => void,
  ) {}

  add(member: Member): void {
    const { followUp, variables } = member.request;
    const key = `${followUp}\u0000${JSON.stringify(variables)}`;
    let group = this.groups.get(key);
    if (!group) {
      group = { followUp, variables, members: new Set(), bySocket: new Map() };
      this.groups.set(key, group);
    }
    group.members.add(member);
    const connection = member.request.sink?.connection ?? null;
    const onSocket = group.bySocket.get(connection);
    if (onSocket) onSocket.push(member);
    else group.bySocket.set(connection, [member]);
    this.size++;
    member.subscriber.whenEnded(() => {
      group.members.delete(member);
      const others = group.bySocket.get(connection);
      const at = others?.indexOf(member) ?? -1;
      if (others && at >= 0) others.splice(at, 1);
      if (others?.length === 0) group.bySocket.delete(connection);
      if (group.members.size === 0 && this.groups.get(key) === group) this.groups.delete(key);
      if (--this.size === 0) this.onEmpty();
    });
  }

  /**
   * Events are delivered strictly in order, but completed as soon as they arrive: the
   * follow-up of the next event (a charge against a commitment causes two) runs while the
   * previous one is still being completed or written, instead of queueing behind it.
   */
  deliver(sequence: string): void {
    const completions = [...this.groups.values()].map((group) => ({
      group,
      result: this.complete(group, sequence),
    }));
    // A rejected chain would silently drop every later event: a failure ends the members
    // with the point to resume from instead.
    this.chain = this.chain
      .then(async () => {
        for (const { group, result } of completions) this.write(group, sequence, await result);
      })
      .catch((err: unknown) => {
        this.options.logger.error({ err, sequence }, 'delivering a live event failed');
        const incomplete = incompleteEvent(sequence);
        for (const group of [...this.groups.values()]) {
          for (const m of [...group.members]) {
            m.subscriber.push(incomplete);
            m.subscriber.end();
          }
        }
      });
  }

  /**
   * Completes the event once for the whole group, retrying failures that may pass (a subgraph
   * restarting, a dropped connection) with a bounded backoff; null when it gave up, undefined
   * when the group has no member left to ask for it.
   */
  private async complete(
    group: Group,
    sequence: string,
  ): Promise<ExecutionResult | null | undefined> {
    const variables = { ...group.variables, [SEQUENCE_VARIABLE]: sequence };
    const started = Date.now();
    const retryFor = this.options.completionRetryMs ?? 60_000;
    let wait = 100;
    for (let attempt = 1; ; attempt++) {
      let result: ExecutionResult | null | undefined;
      try {
        // The member is chosen once the follow-up may start: the first may have left meanwhile.
        result = await this.slots.run(async () => {
          const first = group.members.values().next().value;
          return first ? first.request.runFollowUp(group.followUp, variables) : undefined;
        });
      } catch {
        result = null;
      }
      if (result === undefined) return undefined;
      if (completionOutcome(result) !== 'retry') return result;
      if (Date.now() - started + wait > retryFor) return null;
      this.options.logger.warn(
        { sequence, attempt, wait },
        'completing a live event failed; retrying',
      );
      await delay(wait);
      wait = Math.min(wait * 2, this.options.completionMaxBackoffMs ?? 2000);
    }
  }

  /** Writes one serialisation of the completed event to every member of the group. */
  private write(group: Group, sequence: string, result: ExecutionResult | null | undefined): void {
    if (result === undefined || group.members.size === 0) return;
    if (!result) {
      // Given up: the subscriber learns exactly where to resume, so nothing is lost.
      const incomplete = incompleteEvent(sequence);
      this.options.logger.error({ sequence }, 'a live event could not be completed');
      for (const m of [...group.members]) {
        m.subscriber.push(incomplete);
        m.subscriber.end();
      }
      return;
    }
    if (completionOutcome(result) === 'end') {
      // A consent revoked or a token expired mid-subscription ends it.
      const ended = asExecutionResult(result);
      for (const m of [...group.members]) {
        m.subscriber.push(ended);
        m.subscriber.end();
      }
      return;
    }
    let serialised: Buffer | null = null;
    for (const [connection, members] of group.bySocket) {
      if (connection && connection.backlog > MAX_BACKLOG_BYTES) {
        // Too slow: every subscription on the socket ends (a copy: ending removes members).
        for (const m of [...members]) {
          m.subscriber.end();
          m.request.disconnect();
        }
        continue;
      }
      // Nothing here ends a member, so the arrays are not changed while they are read;
      // pushing may (a full queue), so it comes after.
      let prefixes: Buffer[] | null = null;
      let queued: Subscriber[] | null = null;
      for (const m of members) {
        const { subscriber } = m;
        if (subscriber.isEnded) continue;
        subscriber.lastSequence = sequence;
        // A subscriber with results still queued gets this one after them, never before.
        if (!connection || !m.prefix || subscriber.hasQueued) (queued ??= []).push(subscriber);
        else (prefixes ??= []).push(m.prefix);
      }
      if (connection && prefixes) {
        serialised ??= Buffer.from(JSON.stringify(result));
        connection.send(prefixes, serialised);
      }
      if (queued) for (const subscriber of queued) subscriber.push(result);
    }
  }

  terminal(errors: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }>): void {
    for (const group of [...this.groups.values()]) {
      for (const m of [...group.members]) {
        m.subscriber.push({ errors });
        m.subscriber.end();
      }
    }
  }

  endAll(): void {
    for (const group of [...this.groups.values()]) {
      for (const m of [...group.members]) m.subscriber.end();
    }
  }
}

/**
 * Serves subscriptions through the gateway: live subscriptions with an identical token and
 * arguments share one upstream subscription to the owning subgraph; each event is completed
 * by an ordinary federated query under that token, once per group of identical follow-ups,
 * and serialised once for the whole group. A subscription that asks for a replay
 * (`sinceSequence`) gets an upstream of its own until it has caught up.
 */
export class SubscriptionHub {
  private readonly topics = new Map<string, Topic>();
  private readonly slots: Slots;

  constructor(private readonly options: HubOptions) {
    this.slots = new Slots(options.maxConcurrentFollowUps ?? 32);
  }

  /** Number of upstream subscriptions open now (for tests and metrics). */
  get upstreamCount(): number {
    return this.topics.size;
  }

  subscribe(request: SubscriptionRequest): Subscriber {
    const url = this.options.upstreamUrls[request.subgraph];
    if (!url) throw new Error(`No upstream for ${request.subgraph}`);
    const replay = request.args.sinceSequence != null;
    const key = replay
      ? `replay:${randomUUID()}`
      : `${request.authorization}|${request.subgraph}|${request.field.name}|${JSON.stringify(request.args)}`;
    let topic = this.topics.get(key);
    if (!topic) {
      const created = new Topic(this.options, this.slots, () => {
        if (this.topics.get(key) === created) this.topics.delete(key);
        void created.upstream?.stop();
      });
      const open = this.options.openUpstream ?? ((o: UpstreamOptions) => new Upstream(o));
      created.upstream = open({
        url,
        authorization: request.authorization,
        field: request.field,
        args: request.args,
        logger: this.options.logger,
        onEvent: (sequence) => created.deliver(sequence),
        onTerminal: (errors) => created.terminal(errors),
      });
      this.topics.set(key, created);
      topic = created;
      created.upstream.start();
    }
    const subscriber = new Subscriber({
      maxQueue: this.options.maxQueue ?? 100,
      onOverflow: request.disconnect,
    });
    if (request.onEnd) subscriber.whenEnded(request.onEnd);
    topic.add({ request, subscriber, prefix: request.sink?.prefix ?? null });
    return subscriber;
  }

  async stop(): Promise<void> {
    const topics = [...this.topics.values()];
    this.topics.clear();
    for (const t of topics) t.endAll();
    await Promise.all(topics.flatMap((t) => (t.upstream ? [t.upstream.stop()] : [])));
  }
}
