/**
 * Issue 19 item 5: admission control of the public catalogue through the whole platform. With
 * one turn and no queue (CATALOGUE_CONCURRENCY=1, CATALOGUE_QUEUE=0), a public facet count
 * held at a table lock takes the only turn; the next public search is refused at once, and the
 * gateway answers the subgraph's BUSY as its own HTTP 503 — while an adviser's search, which
 * needs no turn, is served. The lock is a statement of the test's own that sleeps inside its
 * transaction until the test cancels it, and every step waits on what pg_locks shows, so
 * nothing depends on timing.
 */
import { queryDatabase } from '@hb/kit/testing';
import { tokens, usePlatform } from './testkit';

const platform = usePlatform({
  env: { CATALOGUE_CONCURRENCY: '1', CATALOGUE_QUEUE: '0', CATALOGUE_CACHE_SECONDS: '0' },
});

const HOLDER = 'catalogue-busy-e2e-lock';

/** The lock holder's connection (application_name marks it, so the test can cancel it). */
function holderUrl(): string {
  const url = new URL(platform.databaseUrl);
  url.searchParams.set('application_name', HOLDER);
  return url.toString();
}

const count = async (sql: string): Promise<number> =>
  (await queryDatabase<{ n: number }>(platform.databaseUrl, sql))[0]!.n;

/** Whether the holder has the offerings locked. */
const locked = () =>
  count(`SELECT count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
         WHERE a.application_name = '${HOLDER}' AND l.relation = 'providers.offering'::regclass
           AND l.mode = 'AccessExclusiveLock' AND l.granted`);

/** How many statements wait for the offerings' lock. */
const waiting = () =>
  count(`SELECT count(*)::int AS n FROM pg_locks
         WHERE relation = 'providers.offering'::regclass AND NOT granted`);

async function until(check: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 1500; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`never ${what}`);
}

describe('the public catalogue when it is busy', () => {
  it('answers a public search with BUSY and HTTP 503 through the gateway while its only turn waits, and serves staff meanwhile', async () => {
    // Holds the lock in a transaction of its own until cancelled (then it ends in an error).
    const holder = queryDatabase(
      holderUrl(),
      'BEGIN; LOCK TABLE providers.offering IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(600); COMMIT',
    ).catch((error: unknown) => error);
    let cancelled = false;
    try {
      await until(async () => (await locked()) === 1, 'locked the offerings');
      // The facet counts read the offerings: this public request takes the one turn and waits.
      const held = platform.gql<{ providerFacets: { total: number } }>(
        '{ providerFacets(search: { municipalityCode: "837" }) { total } }',
      );
      await until(async () => (await waiting()) >= 1, 'a facet count waiting at the lock');

      const refused = await platform.gql(
        '{ providers(search: { text: "kuljetus" }, first: 5) { totalCount } }',
      );
      expect(refused.status).toBe(503);
      expect(refused.errors?.[0]?.extensions?.code).toBe('BUSY');

      const adviser = await tokens(platform).adviser();
      const staff = await platform.gql<{ providers: { totalCount: number } }>(
        '{ providers(search: { text: "kuljetus", includeUnapproved: true }, first: 5) { totalCount } }',
        {},
        { token: adviser },
      );
      expect(staff.status).toBe(200);
      expect(staff.errors).toBeUndefined();
      expect(staff.data?.providers.totalCount).toBeGreaterThan(0);

      await queryDatabase(
        platform.databaseUrl,
        `SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE application_name = '${HOLDER}'`,
      );
      cancelled = true;
      await holder;
      const answered = await held;
      expect(answered.status).toBe(200);
      expect(answered.data?.providerFacets.total).toBeGreaterThan(0);
    } finally {
      if (!cancelled)
        await queryDatabase(
          platform.databaseUrl,
          `SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE application_name = '${HOLDER}'`,
        );
    }

    // Afterwards public searches are admitted again.
    const after = await platform.gql<{ providers: { totalCount: number } }>(
      '{ providers(search: { text: "kuljetus" }, first: 5) { totalCount } }',
    );
    expect(after.status).toBe(200);
    expect(after.data?.providers.totalCount).toBeGreaterThan(0);
  });
});
