import crypto from 'node:crypto';
import { DEMO } from '@hb/kit';
import { principal } from '@hb/kit/testing';
import type { PlansContext } from '../shared/context.types';
import { plansFixture } from '../testing/plans-fixture';
import type { CreatePlanArgs } from './plan-drafting.service';

const f = plansFixture();
const { as, count, fake, year: YEAR } = f;

const adviser = principal('ADVISER', { sub: DEMO.adviserId, municipalities: ['837'] });
const nokiaWorker = principal('WORKER', { municipalities: ['536'] });

/** A client in Tampere with a budget of 15 360 € for day activities. */
const newClient = (municipalityCode = '837') => f.clientWithBudget(municipalityCode);
const provider = f.newProvider;

const goals = [
  {
    description: 'Essi harjoittelee arjen taitoja.',
    indicator: 'Aamutoimet itsenäisesti',
    reviewDates: [`${YEAR}-06-30`],
  },
  { description: 'Essi harrastaa viikoittain.', reviewDates: [] },
];

async function draft(clientId: string, override: Partial<CreatePlanArgs> = {}) {
  const r = await as(adviser).plans.create({
    clientId,
    municipalityCode: '837',
    year: YEAR,
    supportNeeds: 'Tuettu päätöksenteko',
    practicalPlan: 'Ohjaus kotona ke ja pe',
    goals,
    participants: [
      { name: 'Essi', role: 'CLIENT' },
      { name: 'Hanna Neuvonen', role: 'HB_ADVISER', responsibility: 'Suunnitelma' },
    ],
    ...override,
  });
  expect(r.errors).toEqual([]);
  return r.plan!;
}

describe('createPlan', () => {
  it('drafts version 1 with goals and participants and logs the change', async () => {
    const c = newClient();
    const plan = await draft(c.id);
    expect(plan).toMatchObject({
      clientId: c.id,
      year: YEAR,
      version: 1,
      status: 'DRAFT',
      acceptedAt: null,
    });
    const ctx = as(adviser);
    expect((await ctx.loaders.goals.load(plan.id)).map((g) => g.description)).toEqual(
      goals.map((g) => g.description),
    );
    expect((await ctx.loaders.participants.load(plan.id)).map((p) => p.role)).toEqual([
      'CLIENT',
      'HB_ADVISER',
    ]);
    expect(
      await count(
        `audit.access_log WHERE client_id = $1 AND subject = 'ImplementationPlan.created'`,
        [c.id],
      ),
    ).toBe(1);
  });

  it.each([
    [{ municipalityCode: '837', clientId: 'nope' }, 'input.clientId', 'UNKNOWN_CLIENT'],
    [{ year: YEAR + 5 }, 'input.year', 'VALIDATION'],
    [{ goals: [{ description: ' ' }] }, 'input.goals[0].description', 'VALIDATION'],
  ])('refuses %j (%s) and writes nothing', async (override, field, code) => {
    const c = newClient();
    const r = await as(adviser).plans.create({
      clientId: c.id,
      municipalityCode: '837',
      year: YEAR,
      ...override,
    });
    expect(r.plan).toBeNull();
    expect(r.errors.map((e) => [e.field, e.code])).toEqual([[field, code]]);
    expect(await count(`plans.implementation_plan WHERE client_id = $1`, [c.id])).toBe(0);
  });

  it("refuses a municipality that is not the client's", async () => {
    const c = newClient('536');
    const r = await as(adviser).plans.create({
      clientId: c.id,
      municipalityCode: '837',
      year: YEAR,
    });
    expect(r.errors.map((e) => e.code)).toEqual(['WRONG_MUNICIPALITY']);
  });

  it('refuses a second plan for the same year, and staff of other municipalities', async () => {
    const c = newClient();
    await draft(c.id);
    const again = await as(adviser).plans.create({
      clientId: c.id,
      municipalityCode: '837',
      year: YEAR,
    });
    expect(again.errors.map((e) => e.code)).toEqual(['PLAN_EXISTS']);
    await expect(
      as(nokiaWorker).plans.create({ clientId: c.id, municipalityCode: '837', year: YEAR }),
    ).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    await expect(
      as(c.client).plans.create({ clientId: c.id, municipalityCode: '837', year: YEAR }),
    ).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    await expect(
      as(null).plans.create({ clientId: c.id, municipalityCode: '837', year: YEAR }),
    ).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });
});

