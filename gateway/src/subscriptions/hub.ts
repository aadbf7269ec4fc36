import { randomUUID } from 'node:crypto';
import type { ExecutionResult } from 'graphql';
import { Subscriber, asExecutionResult } from './subscriber';
import { Upstream, type UpstreamOptions } from './upstream';
import type { HubOptions, RawConnection, SubscriptionRequest } from './hub.types';
import { Slots, delay } from './slots';

export type {
  FollowUp,
  HubOptions,
  RawConnection,
  RawSink,
  SubscriptionRequest,
} from './hub.types';
import {
  SEQUENCE_VARIABLE,
  batchFollowUp,
  splitBatchedResult,
  type BatchedFollowUp,
} from './follow-up';
import { completionOutcome, incompleteEvent } from './completion';

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
  /** The follow-up of several events, by their number, made when first needed. */
  batches: Map<number, BatchedFollowUp>;
  /** False once a batched follow-up failed validation (e.g. too many aliases): ask one by one. */
  batchable: boolean;
}

/** The result of completing one event for a group (see `Topic.complete`). */
type Completion = ExecutionResult | null | undefined;

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
      group = {
        followUp,
        variables,
        members: new Set(),
        bySocket: new Map(),
        batches: new Map(),
        batchable: true,
      };
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

  private pending: string[] = [];

  /**
   * Events are delivered strictly in order, but completed as soon as they arrive: the
   * follow-up of the next event runs while the previous one is still being completed or
   * written, instead of queueing behind it. Events arriving in the same turn of the event loop
   * (a charge and its commitment's event, committed together) are completed together.
   */
  deliver(sequence: string): void {
    this.pending.push(sequence);
    if (this.pending.length === 1) setImmediate(() => this.flush());
  }

  private flush(): void {
    const most = Math.max(1, this.options.maxEventsPerFollowUp ?? 8);
    const arrived = this.pending;
    this.pending = [];
    for (let from = 0; from < arrived.length; from += most) {
      const sequences = arrived.slice(from, from + most);
      const completions = [...this.groups.values()].map((group) => ({
        group,
        results: this.completeAll(group, sequences),
      }));
      // A rejected chain would silently drop every later event: a failure ends the members
      // with the point to resume from instead.
      this.chain = this.chain
        .then(async () => {
          for (const { group, results } of completions) {
            const completed = await results;
            sequences.forEach((sequence, i) => this.write(group, sequence, completed[i]));
          }
        })
        .catch((err: unknown) => {
          const sequence = sequences[0] ?? '0';
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
  }

  /**
   * Completes the events for the group with one follow-up query; where that query does not
   * give every event a clean result (any error at all), each event is completed on its own,
   * so that retries, ends and field errors are judged exactly as for a single event.
   */
  private async completeAll(group: Group, sequences: string[]): Promise<Completion[]> {
    if (sequences.length > 1 && group.batchable) {
      let batch = group.batches.get(sequences.length);
      if (!batch) {
        batch = batchFollowUp(group.followUp, sequences.length);
        group.batches.set(sequences.length, batch);
      }
      const variables: Record<string, unknown> = { ...group.variables };
      sequences.forEach((sequence, i) => (variables[batch.sequenceVariable(i)] = sequence));
      const result = await this.ask(group, batch.query, variables);
      if (result === undefined) return sequences.map(() => undefined);
      const split = splitBatchedResult(result, batch.responseKey, sequences.length);
      if (split) return split;
      if (result?.errors?.some((e) => e.extensions.code === 'GRAPHQL_VALIDATION_FAILED'))
        group.batchable = false;
    }
    return Promise.all(sequences.map((sequence) => this.complete(group, sequence)));
  }

  /**
   * Runs one follow-up for the group in a free slot: null when it failed, undefined when the
   * group has no member left. The member is chosen once the follow-up may start: the first may
   * have left meanwhile.
   */
  private async ask(
    group: Group,
    query: string,
    variables: Record<string, unknown>,
  ): Promise<Completion> {
    try {
      return await this.slots.run(async () => {
        const first = group.members.values().next().value;
        return first ? first.request.runFollowUp(query, variables) : undefined;
      });
    } catch {
      return null;
    }
  }

  /**
   * Completes the event once for the whole group, retrying failures that may pass (a subgraph
   * restarting, a dropped connection) with a bounded backoff; null when it gave up, undefined
   * when the group has no member left to ask for it.
   */
  private async complete(group: Group, sequence: string): Promise<Completion> {
    const variables = { ...group.variables, [SEQUENCE_VARIABLE]: sequence };
    const started = Date.now();
    const retryFor = this.options.completionRetryMs ?? 60_000;
    let wait = 100;
    for (let attempt = 1; ; attempt++) {
      const result = await this.ask(group, group.followUp, variables);
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
  private write(group: Group, sequence: string, result: Completion): void {
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
