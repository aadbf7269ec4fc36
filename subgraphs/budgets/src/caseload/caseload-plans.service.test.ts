import { graphql } from 'graphql';
import { DEMO, type Principal } from '@hb/kit';
import { countStatements as count, principal } from '@hb/kit/testing';
import { budgetsFixture, fakeRemote, insertBudgets } from '../testing/budgets-fixture';
import type { PlanAttentionFacts } from '../remote/remote-services';

/**
 * The caseload ordered and filtered by the plan figures (plans waiting for acceptance, overdue
 * goal reviews), on a real PostgreSQL: the plans subgraph (here a small in-memory one) is asked
 * once per page, whatever its size, and its figures order and filter the whole list in the same
 * SQL statement as the rest — the same number of statements for 10 clients and for 500, every
 * client once through the pages, highest first.
 */
const year = new Date().getFullYear();
const TODAY = `${year}-07-02`;
const SMALL = '536';
const LARGE = '790';

/** The plans subgraph's answer per municipality, and the questions it was asked. */
const figures = new Map<string, PlanAttentionFacts[]>();
const asked: Array<{ municipalities: readonly string[]; year: number }> = [];
const { remote } = fakeRemote({
  plans: {
    plan: async () => null,
    attention: async (_ctx, municipalities, y) => {
      asked.push({ municipalities, year: y });
      return municipalities.flatMap((m) => figures.get(m) ?? []);
    },
  },
});

const f = budgetsFixture({ schema: true, remote, today: TODAY, caseloadWaitingDays: 7 });
const { as, q } = f;

/**
 * `n` clients with a budget each; the plans subgraph says every 4th waits for `i % 3 + 1` plan
 * acceptances, every 7th for a revision she asked for, and every 5th has `i % 2 + 1` overdue
 * reviews. A plan waits (PLANS_WAITING, hasPlanWaiting) for either acceptance or revision.
 */
async function clientsIn(municipality: string, n: number) {
  const ids = await insertBudgets(f, municipality, year, n);
  await q(
    `INSERT INTO budgets.budget_balance (budget_id, granted_cents, spent_cents)
     SELECT id, 1000000, 0 FROM budgets.budget WHERE municipality_code = $1 AND year = $2`,
    [municipality, year],
  );
  figures.set(
    municipality,
    ids
      .map((clientId, i) => ({
        clientId,
        waitingAcceptance: i % 4 === 0 ? (i % 3) + 1 : 0,
        waitingRevision: i % 7 === 0 ? 1 : 0,
        overdueReviews: i % 5 === 0 ? (i % 2) + 1 : 0,
      }))
      .filter((f) => f.waitingAcceptance + f.waitingRevision + f.overdueReviews > 0),
  );
  return ids;
}

beforeAll(async () => {
  await clientsIn(SMALL, 10);
  await clientsIn(LARGE, 500);
}, 120_000);

const adviserOf = (...municipalities: string[]) =>
  principal('ADVISER', { sub: DEMO.adviserId, municipalities });

/** Counts the SQL statements sent while `work` runs. */
const countStatements = <T>(work: () => Promise<T>) => count(f.database.dataSource, work);

const PAGE = `query($m: String, $first: Int, $after: String, $order: CaseloadOrder,
    $plan: Boolean, $reviews: Boolean) {
  caseload(filter: { municipalityCode: $m, hasPlanWaiting: $plan, hasOverdueReviews: $reviews },
           orderBy: $order, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { client { id } plansWaiting overdueReviews } } } }`;

interface Page {
  caseload: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{
      node: {
        client: { id: string };
        plansWaiting: number | null;
        overdueReviews: number | null;
      };
    }>;
  };
}

async function page(who: Principal, variables: Record<string, unknown>) {
  const result = await graphql({
    schema: f.schema,
    source: PAGE,
    variableValues: variables,
    contextValue: as(who),
  });
  expect(result.errors).toBeUndefined();
  return (result.data as unknown as Page).caseload;
}

const expected = (municipality: string) =>
  new Map((figures.get(municipality) ?? []).map((f) => [f.clientId, f]));

describe('the caseload by plan figures', () => {
  it('asks the plans subgraph once and uses the same SQL statements for 10 clients and for 500', async () => {
    asked.length = 0;
    const small = await countStatements(() =>
      page(adviserOf(SMALL), { m: SMALL, first: 100, order: 'PLANS_WAITING' }),
    );
    const large = await countStatements(() =>
      page(adviserOf(LARGE), { m: LARGE, first: 100, order: 'PLANS_WAITING' }),
    );
    expect(small.result.edges).toHaveLength(10);
    expect(large.result.edges).toHaveLength(100);
    expect(large.statements.length).toBe(small.statements.length);
    expect(large.statements.length).toBeLessThanOrEqual(3);
    expect(asked).toEqual([
      { municipalities: [SMALL], year },
      { municipalities: [LARGE], year },
    ]);
  });

  it.each(['PLANS_WAITING', 'OVERDUE_REVIEWS'] as const)(
    'orders by %s, highest first, and pages through every client once',
    async (order) => {
      const want = expected(LARGE);
      const seen: string[] = [];
      const keys: number[] = [];
      let after: string | null = null;
      do {
        const data: Page['caseload'] = await page(adviserOf(LARGE), {
          m: LARGE,
          first: 100,
          after,
          order,
        });
        for (const { node } of data.edges) {
          seen.push(node.client.id);
          const f = want.get(node.client.id);
          expect(node.plansWaiting).toBe((f?.waitingAcceptance ?? 0) + (f?.waitingRevision ?? 0));
          expect(node.overdueReviews).toBe(f?.overdueReviews ?? 0);
          keys.push(order === 'PLANS_WAITING' ? node.plansWaiting! : node.overdueReviews!);
        }
        after = data.pageInfo.hasNextPage ? data.pageInfo.endCursor : null;
      } while (after);
      expect(new Set(seen).size).toBe(500);
      expect([...keys].sort((a, b) => b - a)).toEqual(keys);
      // i = 56: three acceptances and a revision.
      expect(keys[0]).toBe(order === 'PLANS_WAITING' ? 4 : 2);
    },
  );

  it('filters by a plan waiting and by overdue reviews over the whole caseload', async () => {
    const all = [...expected(LARGE).values()];
    const waits = (f: PlanAttentionFacts) => f.waitingAcceptance + f.waitingRevision > 0;
    const waiting = all.filter(waits).length;
    const overdue = all.filter((f) => f.overdueReviews > 0).length;
    const both = all.filter((f) => waits(f) && f.overdueReviews > 0).length;
    expect(waiting).toBeGreaterThan(0);
    const count = async (vars: Record<string, unknown>) =>
      (await page(adviserOf(LARGE), { m: LARGE, first: 10, ...vars })).totalCount;
    expect(await count({ plan: true })).toBe(waiting);
    expect(await count({ plan: false })).toBe(500 - waiting);
    expect(await count({ reviews: true })).toBe(overdue);
    expect(await count({ plan: true, reviews: true })).toBe(both);
    const listed = await page(adviserOf(LARGE), { m: LARGE, first: 100, plan: true });
    expect(listed.edges.every((e) => (e.node.plansWaiting ?? 0) > 0)).toBe(true);
  });

  it('does not ask the plans subgraph when the page needs no plan figures', async () => {
    asked.length = 0;
    const data = await page(adviserOf(SMALL), { m: SMALL, first: 10, order: 'OPEN_ALERTS' });
    expect(asked).toEqual([]);
    expect(data.edges.every((e) => e.node.plansWaiting === null)).toBe(true);
  });
});
