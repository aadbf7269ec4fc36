import crypto from 'node:crypto';
import type { Principal } from '@hb/kit';
import { databaseFixture, principal, requestContext } from '@hb/kit/testing';
import { plansDatabase } from '../entities';
import { PlanReportService } from './report.service';
import { PlanReportStore } from './report.store';

/**
 * SQL-level tests of the plans subgraph's part of the organiser's report, on a data set written
 * straight into the tables here: switches with their reasons, goal follow-up and feedback.
 */
const db = databaseFixture(plansDatabase);

const M = '887';
const YEAR = 2024;
const c = Array.from({ length: 8 }, () => crypto.randomUUID());
// Tests read the rows they wrote loosely (any), as they do GraphQL answers.
const q = (sql: string, params: unknown[] = []) => db.database.dataSource.query<any[]>(sql, params);

async function plan(
  client: string,
  status: 'DRAFT' | 'ACCEPTED' | 'SUPERSEDED',
  v: { year?: number; version?: number; municipality?: string } = {},
) {
  const accepted = status !== 'DRAFT';
  const [row] = await q(
    `INSERT INTO plans.implementation_plan (client_id, municipality_code, year, version, status, accepted_at, accepted_by, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'test') RETURNING id`,
    [
      client,
      v.municipality ?? M,
      v.year ?? YEAR,
      v.version ?? 1,
      status,
      accepted ? new Date() : null,
      accepted ? 'test' : null,
    ],
  );
  return row.id as string;
}

async function goal(planId: string, reviewDates: string[], lineage: string = crypto.randomUUID()) {
  const [row] = await q(
    `INSERT INTO plans.goal (plan_id, lineage_id, position, description, review_dates) VALUES ($1, $2, 0, 'Tavoite', $3::date[]) RETURNING id`,
    [planId, lineage, reviewDates],
  );
  return { id: row.id as string, lineage };
}

const review = (goalId: string, reviewedAt: string, attainment: number) =>
  q(
    `INSERT INTO plans.goal_review (goal_id, reviewed_at, attainment, reviewer) VALUES ($1, $2, $3, 'test')`,
    [goalId, reviewedAt, attainment],
  );

const switched = (planId: string, reason: string, municipality = M) =>
  q(
    `INSERT INTO plans.provider_switch (allocation_lineage_id, plan_id, municipality_code, service_type, to_provider, reason, actor, actor_role)
     VALUES ($1, $2, $3, 'DAY_ACTIVITIES', $4, $5, 'test', 'ADVISER')`,
    [crypto.randomUUID(), planId, municipality, crypto.randomUUID(), reason],
  );

const feedback = (
  client: string,
  rating: number,
  v: { planId?: string; providerId?: string; at?: string } = {},
) =>
  q(
    `INSERT INTO plans.feedback (client_id, municipality_code, plan_id, provider_id, rating, text, author_role, at)
     VALUES ($1, $2, $3, $4, $5, 'Matti Meikäläinen kirjoitti', 'CLIENT', $6)`,
    [client, M, v.planId ?? null, v.providerId ?? null, rating, v.at ?? `${YEAR}-05-01T12:00:00Z`],
  );

const plans: string[] = [];

beforeAll(async () => {
  // Goals: six clients with an accepted plan, each goal due for review on 30 June; client 0 has a
  // second goal without review dates and an earlier, superseded version with a review of its own.
  const lineage0 = crypto.randomUUID();
  const old = await plan(c[0]!, 'SUPERSEDED', { version: 1 });
  const oldGoal = await goal(old, [`${YEAR}-06-30`], lineage0);
  await review(oldGoal.id, `${YEAR}-03-01`, 10);
  for (let i = 0; i < 6; i++)
    plans.push(await plan(c[i]!, 'ACCEPTED', { version: i === 0 ? 2 : 1 }));
  const g0 = await goal(plans[0]!, [`${YEAR}-06-30`], lineage0);
  await goal(plans[0]!, []);
  const g1 = await goal(plans[1]!, [`${YEAR}-06-30`]);
  for (let i = 2; i < 6; i++) await goal(plans[i]!, [`${YEAR}-06-30`]);
  await review(g0.id, `${YEAR}-06-20`, 50);
  await review(g0.id, `${YEAR}-09-01`, 90);
  await review(g1.id, `${YEAR}-06-25`, 70);
  // A draft does not count for goals.
  const draft = await plan(c[6]!, 'DRAFT');
  await goal(draft, [`${YEAR}-01-31`]);

  // Switches: five clients give the same reason (spelt differently), two others rarer reasons.
  const spellings = [
    'Parempi saatavuus',
    'parempi saatavuus',
    '  Parempi   saatavuus ',
    'PAREMPI SAATAVUUS',
    'Parempi saatavuus',
  ];
  for (let i = 0; i < 5; i++) await switched(plans[i]!, spellings[i]!);
  await switched(plans[5]!, 'Muutto');
  await switched(plans[5]!, 'Hinta');
  await switched(draft, 'Muutto');
  // Not this year, not this municipality.
  await switched(await plan(c[0]!, 'ACCEPTED', { year: YEAR - 1 }), 'Parempi saatavuus');
  const elsewhere = await plan(c[7]!, 'ACCEPTED', { municipality: '837' });
  await goal(elsewhere, []);
  await switched(elsewhere, 'Parempi saatavuus', '837');

  // Feedback: on plans from five clients, on a provider from one, in general from six.
  for (const [i, rating] of [5, 4, 4, 3, 5].entries())
    await feedback(c[i]!, rating, { planId: plans[i]! });
  await feedback(c[5]!, 1, { planId: plans[5]!, providerId: crypto.randomUUID() });
  for (let i = 0; i < 6; i++) await feedback(c[i]!, 3);
  await feedback(c[0]!, 1, { at: `${YEAR - 1}-12-31T12:00:00Z` });
}, 120_000);

