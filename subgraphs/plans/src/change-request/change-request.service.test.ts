import crypto from 'node:crypto';
import { DEMO, type Principal } from '@hb/kit';
import { principal, queryDatabase } from '@hb/kit/testing';
import { plansFixture } from '../testing/plans-fixture';
import { plansReferenceResolvers } from '../plan/plan.reference';

const f = plansFixture();
const { as, fake } = f;

const adviser = principal('ADVISER', { sub: DEMO.adviserId, municipalities: ['837'] });

async function draftFor() {
  const clientId = crypto.randomUUID();
  fake.clients.set(clientId, { id: clientId, municipalityCode: '837' });
  return {
    plan: await f.draftPlan(adviser, clientId),
    clientId,
    client: principal('CLIENT', { sub: clientId, clientId }),
  };
}

async function rows(planId: string): Promise<number> {
  const [{ n }] = (await f.database.dataSource.query(
    `SELECT count(*)::int AS n FROM plans.change_request WHERE plan_id = $1`,
    [planId],
  )) as [{ n: number }];
  return n;
}

describe('requestPlanChanges', () => {
  it('keeps what the client asks to change with the draft, for her and her adviser to read', async () => {
    const d = await draftFor();
    const ctx = as(d.client);
    const r = await ctx.changeRequests.request(d.plan.id, '  Haluan tiistait vapaiksi, kiitos. ');
    expect(r.errors).toEqual([]);
    expect(r.changeRequest).toMatchObject({
      message: 'Haluan tiistait vapaiksi, kiitos.',
      requestedByRole: 'CLIENT',
    });
    const seenByAdviser = as(adviser);
    const plan = (await seenByAdviser.plans.get(d.plan.id))!;
    expect((await seenByAdviser.changeRequests.ofPlan(plan)).map((c) => c.message)).toEqual([
      'Haluan tiistait vapaiksi, kiitos.',
    ]);
    await seenByAdviser.accessLog.flush();
    // The log is read as its owner: the plans service may only append to it.
    const [counted] = await queryDatabase<{ n: number }>(
      f.url,
      `SELECT count(*)::int AS n FROM audit.access_log
       WHERE client_id = $1 AND subject IN ('ImplementationPlan.changeRequest', 'ImplementationPlan.changeRequests')`,
      [d.clientId],
    );
    expect(counted?.n).toBe(2);
  });

  it.each([
    ['an empty message', '   '],
    ['a message over 2000 characters', 'x'.repeat(2001)],
  ])('refuses %s with a field error and keeps nothing', async (_label, message) => {
    const d = await draftFor();
    const r = await as(d.client).changeRequests.request(d.plan.id, message);
    expect(r.errors).toEqual([expect.objectContaining({ code: 'VALIDATION', field: 'message' })]);
    expect(await rows(d.plan.id)).toBe(0);
  });

  it('refuses a plan she has already accepted', async () => {
    const d = await draftFor();
    expect((await as(d.client).plans.accept(d.plan.id)).errors).toEqual([]);
    const r = await as(d.client).changeRequests.request(d.plan.id, 'Muutos');
    expect(r.errors).toEqual([expect.objectContaining({ code: 'VALIDATION', field: null })]);
    expect(await rows(d.plan.id)).toBe(0);
  });

  it.each<[string, (clientId: string) => Principal]>([
    ['another client', () => principal('CLIENT', { clientId: crypto.randomUUID() })],
    ['her team member with plan consent', (clientId) => principal('TEAM_MEMBER', { clientId })],
    ['her adviser (staff change the draft themselves)', () => adviser],
    ['staff of another municipality', () => principal('WORKER', { municipalities: ['536'] })],
    ['a provider', () => principal('PROVIDER', { providerId: crypto.randomUUID() })],
    ['organiser staff', () => principal('ORGANISER', { municipalities: ['837'] })],
    [
      'a municipal system',
      () => principal('MUNICIPAL_SYSTEM', { municipalities: ['837'], scopes: ['reports:read'] }),
    ],
  ])('%s may not ask, and nothing is kept', async (_label, who) => {
    const d = await draftFor();
    const p = who(d.clientId);
    fake.consents.set(`${p.sub}|${d.clientId}`, ['PLAN']);
    await expect(as(p).changeRequests.request(d.plan.id, 'Muutos')).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    expect(await rows(d.plan.id)).toBe(0);
  });

  it('answers the same NOT_FOUND for a random and a malformed plan id, and needs a sign-in', async () => {
    const d = await draftFor();
    for (const id of [crypto.randomUUID(), 'not-a-plan']) {
      await expect(as(d.client).changeRequests.request(id, 'Muutos')).rejects.toMatchObject({
        extensions: { code: 'NOT_FOUND' },
      });
    }
    await expect(as(null).changeRequests.request(d.plan.id, 'Muutos')).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it("keeps another client's requests out of reach through _entities", async () => {
    const d = await draftFor();
    await as(d.client).changeRequests.request(d.plan.id, 'Salainen toive');
    const stranger = as(principal('CLIENT', { clientId: crypto.randomUUID() }));
    await expect(
      plansReferenceResolvers.ImplementationPlan.__resolveReference({ id: d.plan.id }, stranger),
    ).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });
});
