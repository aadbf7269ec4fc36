import crypto from 'node:crypto';
import { graphql } from 'graphql';
import { DEMO, type Principal } from '@hb/kit';
import { countStatements as count, principal } from '@hb/kit/testing';
import { budgetsFixture, fakeRemote, insertBudgets } from '../testing/budgets-fixture';
import { elapsedShareOfYear } from '../domain';

/**
 * The caseload on a real PostgreSQL: ordered and paged on the server, counts over the whole
 * filtered list, the same number of SQL statements for 10 clients and for 500, and refused to
 * everyone but advisers and own workers of the municipality.
 */
const year = new Date().getFullYear();
const TODAY = `${year}-07-02`;
const { remote } = fakeRemote();

const f = budgetsFixture({ schema: true, remote, today: TODAY, caseloadWaitingDays: 7 });
const { as, q } = f;

/** Municipalities of the test: few clients, many clients, and one nobody here works for. */
const SMALL = '536';
const LARGE = '790';
const OTHER = '980';

/**
 * `n` clients with one budget each: granted 10 000 €, used `i` × 10 € (so use differs), an open
 * alert for every third, and for every fifth `i % 4 + 1` charges pending since 10 days ago.
 */
async function clientsIn(municipality: string, n: number): Promise<string[]> {
  const ids = await insertBudgets(f, municipality, year, n);
  await q(
    `INSERT INTO budgets.budget_balance (budget_id, granted_cents, spent_cents)
     SELECT id, 1000000, (row_number() OVER (ORDER BY client_id)) * 1000
     FROM budgets.budget WHERE municipality_code = $1 AND year = $2`,
    [municipality, year],
  );
  await q(
    `INSERT INTO budgets.budget_alert (budget_id, kind, key, message)
     SELECT id, 'UNDERUSE', 'UNDERUSE:test', 'testi'
     FROM (SELECT id, row_number() OVER (ORDER BY client_id) AS i FROM budgets.budget
           WHERE municipality_code = $1 AND year = $2) b WHERE i % 3 = 0`,
    [municipality, year],
  );
  return ids;
}

beforeAll(async () => {
  await clientsIn(SMALL, 10);
  await clientsIn(LARGE, 500);
  await clientsIn(OTHER, 3);
}, 120_000);

const adviserOf = (...municipalities: string[]) =>
  principal('ADVISER', { sub: DEMO.adviserId, municipalities });

/** Counts the SQL statements sent while `work` runs. */
const countStatements = <T>(work: () => Promise<T>) => count(f.database.dataSource, work);

const PAGE = `query($m: String, $first: Int, $after: String, $order: CaseloadOrder) {
  caseload(filter: { municipalityCode: $m }, orderBy: $order, first: $first, after: $after) {
    totalCount waitingDays
    counts { clients waitingConfirmation withOpenAlerts useAhead useBehind }
    pageInfo { hasNextPage endCursor }
    edges { node { client { id } municipalityCode budgets { id status }
      openAlerts { kind count } openAlertCount waitingCharges oldestWaitingSince
      granted { amount } used { amount } usedShare elapsedShare } } } }`;

