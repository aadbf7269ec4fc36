import crypto from 'node:crypto';
import { DEMO, PIRKANMAA_ORGANISER_ID, createLogger } from '@hb/kit';
import { principal, queryDatabase, requestContext } from '@hb/kit/testing';
import { budgetsFixture } from '../testing/budgets-fixture';
import { createStores } from '../shared/stores';
import { extendContext } from '../context';
import type { ProviderFacts, RemoteServices } from '../remote/remote-services';
import type { DecideBudgetInput } from './budget.type';
import { runDailyBudgetJob } from './daily-job';

/**
 * Integration tests on a real PostgreSQL (embedded, or DATABASE_URL). The other subgraphs are
 * replaced by this in-memory implementation of the remote ports (see remote-services.ts); the
 * end-to-end tests run the real ones.
 */
const clientsById = new Map<string, string>([[DEMO.essiClientId, '837']]);
const providersById = new Map<string, ProviderFacts>();
const consentsByMember = new Map<string, string[]>();
/** Requests to the clients subgraph: one client at a time, or several in one. */
const clientRequests = { single: 0, batch: 0 };
const fakeClient = (id: string) =>
  clientsById.has(id) ? { id, municipalityCode: clientsById.get(id)!, firstName: 'Testi' } : null;
const fakeRemote: RemoteServices = {
  clients: {
    client: async (_ctx, id) => (clientRequests.single++, fakeClient(id)),
    clients: async (_ctx, ids) => (clientRequests.batch++, ids.map(fakeClient)),
  },
  providers: { provider: async (_ctx, id) => providersById.get(id) ?? null },
  consents: {
    myConsentScopes: async (ctx, clientId) =>
      ctx.principal?.clientId === clientId ? (consentsByMember.get(ctx.principal.sub) ?? []) : [],
  },
};

const approved = crypto.randomUUID();
const unapproved = crypto.randomUUID();
const ownProduction = crypto.randomUUID();
const serving = {
  municipalitiesServed: ['837'],
  offerings: [{ id: crypto.randomUUID(), serviceTypeCode: 'DAY_ACTIVITIES' }],
};
providersById.set(approved, {
  id: approved,
  kind: 'COMPANY',
  approvalStatus: 'APPROVED',
  ...serving,
});
providersById.set(DEMO.providerId, {
  id: DEMO.providerId,
  kind: 'COMPANY',
  approvalStatus: 'APPROVED',
  ...serving,
});
providersById.set(unapproved, {
  id: unapproved,
  kind: 'NGO',
  approvalStatus: 'PENDING',
  ...serving,
});
providersById.set(ownProduction, {
  id: ownProduction,
  kind: 'ORGANISER_OWN',
  approvalStatus: 'APPROVED',
  ...serving,
});

const f = budgetsFixture({ seed: 'demo', remote: fakeRemote });
const { as, q } = f;

const worker = principal('WORKER', { sub: DEMO.workerId, municipalities: ['837'] });
// Organiser staff of Pirkanmaan hyvinvointialue, as the verifier expands an organiser token.
const organiser = principal('ORGANISER', {
  sub: DEMO.organiserId,
  organiserId: PIRKANMAA_ORGANISER_ID,
  municipalities: [...DEMO.pirkanmaa],
});
const provider = principal('PROVIDER', { providerId: approved });

const year = new Date().getFullYear();

const one = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
  (await q<T>(sql, params))[0]!;

async function classId(
  serviceType: string,
  level: number | null,
  municipality = '837',
): Promise<string> {
  const [row] = await q<{ id: string }>(
    `SELECT id FROM budgets.hb_class WHERE service_type = $1 AND municipality_code = $2 AND level IS NOT DISTINCT FROM $3`,
    [serviceType, municipality, level],
  );
  return row!.id;
}

function newClient(municipality = '837'): string {
  const id = crypto.randomUUID();
  clientsById.set(id, municipality);
  return id;
}

async function decide(overrides: Partial<DecideBudgetInput> = {}) {
  // A past year is decided on its last day: a decision for a year that is over is refused.
  const y = overrides.year ?? year;
  const ctx = as(worker, y < year ? `${y}-12-31` : undefined);
  return ctx.budgets.decide(
    {
      clientId: newClient(),
      year,
      serviceType: 'DAY_ACTIVITIES',
      hbClassId: await classId('DAY_ACTIVITIES', 5),
      weeklyUnits: 2,
      weeks: 48,
      paymentIntervalMonths: 3,
      instrument: 'VOUCHER',
      ...overrides,
    },
    ctx.catalog,
  );
}

