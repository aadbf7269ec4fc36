import 'reflect-metadata';
import crypto from 'node:crypto';
import { Client } from 'pg';
import { DEMO } from '@hb/kit';
import { refreshStatements } from '@hb/providers/dist/provider/catalogue.store';
import { WORDS } from '@hb/providers/dist/bench/catalogue-words';
import { must } from './must';

/**
 * The benchmark's data set, loaded with set-based SQL (`INSERT … SELECT generate_series`)
 * straight into each subgraph's own schema after the services have run their migrations.
 * A fixture only: the services' own write paths are what the tests exercise.
 */

const FIRST = [
  'Aino',
  'Eetu',
  'Helmi',
  'Onni',
  'Saara',
  'Veeti',
  'Ilona',
  'Leevi',
  'Kerttu',
  'Niilo',
  'Essi',
  'Joel',
];
const LAST = [
  'Virtanen',
  'Korhonen',
  'Mäkinen',
  'Nieminen',
  'Mäkelä',
  'Hämäläinen',
  'Laine',
  'Heikkinen',
  'Koskinen',
  'Järvinen',
];

/** Absolute counts of the data set. */
export interface DataSize {
  clients: number;
  providers: number;
  /** Five per provider. */
  offerings: number;
  /** Ledger rows (one GRANT per budget, the rest charges). */
  transactions: number;
}

export const FULL: DataSize = {
  clients: 5_000,
  providers: 20_000,
  offerings: 100_000,
  transactions: 200_000,
};

export function scaled(size: DataSize, factor: number): DataSize {
  return {
    clients: Math.round(size.clients * factor),
    providers: Math.round(size.providers * factor),
    offerings: Math.round(size.offerings * factor),
    transactions: Math.round(size.transactions * factor),
  };
}

export interface Counts {
  clients: number;
  budgets: number;
  providers: number;
  offerings: number;
  transactions: number;
  plans: number;
}

