import { createLogger, type Database } from '@hb/kit';
import {
  createTestDatabase,
  openTestDatabase,
  requestContext,
  type TestDatabase,
} from '@hb/kit/testing';
import { createStores } from '../shared/stores';
import { extendContext } from '../context';
import { providersDatabase } from '../entities';
import { seedProvidersDemo } from '../seed/demo.seed';
import { JUDGEMENTS } from './search-judgements';

/**
 * Recall of the public catalogue over the judged searches (search-judgements.ts): the share
 * of expected demo providers on the first page (20), on the real database with the demo seed.
 */
let testDb: TestDatabase;
let database: Database;

beforeAll(async () => {
  testDb = await createTestDatabase();
  database = await openTestDatabase(testDb.url, providersDatabase, testDb.embedded);
  await seedProvidersDemo(database.dataSource, createLogger('test', 'silent'));
}, 60_000);

afterAll(async () => {
  await database?.close();
  await testDb?.drop();
});

it('finds at least 95 % of the expected providers on the first page of 100+ judged searches', async () => {
  expect(JUDGEMENTS.length).toBeGreaterThanOrEqual(100);
  const stores = createStores(database.dataSource, { ttlMs: 0 });
  let expected = 0;
  let found = 0;
  const misses: string[] = [];
  for (const { search, expected: names } of JUDGEMENTS) {
    const ctx = extendContext(stores)(requestContext(database.dataSource, null, 'providers'));
    const page = await ctx.catalogue.search({ search, first: 20 });
    const got = new Set(page.edges.map((e) => e.node.name));
    expected += names.length;
    const missing = names.filter((n) => !got.has(n));
    found += names.length - missing.length;
    if (missing.length > 0) misses.push(`${JSON.stringify(search)} misses ${missing.join(', ')}`);
  }
  const recall = found / expected;
  // The figure BENCHMARKS.md reports.
  console.log(
    `catalogue recall: ${(recall * 100).toFixed(1)} % (${found}/${expected} expected providers, ${JUDGEMENTS.length} searches, first page of 20)\n${misses.join('\n')}`,
  );
  expect(recall).toBeGreaterThanOrEqual(0.95);
}, 120_000);
