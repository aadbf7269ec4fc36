import 'reflect-metadata';
import { Client } from 'pg';
import { createLogger } from '@hb/kit';
import { createTestDatabase, openTestDatabase, principal, requestContext } from '@hb/kit/testing';
import { budgetsDatabase } from '../entities';
import { seedBudgetsDemo } from '../seed/demo.seed';
import { ReportService } from '../report/report.service';
import { ReportStore } from '../report/report.store';

/**
 * Organiser report benchmark (issue 9): one municipality (Urjala 887) with 5 000 clients and
 * 200 000 transactions in one year, next to as much data of another municipality and year, on
 * a throwaway database (DATABASE_URL: real PostgreSQL; without it, embedded). Times the
 * budgets subgraph's whole report (costs, providers, alerts — every SQL figure it owns) as the
 * organiser asks it, and prints one JSON line on stdout: {"reportMs": median, ...}.
 * Run: node subgraphs/budgets/dist/bench/report.bench.js [clients=5000] [transactions=200000] [iterations=20]
 */
const M = '887';
const YEAR = 2024;

async function load(
  db: { query(sql: string, params?: unknown[]): Promise<unknown> },
  municipality: string,
  year: number,
  clients: number,
  transactions: number,
) {
  // One day-activities budget per client, a transport budget for every fifth; 15 360 € / 4 000 €.
  await db.query(
    `INSERT INTO budgets.budget (client_id, municipality_code, year, service_type, status, instrument, payment_interval_months,
       granted_cents, schedule, explanation, decided_by)
     SELECT gen_random_uuid(), $1, $2, 'DAY_ACTIVITIES', CASE WHEN i % 50 = 0 THEN 'CLOSED' ELSE 'ACTIVE' END, 'VOUCHER', 3,
            1536000, '{}'::jsonb, 'bench', 'bench'
       FROM generate_series(1, $3::int) i`,
    [municipality, year, clients],
  );
  await db.query(
    `INSERT INTO budgets.budget (client_id, municipality_code, year, service_type, status, instrument, payment_interval_months,
       granted_cents, schedule, explanation, decided_by)
     SELECT b.client_id, $1, $2, 'TRANSPORT', 'ACTIVE', 'CARD', 12, 400000, '{}'::jsonb, 'bench', 'bench'
       FROM (SELECT client_id, row_number() OVER () AS n FROM budgets.budget WHERE municipality_code = $1 AND year = $2) b
      WHERE b.n % 5 = 0`,
    [municipality, year],
  );
  // Charges spread over the budgets and 50 providers: 90 % confirmed, 8 % pending, 2 % rejected.
  await db.query(
    `WITH b AS (SELECT array_agg(id ORDER BY id) AS ids FROM budgets.budget WHERE municipality_code = $1 AND year = $2),
          p AS (SELECT array_agg(gen_random_uuid()) AS ids FROM generate_series(1, 50))
     INSERT INTO budgets.ledger_transaction (budget_id, kind, amount_cents, status, provider_id, service_date, created_by, rejection_reason)
     SELECT b.ids[1 + i % cardinality(b.ids)], 'CHARGE', 500 + (i * 37) % 2000,
            CASE WHEN i % 50 = 0 THEN 'REJECTED' WHEN i % 12 = 0 THEN 'PENDING_CONFIRMATION' ELSE 'CONFIRMED' END,
            p.ids[1 + i % 50], make_date($2, 1 + i % 12, 1 + i % 28), 'bench',
            CASE WHEN i % 50 = 0 THEN 'bench' END
       FROM generate_series(0, $3::int - 1) i CROSS JOIN b CROSS JOIN p`,
    [municipality, year, transactions],
  );
  await db.query(
    `INSERT INTO budgets.budget_balance (budget_id, granted_cents, paid_out_cents, spent_cents, pending_cents, lapsed_cents)
     SELECT b.id, b.granted_cents, b.granted_cents / 2,
            coalesce(sum(t.amount_cents) FILTER (WHERE t.status = 'CONFIRMED'), 0),
            coalesce(sum(t.amount_cents) FILTER (WHERE t.status = 'PENDING_CONFIRMATION'), 0), 0
       FROM budgets.budget b LEFT JOIN budgets.ledger_transaction t ON t.budget_id = b.id AND t.kind = 'CHARGE'
      WHERE b.municipality_code = $1 AND b.year = $2
      GROUP BY b.id, b.granted_cents`,
    [municipality, year],
  );
  await db.query(
    `INSERT INTO budgets.budget_alert (budget_id, kind, key, message)
     SELECT id, (ARRAY['UNDERUSE','OVERUSE','ABNORMAL_CHARGE','YEAR_END_LAPSE_AHEAD'])[1 + (abs(hashtext(id::text)) % 4)], 'bench', 'bench'
       FROM budgets.budget WHERE municipality_code = $1 AND year = $2 AND abs(hashtext(id::text)) % 5 = 0`,
    [municipality, year],
  );
}