/** A budget fixed at `euros` through the individual class, paid all at once. */
async function individualBudget(cents: number, y = year) {
  const result = await decide({
    year: y,
    hbClassId: await classId('DAY_ACTIVITIES', null),
    unitPrice: (cents / 100).toFixed(2),
    weeklyUnits: null,
    weeks: null,
    paymentIntervalMonths: 12,
  });
  expect(result.errors).toEqual([]);
  return result.budget!;
}

async function balanceMatchesLedger(budgetId: string) {
  const ctx = as(worker);
  const balance = (await ctx.loaders.balance.load(budgetId))!;
  const sums = await ctx.ledger['stores'].ledger.sums(f.database.dataSource, budgetId);
  expect({
    grantedCents: balance.grantedCents,
    paidOutCents: balance.paidOutCents,
    spentCents: balance.spentCents,
    pendingCents: balance.pendingCents,
    lapsedCents: balance.lapsedCents,
  }).toEqual(sums);
  expect(balance.remainingCents).toBe(
    sums.grantedCents - sums.spentCents - sums.pendingCents - sums.lapsedCents,
  );
  return balance;
}

/** A commitment of `euros` (default: the whole budget) to the provider, issued by the worker. */
async function commit(
  budgetId: string,
  providerId = approved,
  amount?: string,
  discretionaryReason?: string,
) {
  const ctx = as(worker);
  const budget = (await ctx.budgets.get(budgetId))!;
  const granted = (await ctx.budgets.balance(budget)).grantedCents;
  const result = await ctx.commitments.issue({
    budgetId,
    providerId,
    amount: amount ?? (granted / 100).toFixed(2),
    reason: 'Toteutussuunnitelman mukaan',
    discretionaryReason: discretionaryReason ?? null,
  });
  expect(result.errors).toEqual([]);
  return result.commitment!;
}

const charge = (budgetId: string, overrides: Record<string, unknown> = {}) => ({
  budgetId,
  providerId: approved,
  amount: '100.00',
  serviceDate: `${year}-01-15`,
  description: 'Ohjaus',
  idempotencyKey: crypto.randomUUID(),
  ...overrides,
});

describe('demo seed', () => {
  it('has the Keusote classes for every Pirkanmaa municipality', async () => {
    const { n } = await one<{ n: number }>(
      `SELECT count(DISTINCT municipality_code)::int AS n FROM budgets.hb_class`,
    );
    expect(n).toBe(DEMO.pirkanmaa.length);
    const classes = await as(worker).catalog.classes('DAY_ACTIVITIES', '837');
    expect(classes.map((c) => [c.level, c.pricingBasis, c.unitPriceCents])).toEqual([
      [1, 'HOUR', 1800],
      [2, 'HOUR', 2400],
      [3, 'DAY', null],
      [4, 'DAY', 12000],
      [5, 'DAY', 16000],
      [6, 'DAY', null],
      [7, 'DAY', 24000],
      [null, 'YEAR', null],
    ]);
    const respite = await as(worker).catalog.classes('RESPITE_CARE', '536');
    expect(respite.filter((c) => !c.individual).map((c) => [c.minAge, c.maxAge])).toEqual([
      [0, 17],
      [0, 17],
      [0, 17],
      [18, 64],
      [18, 64],
      [18, 64],
    ]);
    const transport = await as(worker).catalog.classes('TRANSPORT', '980');
    expect(transport.map((c) => c.maxKilometres)).toEqual([1000, 2000, 3000, 4000, null]);
  });

  it('gives Essi an active 15 360 € day-activity budget with confirmed and pending charges', async () => {
    const ctx = as(principal('CLIENT', { clientId: DEMO.essiClientId }));
    const [budget] = await ctx.budgets.forClient(DEMO.essiClientId, year);
    expect(budget).toMatchObject({
      status: 'ACTIVE',
      instrument: 'VOUCHER',
      paymentIntervalMonths: 3,
      grantedCents: 1_536_000,
    });
    const balance = await balanceMatchesLedger(budget!.id);
    expect(balance).toMatchObject({
      grantedCents: 1_536_000,
      spentCents: 4 * 32_000,
      pendingCents: 32_000,
    });
    const instalments = await ctx.budgets.instalments(budget!);
    expect(instalments).toHaveLength(4);
    expect(instalments.reduce((s, i) => s + i.amountCents, 0)).toBe(1_536_000);
  });
});