interface Page {
  caseload: {
    totalCount: number;
    counts: Record<string, number>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{
      node: {
        client: { id: string };
        openAlertCount: number;
        usedShare: number;
        budgets: unknown[];
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
  return result;
}

describe('caseload', () => {
  it('uses the same number of SQL statements for 10 clients and for 500', async () => {
    const small = await countStatements(() =>
      page(adviserOf(SMALL), { m: SMALL, first: 100, order: 'OPEN_ALERTS' }),
    );
    const large = await countStatements(() =>
      page(adviserOf(LARGE), { m: LARGE, first: 100, order: 'OPEN_ALERTS' }),
    );
    expect(small.result.errors).toBeUndefined();
    expect(large.result.errors).toBeUndefined();
    const s = small.result.data as unknown as Page;
    const l = large.result.data as unknown as Page;
    expect(s.caseload.edges).toHaveLength(10);
    expect(l.caseload.edges).toHaveLength(100);
    expect(l.caseload.edges.every((e) => e.node.budgets.length === 1)).toBe(true);
    expect(large.statements.length).toBe(small.statements.length);
    expect(large.statements.length).toBeLessThanOrEqual(3);
  });

  it('orders on the server and pages with a cursor through every client once', async () => {
    const seen: string[] = [];
    const shares: number[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const result = await page(adviserOf(LARGE), {
        m: LARGE,
        first: 100,
        after,
        order: 'USE_AHEAD',
      });
      expect(result.errors).toBeUndefined();
      const data = (result.data as unknown as Page).caseload;
      expect(data.totalCount).toBe(500);
      seen.push(...data.edges.map((e) => e.node.client.id));
      shares.push(...data.edges.map((e) => e.node.usedShare));
      after = data.pageInfo.hasNextPage ? data.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBe(5);
    expect(new Set(seen).size).toBe(500);
    expect([...shares].sort((a, b) => b - a)).toEqual(shares);
    expect(shares[0]).toBeCloseTo(0.5);
  });

  it('counts over the whole filtered list and filters by alerts', async () => {
    const all = (await page(adviserOf(LARGE), { m: LARGE, first: 1 })).data as unknown as Page;
    // Used 0.1 %…50 % against about half a year (July 2nd): behind when 20 points below.
    const elapsed = elapsedShareOfYear(TODAY, year);
    const behind = Array.from({ length: 500 }, (_, i) => (i + 1) / 1000).filter(
      (used) => used < elapsed - 0.2,
    ).length;
    expect(behind).toBeGreaterThan(250);
    expect(all.caseload.counts).toEqual({
      clients: 500,
      waitingConfirmation: 0,
      withOpenAlerts: 166,
      useAhead: 0,
      useBehind: behind,
    });
    const ctx = as(adviserOf(LARGE));
    const alerted = await ctx.caseload.caseload(
      { hasOpenAlerts: true, alertKind: 'UNDERUSE' },
      'OPEN_ALERTS',
      100,
      null,
    );
    expect(alerted.totalCount).toBe(166);
    expect(alerted.edges.every((e) => e.node.openAlertCount === 1)).toBe(true);
  });

  it('counts charges waiting for confirmation longer than the configured days', async () => {
    const [clientId] = await clientsIn('604', 1);
    const [budget] = await q<{ id: string }>(`SELECT id FROM budgets.budget WHERE client_id = $1`, [
      clientId,
    ]);
    // The ledger refuses updates, so old charges are written as they were: 10 and 3 days ago.
    const commitment = await q<{ id: string }>(
      `INSERT INTO budgets.payment_commitment (budget_id, payee_kind, provider_id, service_type,
         client_first_name, amount_cents, valid_from, valid_to, status, reason, issued_by)
       VALUES ($1, 'PROVIDER', $2, 'DAY_ACTIVITIES', 'Testi', 100000, $3, $4, 'ACTIVE', 'testi', 'test')
       RETURNING id`,
      [budget!.id, crypto.randomUUID(), `${year}-01-01`, `${year}-12-31`],
    );
    await q(`UPDATE budgets.budget_balance SET pending_cents = 2000 WHERE budget_id = $1`, [
      budget!.id,
    ]);
    await q(
      `INSERT INTO budgets.ledger_transaction (budget_id, kind, amount_cents, status, provider_id,
         service_date, created_by, created_at, commitment_id)
       SELECT $1, 'CHARGE', 1000, 'PENDING_CONFIRMATION', c.provider_id, $3::date, 'test', now() - make_interval(days => d), c.id
       FROM budgets.payment_commitment c, unnest(ARRAY[10, 3]) AS d WHERE c.id = $2`,
      [budget!.id, commitment[0]!.id, `${year}-06-01`],
    );
    const ctx = as(adviserOf('604'));
    const result = await ctx.caseload.caseload(
      { hasWaitingCharges: true },
      'WAITING_CHARGES',
      10,
      null,
    );
    expect(result.counts.waitingConfirmation).toBe(1);
    expect(result.edges.map((e) => [e.node.clientId, e.node.waitingCharges])).toEqual([
      [clientId, 1],
    ]);
  });

  const refused: Array<[string, Principal | null, string]> = [
    ['no token', null, 'UNAUTHENTICATED'],
    ['a client', principal('CLIENT', { clientId: DEMO.essiClientId }), 'FORBIDDEN'],
    ['a team member', principal('TEAM_MEMBER', { clientId: DEMO.essiClientId }), 'FORBIDDEN'],
    ['a provider', principal('PROVIDER', { providerId: DEMO.providerId }), 'FORBIDDEN'],
    ['organiser staff', principal('ORGANISER', { municipalities: [SMALL] }), 'FORBIDDEN'],
    [
      'a municipal system',
      principal('MUNICIPAL_SYSTEM', {
        municipalities: [SMALL],
        scopes: ['budgets:read', 'reports:read'],
      }),
      'FORBIDDEN',
    ],
    ['an adviser of another municipality', adviserOf(OTHER), 'FORBIDDEN'],
    [
      'a worker of another municipality',
      principal('WORKER', { municipalities: [OTHER] }),
      'FORBIDDEN',
    ],
  ];

  it.each(refused)('refuses %s for another municipality', async (_, who, code) => {
    const result = await graphql({
      schema: f.schema,
      source: PAGE,
      variableValues: { m: SMALL, first: 10 },
      contextValue: as(who),
    });
    expect(result.data).toBeNull();
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual([code]);
  });

  it('shows staff only the clients of their own municipalities', async () => {
    const data = (await page(adviserOf(SMALL, OTHER), { first: 100 })).data as unknown as Page;
    expect(data.caseload.totalCount).toBe(13);
  });

  it('refuses a cursor of another order or a forged one', async () => {
    const first = (await page(adviserOf(SMALL), { m: SMALL, first: 2, order: 'USE_AHEAD' }))
      .data as unknown as Page;
    const cursor = first.caseload.pageInfo.endCursor;
    const other = await page(adviserOf(SMALL), {
      m: SMALL,
      first: 2,
      after: cursor,
      order: 'OPEN_ALERTS',
    });
    expect(other.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    const forged = Buffer.from(JSON.stringify(['1; DROP', 'x', 'USE_AHEAD'])).toString('base64url');
    const junk = await page(adviserOf(SMALL), {
      m: SMALL,
      first: 2,
      after: forged,
      order: 'USE_AHEAD',
    });
    expect(junk.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });
});
