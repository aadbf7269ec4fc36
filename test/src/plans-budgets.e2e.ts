import { DEMO, todayInFinland } from '@hb/kit';
import {
  createClient,
  createPlan,
  decideBudget,
  issueCommitment,
  recordCharge,
  setAllocation,
  tokens,
  usePlatform,
} from './testkit';

const platform = usePlatform();

/** A provider from the public catalogue, chosen by kind and whether it offers a service. */
async function providerWhere(test: (p: CatalogueProvider) => boolean): Promise<CatalogueProvider> {
  const res = await platform.gql<{ providers: { edges: Array<{ node: CatalogueProvider }> } }>(
    `{ providers(first: 100) { edges { node { id name kind offerings { serviceType { code } } } } } }`,
  );
  const found = res.data?.providers.edges.map((e) => e.node).find(test);
  if (!found) throw new Error(`no such provider in the catalogue: ${JSON.stringify(res)}`);
  return found;
}
interface CatalogueProvider {
  id: string;
  name: string;
  kind: string;
  offerings: Array<{ serviceType: { code: string } }>;
}
const offers = (p: CatalogueProvider, code: string) =>
  p.offerings.some((o) => o.serviceType.code === code);

describe('budgets through the gateway', () => {
  it("decides a budget, records and confirms a charge, and reads the balance with the client's name", async () => {
    const t = tokens(platform);
    const adviser = await t.adviser();
    const client = await createClient(platform, adviser, { firstName: 'Saldo' });
    const budget = await decideBudget(platform, adviser, client.id, { weeklyUnits: 2, weeks: 48 });
    await issueCommitment(platform, adviser, { budgetId: budget.id, providerId: DEMO.providerId });
    const charge = await recordCharge(platform, await t.provider(DEMO.providerId), {
      budgetId: budget.id,
      providerId: DEMO.providerId,
      amount: '320.00',
    });
    const pending = await platform.gql<{
      client: { budgets: Array<Record<string, { amount: string }>> };
    }>(
      `query($id: ID!) { client(id: $id) { budgets { pending { amount } remaining { amount } } } }`,
      { id: client.id },
      { token: adviser },
    );
    expect(pending.data?.client.budgets[0]).toMatchObject({ pending: { amount: '320.00' } });

    const own = await t.client(client.id);
    const confirmed = await platform.gql<{ confirmCharge: { errors: unknown[] } }>(
      `mutation($t: ID!) { confirmCharge(transactionId: $t) { errors { code message } transaction { status } } }`,
      { t: charge.id },
      { token: own },
    );
    expect(confirmed.data?.confirmCharge.errors).toEqual([]);

    const res = await platform.gql<{
      client: {
        firstName: string;
        budgets: Array<{
          granted: { amount: string };
          spent: { amount: string };
          pending: { amount: string };
          remaining: { amount: string };
          transactions: {
            edges: Array<{
              node: { kind: string; status: string; provider: { name: string } | null };
            }>;
          };
        }>;
      };
    }>(
      `query($id: ID!) { client(id: $id) { firstName budgets {
        granted { amount } spent { amount } pending { amount } remaining { amount }
        transactions(first: 10) { edges { node { kind status provider { name } } } }
      } } }`,
      { id: client.id },
      { token: own },
    );
    expect(res.errors).toBeUndefined();
    const [b] = res.data!.client.budgets;
    expect(res.data?.client.firstName).toBe('Saldo');
    expect(b).toMatchObject({ spent: { amount: '320.00' }, pending: { amount: '0.00' } });
    const granted = Number(b!.granted.amount);
    expect(Number(b!.remaining.amount)).toBeCloseTo(granted - 320, 2);
    const chargeRow = b!.transactions.edges.map((e) => e.node).find((n) => n.kind === 'CHARGE');
    expect(chargeRow).toMatchObject({
      status: 'CONFIRMED',
      provider: { name: expect.any(String) },
    });
  });

  it("refuses a commitment to the organiser's own production, asking the providers subgraph, and so its charge", async () => {
    const t = tokens(platform);
    const adviser = await t.adviser();
    const client = await createClient(platform, adviser);
    const budget = await decideBudget(platform, adviser, client.id);
    const own = await providerWhere((p) => p.kind === 'ORGANISER_OWN');
    const issued = await platform.gql<{
      issueCommitment: { commitment: unknown; errors: Array<{ code: string }> };
    }>(
      `mutation($i: IssueCommitmentInput!) { issueCommitment(input: $i) { commitment { id } errors { code field } } }`,
      {
        i: {
          budgetId: budget.id,
          providerId: own.id,
          amount: '10.00',
          reason: 'Kokeilu',
          discretionaryReason: 'Harkinta ei auta omaan tuotantoon',
        },
      },
      { token: adviser },
    );
    expect(issued.data?.issueCommitment.commitment).toBeNull();
    expect(issued.data?.issueCommitment.errors.map((e) => e.code)).toEqual([
      'PROVIDER_NOT_ALLOWED',
    ]);
    const res = await platform.gql<{
      recordCharge: { transaction: unknown; errors: Array<{ code: string }> };
    }>(
      `mutation($i: RecordChargeInput!) { recordCharge(input: $i) { transaction { id } errors { code field } } }`,
      {
        i: {
          budgetId: budget.id,
          providerId: own.id,
          amount: '10.00',
          serviceDate: todayInFinland(),
          idempotencyKey: `own-${client.id}`,
        },
      },
      { token: adviser },
    );
    expect(res.data?.recordCharge.transaction).toBeNull();
    expect(res.data?.recordCharge.errors.map((e) => e.code)).toEqual(['NO_COMMITMENT']);
  });
});

