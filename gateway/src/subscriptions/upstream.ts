import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { GraphQLField } from 'graphql';
import type { Logger } from '@hb/kit';

/** Options of {@link Upstream}. */
export interface UpstreamOptions {
  /** The owning subgraph's graphql-ws URL. */
  url: string;
  /** The subscriber's `Authorization` header value, sent in `connection_init`. */
  authorization: string | null;
  /** The subscription root field as the API schema defines it (for its argument types). */
  field: GraphQLField<unknown, unknown>;
  /** Root field arguments; `sinceSequence` is managed here. */
  args: Record<string, unknown>;
  /** Receives each event's sequence, in order. */
  onEvent: (sequence: string) => void;
  /** The subgraph refused or ended the subscription: no retry helps. */
  onTerminal: (
    errors: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }>,
  ) => void;
  logger: Logger;
  /** Longest wait between reconnection attempts, ms. Default 5000. */
  maxBackoffMs?: number;
}

/**
 * One subscription to the owning subgraph. When the subgraph restarts or the connection
 * drops, it reconnects and resumes from the last sequence it saw: the subgraph replays the
 * missed events from its outbox, so subscribers lose nothing and see no duplicates.
 */
export class Upstream {
  private client: Client | null = null;
  private stopSubscription: (() => void) | null = null;
  private lastSequence: string | null;
  private stopped = false;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  /** Identifies the current subscription: callbacks of an earlier one are ignored. */
  private generation = 0;

  constructor(private readonly options: UpstreamOptions) {
    this.lastSequence = (options.args.sinceSequence as string | null | undefined) ?? null;
  }

  start(): void {
    this.client = createClient({
      url: this.options.url,
      webSocketImpl: WebSocket,
      lazy: true,
      retryAttempts: 0,
      keepAlive: 10_000,
      connectionParams: this.options.authorization
        ? { authorization: this.options.authorization }
        : {},
    });
    this.subscribe();
  }

  private document(): string {
    const { field } = this.options;
    const defs = field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
    const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
    return `subscription Upstream${defs ? `(${defs})` : ''} { ${field.name}${args ? `(${args})` : ''} { sequence } }`;
  }

  private subscribe(): void {
    if (this.stopped || !this.client) return;
    // Exactly one subscription at a time: two would deliver events twice and out of order.
    this.stopSubscription?.();
    const generation = ++this.generation;
    const current = () => generation === this.generation && !this.stopped;
    const variables = { ...this.options.args, sinceSequence: this.lastSequence };
    this.stopSubscription = this.client.subscribe<Record<string, { sequence: string }>>(
      { query: this.document(), variables },
      {
        next: (result) => {
          if (!current()) return;
          this.attempt = 0;
          if (result.errors?.length) {
            this.options.onTerminal(result.errors);
            return;
          }
          const event = result.data?.[this.options.field.name];
          if (!event) return;
          this.lastSequence = event.sequence;
          this.options.onEvent(event.sequence);
        },
        error: (error: unknown) => {
          if (!current()) return;
          if (Array.isArray(error)) {
            this.options.onTerminal(error as Array<{ message: string }>);
            return;
          }
          this.retry(error);
        },
        complete: () => {
          // A completion we did not ask for means the subgraph went away cleanly (shutdown).
          if (current()) this.retry(new Error('upstream completed'));
        },
      },
    );
  }

  private retry(cause: unknown): void {
    if (this.stopped) return;
    // The subscription that failed is over; no further callback of it may count.
    this.generation++;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const delay = Math.min(this.options.maxBackoffMs ?? 5000, 100 * 2 ** this.attempt++);
    this.options.logger.warn(
      {
        cause: reasonOf(cause),
        delay,
        since: this.lastSequence,
      },
      'upstream subscription lost; resuming',
    );
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.subscribe();
    }, delay);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.stopSubscription?.();
    await this.client?.dispose();
  }
}

/** A WebSocket close event's reason, or the error as text. */
function reasonOf(cause: unknown): string {
  const reason = (cause as { reason?: unknown } | null)?.reason;
  return typeof reason === 'string' ? reason : String(cause);
}
