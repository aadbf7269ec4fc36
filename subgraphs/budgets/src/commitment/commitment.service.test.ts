import crypto from 'node:crypto';
import { Client } from 'pg';
import type { Principal } from '@hb/kit';
import { principal } from '@hb/kit/testing';
import { budgetsFixture } from '../testing/budgets-fixture';
import type { PlanFacts, ProviderFacts, RemoteServices } from '../remote/remote-services';
import type { RecordChargeInput } from '../ledger/ledger.type';

/**
 * Payment commitments and the charges that draw on them, on a real PostgreSQL. The other
 * subgraphs are replaced by in-memory implementations of the remote ports; the end-to-end test
 * (test/src/commitments.e2e.ts) runs the real ones.
 */
const clients = new Map<string, string>();
const providers = new Map<string, ProviderFacts>();
const plans = new Map<string, PlanFacts>();
const consents = new Map<string, string[]>();
const remote: RemoteServices = {
  clients: {
    client: async (_ctx, id) =>
      clients.has(id) ? { id, municipalityCode: clients.get(id)!, firstName: 'Essi' } : null,
  },
  providers: { provider: async (_ctx, id) => providers.get(id) ?? null },
  consents: {
    myConsentScopes: async (ctx, clientId) =>
      ctx.principal?.clientId === clientId ? (consents.get(ctx.principal.sub) ?? []) : [],
  },
  plans: { plan: async (_ctx, id) => plans.get(id) ?? null },
};

const day = (id: string, over: Partial<ProviderFacts> = {}): ProviderFacts => ({
  id,
  kind: 'COMPANY',
  approvalStatus: 'APPROVED',
  municipalitiesServed: ['837'],
  offerings: [{ id: crypto.randomUUID(), serviceTypeCode: 'DAY_ACTIVITIES' }],
  ...over,
});
const register = (over: Partial<ProviderFacts> = {}) => {
  const id = crypto.randomUUID();
  providers.set(id, day(id, over));
  return id;
};
const kipina = register();
const vesipeto = register();
const taxi = register({ offerings: [{ id: crypto.randomUUID(), serviceTypeCode: 'TRANSPORT' }] });
const pending = register({ approvalStatus: 'PENDING' });
const rejected = register({ approvalStatus: 'REJECTED' });
const suspended = register({ approvalStatus: 'SUSPENDED' });
const ownUnit = register({ kind: 'ORGANISER_OWN' });
const nokiaOnly = register({ municipalitiesServed: ['536'] });

const f = budgetsFixture({ seed: 'catalog', remote });
const { as, q } = f;

const year = new Date().getFullYear();
const worker = principal('WORKER', { municipalities: ['837'] });
const organiser = principal('ORGANISER', { municipalities: ['837'] });
const asProvider = (providerId: string) => principal('PROVIDER', { providerId });

/** A staff context whose clock is within `y`, so a decision for `y` is not for a past year. */
const decidingIn = (y: number) => as(worker, y < year ? `${y}-12-31` : undefined);

async function classId(serviceType: string, level: number | null): Promise<string> {
  const [row] = await q<{ id: string }>(
    `SELECT id FROM budgets.hb_class WHERE service_type = $1 AND municipality_code = '837' AND level IS NOT DISTINCT FROM $2`,
    [serviceType, level],
  );
  return row!.id;
}

/** A budget of `cents` for a new Tampere client (individual class, all paid at once). */
async function budgetOf(
  cents: number,
  over: { year?: number; serviceType?: string; instrument?: 'VOUCHER' | 'CARD' } = {},
) {
  const clientId = crypto.randomUUID();
  clients.set(clientId, '837');
  const serviceType = over.serviceType ?? 'DAY_ACTIVITIES';
  const result = await decidingIn(over.year ?? year).budgets.decide(
    {
      clientId,
      year: over.year ?? year,
      serviceType,
      hbClassId: await classId(serviceType, null),
      unitPrice: (cents / 100).toFixed(2),
      paymentIntervalMonths: 12,
      instrument: over.instrument ?? 'VOUCHER',
      ...(serviceType === 'TRANSPORT' ? { kilometres: 1 } : {}),
    },
    decidingIn(over.year ?? year).catalog,
  );
  expect(result.errors).toEqual([]);
  return result.budget!;
}

async function issue(
  budgetId: string,
  providerId: string | null,
  amount: string,
  over: Record<string, unknown> = {},
) {
  return as(worker).commitments.issue({
    budgetId,
    providerId,
    amount,
    reason: 'Toteutussuunnitelman mukaan',
    ...over,
  });
}

async function committed(budgetId: string, providerId: string, amount: string, over = {}) {
  const result = await issue(budgetId, providerId, amount, over);
  expect(result.errors).toEqual([]);
  return result.commitment!;
}

const charge = (over: Partial<RecordChargeInput>): RecordChargeInput => ({
  amount: '100.00',
  serviceDate: `${year}-01-15`,
  description: 'Ohjaus',
  idempotencyKey: crypto.randomUUID(),
  ...over,
});

