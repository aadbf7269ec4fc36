import { providersFixture } from '../testing/providers-fixture';
import { JUDGEMENTS } from './search-judgements';

/**
 * Recall of the public catalogue over the judged searches (search-judgements.ts): the share
 * of expected demo providers on the first page (20), on the real database with the demo seed.
 */
const f = providersFixture({ searchCache: { ttlMs: 0 } });

it('finds at least 95 % of the expected providers on the first page of 100+ judged searches', async () => {
  expect(JUDGEMENTS.length).toBeGreaterThanOrEqual(100);
  let expected = 0;
  let found = 0;
  const misses: string[] = [];
  for (const { search, expected: names } of JUDGEMENTS) {
    const page = await f.as(null).catalogue.search({ search, first: 20 });
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
