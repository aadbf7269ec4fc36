import crypto from 'node:crypto';
import { DEMO, type Principal } from '@hb/kit';
import { principal } from '@hb/kit/testing';
import { plansFixture } from '../testing/plans-fixture';

/**
 * `planAttention` on a real PostgreSQL: a sent draft counts as waiting for acceptance (an unsent
 * one does not) until the client asks for changes (then for revision, until it is sent again), a goal of the accepted plan whose review date has passed counts as overdue
 * until a review covers it; only clients with a figure are listed, only of the municipalities
 * asked for, and only advisers and own workers of those municipalities may ask.
 */
const f = plansFixture();
const { as, fake, year: YEAR } = f;

const adviser = principal('ADVISER', { sub: DEMO.adviserId, municipalities: ['837', '536'] });

async function plan(municipalityCode = '837') {
  const id = crypto.randomUUID();
  fake.clients.set(id, { id, municipalityCode });
  const drafted = await f.draftPlan(adviser, id, municipalityCode);
  return { clientId: id, planId: drafted.id, client: principal('CLIENT', { clientId: id }) };
}

const figuresOf = async (clientIds: string[], municipalities = ['837']) =>
  (await as(adviser).attention.attention(municipalities, YEAR))
    .filter((f) => clientIds.includes(f.clientId))
    .sort((a, b) => clientIds.indexOf(a.clientId) - clientIds.indexOf(b.clientId));

describe('planAttention', () => {
  it('counts sent drafts and overdue reviews, and lists only clients with a figure', async () => {
    const waiting = await plan();
    expect((await as(adviser).plans.send(waiting.planId)).errors).toEqual([]);
    const unsent = await plan();
    const accepted = await plan();
    await as(adviser).plans.send(accepted.planId);
    expect((await as(accepted.client).plans.accept(accepted.planId)).errors).toEqual([]);
    // A review date in the past (set here directly: the editor takes only future dates).
    await f.database.dataSource.query(
      `UPDATE plans.goal SET review_dates = ARRAY[$2::date] WHERE plan_id = $1`,
      [accepted.planId, `${YEAR}-01-02`],
    );
    const elsewhere = await plan('536');
    await as(adviser).plans.send(elsewhere.planId);

    expect(await figuresOf([waiting.clientId, unsent.clientId, accepted.clientId])).toEqual([
      { clientId: waiting.clientId, waitingAcceptance: 1, waitingRevision: 0, overdueReviews: 0 },
      { clientId: accepted.clientId, waitingAcceptance: 0, waitingRevision: 0, overdueReviews: 1 },
    ]);
    expect(await figuresOf([elsewhere.clientId])).toEqual([]);
    expect(await figuresOf([elsewhere.clientId], ['536'])).toEqual([
      { clientId: elsewhere.clientId, waitingAcceptance: 1, waitingRevision: 0, overdueReviews: 0 },
    ]);

    // She asks for changes: the draft now waits for the centre's revision; sent again, for her.
    expect(
      (await as(waiting.client).changeRequests.request(waiting.planId, 'Lisää uintia.')).errors,
    ).toEqual([]);
    expect(await figuresOf([waiting.clientId])).toEqual([
      { clientId: waiting.clientId, waitingAcceptance: 0, waitingRevision: 1, overdueReviews: 0 },
    ]);
    expect((await as(adviser).plans.send(waiting.planId)).errors).toEqual([]);
    expect(await figuresOf([waiting.clientId])).toEqual([
      { clientId: waiting.clientId, waitingAcceptance: 1, waitingRevision: 0, overdueReviews: 0 },
    ]);

    // A review (late, but after the date) covers it: nothing is overdue any more.
    const [goal] = await as(adviser).loaders.goals.load(accepted.planId);
    const reviewed = await as(adviser).plans.reviewGoal(goal!.id, {
      reviewedAt: `${YEAR}-01-20`,
      attainment: 3,
    });
    expect(reviewed.errors).toEqual([]);
    expect(await figuresOf([accepted.clientId])).toEqual([]);
  });

  it.each([
    ['no token', null, 'UNAUTHENTICATED'],
    ['a client', principal('CLIENT', { clientId: crypto.randomUUID() }), 'FORBIDDEN'],
    ['a team member', principal('TEAM_MEMBER', { clientId: crypto.randomUUID() }), 'FORBIDDEN'],
    ['a provider', principal('PROVIDER', { providerId: crypto.randomUUID() }), 'FORBIDDEN'],
    ['organiser staff', principal('ORGANISER', { municipalities: ['837'] }), 'FORBIDDEN'],
    [
      'a municipal system',
      principal('MUNICIPAL_SYSTEM', { municipalities: ['837'], scopes: ['plans:read'] }),
      'FORBIDDEN',
    ],
    [
      'an own worker of another municipality',
      principal('WORKER', { municipalities: ['536'] }),
      'FORBIDDEN',
    ],
  ] as Array<[string, Principal | null, string]>)('refuses %s', async (_, who, code) => {
    await expect(as(who).attention.attention(['837'], YEAR)).rejects.toMatchObject({
      extensions: { code },
    });
  });
});