const organiser = principal('ORGANISER', { municipalities: [M] });
const service = (who: Principal | null) =>
  new PlanReportService(
    new PlanReportStore(db.database.dataSource),
    requestContext(db.database.dataSource, who, 'plans'),
    () => `${YEAR}-12-31`,
  );
const key = { municipalityCode: M, year: YEAR };

describe('provider switches', () => {
  it('groups reasons in SQL, case and spacing ignored, merging reasons of fewer than five clients', async () => {
    const { totals, reasons } = await new PlanReportStore(db.database.dataSource).switchReasons(
      M,
      YEAR,
    );
    expect(totals).toEqual({ switchCount: 8, clientCount: 7 });
    expect(reasons).toEqual([
      { listed: true, reason: 'Parempi saatavuus', switchCount: 5, clientCount: 5 },
      { listed: false, reason: null, switchCount: 3, clientCount: 2 },
    ]);
  });

  it('suppresses the counts of the merged row of rare reasons, and of the listed reason too', async () => {
    // 8 switches minus the listed reason's 5 would give the two rare-reason clients' 3: the
    // listed reason keeps its text (written alike by five clients) but not its counts.
    expect(await service(organiser).switches(key)).toEqual({
      suppressed: false,
      count: 8,
      clientCount: 7,
      reasons: [
        { reason: 'Parempi saatavuus', suppressed: true, count: null, clientCount: null },
        { reason: null, suppressed: true, count: null, clientCount: null },
      ],
    });
  });

  it('never returns the text of a rare reason, however it is asked', async () => {
    const result = JSON.stringify(await service(organiser).switches(key));
    expect(result).not.toMatch(/Muutto|Hinta/);
  });

  it('suppresses everything when all switches come from 1–4 clients', async () => {
    const other = principal('ORGANISER', { municipalities: ['837'] });
    expect(await service(other).switches({ municipalityCode: '837', year: YEAR })).toEqual({
      suppressed: true,
      count: null,
      clientCount: null,
      reasons: [],
    });
  });
});

describe('goal attainment', () => {
  it('counts goals of accepted plans, reviews of every version, latest attainment and overdue reviews', async () => {
    expect(await service(organiser).goals(key)).toEqual({
      suppressed: false,
      clientCount: 6,
      goalCount: 7,
      reviewCount: 4,
      averageAttainment: 80,
      overdueShare: 0.5714,
    });
  });

  it('suppresses a year with accepted plans of 1–4 clients', async () => {
    const other = principal('ORGANISER', { municipalities: ['837'] });
    expect(await service(other).goals({ municipalityCode: '837', year: YEAR })).toMatchObject({
      suppressed: true,
      goalCount: null,
      averageAttainment: null,
    });
  });
});

describe('feedback', () => {
  it('counts and averages ratings by target, never the text, suppressing small groups', async () => {
    const result = await service(organiser).feedback(key);
    expect(result).toEqual([
      { targetKind: 'GENERAL', suppressed: false, count: 6, averageRating: 3 },
      { targetKind: 'PLAN', suppressed: false, count: 5, averageRating: 4.2 },
      { targetKind: 'PROVIDER', suppressed: true, count: null, averageRating: null },
    ]);
    expect(JSON.stringify(result)).not.toMatch(/Matti/);
  });
});

describe('authorization', () => {
  // The switches also answer `providerSwitchReport`, which advisers could once read: the same
  // service call, so the same refusals.
  it.each([
    ['an adviser', principal('ADVISER', { municipalities: [M] })],
    ['a worker', principal('WORKER', { municipalities: [M] })],
    ['a client', principal('CLIENT', { clientId: c[0]!, municipalities: [M] })],
    ['a team member', principal('TEAM_MEMBER', { clientId: c[0]!, municipalities: [M] })],
    [
      'a provider',
      principal('PROVIDER', {
        providerId: crypto.randomUUID(),
        municipalities: [M],
        scopes: ['reports:read'],
      }),
    ],
    ['an organiser of another municipality', principal('ORGANISER', { municipalities: ['837'] })],
    ['a system without reports:read', principal('MUNICIPAL_SYSTEM', { municipalities: [M] })],
    [
      'a system of another municipality',
      principal('MUNICIPAL_SYSTEM', { municipalities: ['837'], scopes: ['reports:read'] }),
    ],
  ])('refuses %s, also as a reference', async (_name, who) => {
    expect(() => service(who).get(key)).toThrow(
      expect.objectContaining({ extensions: { code: 'FORBIDDEN' } }),
    );
    await expect(service(who).switches(key)).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    await expect(service(who).feedback(key)).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('lets a municipal system with reports:read in', async () => {
    const system = principal('MUNICIPAL_SYSTEM', { municipalities: [M], scopes: ['reports:read'] });
    expect(service(system).get(key)).toEqual(key);
  });
});