describe('acceptPlan', () => {
  it('refuses a plan without goals and writes nothing', async () => {
    const c = newClient();
    const plan = await draft(c.id, { goals: [] });
    const r = await as(c.client).plans.accept(plan.id);
    expect(r.errors.map((e) => e.code)).toEqual(['NO_GOALS']);
    expect((await as(adviser).plans.get(plan.id))!.status).toBe('DRAFT');
  });

  it("is the client's own act, recorded with time and actor", async () => {
    const c = newClient();
    const plan = await draft(c.id);
    const r = await as(c.client).plans.accept(plan.id);
    expect(r.errors).toEqual([]);
    expect(r.plan).toMatchObject({
      status: 'ACCEPTED',
      acceptedBy: c.client.sub,
      acceptedOnBehalf: false,
    });
    expect(r.plan!.acceptedAt).toBeInstanceOf(Date);
    const again = await as(c.client).plans.accept(plan.id);
    expect(again.errors.map((e) => e.code)).toEqual(['NOT_A_DRAFT']);
  });

  it("lets staff record the acceptance on the client's behalf, and no one else", async () => {
    const c = newClient();
    const plan = await draft(c.id);
    const other = newClient();
    await expect(as(other.client).plans.accept(plan.id)).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    await expect(
      as(principal('TEAM_MEMBER', { clientId: c.id })).plans.accept(plan.id),
    ).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    const unexplained = await as(adviser).plans.accept(plan.id, '  ');
    expect(unexplained.errors.map((e) => [e.code, e.field])).toEqual([
      ['VALIDATION', 'onBehalfReason'],
    ]);
    expect((await as(adviser).plans.get(plan.id))!.status).toBe('DRAFT');
    const r = await as(adviser).plans.accept(plan.id, 'Essi hyväksyi puhelimessa.');
    expect(r.plan).toMatchObject({
      status: 'ACCEPTED',
      acceptedBy: adviser.sub,
      acceptedOnBehalf: true,
      acceptedReason: 'Essi hyväksyi puhelimessa.',
    });
  });
});