describe('calculateBudget', () => {
  it('reproduces the worked examples', async () => {
    const ctx = as(worker);
    const monthly = await ctx.catalog.calculate({
      serviceType: 'DAY_ACTIVITIES',
      municipalityCode: '837',
      hbClassId: await classId('DAY_ACTIVITIES', 5),
      year: 2022,
      monthlyUnits: [20, 20, 23, 19, 21, 21, 0, 23, 22, 21, 22, 20],
    });
    expect(monthly.total.amount).toBe('37120.00');
    expect(monthly.months.map((m) => m.amount.amount)).toEqual([
      '3200.00',
      '3200.00',
      '3680.00',
      '3040.00',
      '3360.00',
      '3360.00',
      '0.00',
      '3680.00',
      '3520.00',
      '3360.00',
      '3520.00',
      '3200.00',
    ]);
    const weekly = await ctx.catalog.calculate({
      serviceType: 'DAY_ACTIVITIES',
      municipalityCode: '837',
      hbClassId: await classId('DAY_ACTIVITIES', 5),
      year: 2022,
      weeklyUnits: 2,
      weeks: 48,
    });
    expect(weekly.total.amount).toBe('15360.00');
    expect(weekly.explanation).toContain('48');
  });

  it('refuses bad input and anonymous callers', async () => {
    await expect(
      as(worker).catalog.calculate({
        serviceType: 'DAY_ACTIVITIES',
        municipalityCode: '837',
        year,
        unitPrice: '1.001',
        weeklyUnits: 1,
        weeks: 1,
      }),
    ).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    await expect(
      as(null).catalog.calculate({
        serviceType: 'DAY_ACTIVITIES',
        municipalityCode: '837',
        year,
        weeklyUnits: 1,
        weeks: 1,
      }),
    ).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});

describe('decideBudget', () => {
  it('grants the budget with instalments, a GRANT and an outbox event', async () => {
    const result = await decide();
    expect(result.errors).toEqual([]);
    const budget = result.budget!;
    expect(result.transaction).toMatchObject({ kind: 'GRANT', amountCents: 1_536_000 });
    const instalments = await as(worker).budgets.instalments(budget);
    expect(instalments.map((i) => i.amountCents)).toEqual([384_000, 384_000, 384_000, 384_000]);
    await balanceMatchesLedger(budget.id);
    const events = await q<{ change: string }>(
      `SELECT change FROM budgets.budget_event WHERE budget_id = $1 ORDER BY sequence`,
      [budget.id],
    );
    expect(events[0]!.change).toBe('DECIDED');
  });

  it.each([
    [{ instrument: 'CARD' as const }, 'input.instrument'],
    [{ paymentIntervalMonths: 13 }, 'input.paymentIntervalMonths'],
    [{ unitPrice: '170.00' }, 'input.unitPrice'],
    [{ weeklyUnits: 0 }, 'input.weeklyUnits'],
    [{ clientId: crypto.randomUUID() }, 'input.clientId'],
  ])('refuses %j naming %s and writes nothing', async (override, field) => {
    const { n: before } = await one<{ n: number }>(`SELECT count(*)::int AS n FROM budgets.budget`);
    const result = await decide(override);
    expect(result.budget).toBeNull();
    expect(result.errors.map((e) => e.field)).toContain(field);
    const { n: after } = await one<{ n: number }>(`SELECT count(*)::int AS n FROM budgets.budget`);
    expect(after).toBe(before);
  });

  it('needs an explicit price for a class without value, and refuses another municipality', async () => {
    const class3 = await classId('DAY_ACTIVITIES', 3);
    expect((await decide({ hbClassId: class3 })).errors.map((e) => e.field)).toEqual([
      'input.unitPrice',
    ]);
    expect((await decide({ hbClassId: class3, unitPrice: '150.00' })).budget?.grantedCents).toBe(
      1_440_000,
    );
    expect((await decide({ clientId: newClient('536') })).errors.map((e) => e.field)).toEqual([
      'input.hbClassId',
    ]);
    await expect(
      as(principal('WORKER', { municipalities: ['536'] })).budgets.decide(
        {
          clientId: newClient(),
          year,
          serviceType: 'DAY_ACTIVITIES',
          hbClassId: await classId('DAY_ACTIVITIES', 5),
          weeklyUnits: 1,
          weeks: 1,
          paymentIntervalMonths: 1,
          instrument: 'VOUCHER',
        },
        as(worker).catalog,
      ),
    ).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });

  it('allows the card for transport only', async () => {
    const result = await decide({
      serviceType: 'TRANSPORT',
      hbClassId: await classId('TRANSPORT', 2),
      weeklyUnits: null,
      weeks: null,
      kilometres: 1500,
      instrument: 'CARD',
    });
    expect(result.errors).toEqual([]);
    expect(result.budget).toMatchObject({ instrument: 'CARD', grantedCents: 270_000 });
  });

  it('re-assesses with an ADJUSTMENT and keeps paid instalments', async () => {
    const first = await decide();
    const clientId = first.budget!.clientId;
    const again = await decide({ clientId, weeklyUnits: 3 });
    expect(again.errors).toEqual([]);
    expect(again.budget!.id).toBe(first.budget!.id);
    expect(again.budget!.version).toBe(2);
    expect(again.transaction).toMatchObject({ kind: 'ADJUSTMENT', amountCents: 768_000 });
    const balance = await balanceMatchesLedger(first.budget!.id);
    expect(balance.grantedCents).toBe(2_304_000);
    const instalments = await as(worker).budgets.instalments(again.budget!);
    expect(instalments.reduce((s, i) => s + i.amountCents, 0)).toBe(2_304_000);
    const kinds = await q<{ kind: string }>(
      `SELECT kind FROM budgets.ledger_transaction WHERE budget_id = $1 ORDER BY position`,
      [first.budget!.id],
    );
    expect(kinds.map((k) => k.kind)).toContain('ADJUSTMENT');
  });

  it('keeps the decided price when the organiser changes the class value', async () => {
    const class4 = await classId('DAY_ACTIVITIES', 4);
    const decided = await decide({ hbClassId: class4 });
    expect(decided.budget!.unitPriceCents).toBe(12_000);
    await expect(as(worker).catalog.setPrice(class4, year, '130.00')).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    const set = await as(organiser).catalog.setPrice(class4, year + 1, '130.00');
    expect(set.errors).toEqual([]);
    expect(set.hbClass!.unitPriceCents).toBe(13_000);
    expect((await as(worker).catalog.hbClass(class4, year))!.unitPriceCents).toBe(12_000);
    const reread = (await as(worker).budgets.get(decided.budget!.id))!;
    expect(reread.unitPriceCents).toBe(12_000);
    expect(reread.grantedCents).toBe(decided.budget!.grantedCents);
    expect(
      (await as(organiser).catalog.setPrice(class4, year, '-1')).errors.map((e) => e.field),
    ).toEqual(['unitPrice']);
  });
});

describe('reading budgets', () => {
  it('tells that a client has no budgets only to those who may read hers', async () => {
    const nokiaWorker = principal('WORKER', { municipalities: ['536'] });
    const empty = newClient();
    expect(await as(worker).budgets.forClient(empty, null)).toEqual([]);
    for (const [who, clientId] of [
      [nokiaWorker, empty],
      [worker, crypto.randomUUID()], // unknown to the clients subgraph
      [principal('MUNICIPAL_SYSTEM', { municipalities: ['536'], scopes: ['budgets:read'] }), empty],
      // A team member with no consent in force (or no longer on the team) is told nothing.
      [principal('TEAM_MEMBER', { clientId: empty }), empty],
    ] as const) {
      await expect(as(who).budgets.forClient(clientId, null)).rejects.toMatchObject({
        extensions: { code: 'FORBIDDEN' },
      });
    }
    // A year without budgets is judged by the client's other budgets.
    const budget = (await decide()).budget!;
    expect(await as(worker).budgets.forClient(budget.clientId, year - 1)).toEqual([]);
    await expect(
      as(nokiaWorker).budgets.forClient(budget.clientId, year - 1),
    ).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });

  it('asks the clients subgraph once for a page of clients without budgets', async () => {
    // Where a client lives decides "no budgets"; asked per client, a client page cost the
    // clients subgraph a request per client without a budget.
    const empty = Array.from({ length: 20 }, () => newClient());
    const ctx = as(worker);
    const before = { ...clientRequests };
    // As the Client.budgets resolvers of one _entities batch run: side by side.
    const lists = await Promise.all(empty.map((id) => ctx.budgets.forClient(id, null)));
    expect(lists).toEqual(empty.map(() => []));
    expect(clientRequests.batch - before.batch).toBe(1);
    expect(clientRequests.single - before.single).toBe(0);
  });

  it('logs reads and follows the access rules', async () => {
    const budget = (await decide()).budget!;
    const ctx = as(worker);
    await ctx.budgets.get(budget.id);
    await ctx.accessLog.flush();
    // As the superuser: the budgets role may append to the access log, not read it.
    const [{ n }] = (await queryDatabase<{ n: number }>(
      f.url,
      `SELECT count(*)::int AS n FROM audit.access_log WHERE client_id = $1 AND subject = 'Budget' AND action = 'READ'`,
      [budget.clientId],
    )) as [{ n: number }];
    expect(n).toBeGreaterThanOrEqual(1);
    await expect(
      as(principal('WORKER', { municipalities: ['536'] })).budgets.get(budget.id),
    ).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    await expect(as(organiser).budgets.get(budget.id)).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    await expect(as(provider).budgets.get(budget.id)).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    expect(
      await as(principal('CLIENT', { clientId: budget.clientId })).budgets.get(budget.id),
    ).not.toBeNull();
    const member = principal('TEAM_MEMBER', { clientId: budget.clientId });
    await expect(as(member).budgets.get(budget.id)).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    consentsByMember.set(member.sub, ['BUDGET']);
    expect(await as(member).budgets.get(budget.id)).not.toBeNull();
    const system = principal('MUNICIPAL_SYSTEM', {
      municipalities: ['837'],
      scopes: ['budgets:read'],
    });
    expect(await as(system).budgets.get(budget.id)).not.toBeNull();
    expect(await as(worker).budgets.get(crypto.randomUUID())).toBeNull();
  });
});

describe('recordCharge', () => {
  it.each([
    [{ amount: '0' }, 'input.amount', 'VALIDATION'],
    [{ amount: '-5.00' }, 'input.amount', 'VALIDATION'],
    [{ amount: '10.001' }, 'input.amount', 'VALIDATION'],
    [{ serviceDate: `${year - 1}-12-31` }, 'input.serviceDate', 'OUTSIDE_VALIDITY'],
    [{ budgetId: crypto.randomUUID() }, 'input.commitmentId', 'NO_COMMITMENT'],
    [{ providerId: unapproved }, 'input.commitmentId', 'NO_COMMITMENT'],
  ])('refuses %j with %s %s and writes nothing', async (override, field, code) => {
    const budget = await individualBudget(100_000);
    await commit(budget.id);
    const result = await as(worker).ledger.recordCharge(charge(budget.id, override));
    expect(result.transaction).toBeNull();
    expect(result.errors.map((e) => [e.field, e.code])).toEqual([[field, code]]);
    const { n } = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM budgets.ledger_transaction WHERE budget_id = $1 AND kind = 'CHARGE'`,
      [budget.id],
    );
    expect(n).toBe(0);
  });

  it("carries the staff's discretionary reason of the commitment onto the charge", async () => {
    const budget = await individualBudget(100_000);
    await commit(budget.id, unapproved, '500.00', 'Ainoa viittomakielinen ohjaaja');
    const result = await as(worker).ledger.recordCharge(
      charge(budget.id, { providerId: unapproved }),
    );
    expect(result.errors).toEqual([]);
    expect(result.transaction).toMatchObject({
      status: 'PENDING_CONFIRMATION',
      discretionaryReason: 'Ainoa viittomakielinen ohjaaja',
    });
  });

  it('lets a provider charge only under its own id and returns no budget to it', async () => {
    const budget = await individualBudget(100_000);
    await commit(budget.id);
    await expect(
      as(provider).ledger.recordCharge(charge(budget.id, { providerId: unapproved })),
    ).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    const result = await as(provider).ledger.recordCharge(charge(budget.id));
    expect(result.errors).toEqual([]);
    expect(await as(provider).ledger.visibleBudget(result.budgetId!)).toBeNull();
    const page = await as(provider).budgets.transactions(budget, 10, null);
    expect(page.edges.map((e) => e.node.kind)).toEqual(['CHARGE']);
  });

  it('returns the first result for a repeated idempotency key', async () => {
    const budget = await individualBudget(100_000);
    await commit(budget.id);
    const input = charge(budget.id);
    const first = await as(provider).ledger.recordCharge(input);
    const second = await as(provider).ledger.recordCharge(input);
    expect(second.transaction!.id).toBe(first.transaction!.id);
    const other = await as(provider).ledger.recordCharge({ ...input, amount: '99.00' });
    expect(other.errors.map((e) => e.code)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    const balance = await balanceMatchesLedger(budget.id);
    expect(balance.pendingCents).toBe(10_000);
  });

  it('refuses a charge above the commitment without telling the balance', async () => {
    const budget = await individualBudget(15_000);
    await commit(budget.id);
    expect((await as(provider).ledger.recordCharge(charge(budget.id))).errors).toEqual([]);
    const result = await as(provider).ledger.recordCharge(charge(budget.id));
    expect(result.errors.map((e) => e.code)).toEqual(['OVER_COMMITMENT']);
    expect(result.errors[0]!.message).not.toMatch(/\d/);
    expect((await balanceMatchesLedger(budget.id)).remainingCents).toBe(5_000);
  });

  it('lets the database refuse a negative remainder even if the code did not', async () => {
    const budget = await individualBudget(15_000);
    await expect(
      q(
        `UPDATE budgets.budget_balance SET pending_cents = pending_cents + 20000 WHERE budget_id = $1`,
        [budget.id],
      ),
    ).rejects.toThrow(/budget_balance_remaining_not_negative/);
    await expect(
      q(`DELETE FROM budgets.ledger_transaction WHERE budget_id = $1`, [budget.id]),
    ).rejects.toThrow(/immutable/);
  });

  it('100 concurrent charges: exactly those that fit succeed and the ledger sums match', async () => {
    const budget = await individualBudget(370_000);
    await commit(budget.id);
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        as(provider).ledger.recordCharge(charge(budget.id, { idempotencyKey: `concurrent-${i}` })),
      ),
    );
    const ok = results.filter((r) => r.transaction);
    const refused = results.filter((r) => r.errors.some((e) => e.code === 'OVER_COMMITMENT'));
    expect(ok).toHaveLength(37);
    expect(refused).toHaveLength(63);
    const balance = await balanceMatchesLedger(budget.id);
    expect(balance).toMatchObject({ pendingCents: 370_000, remainingCents: 0 });
    const { n } = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM budgets.budget_event WHERE budget_id = $1 AND change = 'CHARGE_RECORDED'`,
      [budget.id],
    );
    expect(n).toBe(37);
  }, 120_000);
});

describe('confirmCharge and rejectCharge', () => {
  it('moves pending to spent on confirmation, releases it on rejection', async () => {
    const budget = await individualBudget(100_000);
    await commit(budget.id);
    const a = (await as(provider).ledger.recordCharge(charge(budget.id))).transaction!;
    const b = (await as(provider).ledger.recordCharge(charge(budget.id, { amount: '50.00' })))
      .transaction!;
    const client = principal('CLIENT', { clientId: budget.clientId });

    await expect(as(worker).ledger.confirm(a.id)).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    const member = principal('TEAM_MEMBER', { clientId: budget.clientId });
    await expect(as(member).ledger.confirm(a.id)).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });

    const confirmed = await as(client).ledger.confirm(a.id);
    expect(confirmed.transaction).toMatchObject({ status: 'CONFIRMED' });
    expect((await as(client).ledger.confirm(a.id)).errors.map((e) => e.code)).toEqual([
      'NOT_PENDING',
    ]);
    expect((await as(client).ledger.reject(b.id, ' ')).errors.map((e) => e.field)).toEqual([
      'reason',
    ]);

    consentsByMember.set(member.sub, ['BUDGET', 'PLAN']);
    const rejected = await as(member).ledger.reject(b.id, 'Palvelua ei toteutunut');
    expect(rejected.transaction).toMatchObject({
      status: 'REJECTED',
      rejectionReason: 'Palvelua ei toteutunut',
    });
    const balance = await balanceMatchesLedger(budget.id);
    expect(balance).toMatchObject({ spentCents: 10_000, pendingCents: 0, remainingCents: 90_000 });
  });
});

