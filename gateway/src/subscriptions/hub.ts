import { randomUUID } from 'node:crypto';
import { print, type DocumentNode, type ExecutionResult, type GraphQLField } from 'graphql';
import type { Logger } from '@hb/kit';
import { Subscriber } from './subscriber';
import { Upstream } from './upstream';
import { SEQUENCE_VARIABLE } from './follow-up';
import { completionOutcome, incompleteEvent } from './completion';

/** Runs the follow-up query of one event with the subscriber's own context. */
export type FollowUp = (
  document: DocumentNode,
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
}

/** What one subscriber asked for. */
export interface SubscriptionRequest {
  subgraph: string;
  field: GraphQLField<unknown, unknown>;
  args: Record<string, unknown>;
  followUp: DocumentNode;
  variables: Record<string, unknown>;
  /**
   * The subscriber's `Authorization` value. Subscribers share an upstream subscription and a
   * completed event only when it is identical: the same person's narrower or expiring token
   * never borrows the rights of another of her tokens.
   */
  authorization: string;
  runFollowUp: FollowUp;
  /** Closes the subscriber's connection (slow consumer). */
  disconnect: () => void;
  /** Called once when the subscription ends, for whatever reason. */
  onEnd?: () => void;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Member {
  subscriber: Subscriber;
  request: SubscriptionRequest;
}

/** Subscribers with an identical token and arguments, fed by one upstream subscription. */
class Topic {
  readonly members = new Set<Member>();
  private chain: Promise<void> = Promise.resolve();
  upstream: Upstream | null = null;

  constructor(
    private readonly options: HubOptions,
    private readonly onEmpty: () => void,
  ) {}

  /** Events are completed and delivered strictly in order. */
  deliver(sequence: string): void {
    this.chain = this.chain.then(() => this.fanOut(sequence));
  }

  private async fanOut(sequence: string): Promise<void> {
    // Members asking for the same selection share one follow-up query per event.
    const groups = new Map<string, Member[]>();
    for (const m of this.members) {
      if (m.subscriber.isEnded) continue;
      const key = `${print(m.request.followUp)}|${JSON.stringify(m.request.variables)}`;
      groups.set(key, [...(groups.get(key) ?? []), m]);
    }
    await Promise.all(
      [...groups.values()].map(async (group) => {
        const result = await this.complete(group, sequence);
        if (!result) {
          // Given up: the subscriber learns exactly where to resume, so nothing is lost.
          this.options.logger.error({ sequence }, 'a live event could not be completed');
          for (const m of group) {
            m.subscriber.push(incompleteEvent(sequence));
            m.subscriber.end();
          }
          return;
        }
        const lostAccess = completionOutcome(result) === 'end';
        for (const m of group) {
          m.subscriber.lastSequence = sequence;
          m.subscriber.push(result);
          // A consent revoked or a token expired mid-subscription ends it.
          if (lostAccess) m.subscriber.end();
        }
      }),
    );
  }

  /**
   * Completes the event for a group, retrying failures that may pass (a subgraph restarting,
   * a dropped connection) with a bounded backoff; null when it has not succeeded in time or
   * nobody is left to receive it.
   */
  private async complete(group: Member[], sequence: string): Promise<ExecutionResult | null> {
    const first = group[0]!;
    const variables = { ...first.request.variables, [SEQUENCE_VARIABLE]: sequence };
    const started = Date.now();
    const retryFor = this.options.completionRetryMs ?? 60_000;
    let wait = 100;
    for (let attempt = 1; ; attempt++) {
      let result: ExecutionResult | null;
      try {
        result = await first.request.runFollowUp(first.request.followUp, variables);
      } catch {
        result = null;
      }
      if (completionOutcome(result) !== 'retry') return result;
      if (group.every((m) => m.subscriber.isEnded)) return null;
      if (Date.now() - started + wait > retryFor) return null;
      this.options.logger.warn(
        { sequence, attempt, wait },
        'completing a live event failed; retrying',
      );
      await delay(wait);
      wait = Math.min(wait * 2, this.options.completionMaxBackoffMs ?? 2000);
    }
  }

  terminal(errors: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }>): void {
    for (const m of this.members) {
      m.subscriber.push({ errors });
      m.subscriber.end();
    }
  }

  remove(member: Member): void {
    this.members.delete(member);
    if (this.members.size === 0) this.onEmpty();
  }
}

/**
 * Serves subscriptions through the gateway: live subscriptions with an identical token and
 * arguments share one upstream subscription to the owning subgraph; each event is completed
 * by an ordinary federated query under the subscriber's own token. A subscription that asks
 * for a replay (`sinceSequence`) gets an upstream of its own until it has caught up.
 */
export class SubscriptionHub {
  private readonly topics = new Map<string, Topic>();

  constructor(private readonly options: HubOptions) {}

  /** Number of upstream subscriptions open now (for tests and metrics). */
  get upstreamCount(): number {
    return this.topics.size;
  }

  subscribe(request: SubscriptionRequest): Subscriber {
    const replay = request.args.sinceSequence != null;
    const key = replay
      ? `replay:${randomUUID()}`
      : `${request.authorization}|${request.subgraph}|${request.field.name}|${JSON.stringify(request.args)}`;
    let topic = this.topics.get(key);
    if (!topic) {
      const created = new Topic(this.options, () => {
        this.topics.delete(key);
        void created.upstream?.stop();
      });
      const url = this.options.upstreamUrls[request.subgraph];
      if (!url) throw new Error(`No upstream for ${request.subgraph}`);
      created.upstream = new Upstream({
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
    const owner = topic;
    const member: Member = {
      request,
      subscriber: new Subscriber({
        maxQueue: this.options.maxQueue ?? 100,
        onEnd: () => {
          owner.remove(member);
          request.onEnd?.();
        },
        onOverflow: request.disconnect,
      }),
    };
    topic.members.add(member);
    return member.subscriber;
  }

  async stop(): Promise<void> {
    const topics = [...this.topics.values()];
    this.topics.clear();
    for (const t of topics) for (const m of t.members) m.subscriber.end();
    await Promise.all(topics.map((t) => t.upstream?.stop()));
  }
}
