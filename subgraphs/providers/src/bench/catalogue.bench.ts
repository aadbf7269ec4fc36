import 'reflect-metadata';
import { createLogger } from '@hb/kit';
import { createTestDatabase, openTestDatabase } from '@hb/kit/testing';
import { createStores } from '../shared/stores';
import { extendContext } from '../context';
import { providersDatabase } from '../entities';
import { seedProvidersDemo } from '../seed/demo.seed';
import { ProviderStore } from '../provider/provider.store';
import { requestContext } from '@hb/kit/testing';
import { WORDS } from './catalogue-words';

/**
 * Catalogue search benchmark: 20 000 providers with 100 000 offerings on a throwaway database
 * (DATABASE_URL: real PostgreSQL; without it, embedded), then p50/p95 of typical searches.
 * Run: node subgraphs/providers/dist/bench/catalogue.bench.js [providers] [iterations]
 */

async function main() {
  const providers = Number(process.argv[2] ?? 20_000);
  const iterations = Number(process.argv[3] ?? 200);
  const testDb = await createTestDatabase();
  const database = await openTestDatabase(testDb.url, providersDatabase, testDb.embedded);
  const db = database.dataSource;
  try {
    await seedProvidersDemo(db, createLogger('bench', 'silent'));
    const t0 = Date.now();
    await db.query(
      `INSERT INTO providers.provider (name, business_id, kind, approval_status, description, municipalities, languages, accessibility)
       SELECT 'Palvelu ' || ($2::text[])[1 + i % 24] || ' ' || i,
              lpad((3000000 + i)::text, 7, '0') || '-0',
              (ARRAY['COMPANY','NGO','COMMUNITY'])[1 + i % 3],
              CASE WHEN i % 10 = 0 THEN 'PENDING' ELSE 'APPROVED' END,
              'Tarjoamme ' || ($2::text[])[1 + (i * 7) % 24] || 'a ja ' || ($2::text[])[1 + (i * 11) % 24] || 'a Pirkanmaalla.',
              ARRAY[(ARRAY['837','536','980','211','418','604','908','790'])[1 + i % 8]],
              CASE WHEN i % 5 = 0 THEN ARRAY['fi','sv'] ELSE ARRAY['fi'] END,
              ARRAY[]::text[]
       FROM generate_series(1, $1::int) i`,
      [providers, WORDS],
    );
    await db.query(
      `INSERT INTO providers.offering (provider_id, service_type, title, description, price_cents, price_unit)
       SELECT p.id, (ARRAY['DAY_ACTIVITIES','RESPITE_CARE','TRANSPORT','PERSONAL_ASSISTANCE','HOUSING'])[1 + k % 5],
              initcap(($1::text[])[1 + (k * 5 + length(p.name)) % 24]) || ' ' || k,
              'Palvelua ' || ($1::text[])[1 + (k * 13 + length(p.name)) % 24],
              1000 + (k * 997 + length(p.name) * 31) % 20000, (ARRAY['HOUR','DAY','KILOMETRE','YEAR'])[1 + k % 4]
       FROM providers.provider p CROSS JOIN generate_series(1, 5) k
       WHERE p.name LIKE 'Palvelu %'`,
      [WORDS],
    );
    await new ProviderStore(db).refreshAllSearchDocuments(db);
    await db.query(`ANALYZE providers.provider; ANALYZE providers.offering`);
    const [{ p, o }] = await db.query<[{ p: number; o: number }]>(
      `SELECT (SELECT count(*) FROM providers.provider)::int AS p, (SELECT count(*) FROM providers.offering)::int AS o`,
    );
    console.log(`loaded ${p} providers, ${o} offerings in ${Date.now() - t0} ms`);

    const stores = createStores(db);
    const searches = [
      { text: 'uimassa' },
      { text: 'kuljetuksia', municipalityCode: '837' },
      { text: 'päivätoimintaa ryhmässä' },
      { serviceType: 'RESPITE_CARE', maxPrice: '50', priceUnit: 'HOUR' },
      { text: 'ohjausta', language: 'sv' },
      {},
    ];
    const timings: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const search = searches[i % searches.length];
      const ctx = extendContext(stores)(requestContext(db, null, 'bench'));
      const start = process.hrtime.bigint();
      const page = await ctx.catalogue.search({ search, first: 20 });
      if (page.pageInfo.endCursor && i % 3 === 0) {
        await ctx.catalogue.search({ search, first: 20, after: page.pageInfo.endCursor });
      }
      timings.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    for (const [k, search] of searches.entries()) {
      const own = timings.filter((_, i) => i % searches.length === k).sort((a, b) => a - b);
      console.log(JSON.stringify(search), 'median ms', own[Math.floor(own.length / 2)]?.toFixed(1));
    }
    timings.sort((a, b) => a - b);
    const pct = (q: number) => {
      const ms = timings[Math.min(timings.length - 1, Math.floor(q * timings.length))];
      if (ms === undefined) throw new Error('no timed search');
      return ms.toFixed(1);
    };
    console.log(
      JSON.stringify({
        providers: p,
        offerings: o,
        iterations,
        embedded: testDb.embedded,
        p50ms: pct(0.5),
        p95ms: pct(0.95),
      }),
    );
  } finally {
    await database.close();
    await testDb.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
