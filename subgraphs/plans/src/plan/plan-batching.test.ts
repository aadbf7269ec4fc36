import crypto from 'node:crypto';
import { graphql } from 'graphql';
import { DEMO, createLogger } from '@hb/kit';
import { countStatements as count, principal } from '@hb/kit/testing';
import { seedPlansDemo } from '../seed/demo.seed';
import { plansFixture } from '../testing/plans-fixture';

const f = plansFixture({ schema: true });
const { as, fake, year: YEAR } = f;
const adviser = principal('ADVISER', { sub: DEMO.adviserId, municipalities: ['837'] });
const planIds: string[] = [];
const clientIds: string[] = [];

/** Counts the SQL statements TypeORM sends while `work` runs. */
const countStatements = <T>(work: () => Promise<T>) => count(f.database.dataSource, work);

const ctx = () => as(adviser);

beforeAll(async () => {
  const providerId = crypto.randomUUID();
  fake.providers.set(providerId, {
    id: providerId,
    kind: 'COMPANY',
    approvalStatus: 'APPROVED',
    offerings: [{ id: crypto.randomUUID(), serviceTypeCode: 'DAY_ACTIVITIES' }],
  });
  for (let i = 0; i < 50; i++) {
    const clientId = crypto.randomUUID();
    const budgetId = crypto.randomUUID();
    fake.clients.set(clientId, { id: clientId, municipalityCode: '837' });
    fake.budgets.set(budgetId, {
      id: budgetId,
      clientId,
      year: YEAR,
      grantedCents: 1_000_000,
      serviceTypeCode: 'DAY_ACTIVITIES',
    });
    const created = await ctx().plans.create({
      clientId,
      municipalityCode: '837',
      year: YEAR,
      goals: [
        { description: `Tavoite A${i}`, reviewDates: [`${YEAR}-06-30`] },
        { description: `Tavoite B${i}`, reviewDates: [] },
      ],
      participants: [
        { name: 'Asiakas', role: 'CLIENT' },
        { name: 'Neuvoja', role: 'HB_ADVISER' },
      ],
    });
    const plan = created.plan!;
    await ctx().plans.setAllocations(plan.id, [
      { budgetId, providerId, amount: '100.00', description: 'Ohjaus' },
      { budgetId, amount: '50.00', description: 'Varaus' },
    ]);
    planIds.push(plan.id);
    clientIds.push(clientId);
  }
}, 120_000);

const PLAN_FIELDS = `
  id version status client { id } previousVersion { id }
  goals { id description reviewDates reviews { attainment } nextReviewDue overdue }
  participants { name role }
  allocations { id amount { amount currency } budget { id } provider { id } offering { id } switches { reason } }`;

describe('batched resolution', () => {
  it('resolves 50 plans with goals, participants and allocations in a handful of statements', async () => {
    const c = ctx();
    const { result, statements } = await countStatements(() =>
      graphql({
        schema: f.schema,
        source: `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on ImplementationPlan { ${PLAN_FIELDS} } } }`,
        variableValues: { reps: planIds.map((id) => ({ __typename: 'ImplementationPlan', id })) },
        contextValue: c,
      }),
    );
    expect(result.errors).toBeUndefined();
    const plans = (
      result.data as {
        _entities: Array<{ goals: unknown[]; allocations: Array<{ amount: { amount: string } }> }>;
      }
    )._entities;
    expect(plans).toHaveLength(50);
    expect(plans.every((p) => p.goals.length === 2 && p.allocations.length === 2)).toBe(true);
    expect(plans[0]!.allocations[0]!.amount).toEqual({ amount: '100.00', currency: 'EUR' });
    expect(statements.length).toBeLessThanOrEqual(10);
    // Every read is logged, one row per client, in one statement at the end of the request.
    const flushed = await countStatements(() => c.accessLog.flush());
    expect(flushed.statements).toHaveLength(1);
  });

  it('resolves Client.plans of 50 clients in a handful of statements', async () => {
    const { result, statements } = await countStatements(() =>
      graphql({
        schema: f.schema,
        source: `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Client { id plans { ${PLAN_FIELDS} } } } }`,
        variableValues: { reps: clientIds.map((id) => ({ __typename: 'Client', id })) },
        contextValue: ctx(),
      }),
    );
    expect(result.errors).toBeUndefined();
    const clients = (result.data as { _entities: Array<{ plans: unknown[] }> })._entities;
    expect(clients.every((c) => c.plans.length === 1)).toBe(true);
    expect(statements.length).toBeLessThanOrEqual(10);
  });

  it('asks the clients subgraph once for a page of clients without plans', async () => {
    // Where a client lives decides "no plans"; asked per client, a client page of 20 advisers
    // cost the clients subgraph a request per client without a plan.
    const without = Array.from({ length: 20 }, () => crypto.randomUUID());
    for (const id of without) fake.clients.set(id, { id, municipalityCode: '837' });
    const before = { ...fake.calls };
    const result = await graphql({
      schema: f.schema,
      source: `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Client { id plans { id } } } }`,
      variableValues: { reps: without.map((id) => ({ __typename: 'Client', id })) },
      contextValue: ctx(),
    });
    expect(result.errors).toBeUndefined();
    const clients = (result.data as { _entities: Array<{ plans: unknown[] }> })._entities;
    expect(clients.map((c) => c.plans)).toEqual(without.map(() => []));
    expect(fake.calls.clientBatches - before.clientBatches).toBe(1);
    expect(fake.calls.clients - before.clients).toBe(0);
  });

  it('answers FORBIDDEN through _entities for a caller without rights', async () => {
    const organiser = as(principal('ORGANISER', { municipalities: ['837'] }));
    const result = await graphql({
      schema: f.schema,
      source: `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on ImplementationPlan { id goals { id } } } }`,
      variableValues: { reps: [{ __typename: 'ImplementationPlan', id: planIds[0] }] },
      contextValue: organiser,
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('demo seed', () => {
  it("seeds Essi's accepted plan once, only into empty tables", async () => {
    await f.database.dataSource.query(`DELETE FROM plans.allocation`);
    await f.database.dataSource.query(`DELETE FROM plans.participant`);
    await f.database.dataSource.query(`DELETE FROM plans.goal`);
    await f.database.dataSource.query(`DELETE FROM plans.implementation_plan`);
    await seedPlansDemo(f.database.dataSource, createLogger('test', 'silent'));
    await seedPlansDemo(f.database.dataSource, createLogger('test', 'silent'));
    const essi = principal('CLIENT', { clientId: DEMO.essiClientId });
    const c = as(essi);
    const plans = await c.plans.plansOfClient(DEMO.essiClientId);
    expect(plans.map((p) => [p.year, p.version, p.status, p.municipalityCode])).toEqual([
      [YEAR, 1, 'ACCEPTED', '837'],
    ]);
    expect((await c.loaders.goals.load(plans[0]!.id)).length).toBe(3);
    expect((await c.loaders.participants.load(plans[0]!.id)).map((p) => p.name)).toEqual([
      'Essi Esimerkki',
      'Marja Esimerkki',
      'Olli Omatyö',
      'Hanna Neuvonen',
    ]);
  });
});
