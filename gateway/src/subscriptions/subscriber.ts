import { GraphQLError, type ExecutionResult, type GraphQLFormattedError } from 'graphql';

/** A result as Apollo Server and graphql-ws clients hand it over: errors already formatted. */
export interface FormattedResult {
  data?: unknown;
  errors?: ReadonlyArray<GraphQLFormattedError>;
}

/**
 * graphql-ws serialises `GraphQLError` instances; results that crossed a process boundary
 * carry plain formatted errors, so they are turned back into errors with the same message,
 * path and extensions (the code the client reacts to).
 */
export function asExecutionResult(result: ExecutionResult | FormattedResult): ExecutionResult {
  if (!result.errors) return result as ExecutionResult;
  return {
    ...(result as ExecutionResult),
    errors: result.errors.map((e) =>
      e instanceof GraphQLError
        ? e
        : new GraphQLError(e.message, {
            ...(e.path ? { path: e.path } : {}),
            ...(e.extensions ? { extensions: e.extensions } : {}),
          }),
    ),
  };
}

/** Options of a {@link Subscriber}. */
export interface SubscriberOptions {
  /** Most undelivered events kept for a slow consumer before it is disconnected. */
  maxQueue: number;
  /** Called once when the subscriber ends, for whatever reason. */
  onEnd?: () => void;
  /** Called when the queue overflows: the connection is closed with a clear code. */
  onOverflow: () => void;
}

/**
 * One client's subscription as an async iterator for graphql-ws. Its queue is bounded: a
 * consumer that cannot keep up is told why and disconnected, never silently fed stale data or
 * allowed to grow the gateway's memory. It can resume with `sinceSequence`.
 */
export class Subscriber implements AsyncIterableIterator<ExecutionResult> {
  private readonly queue: ExecutionResult[] = [];
  private waiting: ((r: IteratorResult<ExecutionResult>) => void) | null = null;
  private ended = false;
  private readonly endListeners: Array<() => void> = [];
  /** Sequence of the last event delivered, for diagnostics. */
  lastSequence: string | null = null;

  constructor(private readonly options: SubscriberOptions) {
    if (options.onEnd) this.endListeners.push(options.onEnd);
  }

  get isEnded(): boolean {
    return this.ended;
  }

  /** True while results wait in the queue: anything written past them would overtake them. */
  get hasQueued(): boolean {
    return this.queue.length > 0;
  }

  /** Adds a callback for the end of the subscription (called once). */
  whenEnded(listener: () => void): void {
    if (this.ended) listener();
    else this.endListeners.push(listener);
  }

  push(formatted: ExecutionResult | FormattedResult): void {
    if (this.ended) return;
    const result = asExecutionResult(formatted);
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: result, done: false });
      return;
    }
    if (this.queue.length >= this.options.maxQueue) {
      this.queue.length = 0;
      this.queue.push(
        asExecutionResult({
          errors: [
            {
              message:
                'Too many undelivered events: this subscription was too slow and is closed. Resubscribe with sinceSequence to continue without loss.',
              extensions: { code: 'SLOW_CONSUMER' },
            },
          ],
        }),
      );
      this.end();
      this.options.onOverflow();
      return;
    }
    this.queue.push(result);
  }

  /** Ends after whatever is already queued has been delivered. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    for (const listener of this.endListeners.splice(0)) listener();
    if (this.waiting && this.queue.length === 0) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: undefined, done: true });
    }
  }

  next(): Promise<IteratorResult<ExecutionResult>> {
    const value = this.queue.shift();
    if (value) return Promise.resolve({ value, done: false });
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  return(): Promise<IteratorResult<ExecutionResult>> {
    this.queue.length = 0;
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
