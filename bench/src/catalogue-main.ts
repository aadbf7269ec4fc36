import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { openTestDatabase } from '@hb/kit/testing';
import { providersDatabase } from '@hb/providers/dist/entities';
import { CatalogueStore } from '@hb/providers/dist/provider/catalogue.store';
import { measureCatalogueStore, vacuumCatalogue } from './catalogue-varied';
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
  await vacuumCatalogue(databaseUrl);
  const size = await catalogueSize(databaseUrl);
  const lines = [
    `the bench's data set: ${size.providers} providers, ${size.offerings} offerings (vacuumed in ${Math.round(performance.now() - t0)} ms)`,
  ];
  const database = await openTestDatabase(databaseUrl, providersDatabase, false);
  try {
    lines.push(...(await measureCatalogueStore(new CatalogueStore(database.dataSource), searches)));
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
