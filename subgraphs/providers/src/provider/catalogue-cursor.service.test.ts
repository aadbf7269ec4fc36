import { queryDatabase } from '@hb/kit/testing';
import type { ProvidersContext } from '../shared/context.types';
import { providersFixture } from '../testing/providers-fixture';
import { PRICE_UNITS } from './catalogue';
import { CATALOGUE_SORTS, type SearchInputFields } from './search-query';

/**
 * Every cursor the catalogue gives out is taken back for the next page, in every order and
 * unit — also after a provider whose lowest price in the unit is not known (its sort key is
 * NULL, last in the order): the benchmark's data set had such providers, and their cursors
 * were refused ("after is not a cursor this API gave out").
 */

const f = providersFixture({ searchCache: { ttlMs: 0 } });

beforeAll(async () => {
  // Two approved providers without recorded lowest prices: they sort last by price.
  await queryDatabase(
    f.url,
    `UPDATE providers.provider SET min_prices = '{}'::jsonb
     WHERE id IN (SELECT p.id FROM providers.provider p
                  WHERE p.approval_status = 'APPROVED' AND EXISTS (SELECT 1 FROM providers.offering o
                    WHERE o.provider_id = p.id AND o.active AND o.price_unit = 'HOUR')
                  ORDER BY p.name LIMIT 2)`,
  );
});

const as = () => f.as(null);

const cases = CATALOGUE_SORTS.flatMap((sort) =>
  [null, ...PRICE_UNITS]
    // PRICE needs a unit: €/h and €/km are never compared.
    .filter((unit) => sort !== 'PRICE' || unit !== null)
    .flatMap((unit) => ['', 'palvelu'].map((text) => ({ sort, unit, text }))),
);

describe('catalogue cursors', () => {
  it.each(cases)(
    'takes back its own cursor: sort $sort, unit $unit, text "$text"',
    async ({ sort, unit, text }) => {
      const search: SearchInputFields = { sort, ...(unit ? { priceUnit: unit } : {}) };
      if (text) search.text = text;
      const all = (await as().catalogue.search({ search, first: 100 })).edges.map((e) => e.node.id);
      const seen: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages <= all.length; pages++) {
        const page: Awaited<ReturnType<ProvidersContext['catalogue']['search']>> =
          await as().catalogue.search({ search, first: 2, after });
        seen.push(...page.edges.map((e) => e.node.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor ?? null;
      }
      // Page by page the same providers in the same order as in one page: no gaps, no repeats.
      expect(seen).toEqual(all);
    },
  );

  it('pages past providers without a price in the unit', async () => {
    const search: SearchInputFields = { sort: 'PRICE', priceUnit: 'HOUR' };
    const all = (await as().catalogue.search({ search, first: 100 })).edges;
    const [unpriced] = await queryDatabase<{ n: number }>(
      f.url,
      `SELECT count(*)::int AS n FROM providers.provider
       WHERE id = ANY($1::uuid[]) AND NOT min_prices ? 'hour'`,
      [all.map((e) => e.node.id)],
    );
    // The case the table covers is there: some of the unit's providers have no key.
    expect(unpriced!.n).toBeGreaterThan(0);
  });
});