function plan(
  clientId: string,
  allocations: PlanFacts['allocations'],
  over: Partial<PlanFacts> = {},
) {
  const id = crypto.randomUUID();
  plans.set(id, { id, clientId, year, version: 1, status: 'ACCEPTED', allocations, ...over });
  return id;
}
const allocation = (budgetId: string, providerId: string | null, cents: number) => ({
  id: crypto.randomUUID(),
  budgetId,
  providerId,
  offeringId: null as string | null,
  amountCents: cents,
  description: 'Henkilökohtainen ohjaus',
  discretionaryReason: null as string | null,
});

const codes = (r: { errors: Array<{ code: string }> }) => r.errors.map((e) => e.code);

/** Everything a refused change must leave as it was. */
async function snapshot() {
  return {
    rows: await f.rows(),
    balances: await q(`SELECT * FROM budgets.budget_balance ORDER BY budget_id`),
    commitments: await q(
      `SELECT id, status, charged_cents FROM budgets.payment_commitment ORDER BY id`,
    ),
  };
}

/**
 * The money invariants in SQL: the balance row equals the ledger; commitments hold exactly what
 * the balance says and stay within what the decision grants; each commitment's charges add up
 * to what it has charged and stay within its amount; nothing is left on a closed budget.
 */
async function invariantsHold() {
  const broken = await q(`
    WITH ledger AS (
      SELECT budget_id,
        coalesce(sum(amount_cents) FILTER (WHERE kind IN ('GRANT', 'ADJUSTMENT')), 0) AS granted,
        coalesce(sum(amount_cents) FILTER (WHERE kind = 'CHARGE' AND status = 'CONFIRMED'), 0) AS spent,
        coalesce(sum(amount_cents) FILTER (WHERE kind = 'CHARGE' AND status = 'PENDING_CONFIRMATION'), 0) AS pending,
        coalesce(sum(amount_cents) FILTER (WHERE kind = 'LAPSE'), 0) AS lapsed
      FROM budgets.ledger_transaction GROUP BY budget_id),
    held AS (
      SELECT budget_id, sum(CASE WHEN status = 'ACTIVE' THEN amount_cents ELSE charged_cents END) AS held
      FROM budgets.payment_commitment GROUP BY budget_id),
    drawn AS (
      SELECT c.id, c.charged_cents, c.amount_cents, coalesce(sum(t.amount_cents), 0) AS sum
      FROM budgets.payment_commitment c
      LEFT JOIN budgets.ledger_transaction t ON t.commitment_id = c.id AND t.status <> 'REJECTED'
      GROUP BY c.id)
    SELECT 'ledger' AS what, b.budget_id::text AS id FROM budgets.budget_balance b JOIN ledger l USING (budget_id)
      WHERE (b.granted_cents, b.spent_cents, b.pending_cents, b.lapsed_cents) <> (l.granted, l.spent, l.pending, l.lapsed)
    UNION ALL
    SELECT 'committed', b.budget_id::text FROM budgets.budget_balance b LEFT JOIN held h USING (budget_id)
      WHERE b.committed_cents <> coalesce(h.held, 0) OR b.committed_cents > b.granted_cents - b.lapsed_cents
    UNION ALL
    SELECT 'drawn', d.id::text FROM drawn d WHERE d.sum <> d.charged_cents OR d.sum > d.amount_cents
    UNION ALL
    SELECT 'closed', b.id::text FROM budgets.budget b JOIN budgets.budget_balance x ON x.budget_id = b.id
      WHERE b.status = 'CLOSED' AND x.remaining_cents <> 0`);
  expect(broken).toEqual([]);
}

afterEach(invariantsHold);

