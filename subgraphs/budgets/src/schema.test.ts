import crypto from 'node:crypto';
import { graphql } from 'graphql';
import { DEMO, type Principal } from '@hb/kit';
import { principal } from '@hb/kit/testing';
import { budgetsFixture } from './testing/budgets-fixture';
import type { RemoteServices } from './remote/remote-services';

/** The schema wired to the services: resolvers, field names and federation entry points. */
const remote: RemoteServices = {
  clients: {
    client: async (_ctx, id) => (id === DEMO.essiClientId ? { id, municipalityCode: '837' } : null),
  },
  providers: {
    provider: async (_ctx, id) => ({ id, kind: 'COMPANY', approvalStatus: 'APPROVED' }),
  },
  consents: { myConsentScopes: async () => [] },
};

const f = budgetsFixture({ seed: 'demo', schema: true, remote });

async function run(
  who: Principal | null,
  source: string,
  variableValues: Record<string, unknown> = {},
) {
  const contextValue = f.as(who);
  const result = await graphql({ schema: f.schema, source, variableValues, contextValue });
  await contextValue.accessLog.flush();
  return result;
}

const essi = principal('CLIENT', { clientId: DEMO.essiClientId });
const year = new Date().getFullYear();

describe('budgets schema', () => {
  it('names each service type in Finnish and, where recorded, in Swedish (public)', async () => {
    const result = await run(null, `{ serviceTypes { code name nameSv } }`);
    expect(result.errors).toBeUndefined();
    const types = (result.data as { serviceTypes: Array<Record<string, string | null>> })
      .serviceTypes;
    expect(types).toContainEqual({
      code: 'DAY_ACTIVITIES',
      name: 'Päiväaikainen toiminta',
      nameSv: 'Dagverksamhet',
    });
    expect(types.every((t) => t.nameSv)).toBe(true);
  });

  it("shows Essi's budget through Client.budgets with balance, instalments, ledger and alerts", async () => {
    const result = await run(
      essi,
      `query($r: [_Any!]!, $y: Int) { _entities(representations: $r) { ... on Client { budgets(year: $y) {
         id year status instrument paymentIntervalMonths client { id } serviceType { code name }
         hbClass { level pricingBasis unitPrice { amount } }
         granted { amount currency } paidOut { amount } spent { amount } pending { amount } remaining { amount }
         instalments { dueDate amount { amount } paid }
         transactions(first: 3) { totalCount edges { node { kind status amount { amount } provider { id } serviceDate } } pageInfo { hasNextPage endCursor } }
         alerts { kind message }
      } } } }`,
      { r: [{ __typename: 'Client', id: DEMO.essiClientId }], y: year },
    );
    expect(result.errors).toBeUndefined();
    const [budget] = (result.data as { _entities: Array<{ budgets: Array<Record<string, any>> }> })
      ._entities[0]!.budgets;
    expect(budget).toMatchObject({
      year,
      status: 'ACTIVE',
      instrument: 'VOUCHER',
      client: { id: DEMO.essiClientId },
      serviceType: { code: 'DAY_ACTIVITIES' },
      hbClass: { level: 5, pricingBasis: 'DAY', unitPrice: { amount: '160.00' } },
      granted: { amount: '15360.00', currency: 'EUR' },
      spent: { amount: '1280.00' },
      pending: { amount: '320.00' },
      remaining: { amount: '13760.00' },
    });
    expect(budget!.instalments).toHaveLength(4);
    expect(budget!.transactions.edges[0].node).toMatchObject({
      kind: 'CHARGE',
      status: 'PENDING_CONFIRMATION',
      provider: { id: DEMO.providerId },
    });
    expect(budget!.transactions.pageInfo.hasNextPage).toBe(true);
    // Late in the year, most of Essi's budget is unused: the rules say so, once per key.
    if (new Date().getMonth() >= 9)
      expect(budget!.alerts.map((a: { kind: string }) => a.kind)).toContain('YEAR_END_LAPSE_AHEAD');
  });

  it('resolves Budget references with the same rules', async () => {
    const [{ id }] = (await f.database.dataSource.query(
      `SELECT id FROM budgets.budget WHERE client_id = $1`,
      [DEMO.essiClientId],
    )) as [{ id: string }];
    const q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Budget { id granted { amount } } } }`;
    const ok = await run(essi, q, { r: [{ __typename: 'Budget', id }] });
    expect(ok.errors).toBeUndefined();
    const denied = await run(principal('CLIENT', { clientId: crypto.randomUUID() }), q, {
      r: [{ __typename: 'Budget', id }],
    });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('lists service types with classes, previews a calculation, and runs the charge flow', async () => {
    const types = await run(
      null,
      `{ serviceTypes { code classes(municipalityCode: "837") { id level individual unitPrice { amount } criteria } } }`,
    );
    expect(types.errors).toBeUndefined();
    const codes = (types.data as { serviceTypes: Array<{ code: string }> }).serviceTypes.map(
      (t) => t.code,
    );
    expect(codes).toEqual([
      'DAY_ACTIVITIES',
      'RESPITE_CARE',
      'TRANSPORT',
      'PERSONAL_ASSISTANCE',
      'HOUSING',
      'WORK_AND_DAY_ACTIVITY',
      'FAMILY_SERVICES',
    ]);

    const worker = principal('WORKER', { municipalities: ['837'] });
    const calc = await run(
      worker,
      `{ calculateBudget(input: { serviceType: "TRANSPORT", municipalityCode: "837", year: ${year}, unitPrice: "1.50", kilometres: 5000 }) { total { amount } explanation months { month amount { amount } } } }`,
    );
    expect(calc.errors).toBeUndefined();
    expect((calc.data as any).calculateBudget.total.amount).toBe('7500.00');

    const [{ id: budgetId }] = (await f.database.dataSource.query(
      `SELECT id FROM budgets.budget WHERE client_id = $1`,
      [DEMO.essiClientId],
    )) as [{ id: string }];
    const provider = principal('PROVIDER', { providerId: DEMO.providerId });
    const recorded = await run(
      provider,
      `mutation($i: RecordChargeInput!) { recordCharge(input: $i) { transaction { id status amount { amount } } budget { id } errors { code field message } } }`,
      {
        i: {
          budgetId,
          providerId: DEMO.providerId,
          amount: '160.00',
          serviceDate: `${year}-01-02`,
          idempotencyKey: crypto.randomUUID(),
        },
      },
    );
    expect(recorded.errors).toBeUndefined();
    const payload = (recorded.data as any).recordCharge;
    expect(payload).toMatchObject({
      transaction: { status: 'PENDING_CONFIRMATION', amount: { amount: '160.00' } },
      budget: null,
      errors: [],
    });
    const confirmed = await run(
      essi,
      `mutation($t: ID!) { confirmCharge(transactionId: $t) { transaction { status } budget { spent { amount } pending { amount } } errors { code } } }`,
      { t: payload.transaction.id },
    );
    expect(confirmed.errors).toBeUndefined();
    expect((confirmed.data as any).confirmCharge).toMatchObject({
      transaction: { status: 'CONFIRMED' },
      budget: { spent: { amount: '1440.00' }, pending: { amount: '320.00' } },
      errors: [],
    });
  });

  it('answers UNAUTHENTICATED for an anonymous budget read', async () => {
    const result = await run(null, `{ budget(id: "${crypto.randomUUID()}") { id } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