/** Creates a fresh database `hb_bench_<random>` on the server of `serverUrl`. */
export async function createBenchDatabase(
  serverUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `hb_bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function counts(db: Client): Promise<Counts> {
  const { rows } = await db.query(`SELECT
    (SELECT count(*) FROM clients.client)::int AS clients,
    (SELECT count(*) FROM budgets.budget)::int AS budgets,
    (SELECT count(*) FROM providers.provider)::int AS providers,
    (SELECT count(*) FROM providers.offering)::int AS offerings,
    (SELECT count(*) FROM budgets.ledger_transaction)::int AS transactions,
    (SELECT count(*) FROM plans.implementation_plan)::int AS plans`);
  return rows[0] as Counts;
}

/**
 * Adds generated rows until the data set has (at least) `target` rows of each kind beyond the
 * demo data. Repeated calls grow the same database (1× → 4× → 16×). Returns the time taken.
 */
export async function growTo(databaseUrl: string, target: DataSize, year: number): Promise<number> {
  const t0 = Date.now();
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(`SET synchronous_commit = off`);
    const have = (
      await db.query(`SELECT
      (SELECT count(*) FROM clients.client WHERE first_name LIKE 'Penkki%')::int AS clients,
      (SELECT count(*) FROM providers.provider WHERE name LIKE 'Palvelu %')::int AS providers,
      (SELECT count(*) FROM budgets.ledger_transaction WHERE created_by = 'bench')::int AS transactions`)
    ).rows[0] as { clients: number; providers: number; transactions: number };

    // --- providers and offerings (providers schema), as catalogue-varied.ts generates them ---
    const pFrom = have.providers + 1;
    const pTo = target.providers;
    if (pTo >= pFrom) {
      await db.query(
        `INSERT INTO providers.provider (name, business_id, kind, approval_status, description, municipalities, languages, accessibility)
         SELECT 'Palvelu ' || ($3::text[])[1 + i % 24] || ' ' || i,
                lpad((3000000 + i)::text, 7, '0') || '-0',
                (ARRAY['COMPANY','NGO','COMMUNITY'])[1 + i % 3],
                CASE WHEN i % 10 = 0 THEN 'PENDING' ELSE 'APPROVED' END,
                'Tarjoamme ' || ($3::text[])[1 + (i * 7) % 24] || 'a ja ' || ($3::text[])[1 + (i * 11) % 24] || 'a Pirkanmaalla.',
                ARRAY[(ARRAY['837','536','980','211','418','604','908','790'])[1 + i % 8]],
                CASE WHEN i % 5 = 0 THEN ARRAY['fi','sv'] ELSE ARRAY['fi'] END,
                CASE WHEN i % 7 = 0 THEN ARRAY['WHEELCHAIR_ACCESSIBLE'] ELSE ARRAY[]::text[] END
         FROM generate_series($1::int, $2::int) i`,
        [pFrom, pTo, WORDS],
      );
      const perProvider = Math.max(1, Math.round(target.offerings / target.providers));
      await db.query(
        `INSERT INTO providers.offering (provider_id, service_type, title, description, price_cents, price_unit)
         SELECT p.id, (ARRAY['DAY_ACTIVITIES','RESPITE_CARE','TRANSPORT','PERSONAL_ASSISTANCE','HOUSING'])[1 + k % 5],
                initcap(($1::text[])[1 + (k * 5 + length(p.name)) % 24]) || ' ' || k,
                'Palvelua ' || ($1::text[])[1 + (k * 13 + length(p.name)) % 24],
                1000 + (k * 997 + length(p.name) * 31) % 20000, (ARRAY['HOUR','DAY','KILOMETRE','YEAR'])[1 + k % 4]
         FROM providers.provider p CROSS JOIN generate_series(1, $4::int) k
         WHERE p.business_id BETWEEN lpad((3000000 + $2::int)::text, 7, '0') || '-0'
                                 AND lpad((3000000 + $3::int)::text, 7, '0') || '-0'`,
        [WORDS, pFrom, pTo, perProvider],
      );
      // The providers subgraph's own search-document SQL, for the new providers.
      const ids = (
        await db.query(
          `SELECT id FROM providers.provider WHERE business_id BETWEEN lpad((3000000 + $1::int)::text, 7, '0') || '-0'
                                                            AND lpad((3000000 + $2::int)::text, 7, '0') || '-0'`,
          [pFrom, pTo],
        )
      ).rows.map((r: { id: string }) => r.id);
      await refreshSearchDocuments(databaseUrl, ids);
    }

    // --- clients (clients schema) -------------------------------------------------------
    const cFrom = have.clients + 1;
    const cTo = target.clients;
    await db.query(
      `CREATE TEMP TABLE IF NOT EXISTS new_client (id uuid, municipality_code varchar(3), n int)`,
    );
    await db.query(`TRUNCATE new_client`);
    if (cTo >= cFrom) {
      const adviser = (
        await db.query(`SELECT id FROM clients.staff_member WHERE id = $1`, [DEMO.adviserId])
      ).rows[0] as { id: string } | undefined;
      await db.query(
        `WITH ins AS (
           INSERT INTO clients.client (first_name, last_name, date_of_birth, municipality_code, adviser_id, process_phase)
           SELECT 'Penkki' || ($3::text[])[1 + i % 12], ($4::text[])[1 + (i * 7) % 10] || '-' || i,
                  make_date(1960 + i % 45, 1 + i % 12, 1 + i % 28),
                  ($5::text[])[1 + i % cardinality($5::text[])], $6::uuid, 'IMPLEMENTATION'
           FROM generate_series($1::int, $2::int) i
           RETURNING id, municipality_code)
         INSERT INTO new_client SELECT id, municipality_code, row_number() OVER (ORDER BY id) FROM ins`,
        [cFrom, cTo, FIRST, LAST, [...DEMO.pirkanmaa], adviser?.id ?? null],
      );

      // --- budgets, ledger, balances (budgets schema) ------------------------------------
      const types = (
        await db.query<{ code: string }>(
          `SELECT code FROM budgets.service_type ORDER BY sort_order, code LIMIT 2`,
        )
      ).rows.map((r) => r.code);
      const schedule =
        (await db.query<{ schedule: unknown }>(`SELECT schedule FROM budgets.budget LIMIT 1`))
          .rows[0]?.schedule ?? {};
      await db.query(`CREATE TEMP TABLE IF NOT EXISTS new_budget (id uuid, n int)`);
      await db.query(`TRUNCATE new_budget`);
      // Every client a budget of the first type; every other client one of the second type too.
      await db.query(
        `WITH ins AS (
           INSERT INTO budgets.budget (client_id, municipality_code, year, service_type, status, instrument,
             payment_interval_months, granted_cents, schedule, explanation, decided_by)
           SELECT c.id, c.municipality_code, $1, t.code, 'ACTIVE', 'VOUCHER', 1, 100000000, $3::jsonb,
                  'Benchmark budget.', 'bench'
           FROM new_client c CROSS JOIN unnest($2::text[]) WITH ORDINALITY AS t(code, o)
           WHERE t.o = 1 OR c.n % 2 = 0
           RETURNING id)
         INSERT INTO new_budget SELECT id, row_number() OVER (ORDER BY id) FROM ins`,
        [year, types, JSON.stringify(schedule)],
      );
      const budgets = must(
        (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM new_budget`)).rows[0],
        'count of new budgets',
      ).n;
      const charges = Math.max(0, target.transactions - have.transactions - budgets);
      const per = Math.floor(charges / budgets);
      const extra = charges - per * budgets;
      await db.query(
        `INSERT INTO budgets.ledger_transaction (budget_id, kind, amount_cents, status, description, created_by)
         SELECT id, 'GRANT', 100000000, 'CONFIRMED', 'Benchmark grant', 'bench' FROM new_budget ORDER BY n`,
      );
      await db.query(`DROP TABLE IF EXISTS bench_provider`);
      await db.query(
        `CREATE TEMP TABLE bench_provider AS
         SELECT row_number() OVER (ORDER BY id) - 1 AS n, id FROM providers.provider WHERE approval_status = 'APPROVED'`,
      );
      const approved = must(
        (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM bench_provider`)).rows[0],
        'count of approved providers',
      ).n;
      await db.query(`CREATE INDEX ON bench_provider (n)`);
      await db.query(
        `INSERT INTO budgets.ledger_transaction (budget_id, kind, amount_cents, status, provider_id, service_date,
           description, created_by)
         SELECT b.id, 'CHARGE', 1000 + (k * 37 + b.n * 11) % 9000,
                CASE WHEN k % 10 = 0 THEN 'PENDING_CONFIRMATION' ELSE 'CONFIRMED' END,
                p.id, make_date($4, 1 + k % 12, 1 + (k + b.n) % 28), 'Palvelu ' || k, 'bench'
         FROM new_budget b CROSS JOIN generate_series(1, $1::int + 1) k
         JOIN bench_provider p ON p.n = (b.n * 7919 + k * 104729) % $3::int
         WHERE k <= $1::int + CASE WHEN b.n <= $2::int THEN 1 ELSE 0 END
         ORDER BY b.n, k`,
        [per, extra, approved, year],
      );
      // Balances that agree with the ledger (the table's CHECKs hold them to it).
      await db.query(
        `INSERT INTO budgets.budget_balance (budget_id, granted_cents, spent_cents, pending_cents)
         SELECT b.id, bb.granted_cents,
                coalesce(sum(t.amount_cents) FILTER (WHERE t.kind = 'CHARGE' AND t.status = 'CONFIRMED'), 0),
                coalesce(sum(t.amount_cents) FILTER (WHERE t.kind = 'CHARGE' AND t.status = 'PENDING_CONFIRMATION'), 0)
         FROM new_budget b JOIN budgets.budget bb ON bb.id = b.id
         LEFT JOIN budgets.ledger_transaction t ON t.budget_id = b.id
         GROUP BY b.id, bb.granted_cents`,
      );

      // --- plans for 60 % of the clients (plans schema) ----------------------------------
      await db.query(
        `WITH ins AS (
           INSERT INTO plans.implementation_plan (client_id, municipality_code, year, version, status, support_needs,
             practical_plan, accepted_at, accepted_by, accepted_by_role, accepted_on_behalf, created_by)
           SELECT id, municipality_code, $1, 1, 'ACCEPTED', 'Tuki arjessa.', 'Päivätoimintaa kahdesti viikossa.',
                  now(), 'bench', 'HB_ADVISER', false, 'bench'
           FROM new_client WHERE n % 5 < 3
           RETURNING id)
         INSERT INTO plans.goal (plan_id, lineage_id, position, description)
         SELECT id, gen_random_uuid(), 1, 'Osallistuu ryhmään viikoittain.' FROM ins`,
        [year],
      );
    }
    await db.query(`ANALYZE`);
  } finally {
    await db.end();
  }
  return Date.now() - t0;
}

/**
 * The providers subgraph's own statements that rebuild what the catalogue keeps of a provider
 * (search documents and lowest prices per unit, so the fixture never drifts from them), run
 * for the new providers in batches, on two connections at a time (most of the load's time is
 * these statements' CPU in PostgreSQL; the batches touch disjoint providers).
 */
async function refreshSearchDocuments(databaseUrl: string, ids: string[]): Promise<void> {
  const BATCH = 2_500;
  let next = 0;
  const worker = async () => {
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      await db.query(`SET synchronous_commit = off`);
      while (next < ids.length) {
        const batch = ids.slice(next, next + BATCH);
        next += BATCH;
        for (const { sql, params } of refreshStatements(batch)) await db.query(sql, params);
      }
    } finally {
      await db.end();
    }
  };
  await Promise.all([worker(), worker()]);
}
