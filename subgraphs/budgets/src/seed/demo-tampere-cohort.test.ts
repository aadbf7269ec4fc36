import { createLogger, DEMO, TAMPERE_COHORT, todayInFinland } from '@hb/kit';
import { databaseFixture, principal, requestContext } from '@hb/kit/testing';
import { budgetsDatabase } from '../entities';
import { ReportService } from '../report/report.service';
import { ReportStore } from '../report/report.store';
import { seedBudgetsDemo } from './demo.seed';

/** The demo seed with the Tampere cohort: Essi's world as before, and a report with figures. */
const db = databaseFixture(budgetsDatabase, {
  seed: ({ dataSource }) => seedBudgetsDemo(dataSource, createLogger('test', 'silent')),
  timeout: 180_000,
});
const year = Number(todayInFinland().slice(0, 4));

const q = (sql: string, params: unknown[] = []) => db.database.dataSource.query(sql, params);

it('decides a budget for every cohort client and leaves Essi’s budget as it was', async () => {
  const rows = (await q(
    `SELECT client_id AS "clientId", service_type AS "serviceType" FROM budgets.budget
      WHERE municipality_code = $1 AND year = $2`,
    [DEMO.tampere, year],
  )) as Array<{ clientId: string; serviceType: string }>;
  expect(rows.map((r) => r.clientId).sort()).toEqual(
    [DEMO.essiClientId, ...TAMPERE_COHORT.map((c) => c.id)].sort(),
  );
  const [essi] = (await q(
    `SELECT bb.granted_cents::int AS granted, bb.spent_cents::int AS spent, bb.pending_cents::int AS pending
       FROM budgets.budget b JOIN budgets.budget_balance bb ON bb.budget_id = b.id WHERE b.client_id = $1`,
    [DEMO.essiClientId],
  )) as Array<{ granted: number; spent: number; pending: number }>;
  expect(essi).toEqual({ granted: 1_536_000, spent: 4 * 32_000, pending: 32_000 });
  // Every cohort charge is confirmed and, with Essi's, in the demo provider's one batch.
  const [open] = (await q(
    `SELECT count(*)::int AS n FROM budgets.ledger_transaction t JOIN budgets.budget b ON b.id = t.budget_id
      WHERE t.kind = 'CHARGE' AND t.status = 'PENDING_CONFIRMATION' AND b.client_id <> $1`,
    [DEMO.essiClientId],
  )) as Array<{ n: number }>;
  expect(open!.n).toBe(0);
  const [batches] = (await q(`SELECT count(*)::int AS n FROM budgets.payment_batch`)) as Array<{
    n: number;
  }>;
  expect(batches!.n).toBe(1);
});

it('gives Tampere’s organiser figures, not only suppressed rows', async () => {
  const reports = new ReportService(
    new ReportStore(db.database.dataSource),
    requestContext(
      db.database.dataSource,
      principal('ORGANISER', { municipalities: [DEMO.tampere] }),
      'budgets',
    ),
  );
  const key = { municipalityCode: DEMO.tampere, year };
  const costs = await reports.costs(key);
  expect(costs.map((c) => [c.serviceType?.code, c.suppressed, c.clientCount])).toEqual([
    ['DAY_ACTIVITIES', false, 31],
    ['TRANSPORT', false, 6],
  ]);
  expect((await reports.totalCost(key)).clientCount).toBe(37);
  const forecast = await reports.forecast(key);
  expect(forecast?.suppressed).toBe(false);
  expect(Number(forecast?.lapsing?.amount)).toBeGreaterThan(0);
});

it('gives Tampere’s cost by service type and client group, adding up to the service rows', async () => {
  const reports = new ReportService(
    new ReportStore(db.database.dataSource),
    requestContext(
      db.database.dataSource,
      principal('ORGANISER', { municipalities: [DEMO.tampere] }),
      'budgets',
    ),
  );
  const key = { municipalityCode: DEMO.tampere, year };
  const groups = await reports.costsByGroup(key);
  // Essi is at day activities level 5 with twelve of the cohort.
  expect(
    groups.map((g) => [g.serviceType?.code, g.classLevel, g.suppressed, g.clientCount]),
  ).toEqual([
    ['DAY_ACTIVITIES', 2, false, 6],
    ['DAY_ACTIVITIES', 4, false, 12],
    ['DAY_ACTIVITIES', 5, false, 13],
    ['TRANSPORT', 2, false, 6],
  ]);
  const costs = await reports.costs(key);
  for (const c of costs) {
    const parts = groups.filter((g) => g.serviceType?.code === c.serviceType?.code);
    const sum = parts.reduce((cents, g) => cents + Math.round(Number(g.granted!.amount) * 100), 0);
    expect(sum).toBe(Math.round(Number(c.granted!.amount) * 100));
  }
});
