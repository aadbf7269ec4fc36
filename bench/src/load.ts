import fs from 'node:fs';
import autocannon from 'autocannon';
import { must } from './must';

/**
 * The load generator, run in a child process of its own (`node dist/load.js <spec.json>`), so that
 * its CPU use is not the measured process's. Prints one JSON line with the result.
 */

/** One kind of request of a workload. */
export interface RequestKind {
  /** Share of the workload's requests (weights are relative). */
  weight: number;
  /** Request bodies, sent in turn (varied traffic), each with its own token when given. */
  bodies?: Array<{ body: string; authorization?: string }>;
  /** Charges: request n charges budgetIds[n mod len] by providerIds[n mod len] under a unique key. */
  charge?: {
    budgetIds: string[];
    providerIds: string[];
    /** The token of each provider of providerIds (same index); the spec's own header if absent. */
    authorizations?: string[];
    keyPrefix: string;
    serviceDate: string;
    query: string;
  };
  /** Counted for the answer-cache estimate (the public catalogue). */
  cacheable?: boolean;
}

export interface LoadSpec {
  url: string;
  headers: Record<string, string>;
  /** A fixed request body (identical traffic); or the kinds below. */
  body?: string;
  kinds?: RequestKind[];
  /** The catalogue answer cache's lifetime, s: a cacheable request is counted as a likely hit when its identical body was sent less than this long before. */
  cacheSeconds?: number;
  connections: number;
  durationSeconds: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  mean: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  bytesPerRequest: number;
  /** Cacheable requests sent, and those whose identical body was sent within cacheSeconds before / was still in flight. */
  cacheable: number;
  repeatsWithinTtl: number;
  repeatsInFlight: number;
}

/** The number at `i` of `xs`, which the callers keep in range. */
const at = (xs: readonly number[], i: number): number => must(xs[i], `number at ${i}`);

/** Spreads the kinds over a cycle of 100 slots by weight, interleaved (not in blocks). */
function schedule(kinds: RequestKind[]): number[] {
  const total = kinds.reduce((s, k) => s + k.weight, 0);
  const slots: number[] = [];
  const credit = kinds.map(() => 0);
  for (let i = 0; i < 100; i++) {
    for (const [k, kind] of kinds.entries()) credit[k] = at(credit, k) + kind.weight / total;
    let best = 0;
    for (let k = 1; k < kinds.length; k++) if (at(credit, k) > at(credit, best)) best = k;
    credit[best] = at(credit, best) - 1;
    slots.push(best);
  }
  return slots;
}

async function main(): Promise<void> {
  const spec = JSON.parse(
    fs.readFileSync(must(process.argv[2], 'load spec file argument'), 'utf8'),
  ) as LoadSpec;
  const kinds = spec.kinds ?? [];
  const slots = schedule(kinds.length ? kinds : [{ weight: 1 }]);
  const turns = kinds.map(() => 0);
  let counter = 0;
  let cacheable = 0;
  let repeatsWithinTtl = 0;
  let repeatsInFlight = 0;
  const lastSent = new Map<string, number>();
  const inFlight = new Map<string, number>();
  const ttlMs = (spec.cacheSeconds ?? 5) * 1000;

  const next = (): { body: string; authorization?: string; cacheable: boolean } => {
    const k = at(slots, counter++ % slots.length);
    const kind = must(kinds[k], 'request kind');
    const n = at(turns, k);
    turns[k] = n + 1;
    if (kind.charge) {
      const c = kind.charge;
      const i = n % c.budgetIds.length;
      const input = {
        budgetId: c.budgetIds[i],
        providerId: c.providerIds[i],
        amount: '1.00',
        serviceDate: c.serviceDate,
        idempotencyKey: `${c.keyPrefix}-${n}`,
      };
      const authorization = c.authorizations?.[i];
      return {
        body: JSON.stringify({ query: c.query, variables: { input } }),
        ...(authorization ? { authorization } : {}),
        cacheable: false,
      };
    }
    const bodies = must(kind.bodies, 'bodies of a request kind without a charge');
    return {
      ...must(bodies[n % bodies.length], 'request body'),
      cacheable: kind.cacheable ?? false,
    };
  };

  // Which body each connection's request carries, for the in-flight count at its answer.
  const sentBody = new Map<unknown, string>();
  // Without a callback autocannon returns its instance, an event emitter that is also a promise.
  const instance = autocannon({
    url: spec.url,
    method: 'POST',
    headers: spec.headers,
    connections: spec.connections,
    duration: spec.durationSeconds,
    timeout: 20,
    ...(kinds.length
      ? {
          requests: [
            {
              method: 'POST',
              setupRequest: (req: autocannon.Request, context: object) => {
                const r = next();
                if (r.cacheable) {
                  cacheable++;
                  const now = Date.now();
                  const last = lastSent.get(r.body);
                  if (last !== undefined && now - last < ttlMs) repeatsWithinTtl++;
                  if ((inFlight.get(r.body) ?? 0) > 0) repeatsInFlight++;
                  lastSent.set(r.body, now);
                  inFlight.set(r.body, (inFlight.get(r.body) ?? 0) + 1);
                  sentBody.set(context, r.body);
                }
                const headers: Record<string, string> = { ...spec.headers };
                // An empty authorization sends none (the public catalogue).
                if (r.authorization === '') delete headers.authorization;
                else if (r.authorization) headers.authorization = r.authorization;
                return { ...req, body: r.body, headers };
              },
              onResponse: (_status: number, _body: string, context: object) => {
                const body = sentBody.get(context);
                if (body === undefined) return;
                sentBody.delete(context);
                inFlight.set(body, (inFlight.get(body) ?? 1) - 1);
              },
            },
          ],
        }
      : { body: spec.body }),
  }) as unknown as Promise<autocannon.Result> & import('node:events').EventEmitter;
  // Every answer's latency, for exact percentiles (autocannon's summary has no p95).
  const times: number[] = [];
  void instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
    times.push(ms);
  });
  const result = await instance;
  times.sort((a, b) => a - b);
  const pct = (p: number) =>
    times.length
      ? at(times, Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1))
      : NaN;
  const out: LoadResult = {
    requestsPerSecond: result.requests.average,
    p50: pct(50),
    p90: pct(90),
    p95: pct(95),
    p99: pct(99),
    mean: result.latency.average,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    bytesPerRequest: result.requests.total
      ? Math.round(result.throughput.total / result.requests.total)
      : 0,
    cacheable,
    repeatsWithinTtl,
    repeatsInFlight,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
