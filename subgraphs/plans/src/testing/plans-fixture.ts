import crypto from 'node:crypto';
import type { GraphQLSchema } from 'graphql';
import type { Principal } from '@hb/kit';
import {
  databaseFixture,
  principal,
  queryDatabase,
  requestContext,
  withDatabase,
  type DatabaseFixture,
} from '@hb/kit/testing';
import { createStores } from '../shared/stores';
import { extendContext } from '../context';
import type { PlansContext } from '../shared/context.types';
import { plansDatabase } from '../entities';
import { buildPlansSchema } from '../schema';
import { fakeDirectories } from '../plan/fake-directories.testing';

/**
 * Service tests of the plans subgraph on a real PostgreSQL, in the style of the end-to-end
 * testkit: a database of the file's own and the other subgraphs as small in-memory directories
 * (`fake`); each test makes its own clients, providers and plans with the helpers here.
 */
/** The file's database (with the GraphQL schema when asked for with `schema: true`), and: */
export interface PlansFixture extends DatabaseFixture<GraphQLSchema> {
  /** The other subgraphs: clients, budgets, providers and consents the test adds to. */
  readonly fake: ReturnType<typeof fakeDirectories>;
  readonly year: number;
  /** The services as `who` sees them, as the server would build them for one request. */
  as(who: Principal | null): PlansContext;
  /** `SELECT count(*) FROM <sql>` as the superuser (rows the services' role may not read). */
  count(sql: string, params: unknown[]): Promise<number>;
  /** A client of the municipality in the clients directory, and her principal. */
  newClient(municipalityCode?: string): { id: string; client: Principal };
  /** A client (as {@link newClient}) with a day-activities budget of 15 360 € this year. */
  clientWithBudget(municipalityCode?: string): { id: string; budgetId: string; client: Principal };
  /** An approved day-activities company (or as given) in the providers directory. */
  newProvider(
    kind?: 'COMPANY' | 'ORGANISER_OWN',
    approvalStatus?: 'APPROVED' | 'PENDING',
    serviceTypeCode?: string,
  ): { id: string; offeringId: string };
  /** A draft plan of this year for a client, made by `adviser`; must succeed. */
  draftPlan(
    adviser: Principal,
    clientId: string,
    municipalityCode?: string,
    clientName?: string,
  ): Promise<DraftedPlan>;
}

type DraftedPlan = NonNullable<Awaited<ReturnType<PlansContext['plans']['create']>>['plan']>;

/**
 * Registers the beforeAll/afterAll that create, migrate and drop the file's database, and
 * returns what the tests use. Call it once at the top level of a test file.
 */
export function plansFixture(options: { schema?: boolean } = {}): PlansFixture {
  const fake = fakeDirectories();
  const year = new Date().getFullYear();
  const db = databaseFixture(plansDatabase, {
    schema: options.schema ? buildPlansSchema : undefined,
    timeout: 60_000,
  });
  const fixture: PlansFixture = withDatabase(db, {
    fake,
    year,
    as(who: Principal | null) {
      const { dataSource } = db.database;
      return extendContext(
        createStores(dataSource),
        fake.directories,
      )(requestContext(dataSource, who, 'plans'));
    },
    async count(sql: string, params: unknown[]) {
      const rows = await queryDatabase<{ n: number }>(
        db.url,
        `SELECT count(*)::int AS n FROM ${sql}`,
        params,
      );
      return rows[0]!.n;
    },
    newClient(municipalityCode = '837'): { id: string; client: Principal } {
      const id = crypto.randomUUID();
      fake.clients.set(id, { id, municipalityCode });
      return { id, client: principal('CLIENT', { clientId: id }) };
    },
    clientWithBudget(municipalityCode = '837') {
      const c = fixture.newClient(municipalityCode);
      const budgetId = crypto.randomUUID();
      fake.budgets.set(budgetId, {
        id: budgetId,
        clientId: c.id,
        year,
        grantedCents: 1_536_000,
        serviceTypeCode: 'DAY_ACTIVITIES',
      });
      return { id: c.id, budgetId, client: c.client };
    },
    newProvider(
      kind: 'COMPANY' | 'ORGANISER_OWN' = 'COMPANY',
      approvalStatus: 'APPROVED' | 'PENDING' = 'APPROVED',
      serviceTypeCode = 'DAY_ACTIVITIES',
    ) {
      const id = crypto.randomUUID();
      const offeringId = crypto.randomUUID();
      fake.providers.set(id, {
        id,
        kind,
        approvalStatus,
        offerings: [{ id: offeringId, serviceTypeCode }],
      });
      return { id, offeringId };
    },
    async draftPlan(
      adviser: Principal,
      clientId: string,
      municipalityCode = '837',
      clientName = 'Asiakas',
    ) {
      const r = await fixture.as(adviser).plans.create({
        clientId,
        municipalityCode,
        year,
        supportNeeds: 'Tuettu päätöksenteko',
        goals: [{ description: 'Arjen taidot' }],
        participants: [{ name: clientName, role: 'CLIENT' }],
      });
      expect(r.errors).toEqual([]);
      return r.plan!;
    },
  });
  return fixture;
}