describe('issueCommitment', () => {
  it('sets money aside and shows committed and uncommitted on the budget', async () => {
    const budget = await budgetOf(1000_00);
    const c = await committed(budget.id, kipina, '600.00');
    expect(c).toMatchObject({
      status: 'ACTIVE',
      providerId: kipina,
      payeeKind: 'PROVIDER',
      amountCents: 600_00,
      chargedCents: 0,
      validFrom: `${year}-01-01`,
      validTo: `${year}-12-31`,
      clientFirstName: 'Essi',
      serviceTypeCode: 'DAY_ACTIVITIES',
      issuedBy: worker.sub,
    });
    const ctx = as(worker);
    const row = (await ctx.budgets.get(budget.id))!;
    const balance = await ctx.budgets.balance(row);
    expect(balance.committedCents).toBe(600_00);
    expect(await ctx.commitments.uncommitted(row, balance)).toBe(400_00);
    expect(codes(await issue(budget.id, vesipeto, '400.01'))).toEqual(['OVER_BUDGET']);
    await committed(budget.id, vesipeto, '400.00');
    expect((await ctx.commitments.forBudget(row)).map((x) => x.providerId)).toEqual([
      kipina,
      vesipeto,
    ]);
  });

  it.each<[string, () => string | null, Record<string, unknown>, string[]]>([
    [
      "the organiser's own unit",
      () => ownUnit,
      { discretionaryReason: 'x' },
      ['PROVIDER_NOT_ALLOWED'],
    ],
    ['a rejected provider', () => rejected, { discretionaryReason: 'x' }, ['PROVIDER_NOT_ALLOWED']],
    ['a suspended provider', () => suspended, {}, ['PROVIDER_NOT_ALLOWED']],
    ['a pending provider without a reason', () => pending, {}, ['DISCRETIONARY_REASON_REQUIRED']],
    [
      'a provider outside Tampere without a reason',
      () => nokiaOnly,
      {},
      ['DISCRETIONARY_REASON_REQUIRED'],
    ],
    ['an unknown provider', () => crypto.randomUUID(), {}, ['NOT_FOUND']],
    [
      'a validity outside the year',
      () => kipina,
      { validTo: `${year + 1}-01-31` },
      ['OUTSIDE_VALIDITY'],
    ],
  ])('refuses %s and writes nothing', async (_name, who, over, expected) => {
    const budget = await budgetOf(1000_00);
    const before = await snapshot();
    expect(codes(await issue(budget.id, who(), '100.00', over))).toEqual(expected);
    expect(await snapshot()).toEqual(before);
  });

  it("keeps the staff member's discretionary reason, only where discretion was needed", async () => {
    const budget = await budgetOf(1000_00);
    const reason = 'Ainoa viittomakielinen ohjaaja';
    expect(
      (await committed(budget.id, pending, '100.00', { discretionaryReason: reason }))
        .discretionaryReason,
    ).toBe(reason);
    expect(
      (await committed(budget.id, nokiaOnly, '100.00', { discretionaryReason: reason }))
        .discretionaryReason,
    ).toBe(reason);
    expect(
      (await committed(budget.id, kipina, '100.00', { discretionaryReason: reason }))
        .discretionaryReason,
    ).toBeNull();
  });

  it('lets an HB card budget commit only to transport providers', async () => {
    const card = await budgetOf(500_00, { serviceType: 'TRANSPORT', instrument: 'CARD' });
    expect(codes(await issue(card.id, kipina, '100.00', { discretionaryReason: 'x' }))).toEqual([
      'PROVIDER_NOT_ALLOWED',
    ]);
    expect(codes(await issue(card.id, null, '100.00', { payeeKind: 'CLIENT' }))).toEqual([
      'PROVIDER_NOT_ALLOWED',
    ]);
    await committed(card.id, taxi, '100.00');
  });

  it('pays the client herself for financial support', async () => {
    const budget = await budgetOf(1000_00);
    const c = (await issue(budget.id, null, '250.00', { payeeKind: 'CLIENT' })).commitment!;
    expect(c).toMatchObject({ payeeKind: 'CLIENT', providerId: null, amountCents: 250_00 });
  });

  it.each<[string, Principal]>([
    ['a client', principal('CLIENT')],
    ['a team member', principal('TEAM_MEMBER')],
    ['a provider', asProvider(kipina)],
    ['organiser staff', organiser],
    [
      'a municipal system',
      principal('MUNICIPAL_SYSTEM', { municipalities: ['837'], scopes: ['budgets:read'] }),
    ],
    ['a worker of another municipality', principal('WORKER', { municipalities: ['536'] })],
  ])('is refused to %s', async (_name, who) => {
    const budget = await budgetOf(1000_00);
    const before = await snapshot();
    for (const call of [
      () =>
        as(who).commitments.issue({
          budgetId: budget.id,
          providerId: kipina,
          amount: '1.00',
          reason: 'x',
        }),
      () =>
        as(who).planCommitments.issue(plan(budget.clientId, [allocation(budget.id, kipina, 100)])),
      async () => as(who).commitments.cancel((await committedOnce(budget.id)).id, 'x'),
    ]) {
      await expect(call()).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    }
    expect((await snapshot()).rows).toEqual({
      ...before.rows,
      // The one commitment the test itself issues (committedOnce), with its log row and event.
      'budgets.payment_commitment': before.rows['budgets.payment_commitment']! + 1,
      'audit.access_log': before.rows['audit.access_log']! + 1,
      'budgets.budget_event': before.rows['budgets.budget_event']! + 1,
    });
  });

  it('is guarded by the database too: commitments never exceed the grant', async () => {
    const budget = await budgetOf(100_00);
    await expect(
      q(
        `INSERT INTO budgets.payment_commitment (budget_id, payee_kind, provider_id, service_type, client_first_name,
           amount_cents, valid_from, valid_to, status, reason, issued_by)
         VALUES ($1, 'PROVIDER', $2, 'DAY_ACTIVITIES', 'X', 10001, $3, $4, 'ACTIVE', 'x', 'sql')`,
        [budget.id, kipina, `${year}-01-01`, `${year}-12-31`],
      ),
    ).rejects.toThrow(/budget_balance_committed_within_granted/);
    const c = await committed(budget.id, kipina, '100.00');
    await expect(q(`DELETE FROM budgets.payment_commitment WHERE id = $1`, [c.id])).rejects.toThrow(
      /never deleted/,
    );
    await expect(
      q(
        `INSERT INTO budgets.ledger_transaction (budget_id, kind, amount_cents, status, created_by, provider_id, service_date, commitment_id)
         VALUES ($1, 'CHARGE', 10001, 'PENDING_CONFIRMATION', 'sql', $2, $3, $4)`,
        [budget.id, kipina, `${year}-01-02`, c.id],
      ),
    ).rejects.toThrow(/payment_commitment_charged_within_amount/);
  });
});

/** One commitment per budget for the role tests (the first call issues it). */
const once = new Map<string, Promise<{ id: string }>>();
function committedOnce(budgetId: string) {
  if (!once.has(budgetId)) once.set(budgetId, committed(budgetId, kipina, '10.00'));
  return once.get(budgetId)!;
}