describe('versions', () => {
  it('changing an accepted plan makes a new draft; accepting it supersedes the old; all stay readable', async () => {
    const c = newClient();
    const p = provider();
    const v1 = await draft(c.id);
    expect(
      (
        await as(adviser).plans.setAllocations(v1.id, [
          { budgetId: c.budgetId, providerId: p.id, amount: '1000.00', description: 'Ohjaus' },
        ])
      ).errors,
    ).toEqual([]);
    await as(c.client).plans.accept(v1.id);
    const [g1] = await as(adviser).loaders.goals.load(v1.id);
    await as(adviser).plans.reviewGoal(g1!.id, {
      reviewedAt: `${YEAR}-01-02`,
      attainment: 40,
      note: 'Alku',
    });

    const changed = await as(adviser).plans.update(v1.id, {
      practicalPlan: 'Uusi käytännön suunnitelma',
      goals: [{ id: g1!.id, description: 'Muokattu tavoite', reviewDates: [] }],
    });
    expect(changed.errors).toEqual([]);
    const v2 = changed.plan!;
    expect(v2).toMatchObject({
      version: 2,
      status: 'DRAFT',
      previousVersionId: v1.id,
      practicalPlan: 'Uusi käytännön suunnitelma',
    });
    const ctx = as(adviser);
    expect((await ctx.plans.get(v1.id))!.status).toBe('ACCEPTED');
    expect((await ctx.loaders.participants.load(v2.id)).length).toBe(2);
    const [a2] = await ctx.loaders.allocations.load(v2.id);
    expect(a2).toMatchObject({ budgetId: c.budgetId, providerId: p.id, amountCents: 100_000 });
    const [g2] = await ctx.loaders.goals.load(v2.id);
    expect(g2!.description).toBe('Muokattu tavoite');
    // The goal keeps its review history in the new version.
    expect((await ctx.loaders.reviews.load(g2!.lineageId)).map((r) => r.attainment)).toEqual([40]);
    // The old goals are untouched.
    expect((await ctx.loaders.goals.load(v1.id)).length).toBe(2);

    const second = await as(adviser).plans.update(v1.id, { supportNeeds: 'x' });
    expect(second.errors.map((e) => e.code)).toEqual(['NEWER_VERSION_EXISTS']);

    expect((await as(c.client).plans.accept(v2.id)).plan!.status).toBe('ACCEPTED');
    const all = await as(c.client).plans.plansOfClient(c.id);
    expect(all.map((x) => [x.version, x.status])).toEqual([
      [2, 'ACCEPTED'],
      [1, 'SUPERSEDED'],
    ]);
    expect((await as(adviser).plans.previousVersion(all[0]!))!.id).toBe(v1.id);
    const stale = await as(adviser).plans.update(v1.id, { supportNeeds: 'x' });
    expect(stale.errors.map((e) => e.code)).toEqual(['SUPERSEDED']);
    const staleAlloc = await as(adviser).plans.setAllocations(v1.id, []);
    expect(staleAlloc.errors.map((e) => e.code)).toEqual(['SUPERSEDED']);
  });

  it('setAllocations on an accepted plan also makes a new version', async () => {
    const c = newClient();
    const v1 = await draft(c.id);
    await as(c.client).plans.accept(v1.id);
    const r = await as(adviser).plans.setAllocations(v1.id, [
      { budgetId: c.budgetId, amount: '500' },
    ]);
    expect(r.plan).toMatchObject({ version: 2, status: 'DRAFT' });
    expect(await as(adviser).loaders.allocations.load(v1.id)).toEqual([]);
  });
});

describe('allocations', () => {
  it('accepts allocations within the granted amount', async () => {
    const c = newClient();
    const p = provider();
    const plan = await draft(c.id);
    const r = await as(adviser).plans.setAllocations(plan.id, [
      {
        budgetId: c.budgetId,
        providerId: p.id,
        offeringId: p.offeringId,
        amount: '10000.00',
        description: 'Ohjaus kotona',
      },
      { budgetId: c.budgetId, amount: '5360', description: 'Varaus' },
    ]);
    expect(r.errors).toEqual([]);
    const rows = await as(adviser).loaders.allocations.load(plan.id);
    expect(rows.map((a) => [a.amountCents, a.serviceType, a.offeringId])).toEqual([
      [1_000_000, 'DAY_ACTIVITIES', p.offeringId],
      [536_000, 'DAY_ACTIVITIES', null],
    ]);
  });

  it('refuses bad allocations with payload errors and writes nothing', async () => {
    const c = newClient();
    const other = newClient();
    const plan = await draft(c.id);
    await as(adviser).plans.setAllocations(plan.id, [{ budgetId: c.budgetId, amount: '100' }]);
    const lastYear = crypto.randomUUID();
    fake.budgets.set(lastYear, {
      id: lastYear,
      clientId: c.id,
      year: YEAR - 1,
      grantedCents: 100_000,
      serviceTypeCode: 'DAY_ACTIVITIES',
    });
    const transport = provider('COMPANY', 'APPROVED', 'TRANSPORT');
    const own = provider('ORGANISER_OWN');
    const unapproved = provider('COMPANY', 'PENDING');
    const cases: Array<[Parameters<PlansContext['plans']['setAllocations']>[1], string[]]> = [
      [
        [
          { budgetId: c.budgetId, amount: '10000' },
          { budgetId: c.budgetId, amount: '5360.01' },
        ],
        ['OVER_BUDGET'],
      ],
      [[{ budgetId: other.budgetId, amount: '1' }], ['BUDGET_OF_ANOTHER_CLIENT']],
      [[{ budgetId: lastYear, amount: '1' }], ['BUDGET_OF_ANOTHER_YEAR']],
      [[{ budgetId: crypto.randomUUID(), amount: '1' }], ['UNKNOWN_BUDGET']],
      [[{ budgetId: c.budgetId, providerId: transport.id, amount: '1' }], ['SERVICE_NOT_OFFERED']],
      [[{ budgetId: c.budgetId, providerId: own.id, amount: '1' }], ['ORGANISER_OWN_PROVIDER']],
      [
        [{ budgetId: c.budgetId, providerId: unapproved.id, amount: '1' }],
        ['DISCRETIONARY_REASON_REQUIRED'],
      ],
      [[{ budgetId: c.budgetId, amount: '0' }], ['VALIDATION']],
      [[{ budgetId: c.budgetId, amount: '-5' }], ['VALIDATION']],
    ];
    for (const [input, codes] of cases) {
      const r = await as(adviser).plans.setAllocations(plan.id, input);
      expect(r.errors.map((e) => e.code)).toEqual(codes);
    }
    const rows = await as(adviser).loaders.allocations.load(plan.id);
    expect(rows.map((a) => a.amountCents)).toEqual([10_000]);
    const ok = await as(adviser).plans.setAllocations(plan.id, [
      {
        budgetId: c.budgetId,
        providerId: unapproved.id,
        amount: '1',
        discretionaryReason: 'Ainoa tuottaja, joka ohjaa kotona',
      },
    ]);
    expect(ok.errors).toEqual([]);
  });
});

