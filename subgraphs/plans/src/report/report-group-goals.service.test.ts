import crypto from 'node:crypto';
import { databaseFixture, principal, requestContext } from '@hb/kit/testing';
import { plansDatabase } from '../entities';
import { PlanReportService, type GroupMembers } from './report.service';
import { PlanReportStore } from './report.store';

/**
 * Goal attainment per client group (Report.goalsByGroup) on the real database: the groups and
 * their clients come from the budgets subgraph (@requires); here each group's clients' goals
 * give its attainment, hidden when small, when the group's cost is hidden, or when the report's
 * clients with goals less the shown groups would give a hidden group back.
 */
const db = databaseFixture(plansDatabase);
const M = '908';
const YEAR = 2024;
const q = (sql: string, params: unknown[] = []) =>
  db.database.dataSource.query(sql, params) as Promise<Array<{ id: string }>>;

/** A client with an accepted plan and one goal reviewed at `attainment`. */
async function clientWithGoal(attainment: number): Promise<string> {
  const client = crypto.randomUUID();
  const [plan] = await q(
    `INSERT INTO plans.implementation_plan (client_id, municipality_code, year, version, status, accepted_at, accepted_by, created_by)
     VALUES ($1, $2, $3, 1, 'ACCEPTED', now(), 'test', 'test') RETURNING id`,
    [client, M, YEAR],
  );
  const [goal] = await q(
    `INSERT INTO plans.goal (plan_id, lineage_id, position, description, review_dates) VALUES ($1, $2, 0, 'Tavoite', '{}') RETURNING id`,
    [plan!.id, crypto.randomUUID()],
  );
  await q(
    `INSERT INTO plans.goal_review (goal_id, reviewed_at, attainment, reviewer) VALUES ($1, '2024-06-01', $2, 'test')`,
    [goal!.id, attainment],
  );
  return client;
}

let day: string[];
let respite: string[];
let transport: string[];

beforeAll(async () => {
  day = [];
  for (const a of [40, 60, 80, 50, 70, 60]) day.push(await clientWithGoal(a));
  respite = [];
  for (const a of [90, 100, 80, 70, 60]) respite.push(await clientWithGoal(a));
  transport = [await clientWithGoal(10), await clientWithGoal(20)];
}, 120_000);

const organiser = principal('ORGANISER', { municipalities: [M] });
const service = (who = organiser) =>
  new PlanReportService(
    new PlanReportStore(db.database.dataSource),
    requestContext(db.database.dataSource, who, 'plans'),
    () => '2024-06-30',
  );
const group = (
  serviceTypeCode: string,
  classLevel: number | null,
  clientIds: string[],
  costSuppressed = false,
): GroupMembers => ({
  serviceTypeCode,
  classLevel,
  individual: false,
  costSuppressed,
  clientIds,
});
const shown = (rows: Awaited<ReturnType<PlanReportService['goalsByGroup']>>) =>
  rows.map((r) => [r.serviceType.code, r.suppressed, r.clientCount, r.averageAttainment]);

describe('goalsByGroup', () => {
  it('averages each group’s reviewed goals; a small group and the one it would follow from are hidden', async () => {
    const rows = await service().goalsByGroup({
      municipalityCode: M,
      year: YEAR,
      groupMembers: [
        group('DAY_ACTIVITIES', 3, day),
        group('RESPITE_CARE', 2, respite),
        group('TRANSPORT', 1, transport),
      ],
    });
    // Transport (2 clients) is small; the total (13) less day activities less respite care
    // would give it back, so the smaller of the two (respite, 5) is hidden with it.
    expect(shown(rows)).toEqual([
      ['DAY_ACTIVITIES', false, 6, 60],
      ['RESPITE_CARE', true, null, null],
      ['TRANSPORT', true, null, null],
    ]);
  });

  it('hides a group whose cost row is hidden, whatever its size', async () => {
    const rows = await service().goalsByGroup({
      municipalityCode: M,
      year: YEAR,
      groupMembers: [
        group('DAY_ACTIVITIES', 3, day),
        group('RESPITE_CARE', 2, respite, true),
        group('TRANSPORT', 1, [...transport, ...respite]),
      ],
    });
    expect(shown(rows)).toEqual([
      ['DAY_ACTIVITIES', false, 6, 60],
      ['RESPITE_CARE', true, null, null],
      ['TRANSPORT', false, 7, 61.4],
    ]);
  });

  it('is refused to anyone who may not read the report', async () => {
    await expect(
      service(principal('ORGANISER', { municipalities: ['837'] })).goalsByGroup({
        municipalityCode: M,
        year: YEAR,
        groupMembers: [group('DAY_ACTIVITIES', 3, day)],
      }),
    ).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });
});