describe('closeYear', () => {
  it('closes the open budgets of a past year, lapses the remainder, and is idempotent', async () => {
    const past = year - 1;
    const budget = await individualBudget(50_000, past);
    await commit(budget.id);
    const c = (
      await as(provider).ledger.recordCharge(
        charge(budget.id, { serviceDate: `${past}-05-05`, amount: '200.00' }),
      )
    ).transaction!;
    await as(principal('CLIENT', { clientId: budget.clientId })).ledger.confirm(c.id);
    await expect(as(worker).yearEnd.closeYear('837', past)).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    expect(
      (await as(organiser).yearEnd.closeYear('837', year + 1)).errors.map((e) => e.code),
    ).toEqual(['YEAR_NOT_OVER']);
    const first = await as(organiser).yearEnd.closeYear('837', past);
    expect(first.errors).toEqual([]);
    expect(first.closedCount).toBeGreaterThanOrEqual(1);
    const balance = await balanceMatchesLedger(budget.id);
    expect(balance).toMatchObject({ spentCents: 20_000, lapsedCents: 30_000, remainingCents: 0 });
    const second = await as(organiser).yearEnd.closeYear('837', past);
    expect(second).toMatchObject({ closedCount: 0, lapsed: { amount: '0.00' } });
    expect(
      (
        await as(provider).ledger.recordCharge(charge(budget.id, { serviceDate: `${past}-06-06` }))
      ).errors.map((e) => e.code),
    ).toContain('BUDGET_NOT_ACTIVE');
    expect((await as(worker).budgets.get(budget.id))!.status).toBe('CLOSED');
  });
});