describe('goal follow-up', () => {
  it('refuses attainment outside 0–100, and reviews on a draft', async () => {
    const c = newClient();
    const plan = await draft(c.id);
    const [goal] = await as(adviser).loaders.goals.load(plan.id);
    const onDraft = await as(adviser).plans.reviewGoal(goal!.id, {
      reviewedAt: `${YEAR}-01-01`,
      attainment: 50,
    });
    expect(onDraft.errors.map((e) => e.code)).toEqual(['PLAN_NOT_IN_FORCE']);
    await as(c.client).plans.accept(plan.id);
    for (const attainment of [101, -1]) {
      const r = await as(adviser).plans.reviewGoal(goal!.id, {
        reviewedAt: `${YEAR}-01-01`,
        attainment,
      });
      expect(r.errors.map((e) => e.field)).toEqual(['input.attainment']);
    }
    expect(await count(`plans.goal_review WHERE goal_id = $1`, [goal!.id])).toBe(0);
    await expect(
      as(c.client).plans.reviewGoal(goal!.id, { reviewedAt: `${YEAR}-01-01`, attainment: 50 }),
    ).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });

  it('shows the next review and whether it is overdue', async () => {
    const c = newClient();
    const plan = await draft(c.id, {
      year: YEAR,
      goals: [{ description: 'Tavoite', reviewDates: ['2000-01-10', '2999-01-01'] }],
    });
    await as(c.client).plans.accept(plan.id);
    const ctx = as(adviser);
    const [goal] = await ctx.loaders.goals.load(plan.id);
    expect(await ctx.plans.followUp(goal!)).toEqual({ nextReviewDue: '2000-01-10', overdue: true });
    await ctx.plans.reviewGoal(goal!.id, { reviewedAt: '2000-01-05', attainment: 70 });
    expect(await as(adviser).plans.followUp(goal!)).toEqual({
      nextReviewDue: '2999-01-01',
      overdue: false,
    });
  });
});

