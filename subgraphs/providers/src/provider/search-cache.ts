/** Options of {@link SearchCache}. */
export interface SearchCacheOptions {
  /** How long an answer is reused, ms. Default 5 000; 0 switches the cache off. */
  ttlMs?: number;
  /** Most answers kept; the oldest goes first. Default 500. */
  maxEntries?: number;
}

/**
 * Remembers public catalogue answers for a few seconds. The catalogue holds no client data,
 * is read far more than written, and one broad Finnish search costs tens of milliseconds of
 * database time, so many clients searching for the same thing share one answer. This
 * instance forgets everything on its own writes; another instance's writes show after at
 * most the TTL. Answers that include non-approved providers are never cached.
 */
export class SearchCache<T> {
  private readonly entries = new Map<string, { value: Promise<T>; until: number }>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;

  constructor(options: SearchCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 5_000;
    this.maxEntries = options.maxEntries ?? 500;
  }

  /** The cached answer for `key`, or `compute()`'s (concurrent callers share one computation). */
  get(key: string, compute: () => Promise<T>): Promise<T> {
    if (this.ttlMs === 0) return compute();
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.value;
    const value = compute();
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { value, until: now + this.ttlMs });
    // A failed computation is not remembered.
    value.catch(() => this.entries.delete(key));
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