describe('outbox', () => {
  it('numbers events monotonically', async () => {
    const rows = await q<{ sequence: string }>(
      `SELECT e.sequence::text AS sequence FROM budgets.budget_event e ORDER BY e.sequence`,
    );
    const seqs = rows.map((r) => Number(r.sequence));
    expect(seqs.length).toBeGreaterThan(10);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(seqs.length);
  });
});

describe('daily job', () => {
  it('pays due instalments, raises alerts once per key, and is idempotent', async () => {
    const logger = createLogger('test', 'silent');
    const stores = createStores(f.database.dataSource);
    // A budget decided as if on January 1st: only the first quarter is paid.
    const early = extendContext(stores, { remote: fakeRemote, today: () => `${year}-01-01` })(
      requestContext(f.database.dataSource, worker, 'budgets'),
    );
    const decided = await early.budgets.decide(
      {
        clientId: newClient(),
        year,
        serviceType: 'DAY_ACTIVITIES',
        hbClassId: await classId('DAY_ACTIVITIES', 5),
        weeklyUnits: 2,
        weeks: 48,
        paymentIntervalMonths: 3,
        instrument: 'VOUCHER',
      },
      early.catalog,
    );
    expect((await balanceMatchesLedger(decided.budget!.id)).paidOutCents).toBe(384_000);
    const autumn = `${year}-11-20`;
    await runDailyBudgetJob(stores, { remote: fakeRemote, today: () => autumn }, logger);
    const afterFirst = await balanceMatchesLedger(decided.budget!.id);
    expect(afterFirst.paidOutCents).toBe(1_536_000);
    const alerts = await q<{ key: string }>(
      `SELECT key FROM budgets.budget_alert WHERE budget_id = $1`,
      [decided.budget!.id],
    );
    expect(alerts.map((a) => a.key).sort()).toEqual([
      `UNDERUSE:${year}-11`,
      `YEAR_END_LAPSE_AHEAD:${year}-11`,
    ]);
    await runDailyBudgetJob(stores, { remote: fakeRemote, today: () => autumn }, logger);
    expect(await balanceMatchesLedger(decided.budget!.id)).toEqual(afterFirst);
    const again = await q(`SELECT key FROM budgets.budget_alert WHERE budget_id = $1`, [
      decided.budget!.id,
    ]);
    expect(again).toHaveLength(2);
  });
});