describe('switchProvider', () => {
  async function planWithAllocation() {
    const c = newClient();
    const from = provider();
    const plan = await draft(c.id);
    await as(adviser).plans.setAllocations(plan.id, [
      { budgetId: c.budgetId, providerId: from.id, amount: '1000' },
    ]);
    await as(c.client).plans.accept(plan.id);
    const [allocation] = await as(adviser).loaders.allocations.load(plan.id);
    return { c, from, plan, allocation: allocation! };
  }

  it('records the reason; an unapproved provider needs a discretionary reason; own production refused', async () => {
    const { c, from, plan, allocation } = await planWithAllocation();
    const own = provider('ORGANISER_OWN');
    const pending = provider('COMPANY', 'PENDING');
    const refused = await as(c.client).plans.switchProvider({
      allocationId: allocation.id,
      providerId: own.id,
      reason: 'Lähempänä',
    });
    expect(refused.errors.map((e) => e.code)).toEqual(['ORGANISER_OWN_PROVIDER']);
    const noReason = await as(c.client).plans.switchProvider({
      allocationId: allocation.id,
      providerId: pending.id,
      reason: 'Lähempänä',
    });
    expect(noReason.errors.map((e) => e.code)).toEqual(['DISCRETIONARY_REASON_REQUIRED']);
    const blank = await as(c.client).plans.switchProvider({
      allocationId: allocation.id,
      providerId: provider().id,
      reason: ' ',
    });
    expect(blank.errors.map((e) => e.field)).toEqual(['reason']);
    expect(await count(`plans.provider_switch WHERE plan_id = $1`, [plan.id])).toBe(0);

    const ok = await as(c.client).plans.switchProvider({
      allocationId: allocation.id,
      providerId: pending.id,
      reason: 'Ohjaaja vaihtui',
      discretionaryReason: 'Tuntee Essin entuudestaan',
    });
    expect(ok.errors).toEqual([]);
    const ctx = as(adviser);
    const [moved] = await ctx.loaders.allocations.load(plan.id);
    expect(moved).toMatchObject({
      providerId: pending.id,
      discretionaryReason: 'Tuntee Essin entuudestaan',
    });
    const history = await ctx.loaders.switches.load(allocation.lineageId);
    expect(history.map((h) => [h.fromProvider, h.toProvider, h.reason, h.actorRole])).toEqual([
      [from.id, pending.id, 'Ohjaaja vaihtui', 'CLIENT'],
    ]);
  });

  it('moves the copy in an open draft too', async () => {
    const { c, plan, allocation } = await planWithAllocation();
    const v2 = (await as(adviser).plans.update(plan.id, { supportNeeds: 'uusi' })).plan!;
    const to = provider();
    await as(c.client).plans.switchProvider({
      allocationId: allocation.id,
      providerId: to.id,
      reason: 'Parempi',
    });
    const [copy] = await as(adviser).loaders.allocations.load(v2.id);
    expect(copy!.providerId).toBe(to.id);
  });
});

