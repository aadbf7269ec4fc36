import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { launchPlatform, type Platform } from '@hb/platform';
import { openTestDatabase } from '@hb/kit/testing';
import { providersDatabase } from '@hb/providers/dist/entities';
import { loadCatalogue, pct, variedSearches } from './catalogue-varied';
import { createBenchDatabase } from './data';
import { SERVER_URL, gql } from './harness';
import { must } from './must';

/**
 * The public catalogue page through the gateway on varied traffic, the answer cache off
 * (CATALOGUE_CACHE_SECONDS=0): the page's own query (web-admin CataloguePage: the providers,
 * their offerings and the municipalities' names from the clients subgraph), one request at a
 * time, distinct searches with filters, sorts and second pages (variedSearches), at 20 000
 * providers and 100 000 offerings. The page asks for no facet counts (providerFacets is an API
 * of its own), so none are measured here. Prints p50/p95/p99 and the load average.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/dist/catalogue-gateway.js [providers] [searches]
 */
export const CATALOGUE_PAGE = `query Providers($search: ProviderSearchInput, $first: Int, $after: String) {
  providers(search: $search, first: $first, after: $after) {
    totalCount totalCountIsLowerBound pageInfo { hasNextPage endCursor }
    edges { cursor node { id name kind description phone languages accessibility
      municipalitiesServed { code name nameSv }
      offerings { id title price { amount currency } priceUnit serviceType { code } } } } } }`;

export interface CatalogueGatewayResult {
  searches: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  loadAverage: number[];
  slowest: Array<[number, string]>;
}

/** Measures the catalogue page at a running gateway (the data set already loaded). */
export async function measureCatalogueGateway(
  gatewayUrl: string,
  searches = 600,
): Promise<CatalogueGatewayResult> {
  const ask = (search: object, after: string | null) =>
    gql(gatewayUrl, '', CATALOGUE_PAGE, { search, first: 20, after });
  // Warm up on other searches than those measured.
  for (const { search } of variedSearches(50, 7)) await ask(search, null);
  const times: number[] = [];
  const slowest: Array<[number, string]> = [];
  let errors = 0;
  for (const { search, page } of variedSearches(searches)) {
    let after: string | null = null;
    if (page === 2) {
      const first = await ask(search, null);
      // An answer with errors may have no data.
      const data = first.json.data as {
        providers?: { pageInfo: { endCursor: string | null } };
      } | null;
      after = data?.providers?.pageInfo.endCursor ?? null;
    }
    const t = performance.now();
    const answer = await ask(search, after);
    const ms = performance.now() - t;
    if (answer.json.errors) errors++;
    times.push(ms);
    slowest.push([ms, JSON.stringify(search)]);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    searches: times.length,
    p50: pct(sorted, 50),
    p95: pct(sorted, 95),
    p99: pct(sorted, 99),
    max: must(sorted.at(-1), 'search timed'),
    errors,
    loadAverage: os.loadavg(),
    slowest: slowest.sort((a, b) => b[0] - a[0]).slice(0, 8),
  };
}

async function main() {
  const providers = Number(process.argv[2] ?? 20_000);
  const searches = Number(process.argv[3] ?? 600);
  const database = await createBenchDatabase(SERVER_URL);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-catalogue-'));
  let platform: Platform | undefined;
  try {
    platform = await launchPlatform({
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        DATA_DIR: dataDir,
        NODE_ENV: 'production',
        TRUST_DEV_ISSUER: '1',
        LOG_LEVEL: 'warn',
        CATALOGUE_CACHE_SECONDS: '0',
      },
      gatewayPort: 0,
      freePorts: true,
      seedDemo: true,
      log: () => {},
    });
    const t0 = performance.now();
    const db = await openTestDatabase(database.url, providersDatabase, false);
    try {
      await loadCatalogue(db.dataSource, database.url, providers, true);
    } finally {
      await db.close();
    }
    console.log(`loaded ${providers} providers in ${Math.round(performance.now() - t0)} ms`);
    const r = await measureCatalogueGateway(platform.gatewayUrl, searches);
    const f = (x: number) => x.toFixed(1);
    console.log(
      `catalogue page through the gateway, ${r.searches} distinct searches (cache off): p50 ${f(r.p50)} ms, p95 ${f(r.p95)} ms, p99 ${f(r.p99)} ms, max ${f(r.max)} ms, ${r.errors} errors; load average ${r.loadAverage.map((x) => x.toFixed(1)).join(' ')}`,
    );
    console.log('slowest:');
    for (const [ms, s] of r.slowest) console.log(`  ${f(ms)} ms ${s}`);
  } finally {
    await platform?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    await database.drop();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