async function main() {
  const clients = Number(process.argv[2] ?? 5_000);
  const transactions = Number(process.argv[3] ?? 200_000);
  const iterations = Number(process.argv[4] ?? 20);
  const testDb = await createTestDatabase();
  const database = await openTestDatabase(testDb.url, budgetsDatabase, testDb.embedded);
  const db = database.dataSource;
  try {
    await seedBudgetsDemo(db, createLogger('bench', 'silent'));
    // As the database's owner: the service's own role (least privilege) may not ANALYZE, and
    // PostgreSQL only warns, so the planner kept its empty-table estimates and nested loops over
    // every charge (2 s a report at a tenth of the data; the full load never finished).
    const owner = new Client({ connectionString: testDb.url });
    await owner.connect();
    const analyze = () =>
      owner.query(
        `ANALYZE budgets.budget; ANALYZE budgets.budget_balance; ANALYZE budgets.ledger_transaction; ANALYZE budgets.budget_alert`,
      );
    const t0 = Date.now();
    for (const [municipality, year] of [
      [M, YEAR],
      ['837', YEAR],
      [M, YEAR - 1],
    ] as const) {
      await load(db, municipality, year, clients, transactions);
      await analyze();
    }
    await owner.end();
    const [{ tx }] = await db.query<[{ tx: number }]>(
      `SELECT count(*)::int AS tx FROM budgets.ledger_transaction t JOIN budgets.budget b ON b.id = t.budget_id
        WHERE b.municipality_code = $1 AND b.year = $2`,
      [M, YEAR],
    );
    process.stderr.write(
      `loaded ${clients} clients and ${tx} transactions of ${M}/${YEAR} (and as much noise) in ${Date.now() - t0} ms\n`,
    );

    const organiser = principal('ORGANISER', { municipalities: [M] });
    const key = { municipalityCode: M, year: YEAR };
    const once = async () => {
      const reports = new ReportService(
        new ReportStore(db),
        requestContext(db, organiser, 'budgets'),
      );
      const start = performance.now();
      await Promise.all([
        reports.hbClientCount(key),
        reports.costs(key),
        reports.totalCost(key),
        reports.providers(key),
        reports.alerts(key),
      ]);
      return performance.now() - start;
    };
    await once(); // warm-up
    const times: number[] = [];
    for (let i = 0; i < iterations; i++) times.push(await once());
    times.sort((a, b) => a - b);
    const at = (p: number) => {
      const ms = times[Math.min(times.length - 1, Math.floor(p * times.length))];
      if (ms === undefined) throw new Error('no timed report run (iterations is 0)');
      return ms;
    };
    const round = (ms: number) => Math.round(ms * 10) / 10;
    process.stdout.write(
      `${JSON.stringify({
        reportMs: round(at(0.5)),
        p95Ms: round(at(0.95)),
        clients,
        transactions: tx,
        iterations,
        database: testDb.embedded ? 'embedded' : 'postgresql',
      })}\n`,
    );
  } finally {
    await database.close();
    await testDb.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