describe('recordCharge on a commitment', () => {
  it('draws on the commitment: pending, charged, remaining; used up at its amount', async () => {
    const budget = await budgetOf(1000_00);
    const c = await committed(budget.id, kipina, '300.00');
    const first = await as(asProvider(kipina)).ledger.recordCharge(
      charge({ commitmentId: c.id, amount: '200.00' }),
    );
    expect(first.errors).toEqual([]);
    expect(first.transaction).toMatchObject({ commitmentId: c.id, status: 'PENDING_CONFIRMATION' });
    // Without a commitment id: the provider's only active commitment on the budget.
    const second = await as(asProvider(kipina)).ledger.recordCharge(
      charge({ budgetId: budget.id, amount: '100.00' }),
    );
    expect(second.transaction?.commitmentId).toBe(c.id);
    const after = (await as(worker).commitments.get(c.id))!;
    expect(after).toMatchObject({ status: 'USED_UP', chargedCents: 300_00 });
    // The client disputes one: the commitment is active again with room for it.
    await as(principal('CLIENT', { clientId: budget.clientId })).ledger.reject(
      second.transaction!.id,
      'Palvelua ei annettu',
    );
    expect(await as(worker).commitments.get(c.id)).toMatchObject({
      status: 'ACTIVE',
      chargedCents: 200_00,
    });
  });

  it('refuses, changes nothing and tells a provider nothing of a budget it holds no commitment on', async () => {
    const budget = await budgetOf(1000_00);
    await committed(budget.id, vesipeto, '500.00');
    const before = await snapshot();
    const p = as(asProvider(kipina));
    const real = await p.ledger.recordCharge(charge({ budgetId: budget.id, idempotencyKey: 'k1' }));
    const random = await p.ledger.recordCharge(
      charge({ budgetId: crypto.randomUUID(), idempotencyKey: 'k1' }),
    );
    const closedOrNot = await p.ledger.recordCharge(
      charge({
        budgetId: budget.id,
        amount: '99999.00',
        serviceDate: `${year + 5}-01-01`,
        idempotencyKey: 'k1',
      }),
    );
    expect(codes(real)).toEqual(['NO_COMMITMENT']);
    expect(JSON.stringify(random)).toBe(JSON.stringify(real));
    expect(JSON.stringify(closedOrNot)).toBe(JSON.stringify(real));
    expect(await snapshot()).toEqual(before);
  });

  it.each<[string, (ids: Ids) => Partial<RecordChargeInput>, string]>([
    ["another provider's commitment", (ids) => ({ commitmentId: ids.other }), 'NO_COMMITMENT'],
    ['a random commitment id', () => ({ commitmentId: crypto.randomUUID() }), 'NO_COMMITMENT'],
    [
      'its commitment on another budget',
      (ids) => ({ commitmentId: ids.own, budgetId: ids.otherBudget }),
      'NO_COMMITMENT',
    ],
    [
      'more than remains of the commitment',
      (ids) => ({ commitmentId: ids.own, amount: '300.01' }),
      'OVER_COMMITMENT',
    ],
    [
      'a service date in the future',
      (ids) => ({ commitmentId: ids.own, serviceDate: `${year + 1}-01-01` }),
      'OUTSIDE_VALIDITY',
    ],
    [
      'a service date before the validity',
      (ids) => ({ commitmentId: ids.narrow, serviceDate: `${year}-01-31` }),
      'OUTSIDE_VALIDITY',
    ],
    [
      'a service date after the validity',
      (ids) => ({ commitmentId: ids.narrow, serviceDate: `${year}-03-01` }),
      'OUTSIDE_VALIDITY',
    ],
    [
      "next year's budget before it starts",
      (ids) => ({ commitmentId: ids.nextYear, serviceDate: `${year}-06-01` }),
      'BUDGET_NOT_ACTIVE',
    ],
    ['a cancelled commitment', (ids) => ({ commitmentId: ids.cancelled }), 'NO_COMMITMENT'],
  ])('refuses %s and changes nothing', async (_name, input, code) => {
    const ids = await fixtures();
    const before = await snapshot();
    const result = await as(asProvider(kipina)).ledger.recordCharge(charge(input(ids)));
    expect(result.transaction).toBeNull();
    expect(codes(result)).toEqual([code]);
    expect(result.errors[0]!.message).not.toMatch(/remaining: |€/i);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a closed budget with BUDGET_NOT_ACTIVE and changes nothing', async () => {
    const past = year - 1;
    const budget = await budgetOf(100_00, { year: past });
    const c = await committed(budget.id, kipina, '100.00');
    expect((await as(organiser).yearEnd.closeYear('837', past)).errors).toEqual([]);
    expect(await as(worker).commitments.get(c.id)).toMatchObject({ status: 'EXPIRED' });
    const before = await snapshot();
    const result = await as(asProvider(kipina)).ledger.recordCharge(
      charge({ commitmentId: c.id, serviceDate: `${past}-05-05` }),
    );
    expect(codes(result)).toEqual(['BUDGET_NOT_ACTIVE']);
    expect(await snapshot()).toEqual(before);
  });

  it('takes no discretionary reason from the provider: the input has none', async () => {
    const ids = await fixtures();
    const result = await as(asProvider(kipina)).ledger.recordCharge({
      ...charge({ commitmentId: ids.own }),
      discretionaryReason: 'Minä päätän',
    } as RecordChargeInput);
    expect(result.transaction!.discretionaryReason).toBeNull();
  });

  it("treats the provider's key as the request: the same key on another budget is no second charge", async () => {
    const a = await budgetOf(1000_00);
    const b = await budgetOf(1000_00);
    await committed(a.id, kipina, '500.00');
    await committed(b.id, kipina, '500.00');
    const p = as(asProvider(kipina));
    const first = await p.ledger.recordCharge(charge({ budgetId: a.id, idempotencyKey: 'shared' }));
    const again = await p.ledger.recordCharge(charge({ budgetId: b.id, idempotencyKey: 'shared' }));
    expect(again.transaction!.id).toBe(first.transaction!.id);
    const different = await p.ledger.recordCharge(
      charge({ budgetId: b.id, idempotencyKey: 'shared', amount: '5.00' }),
    );
    expect(codes(different)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    const [{ n }] = (await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM budgets.ledger_transaction WHERE budget_id = ANY($1::uuid[]) AND kind = 'CHARGE'`,
      [[a.id, b.id]],
    )) as [{ n: number }];
    expect(n).toBe(1);
    // Another provider's key space is its own.
    await committed(a.id, vesipeto, '100.00');
    const other = await as(asProvider(vesipeto)).ledger.recordCharge(
      charge({ budgetId: a.id, idempotencyKey: 'shared' }),
    );
    expect(other.errors).toEqual([]);
    expect(other.transaction!.id).not.toBe(first.transaction!.id);
  });

  it('100 concurrent charges by two providers on two commitments of one budget: exact sums', async () => {
    const budget = await budgetOf(10_000_00);
    const a = await committed(budget.id, kipina, '1234.00');
    const b = await committed(budget.id, vesipeto, '2000.00');
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => {
        const [who, c] = i % 2 === 0 ? [kipina, a] : [vesipeto, b];
        return as(asProvider(who)).ledger.recordCharge(
          charge({ commitmentId: c.id, amount: '50.00', idempotencyKey: `race-${i}` }),
        );
      }),
    );
    for (const r of results) expect(['OK', 'OVER_COMMITMENT']).toContain(codes(r)[0] ?? 'OK');
    const ok = (c: string) => results.filter((r) => r.transaction?.commitmentId === c).length;
    expect(ok(a.id)).toBe(24); // 24 × 50 = 1200 ≤ 1234 < 1250
    expect(ok(b.id)).toBe(40); // 40 × 50 = 2000
    expect(await as(worker).commitments.get(a.id)).toMatchObject({
      chargedCents: 1200_00,
      status: 'ACTIVE',
    });
    expect(await as(worker).commitments.get(b.id)).toMatchObject({
      chargedCents: 2000_00,
      status: 'USED_UP',
    });
    const [balance] = await q<{ pending: string; committed: string }>(
      `SELECT pending_cents::text AS pending, committed_cents::text AS committed FROM budgets.budget_balance WHERE budget_id = $1`,
      [budget.id],
    );
    expect(balance).toEqual({ pending: String(3200_00), committed: String(3234_00) });
  }, 120_000);
});

type Ids = {
  own: string;
  other: string;
  narrow: string;
  otherBudget: string;
  nextYear: string;
  cancelled: string;
};
async function fixtures(): Promise<Ids> {
  const budget = await budgetOf(1000_00);
  const otherBudget = await budgetOf(1000_00);
  const next = await budgetOf(1000_00, { year: year + 1 });
  const own = await committed(budget.id, kipina, '300.00');
  const other = await committed(budget.id, vesipeto, '300.00');
  const narrow = await committed(otherBudget.id, kipina, '100.00', {
    validFrom: `${year}-02-01`,
    validTo: `${year}-02-28`,
  });
  const nextYear = await committed(next.id, kipina, '100.00');
  const cancelled = await committed(budget.id, kipina, '100.00');
  expect((await as(worker).commitments.cancel(cancelled.id, 'Palvelu päättyi')).errors).toEqual([]);
  return {
    own: own.id,
    other: other.id,
    narrow: narrow.id,
    otherBudget: otherBudget.id,
    nextYear: nextYear.id,
    cancelled: cancelled.id,
  };
}

describe('cancelCommitment', () => {
  it('releases what was not charged and keeps the charges', async () => {
    const budget = await budgetOf(1000_00);
    const c = await committed(budget.id, kipina, '600.00');
    await as(asProvider(kipina)).ledger.recordCharge(
      charge({ commitmentId: c.id, amount: '150.00' }),
    );
    const result = await as(worker).commitments.cancel(c.id, 'Asiakas vaihtoi tuottajaa');
    expect(result.commitment).toMatchObject({
      status: 'CANCELLED',
      chargedCents: 150_00,
      endReason: 'Asiakas vaihtoi tuottajaa',
    });
    const [{ committed: held }] = (await q<{ committed: string }>(
      `SELECT committed_cents::text AS committed FROM budgets.budget_balance WHERE budget_id = $1`,
      [budget.id],
    )) as [{ committed: string }];
    expect(held).toBe(String(150_00));
    expect(codes(await as(worker).commitments.cancel(c.id, 'again'))).toEqual(['NOT_ACTIVE']);
    expect(codes(await as(worker).commitments.cancel(c.id, ' '))).toEqual(['VALIDATION']);
  });
});

describe('year end and re-assessment', () => {
  it('closeYear racing charges and a re-assessment: no failure, no stranded money', async () => {
    const past = year - 1;
    const budget = await budgetOf(5000_00, { year: past });
    const c = await committed(budget.id, kipina, '3000.00');
    const calls: Array<Promise<unknown>> = [];
    for (let i = 0; i < 40; i += 1) {
      calls.push(
        as(asProvider(kipina)).ledger.recordCharge(
          charge({
            commitmentId: c.id,
            amount: '10.00',
            serviceDate: `${past}-03-03`,
            idempotencyKey: `close-${i}`,
          }),
        ),
      );
      if (i === 10 || i === 30) calls.push(as(organiser).yearEnd.closeYear('837', past));
      if (i === 20) {
        calls.push(
          // The re-assessment is made within the year (on its last day), racing its close.
          decidingIn(past).budgets.decide(
            {
              clientId: budget.clientId,
              year: past,
              serviceType: 'DAY_ACTIVITIES',
              hbClassId: await classId('DAY_ACTIVITIES', null),
              unitPrice: '5100.00',
              paymentIntervalMonths: 12,
              instrument: 'VOUCHER',
            },
            decidingIn(past).catalog,
          ),
        );
      }
    }
    const settled = await Promise.allSettled(calls);
    expect(settled.filter((s) => s.status === 'rejected')).toEqual([]);
    for (const s of settled) {
      const value = (s as PromiseFulfilledResult<{ errors?: Array<{ code: string }> }>).value;
      for (const e of value.errors ?? [])
        expect(['BUDGET_NOT_ACTIVE', 'BUDGET_CLOSED']).toContain(e.code);
    }
    const again = await Promise.all([
      as(organiser).yearEnd.closeYear('837', past),
      as(organiser).yearEnd.closeYear('837', past),
    ]);
    expect(again.map((r) => r.closedCount)).toEqual([0, 0]);
    expect(await as(worker).commitments.get(c.id)).toMatchObject({ status: 'EXPIRED' });
  }, 120_000);

  it('a charge rejected after the close lapses to the organiser', async () => {
    const past = year - 1;
    const budget = await budgetOf(500_00, { year: past });
    const c = await committed(budget.id, kipina, '500.00');
    const tx = (
      await as(asProvider(kipina)).ledger.recordCharge(
        charge({ commitmentId: c.id, amount: '120.00', serviceDate: `${past}-12-20` }),
      )
    ).transaction!;
    await as(organiser).yearEnd.closeYear('837', past);
    const rejected = await as(principal('CLIENT', { clientId: budget.clientId })).ledger.reject(
      tx.id,
      'Ei toteutunut',
    );
    expect(rejected.errors).toEqual([]);
    const [balance] = await q<{ lapsed: string; remaining: string; committed: string }>(
      `SELECT lapsed_cents::text AS lapsed, remaining_cents::text AS remaining, committed_cents::text AS committed
       FROM budgets.budget_balance WHERE budget_id = $1`,
      [budget.id],
    );
    expect(balance).toEqual({ lapsed: String(500_00), remaining: '0', committed: '0' });
  });

  it('refuses a re-assessment below what commitments hold', async () => {
    const budget = await budgetOf(1000_00);
    await committed(budget.id, kipina, '800.00');
    const result = await as(worker).budgets.decide(
      {
        clientId: budget.clientId,
        year,
        serviceType: 'DAY_ACTIVITIES',
        hbClassId: await classId('DAY_ACTIVITIES', null),
        unitPrice: '700.00',
        paymentIntervalMonths: 12,
        instrument: 'VOUCHER',
      },
      as(worker).catalog,
    );
    expect(codes(result)).toEqual(['BELOW_COMMITTED']);
  });
});

describe('issuePlanCommitments', () => {
  it('issues one commitment per allocation, keeps them on re-run, adjusts and replaces for a new version', async () => {
    const budget = await budgetOf(1000_00);
    const a1 = allocation(budget.id, kipina, 400_00);
    const a2 = allocation(budget.id, vesipeto, 300_00);
    const v1 = plan(budget.clientId, [a1, a2, allocation(budget.id, null, 100_00)]);
    const first = await as(worker).planCommitments.issue(v1);
    expect(first.errors).toEqual([]);
    expect(first.commitments.map((c) => [c.allocationId, c.amountCents]).sort()).toEqual(
      [
        [a1.id, 400_00],
        [a2.id, 300_00],
      ].sort(),
    );
    const rerun = await as(worker).planCommitments.issue(v1);
    expect(rerun.commitments.map((c) => c.id).sort()).toEqual(
      first.commitments.map((c) => c.id).sort(),
    );
    const kept = first.commitments.find((c) => c.providerId === kipina)!;
    await as(asProvider(kipina)).ledger.recordCharge(
      charge({ commitmentId: kept.id, amount: '50.00' }),
    );

    // Version 2: more for Kipinä, Vesipeto replaced by a taxi at discretion.
    const b1 = { ...allocation(budget.id, kipina, 600_00) };
    const b2 = { ...allocation(budget.id, taxi, 200_00), discretionaryReason: 'Kuljettaa ryhmään' };
    const v2 = plan(budget.clientId, [b1, b2], { version: 2 });
    const second = await as(worker).planCommitments.issue(v2);
    expect(second.errors).toEqual([]);
    expect(second.cancelledCount).toBe(1);
    const again = second.commitments.find((c) => c.providerId === kipina)!;
    expect(again).toMatchObject({
      id: kept.id,
      allocationId: b1.id,
      amountCents: 600_00,
      chargedCents: 50_00,
    });
    expect(second.commitments.find((c) => c.providerId === taxi)).toMatchObject({
      discretionaryReason: 'Kuljettaa ryhmään',
    });
    const all = await as(worker).commitments.forBudget((await as(worker).budgets.get(budget.id))!);
    expect(all.find((c) => c.providerId === vesipeto)!.status).toBe('CANCELLED');
  });

  it('adopts a commitment issued singly to the same provider and leaves others as they are', async () => {
    const budget = await budgetOf(1000_00);
    const single = await committed(budget.id, kipina, '300.00');
    const other = await committed(budget.id, vesipeto, '100.00');
    const a = allocation(budget.id, kipina, 500_00);
    const result = await as(worker).planCommitments.issue(plan(budget.clientId, [a]));
    expect(result.errors).toEqual([]);
    expect(result.cancelledCount).toBe(0);
    expect(result.commitments).toEqual([
      expect.objectContaining({ id: single.id, allocationId: a.id, amountCents: 500_00 }),
    ]);
    expect(await as(worker).commitments.get(other.id)).toMatchObject({ status: 'ACTIVE' });
  });

  it('refuses a plan that is not accepted, over the budget, or to a refused provider, all or nothing', async () => {
    const budget = await budgetOf(1000_00);
    const draft = plan(budget.clientId, [allocation(budget.id, kipina, 100_00)], {
      status: 'DRAFT',
    });
    expect(codes(await as(worker).planCommitments.issue(draft))).toEqual(['PLAN_NOT_ACCEPTED']);
    const before = await snapshot();
    const bad = plan(budget.clientId, [
      allocation(budget.id, kipina, 100_00),
      allocation(budget.id, ownUnit, 100_00),
      allocation(budget.id, vesipeto, 900_01),
    ]);
    const result = await as(worker).planCommitments.issue(bad);
    expect(result.errors.map((e) => [e.field, e.code])).toEqual([
      ['allocations[1]', 'PROVIDER_NOT_ALLOWED'],
      ['allocations[2]', 'OVER_BUDGET'],
    ]);
    expect(await snapshot()).toEqual(before);
    const foreign = await budgetOf(1000_00);
    const mixed = plan(budget.clientId, [allocation(foreign.id, kipina, 100_00)]);
    expect(codes(await as(worker).planCommitments.issue(mixed))).toEqual(['NOT_FOUND']);
  });
});

describe("the provider's side", () => {
  it('lists its own commitments and charges with status, the first name and the year only', async () => {
    const provider = register();
    const budget = await budgetOf(1000_00);
    const c = await committed(budget.id, provider, '500.00');
    const p = as(asProvider(provider));
    const t1 = (await p.ledger.recordCharge(charge({ commitmentId: c.id, amount: '10.00' })))
      .transaction!;
    const t2 = (await p.ledger.recordCharge(charge({ commitmentId: c.id, amount: '20.00' })))
      .transaction!;
    await p.ledger.recordCharge(charge({ commitmentId: c.id, amount: '30.00' }));
    const essi = as(principal('CLIENT', { clientId: budget.clientId }));
    await essi.ledger.confirm(t1.id);
    await essi.ledger.reject(t2.id, 'Ohjaaja ei tullut');

    const mine = await p.commitments.mine(null, 10, null);
    expect(mine.totalCount).toBe(1);
    expect(mine.edges[0]!.node).toMatchObject({
      id: c.id,
      clientFirstName: 'Essi',
      budgetYear: year,
    });
    expect(p.commitments.seesClientDetails()).toBe(false);
    expect(await p.commitments.visibleBudget(mine.edges[0]!.node)).toBeNull();

    const all = await p.commitments.myCharges(null, 10, null);
    expect(all.edges.map((e) => [e.node.amountCents, e.node.chargeStatus])).toEqual([
      [30_00, 'PENDING'],
      [20_00, 'DISPUTED'],
      [10_00, 'CONFIRMED'],
    ]);
    const disputed = await p.commitments.myCharges('DISPUTED', 10, null);
    expect(disputed.edges.map((e) => e.node.rejectionReason)).toEqual(['Ohjaaja ei tullut']);
    const page = await p.commitments.myCharges(null, 2, null);
    const next = await p.commitments.myCharges(null, 2, page.pageInfo.endCursor);
    expect(next.edges.map((e) => e.node.amountCents)).toEqual([10_00]);
    expect(
      (await as(asProvider(kipina)).commitments.myCharges(null, 10, null)).edges.map(
        (e) => e.node.id,
      ),
    ).not.toContain(t1.id);
  });

  it.each<[string, Principal]>([
    ['a client', principal('CLIENT')],
    ['a team member', principal('TEAM_MEMBER')],
    ['an adviser', principal('ADVISER', { municipalities: ['837'] })],
    ['organiser staff', organiser],
    [
      'a municipal system',
      principal('MUNICIPAL_SYSTEM', { municipalities: ['837'], scopes: ['budgets:read'] }),
    ],
    ['a provider user without a provider', principal('PROVIDER')],
  ])('refuses myCommitments and myCharges to %s', async (_name, who) => {
    await expect(as(who).commitments.mine(null, 10, null)).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    await expect(as(who).commitments.myCharges(null, 10, null)).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('reads one commitment (_entities) only under the budget rules or as its payee', async () => {
    const budget = await budgetOf(1000_00);
    const c = await committed(budget.id, kipina, '100.00');
    const member = principal('TEAM_MEMBER', { clientId: budget.clientId });
    for (const who of [
      asProvider(vesipeto),
      organiser,
      principal('CLIENT'),
      member,
      principal('WORKER', { municipalities: ['536'] }),
      principal('MUNICIPAL_SYSTEM', { municipalities: ['837'] }),
    ]) {
      await expect(as(who).commitments.get(c.id)).rejects.toMatchObject({
        extensions: { code: 'FORBIDDEN' },
      });
    }
    consents.set(member.sub, ['BUDGET']);
    for (const who of [
      asProvider(kipina),
      principal('CLIENT', { clientId: budget.clientId }),
      member,
      worker,
    ]) {
      expect((await as(who).commitments.get(c.id))?.id).toBe(c.id);
    }
    expect(await as(worker).commitments.get(crypto.randomUUID())).toBeNull();
  });
});

describe('logging', () => {
  it('logs a provider reading its commitments under the client', async () => {
    const budget = await budgetOf(1000_00);
    const provider = register();
    await committed(budget.id, provider, '100.00');
    const ctx = as(asProvider(provider));
    await ctx.commitments.mine(null, 10, null);
    await ctx.accessLog.flush();
    // The service's own role may only append to the log: read it as the test database's owner.
    const db = new Client({ connectionString: f.url });
    await db.connect();
    try {
      const { rows } = await db.query<{ subject: string }>(
        `SELECT subject FROM audit.access_log WHERE client_id = $1 AND action = 'READ'`,
        [budget.clientId],
      );
      expect(rows.map((r) => r.subject)).toContain('PaymentCommitment');
    } finally {
      await db.end();
    }
  });
});

describe('a provider suspended or rejected after its commitments were issued', () => {
  it.each(['SUSPENDED', 'REJECTED'])(
    'charges nothing while %s, changing nothing; reinstated, it charges again',
    async (status) => {
      const later = register();
      const budget = await budgetOf(1000_00);
      const c = await committed(budget.id, later, '300.00');
      providers.set(later, { ...providers.get(later)!, approvalStatus: status });
      const before = await snapshot();
      const refused = await as(asProvider(later)).ledger.recordCharge(
        charge({ commitmentId: c.id }),
      );
      expect(codes(refused)).toEqual(['PROVIDER_NOT_ACTIVE']);
      expect(await snapshot()).toEqual(before);
      // Staff recording on its behalf are refused alike.
      const byStaff = await as(worker).ledger.recordCharge(
        charge({ commitmentId: c.id, providerId: later }),
      );
      expect(codes(byStaff)).toEqual(['PROVIDER_NOT_ACTIVE']);
      expect(await snapshot()).toEqual(before);
      providers.set(later, { ...providers.get(later)!, approvalStatus: 'APPROVED' });
      const ok = await as(asProvider(later)).ledger.recordCharge(charge({ commitmentId: c.id }));
      expect(ok.errors).toEqual([]);
    },
  );

  it('tells a suspended provider without a commitment only NO_COMMITMENT', async () => {
    const budget = await budgetOf(1000_00);
    const result = await as(asProvider(suspended)).ledger.recordCharge(
      charge({ budgetId: budget.id }),
    );
    expect(codes(result)).toEqual(['NO_COMMITMENT']);
  });
});

describe('commitment events', () => {
  it('issuing, cancelling and plan commitments write an event each, so committed updates live', async () => {
    const events = (budgetId: string) =>
      q<{ change: string }>(
        `SELECT change FROM budgets.budget_event WHERE budget_id = $1 ORDER BY sequence`,
        [budgetId],
      ).then((rows) => rows.map((r) => r.change).filter((c) => c.startsWith('COMMITMENT')));
    const budget = await budgetOf(1000_00);
    const c = await committed(budget.id, kipina, '100.00');
    expect(await events(budget.id)).toEqual(['COMMITMENT_ISSUED']);
    expect(codes(await issue(budget.id, kipina, '5000.00'))).toEqual(['OVER_BUDGET']);
    expect(await events(budget.id)).toEqual(['COMMITMENT_ISSUED']);
    expect((await as(worker).commitments.cancel(c.id, 'Palvelu ei alkanut')).errors).toEqual([]);
    expect(await events(budget.id)).toEqual(['COMMITMENT_ISSUED', 'COMMITMENT_CANCELLED']);
    const planned = await as(worker).planCommitments.issue(
      plan(budget.clientId, [allocation(budget.id, vesipeto, 200_00)]),
    );
    expect(planned.errors).toEqual([]);
    expect(await events(budget.id)).toEqual([
      'COMMITMENT_ISSUED',
      'COMMITMENT_CANCELLED',
      'COMMITMENTS_FROM_PLAN',
    ]);
  });
});