describe('plans through the gateway', () => {
  it("reads a plan with its allocations' budgets and providers in one request", async () => {
    const adviser = await tokens(platform).adviser();
    const client = await createClient(platform, adviser, { firstName: 'Suunnitelma' });
    const budget = await decideBudget(platform, adviser, client.id, { weeklyUnits: 2, weeks: 48 });
    const plan = await createPlan(platform, adviser, client.id);
    await setAllocation(platform, adviser, plan.id, {
      budgetId: budget.id,
      providerId: DEMO.providerId,
      amount: '1000.00',
      description: 'Henkilökohtainen ohjaus',
    });
    const res = await platform.gql<{
      client: {
        firstName: string;
        plans: Array<{
          status: string;
          allocations: Array<{
            amount: { amount: string };
            budget: { id: string; granted: { amount: string }; client: { firstName: string } };
            provider: { name: string } | null;
          }>;
        }>;
      };
    }>(
      `query($id: ID!) { client(id: $id) { firstName plans { status allocations {
        amount { amount } budget { id granted { amount } client { firstName } } provider { name }
      } } } }`,
      { id: client.id },
      { token: adviser },
    );
    expect(res.errors).toBeUndefined();
    const [allocation] = res.data!.client.plans[0]!.allocations;
    expect(allocation).toMatchObject({
      amount: { amount: '1000.00' },
      budget: {
        id: budget.id,
        granted: { amount: budget.granted },
        client: { firstName: 'Suunnitelma' },
      },
      provider: { name: expect.any(String) },
    });
  });

  it('refuses allocations over the decision, or to a provider that does not offer the service', async () => {
    const adviser = await tokens(platform).adviser();
    const client = await createClient(platform, adviser);
    const budget = await decideBudget(platform, adviser, client.id, { weeklyUnits: 1, weeks: 10 });
    const plan = await createPlan(platform, adviser, client.id);
    const attempt = (providerId: string, amount: string) =>
      platform.gql<{
        setAllocations: {
          errors: Array<{ code: string }>;
          plan: { allocations: unknown[] } | null;
        };
      }>(
        `mutation($p: ID!, $a: [AllocationInput!]!) { setAllocations(planId: $p, allocations: $a) {
          errors { code field } plan { allocations { id } } } }`,
        { p: plan.id, a: [{ budgetId: budget.id, providerId, amount, description: 'x' }] },
        { token: adviser },
      );
    const over = (Number(budget.granted) + 0.01).toFixed(2);
    const tooMuch = await attempt(DEMO.providerId, over);
    expect(tooMuch.data?.setAllocations.errors.map((e) => e.code)).toContain('OVER_BUDGET');

    const taxi = await providerWhere(
      (p) => p.kind !== 'ORGANISER_OWN' && offers(p, 'TRANSPORT') && !offers(p, 'DAY_ACTIVITIES'),
    );
    const wrongService = await attempt(taxi.id, '10.00');
    expect(wrongService.data?.setAllocations.errors.map((e) => e.code)).toContain(
      'SERVICE_NOT_OFFERED',
    );

    const read = await platform.gql<{ plan: { allocations: unknown[] } }>(
      `query($p: ID!) { plan(id: $p) { allocations { id } } }`,
      { p: plan.id },
      { token: adviser },
    );
    expect(read.data?.plan.allocations).toEqual([]);
  });
});
