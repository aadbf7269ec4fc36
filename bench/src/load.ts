import fs from 'node:fs';
import autocannon from 'autocannon';

/**
 * The load generator, run in a child process of its own (`node dist/load.js <spec.json>`), so that
 * its CPU use is not the measured process's. Prints one JSON line with the result.
 */
export interface LoadSpec {
  url: string;
  headers: Record<string, string>;
  /** A fixed request body; or, for charges, the template below. */
  body?: string;
  charge?: {
    budgetIds: string[];
    providerIds: string[];
    keyPrefix: string;
    serviceDate: string;
    query: string;
  };
  connections: number;
  durationSeconds: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p90: number;
  p99: number;
  mean: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  bytesPerRequest: number;
}

async function main(): Promise<void> {
  const spec = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as LoadSpec;
  let counter = 0;
  const charge = spec.charge;
  const result = await autocannon({
    url: spec.url,
    method: 'POST',
    headers: spec.headers,
    connections: spec.connections,
    duration: spec.durationSeconds,
    timeout: 20,
    ...(charge
      ? {
          requests: [
            {
              method: 'POST',
              setupRequest: (req: autocannon.Request) => {
                const n = counter++;
                const input = {
                  budgetId: charge.budgetIds[n % charge.budgetIds.length],
                  providerId: charge.providerIds[n % charge.providerIds.length],
                  amount: '1.00',
                  serviceDate: charge.serviceDate,
                  idempotencyKey: `${charge.keyPrefix}-${n}`,
                };
                return {
                  ...req,
                  body: JSON.stringify({ query: charge.query, variables: { input } }),
                };
              },
            },
          ],
        }
      : { body: spec.body }),
  });
  const out: LoadResult = {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    mean: result.latency.average,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    bytesPerRequest: result.requests.total
      ? Math.round(result.throughput.total / result.requests.total)
      : 0,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
