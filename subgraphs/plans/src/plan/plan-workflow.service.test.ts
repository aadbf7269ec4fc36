import crypto from 'node:crypto';
import { DEMO, type Principal } from '@hb/kit';
import { principal } from '@hb/kit/testing';
import { plansFixture } from '../testing/plans-fixture';

const f = plansFixture();
const { as, fake, year: YEAR } = f;

const adviser = principal('ADVISER', { sub: DEMO.adviserId, municipalities: ['837'] });

const providerId = crypto.randomUUID();
const offeringId = crypto.randomUUID();
fake.providers.set(providerId, {
  id: providerId,
  kind: 'COMPANY',
  approvalStatus: 'APPROVED',
  offerings: [{ id: offeringId, serviceTypeCode: 'DAY_ACTIVITIES' }],
});

const newClient = () => f.clientWithBudget('837');

async function drafted(c: ReturnType<typeof newClient>) {
  const plan = await f.draftPlan(adviser, c.id, '837', 'Essi');
  const a = await as(adviser).plans.setAllocations(plan.id, [
    {
      budgetId: c.budgetId,
      providerId,
      offeringId,
      amount: '10000.00',
      description: 'Päivätoiminta',
    },
  ]);
  expect(a.errors).toEqual([]);
  return a.plan!;
}

describe('the plan from draft to a new accepted version', () => {
  it('send → client accepts → allocations changed → version 2 sent and accepted, with its changes', async () => {
    const c = newClient();
    const v1 = await drafted(c);
    const sent = await as(adviser).plans.send(v1.id);
    expect(sent.errors).toEqual([]);
    expect(sent.plan!.sentAt).toBeInstanceOf(Date);
    expect((await as(c.client).plans.accept(v1.id)).plan!.status).toBe('ACCEPTED');

    // Today's bug report: this made "Versio 2 · luonnos" that nothing could accept.
    const [existing] = await as(adviser).loaders.allocations.load(v1.id);
    const changed = await as(adviser).plans.setAllocations(v1.id, [
      {
        id: existing!.id,
        budgetId: c.budgetId,
        providerId,
        offeringId,
        amount: '12000.00',
        description: 'Päivätoiminta',
      },
    ]);
    const v2 = changed.plan!;
    expect(v2).toMatchObject({
      version: 2,
      status: 'DRAFT',
      previousVersionId: v1.id,
      sentAt: null,
    });
    // Allocations keep their lineage, so the diff sees one changed allocation, nothing else.
    const changes = await as(c.client).plans.changes(v2);
    expect(changes).toEqual([
      {
        area: 'ALLOCATION',
        kind: 'CHANGED',
        before: 'Päivätoiminta: 10000.00 €',
        after: 'Päivätoiminta: 12000.00 €',
      },
    ]);
    expect((await as(adviser).plans.send(v2.id)).errors).toEqual([]);
    const accepted = await as(c.client).plans.accept(v2.id);
    expect(accepted.errors).toEqual([]);
    expect(accepted.plan!.status).toBe('ACCEPTED');
    expect((await as(adviser).plans.get(v1.id))!.status).toBe('SUPERSEDED');
    expect(await as(adviser).plans.changes(v1 as never)).toEqual([]);
  });

  it('a draft without goals is not sent; an accepted plan is not sent again', async () => {
    const c = newClient();
    const empty = await as(adviser).plans.create({
      clientId: c.id,
      municipalityCode: '837',
      year: YEAR,
    });
    expect((await as(adviser).plans.send(empty.plan!.id)).errors.map((e) => e.code)).toEqual([
      'NO_GOALS',
    ]);
    expect((await as(adviser).plans.get(empty.plan!.id))!.sentAt).toBeNull();
    const other = newClient();
    const plan = await drafted(other);
    await as(other.client).plans.accept(plan.id);
    expect((await as(adviser).plans.send(plan.id)).errors.map((e) => e.code)).toEqual([
      'NOT_A_DRAFT',
    ]);
  });

  it('a re-assessment that lowers the budget, or a suspended provider, flags the plan for revision', async () => {
    const c = newClient();
    const plan = await drafted(c);
    await as(c.client).plans.accept(plan.id);
    const fresh = (await as(adviser).plans.get(plan.id))!;
    expect(await as(adviser).plans.revisionFindings(fresh)).toEqual([]);
    fake.budgets.set(c.budgetId, { ...fake.budgets.get(c.budgetId)!, grantedCents: 900_000 });
    expect(await as(adviser).plans.revisionFindings(fresh)).toEqual([
      { reason: 'OVER_BUDGET', subjectId: c.budgetId },
    ]);
    fake.budgets.set(c.budgetId, { ...fake.budgets.get(c.budgetId)!, grantedCents: 1_536_000 });
    const suspended = crypto.randomUUID();
    fake.providers.set(suspended, {
      id: suspended,
      kind: 'COMPANY',
      approvalStatus: 'APPROVED',
      offerings: [{ id: offeringId, serviceTypeCode: 'DAY_ACTIVITIES' }],
    });
    const moved = await as(c.client).plans.switchProvider({
      allocationId: (await as(adviser).loaders.allocations.load(plan.id))[0]!.id,
      providerId: suspended,
      reason: 'Lähempänä',
      offeringId,
    });
    expect(moved.errors).toEqual([]);
    fake.providers.set(suspended, {
      ...fake.providers.get(suspended)!,
      approvalStatus: 'SUSPENDED',
    });
    expect(await as(adviser).plans.revisionFindings(fresh)).toEqual([
      { reason: 'PROVIDER_NOT_APPROVED', subjectId: suspended },
    ]);
  });
});

describe('sendPlan refusals', () => {
  it.each<[string, (clientId: string) => Principal]>([
    ['the client herself (staff send)', (clientId) => principal('CLIENT', { clientId })],
    ['another client', () => principal('CLIENT', { clientId: crypto.randomUUID() })],
    ['a team member with plan consent', (clientId) => principal('TEAM_MEMBER', { clientId })],
    ['a provider named in the plan', () => principal('PROVIDER', { providerId })],
    ['organiser staff', () => principal('ORGANISER', { municipalities: ['837'] })],
    [
      'a municipal system',
      () => principal('MUNICIPAL_SYSTEM', { municipalities: ['837'], scopes: ['reports:read'] }),
    ],
    ['staff of another municipality', () => principal('WORKER', { municipalities: ['536'] })],
  ])('%s may not send, and nothing changes', async (_n, who) => {
    const c = newClient();
    const plan = await drafted(c);
    const p = who(c.id);
    fake.consents.set(`${p.sub}|${c.id}`, ['PLAN']);
    await expect(as(p).plans.send(plan.id)).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    expect((await as(adviser).plans.get(plan.id))!.sentAt).toBeNull();
  });
});