describe('reading and authorization', () => {
  it('tells staff that a client has no plans only when the client is theirs', async () => {
    const c = newClient();
    const calls = fake.calls.clients;
    expect(await as(adviser).plans.plansOfClient(c.id)).toEqual([]);
    expect(fake.calls.clients).toBe(calls + 1);
    await expect(as(nokiaWorker).plans.plansOfClient(c.id)).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    await expect(as(adviser).plans.plansOfClient(crypto.randomUUID())).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    // Asked once per client and request, however often the field appears.
    const ctx = as(adviser);
    const before = fake.calls.clients;
    await Promise.all([ctx.plans.plansOfClient(c.id), ctx.plans.plansOfClient(c.id)]);
    expect(fake.calls.clients).toBe(before + 1);
  });

  it('team members need PLAN consent; organisers and providers see no plan; reads are logged', async () => {
    const c = newClient();
    const plan = await draft(c.id);
    const member = principal('TEAM_MEMBER', { clientId: c.id });
    await expect(as(member).plans.get(plan.id)).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    await expect(as(member).plans.plansOfClient(c.id)).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    fake.consents.set(`${member.sub}|${c.id}`, ['PLAN']);
    expect((await as(member).plans.get(plan.id))!.id).toBe(plan.id);
    for (const who of [
      principal('ORGANISER', { municipalities: ['837'] }),
      principal('PROVIDER', { providerId: crypto.randomUUID() }),
      nokiaWorker,
      newClient().client,
    ]) {
      await expect(as(who).plans.get(plan.id)).rejects.toMatchObject({
        extensions: { code: 'FORBIDDEN' },
      });
      await expect(as(who).plans.plansOfClient(c.id)).rejects.toMatchObject({
        extensions: { code: 'FORBIDDEN' },
      });
    }
    const ctx = as(c.client);
    await ctx.plans.plansOfClient(c.id);
    await ctx.accessLog.flush();
    expect(
      await count(
        `audit.access_log WHERE client_id = $1 AND subject = 'ImplementationPlan' AND actor_role = 'CLIENT'`,
        [c.id],
      ),
    ).toBe(1);
  });

  it('a provider sees only the allocations that name their organisation', async () => {
    const c = newClient();
    const mine = provider();
    const theirs = provider();
    const plan = await draft(c.id);
    await as(adviser).plans.setAllocations(plan.id, [
      { budgetId: c.budgetId, providerId: mine.id, amount: '100' },
      { budgetId: c.budgetId, providerId: theirs.id, amount: '200' },
    ]);
    // Drafts are not in force: nothing shows on the budget yet.
    expect(await as(adviser).plans.allocationsOfBudget(c.budgetId)).toEqual([]);
    await as(c.client).plans.accept(plan.id);
    const seen = await as(principal('PROVIDER', { providerId: mine.id })).plans.allocationsOfBudget(
      c.budgetId,
    );
    expect(seen.map((a) => a.providerId)).toEqual([mine.id]);
    expect((await as(adviser).plans.allocationsOfBudget(c.budgetId)).length).toBe(2);
    expect(
      await as(principal('ORGANISER', { municipalities: ['837'] })).plans.allocationsOfBudget(
        c.budgetId,
      ),
    ).toEqual([]);
  });
});

describe('submitFeedback', () => {
  it('takes feedback from the client and team, anonymously, and validates it', async () => {
    const c = newClient();
    const plan = await draft(c.id);
    const p = provider();
    const bad = await as(c.client).feedback.submit({
      clientId: c.id,
      rating: 6,
      planId: crypto.randomUUID(),
    });
    expect(bad.errors.map((e) => e.field).sort()).toEqual(['input.planId', 'input.rating']);
    const ok = await as(c.client).feedback.submit({
      clientId: c.id,
      planId: plan.id,
      providerId: p.id,
      rating: 5,
      text: 'Hyvä ohjaaja',
    });
    expect(ok.feedback).toMatchObject({ rating: 5, authorRole: 'CLIENT', municipalityCode: '837' });
    const memberPrincipal = principal('TEAM_MEMBER', { clientId: c.id });
    fake.consents.set(`${memberPrincipal.sub}|${c.id}`, ['BUDGET']);
    const member = await as(memberPrincipal).feedback.submit({
      clientId: c.id,
      rating: 3,
    });
    expect(member.errors).toEqual([]);
    expect(member.feedback).toMatchObject({ authorRole: 'TEAM_MEMBER' });
    await expect(as(adviser).feedback.submit({ clientId: c.id, rating: 3 })).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    const count = async () =>
      (
        (await f.database.dataSource.query(
          `SELECT count(*)::int AS n FROM plans.feedback WHERE client_id = $1`,
          [c.id],
        )) as [{ n: number }]
      )[0].n;
    const before = await count();
    // Without consent scopes (not on the team today, or no consent in force): refused.
    const outsider = principal('TEAM_MEMBER', { sub: crypto.randomUUID(), clientId: c.id });
    await expect(
      as(outsider).feedback.submit({ clientId: c.id, rating: 1, text: 'Huono' }),
    ).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect(await count()).toBe(before);
    const columns = (await f.database.dataSource.query(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = 'plans' AND table_name = 'feedback'`,
    )) as Array<{ column_name: string }>;
    expect(columns.map((x) => x.column_name)).not.toContain('author_id');
  });
});
