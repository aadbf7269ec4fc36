import { GraphQLError } from 'graphql';

/**
 * Options of {@link CatalogueAdmission}, parsed once at boot from the service's configuration
 * (`CATALOGUE_CONCURRENCY`, `CATALOGUE_QUEUE`; defaults in packages/kit's config).
 */
export interface CatalogueAdmissionOptions {
  /** Public catalogue searches running at once, each holding one database connection. */
  concurrency: number;
  /** Searches that may wait for a turn; any more are refused at once. */
  queue: number;
}

/** Seconds a refused visitor is asked to wait before trying again. */
export const RETRY_AFTER_SECONDS = 1;

/** Thrown by {@link CatalogueAdmission.run} when every turn and queue place is taken. */
export class CatalogueBusy extends Error {
  constructor() {
    super('The catalogue is busy; try again in a moment.');
  }
}

/**
 * Admission control for the public catalogue. The catalogue shares the database and its
 * connection pool with the advisers' and organisers' work, and a flood of public searches
 * used to take every connection (an adviser's client page went from 259 ms to 919 ms). At most
 * `concurrency` public searches run at once, so the rest of the pool stays for staff; a short
 * FIFO queue absorbs bursts; beyond it a search is refused at once rather than queued without
 * end (the visitor is asked to retry: waiting longer would only pile up work nobody is
 * waiting for anymore).
 */
export class CatalogueAdmission {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  /** Searches refused since start (for logs and tests). */
  refused = 0;

  constructor(readonly options: CatalogueAdmissionOptions) {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1)
      throw new Error('Catalogue admission: concurrency must be a whole number of at least 1.');
    if (!Number.isInteger(options.queue) || options.queue < 0)
      throw new Error('Catalogue admission: queue must be a whole number of at least 0.');
  }

  /** Searches running and waiting now. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /** Runs `work` in its turn; refuses with {@link CatalogueBusy} when the queue is full. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running < this.options.concurrency) {
      this.running++;
    } else if (this.waiting.length < this.options.queue) {
      // The finishing search hands its turn over (release), so `running` stays as it is.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.refused++;
      throw new CatalogueBusy();
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

/**
 * The GraphQL error of a refused search: code BUSY, and HTTP 503 with Retry-After where the
 * answer goes out over HTTP (Apollo Server applies `extensions.http` and removes it).
 */
export function catalogueBusyError(): GraphQLError {
  return new GraphQLError(new CatalogueBusy().message, {
    extensions: {
      code: 'BUSY',
      retryAfterSeconds: RETRY_AFTER_SECONDS,
      http: { status: 503, headers: new Map([['retry-after', String(RETRY_AFTER_SECONDS)]]) },
    },
  });
}
