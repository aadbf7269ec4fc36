import { SearchCache } from './search-cache';

describe('SearchCache', () => {
  it('shares one computation among concurrent and later callers within the TTL', async () => {
    const cache = new SearchCache<number>({ ttlMs: 10_000 });
    let runs = 0;
    const compute = async () => ++runs;
    const answers = await Promise.all([cache.get('k', compute), cache.get('k', compute)]);
    expect(answers).toEqual([1, 1]);
    expect(await cache.get('k', compute)).toBe(1);
    expect(await cache.get('other', compute)).toBe(2);
  });

  it('recomputes after the TTL and after clear()', async () => {
    const cache = new SearchCache<number>({ ttlMs: 0 });
    let runs = 0;
    const compute = async () => ++runs;
    await cache.get('k', compute);
    expect(await cache.get('k', compute)).toBe(2);
    const lasting = new SearchCache<number>({ ttlMs: 10_000 });
    await lasting.get('k', compute);
    lasting.clear();
    expect(await lasting.get('k', compute)).toBe(4);
  });

  it('forgets failures and keeps at most maxEntries answers', async () => {
    const cache = new SearchCache<number>({ ttlMs: 10_000, maxEntries: 2 });
    await expect(
      cache.get('bad', async () => Promise.reject(new Error('db down'))),
    ).rejects.toThrow();
    await new Promise((r) => setImmediate(r));
    expect(await cache.get('bad', async () => 7)).toBe(7);
    let runs = 0;
    await cache.get('a', async () => ++runs);
    await cache.get('b', async () => ++runs);
    expect(await cache.get('bad', async () => 99)).toBe(99); // evicted by a and b
  });
});

describe('SearchCache switched off (CATALOGUE_CACHE_SECONDS=0)', () => {
  it('computes every answer anew', async () => {
    const cache = new SearchCache<number>({ ttlMs: 0 });
    let calls = 0;
    const compute = async () => ++calls;
    expect(await cache.get('k', compute)).toBe(1);
    expect(await cache.get('k', compute)).toBe(2);
  });
});
