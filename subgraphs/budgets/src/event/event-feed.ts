import { Client } from 'pg';
import type { Logger } from '@hb/kit';
import {
  BudgetEventStore,
  isAfter,
  type BudgetEventRow,
  type EventFilter,
} from './budget-event.store';

/** Options of {@link BudgetEventFeed}. */
export interface EventFeedOptions {
  store: BudgetEventStore;
  logger: Logger;
  /**
   * Connection URL for a dedicated LISTEN connection, or null on the embedded database, whose
   * LISTEN/NOTIFY does not cross connections: there the feed polls the outbox in-process.
   */
  listenUrl: string | null;
  /** Poll interval without LISTEN, ms. Default 100. */
  pollMs?: number;
  /** Safety poll with LISTEN (a lost notification is picked up by it), ms. Default 2000. */
  safetyPollMs?: number;
}

interface Listener {
  filter: EventFilter;
  push: (event: BudgetEventRow) => void;
}

export const EVENT_CHANNEL = 'budgets_budget_event';
const BATCH = 500;
/** Events kept after reading, for the follow-ups that ask for them right after (see recent). */
const RECENT = 1024;

/**
 * The one reader of the outbox in this process: woken by PostgreSQL NOTIFY (sent in the same
 * transaction as each change, so it arrives after commit, on every instance) or by a timer,
 * it reads new events in sequence order and hands each to the subscriptions it concerns.
 * Sequences commit in order (see BudgetStore.insertEvent), so reading "after the last one
 * seen" never skips an event.
 */
export class BudgetEventFeed {
  private readonly listeners = new Set<Listener>();
  private readonly recentRows = new Map<string, BudgetEventRow>();
  private lastSeen = '0';
  private reading: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private listenClient: Client | null = null;
  private stopped = false;

  constructor(private readonly options: EventFeedOptions) {}

  async start(): Promise<void> {
    this.lastSeen = await this.options.store.latestSequence();
    if (this.options.listenUrl) await this.listen(this.options.listenUrl);
    const every = this.options.listenUrl
      ? (this.options.safetyPollMs ?? 2000)
      : (this.options.pollMs ?? 100);
    this.timer = setInterval(() => {
      if (this.listeners.size > 0) this.wake();
    }, every);
  }

  private async listen(url: string): Promise<void> {
    const client = new Client({ connectionString: url, application_name: 'hb-budgets-listen' });
    client.on('notification', (message) => this.notified(message.payload));
    client.on('error', (err) => {
      this.options.logger.warn({ err }, 'LISTEN connection lost; reconnecting');
      this.listenClient = null;
      void client.end().catch(() => undefined);
      if (!this.stopped) setTimeout(() => void this.listen(url).catch(() => undefined), 1000);
    });
    await client.connect();
    await client.query(`LISTEN ${EVENT_CHANNEL}`);
    this.listenClient = client;
    this.wake();
  }

  /**
   * An event this feed read lately, or undefined. Every subscriber's gateway asks for the event
   * it was just handed (`Query.budgetChange`): the row is at hand, and it never changes (the
   * outbox is append-only), so that read needs no round trip to the database.
   */
  recent(sequence: string): BudgetEventRow | undefined {
    return this.recentRows.get(sequence);
  }

  /** Follows events matching `filter` that commit from now on. */
  subscribe(filter: EventFilter, push: (event: BudgetEventRow) => void): () => void {
    const listener = { filter, push };
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * A NOTIFY carries the sequence that committed, and notifications arrive in commit order.
   * With nobody listening the feed only moves past it, without reading the outbox: a later
   * subscriber replays from its own starting point (see `BudgetEventService.subscribe`).
   */
  private notified(payload: string | undefined): void {
    if (this.listeners.size === 0 && !this.reading && payload && /^\d+$/.test(payload)) {
      if (isAfter(payload, this.lastSeen)) this.lastSeen = payload;
      return;
    }
    this.wake();
  }

  wake(): void {
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = this.drain()
      .catch((err: unknown) => this.options.logger.error({ err }, 'reading the outbox failed'))
      .finally(() => {
        this.reading = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async drain(): Promise<void> {
    for (;;) {
      const rows = await this.options.store.after(this.lastSeen, {}, BATCH);
      for (const row of rows) {
        if (!isAfter(row.sequence, this.lastSeen)) continue;
        this.lastSeen = row.sequence;
        this.recentRows.set(row.sequence, row);
        if (this.recentRows.size > RECENT) {
          const oldest = this.recentRows.keys().next().value;
          if (oldest !== undefined) this.recentRows.delete(oldest);
        }
        for (const l of this.listeners) {
          if (l.filter.clientId && l.filter.clientId !== row.clientId) continue;
          if (l.filter.budgetId && l.filter.budgetId !== row.budgetId) continue;
          l.push(row);
        }
      }
      if (rows.length < BATCH) return;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.listeners.clear();
    await this.reading;
    await this.listenClient?.end().catch(() => undefined);
  }
}
