import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { openTestDatabase } from '@hb/kit/testing';
import { providersDatabase } from '@hb/providers/dist/entities';
import { CatalogueStore } from '@hb/providers/dist/provider/catalogue.store';
import { parseSearch } from '@hb/providers/dist/provider/search-query';
import { pct, variedSearches } from './catalogue-varied';
import { measureCatalogueGateway } from './catalogue-gateway';
import { withClient } from './harness';
import { must } from './must';

/**
 * The two catalogue benchmarks of `pnpm bench` on its main data set at the comparison step
 * (20 000 generated providers and 100 000 offerings beside the demo data, generated as
 * catalogue-varied.ts generates them), instead of loading a data set of their own: the same
 * searches (variedSearches), warm-up, measurement and output as bench/src/catalogue-varied.ts
 * and bench/src/catalogue-gateway.ts, which still run standalone on a throwaway database.
 */

/** Providers and offerings of the data set, for the output's first line. */
async function catalogueSize(
  databaseUrl: string,
): Promise<{ providers: number; offerings: number }> {
  return withClient(databaseUrl, async (c) =>
    must(
      (
        await c.query<{ providers: number; offerings: number }>(
          `SELECT (SELECT count(*) FROM providers.provider)::int AS providers,
                  (SELECT count(*) FROM providers.offering)::int AS offerings`,
        )
      ).rows[0],
      'catalogue size',
    ),
  );
}

/**
 * The catalogue at the database, straight through the catalogue store (no answer cache, no
 * HTTP), one search at a time: the measurement of catalogue-varied.ts. Its providers and
 * offerings are vacuumed and analysed first, as catalogue-varied.ts does after loading.
 */
export async function catalogueAtDatabase(databaseUrl: string, searches: number): Promise<string> {
  const t0 = performance.now();
  const owner = new Client({ connectionString: databaseUrl });
  await owner.connect();
  try {
    await owner.query('VACUUM ANALYZE providers.provider');
    await owner.query('VACUUM ANALYZE providers.offering');
  } finally {
    await owner.end();
  }
  const size = await catalogueSize(databaseUrl);
  const lines = [
    `the bench's data set: ${size.providers} providers, ${size.offerings} offerings (vacuumed in ${Math.round(performance.now() - t0)} ms)`,
  ];
  const database = await openTestDatabase(databaseUrl, providersDatabase, false);
  try {
    const store = new CatalogueStore(database.dataSource);
    // Warm the buffer cache once (different searches are measured below).
    for (const { search } of variedSearches(50, 7)) {
      const q = parseSearch(search);
      if (q.ok) await store.search(q.query, 20, null);
    }
    const times: number[] = [];
    const slow: Array<[number, string]> = [];
    const measured = variedSearches(searches);
    for (const { search, page } of measured) {
      const parsed = parseSearch(search);
      if (!parsed.ok) throw new Error(`${JSON.stringify(search)}: ${parsed.message}`);
      let after: [string, string, string] | null = null;
      if (page === 2) {
        const first = await store.search(parsed.query, 20, null);
        const last = first.rows[19];
        if (last) after = [last.key ?? 'Infinity', last.name, last.id];
      }
      const t = performance.now();
      await store.search(parsed.query, 20, after);
      const ms = performance.now() - t;
      times.push(ms);
      slow.push([ms, JSON.stringify(search)]);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const f = (x: number) => x.toFixed(1);
    lines.push(
      `catalogue at the database, ${measured.length} distinct searches (cache off): p50 ${f(pct(sorted, 50))} ms, p95 ${f(pct(sorted, 95))} ms, p99 ${f(pct(sorted, 99))} ms, max ${f(must(sorted.at(-1), 'timing'))} ms`,
      'slowest:',
      ...slow
        .sort((a, b) => b[0] - a[0])
        .slice(0, 8)
        .map(([ms, s]) => `  ${f(ms)} ms ${s}`),
    );
    return lines.join('\n');
  } finally {
    await database.close();
  }
}

/**
 * The catalogue page through a gateway whose catalogue answer cache is off, one search at a
 * time: the measurement of catalogue-gateway.ts.
 */
export async function catalogueThroughGateway(
  databaseUrl: string,
  gatewayUrl: string,
  searches: number,
): Promise<string> {
  const size = await catalogueSize(databaseUrl);
  const r = await measureCatalogueGateway(gatewayUrl, searches);
  const f = (x: number) => x.toFixed(1);
  return [
    `the bench's data set: ${size.providers} providers, ${size.offerings} offerings`,
    `catalogue page through the gateway, ${r.searches} distinct searches (cache off): p50 ${f(r.p50)} ms, p95 ${f(r.p95)} ms, p99 ${f(r.p99)} ms, max ${f(r.max)} ms, ${r.errors} errors; load average ${r.loadAverage.map((x) => x.toFixed(1)).join(' ')}`,
    'slowest:',
    ...r.slowest.map(([ms, s]) => `  ${f(ms)} ms ${s}`),
  ].join('\n');
}
