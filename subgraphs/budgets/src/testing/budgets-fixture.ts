import crypto from 'node:crypto';
import type { GraphQLSchema } from 'graphql';
import { createLogger, type Principal } from '@hb/kit';
import {
  countRows,
  databaseFixture,
  type DatabaseFixture,
  requestContext,
  withDatabase,
} from '@hb/kit/testing';
import { createStores } from '../shared/stores';
import { extendContext } from '../context';
import type { BudgetsOptions } from '../shared/options';
import type { BudgetsContext } from '../shared/context.types';
import { budgetsDatabase } from '../entities';
import { buildBudgetsSchema } from '../schema';
import { seedBudgetsDemo, seedCatalog } from '../seed/demo.seed';
import type { ClientFacts, ProviderFacts, RemoteServices } from '../remote/remote-services';

/**
 * Service tests of the budgets subgraph on a real PostgreSQL, in the style of the end-to-end
 * testkit: the fixture gives each test file a database of its own and the means to act as
 * anyone; each test then makes its own clients, budgets and commitments, so tests do not
 * depend on each other's data.
 */
export interface BudgetsFixtureOptions extends Omit<BudgetsOptions, 'today'> {
  /** What the database holds before the first test: the service catalogue, or the whole demo. */
  seed?: 'catalog' | 'demo';
  /** Build the GraphQL schema too (`fixture.schema`). */
  schema?: boolean;
  /** Today as the services see it (`YYYY-MM-DD`); default: today in Finland. */
  today?: string;
}

/** The file's database (with the GraphQL schema when asked for with `schema: true`), and: */
export interface BudgetsFixture extends DatabaseFixture<GraphQLSchema> {
  /** The services as `who` sees them, as the server would build them for one request. */
  as(who: Principal | null, today?: string): BudgetsContext;
  /** One SQL statement on the services' own connection. */
  q<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Row counts of the budgets and audit schemas ("the database is unchanged"). */
  rows(): Promise<Record<string, number>>;
}

/**
 * Registers the beforeAll/afterAll that create, migrate, seed and drop the file's database, and
 * returns what the tests use. Call it once at the top level of a test file.
 */
export function budgetsFixture(options: BudgetsFixtureOptions): BudgetsFixture {
  const { seed, schema: withSchema, today, ...context } = options;
  const db = databaseFixture(budgetsDatabase, {
    seed: async ({ dataSource }) => {
      if (seed === 'catalog') await seedCatalog(dataSource);
      if (seed === 'demo') await seedBudgetsDemo(dataSource, createLogger('test', 'silent'));
    },
    schema: withSchema ? buildBudgetsSchema : undefined,
  });
  return withDatabase(db, {
    as(who: Principal | null, day = today) {
      const { dataSource } = db.database;
      return extendContext(createStores(dataSource), {
        ...context,
        ...(day === undefined ? {} : { today: () => day }),
      })(requestContext(dataSource, who, 'budgets'));
    },
    q: <T>(sql: string, params: unknown[] = []) =>
      db.database.dataSource.query(sql, params) as Promise<T[]>,
    rows: () => countRows(db.url, ['budgets', 'audit']),
  });
}

/** An approved company offering day activities in the municipalities. */
export function approvedProvider(
  id: string = crypto.randomUUID(),
  municipalitiesServed: string[] = ['837', '536'],
): ProviderFacts {
  return {
    id,
    kind: 'COMPANY',
    approvalStatus: 'APPROVED',
    municipalitiesServed,
    offerings: [{ id: crypto.randomUUID(), serviceTypeCode: 'DAY_ACTIVITIES' }],
  };
}

/**
 * The other subgraphs as small in-memory ones: clients (id → municipality) and providers that
 * the test adds to as it goes; no consents unless `parts` says otherwise. `parts` replaces
 * whole ports (a client directory with named staff, the plans subgraph).
 */
export function fakeRemote(parts: Partial<RemoteServices> = {}, firstName = 'Testi') {
  const clients = new Map<string, string>();
  const providers = new Map<string, ProviderFacts>();
  const remote: RemoteServices = {
    clients: {
      client: async (_ctx, id): Promise<ClientFacts | null> =>
        clients.has(id) ? { id, municipalityCode: clients.get(id)!, firstName } : null,
    },
    providers: { provider: async (_ctx, id) => providers.get(id) ?? null },
    consents: { myConsentScopes: async () => [] },
    ...parts,
  };
  return { remote, clients, providers };
}

export interface BudgetWith {
  clientId: string;
  municipality: string;
  /** The budget's unit price (a year's voucher); default 10 000 €. */
  unitPrice?: string;
  /** Commitments to issue: provider id and amount. */
  commitments: Array<{ providerId: string; amount: string }>;
}

/**
 * A day-activities voucher budget for the client, decided by `worker` at the municipality's
 * class without level, and the commitments to providers issued from it; every step must
 * succeed. Returns the budget and each provider's commitment id.
 */
export async function budgetWithCommitments(
  f: BudgetsFixture,
  worker: Principal,
  year: number,
  { clientId, municipality, unitPrice = '10000.00', commitments }: BudgetWith,
) {
  const [cls] = await f.q<{ id: string }>(
    `SELECT id FROM budgets.hb_class WHERE service_type = 'DAY_ACTIVITIES' AND municipality_code = $1 AND level IS NULL`,
    [municipality],
  );
  const ctx = f.as(worker);
  const decided = await ctx.budgets.decide(
    {
      clientId,
      year,
      serviceType: 'DAY_ACTIVITIES',
      hbClassId: cls!.id,
      unitPrice,
      weeklyUnits: null,
      weeks: null,
      paymentIntervalMonths: 12,
      instrument: 'VOUCHER',
    },
    ctx.catalog,
  );
  expect(decided.errors).toEqual([]);
  const budget = decided.budget!;
  const issued = new Map<string, string>();
  for (const { providerId, amount } of commitments) {
    const c = await f.as(worker).commitments.issue({
      budgetId: budget.id,
      providerId,
      amount,
      reason: 'Toteutussuunnitelman mukaan',
      discretionaryReason: null,
    });
    expect(c.errors).toEqual([]);
    issued.set(providerId, c.commitment!.id);
  }
  return { budget, clientId, commitments: issued };
}

/**
 * `n` active day-activity voucher budgets of 10 000 € for new clients of the municipality,
 * written straight in SQL (for volume: a caseload of 500); their client ids. No balances.
 */
export async function insertBudgets(
  f: BudgetsFixture,
  municipality: string,
  year: number,
  n: number,
): Promise<string[]> {
  const rows = await f.q<{ client_id: string }>(
    `INSERT INTO budgets.budget (client_id, municipality_code, year, service_type, status,
       instrument, payment_interval_months, granted_cents, schedule, explanation, decided_by)
     SELECT gen_random_uuid(), $1, $2, 'DAY_ACTIVITIES', 'ACTIVE', 'VOUCHER', 12, 1000000,
       '{}'::jsonb, 'testi', 'test' FROM generate_series(1, $3)
     RETURNING client_id`,
    [municipality, year, n],
  );
  return rows.map((r) => r.client_id);
}
