import crypto from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  AccessLogBuffer,
  DEMO,
  organiserOfMunicipality,
  todayInFinland,
  type Logger,
  type Principal,
  type RequestContext,
} from '@hb/kit';
import { DecideBudgetInput } from '../budget/budget.type';
import { IssueCommitmentInput } from '../commitment/commitment.type';
import { RecordChargeInput } from '../ledger/ledger.type';
import { createStores } from '../shared/stores';
import { extendContext } from '../context';
import type { BudgetsContext } from '../shared/context.types';
import type { RemoteServices } from '../remote/remote-services';
import { seedTampereCohortBudgets } from './demo-tampere-cohort';
import { ALL_CLASSES, SERVICE_TYPES } from './keusote-classes';

/** Year from which the seeded class values are valid. */
const PRICES_FROM = 2020;

/** Inserts the service types and the Keusote classes for every Pirkanmaa municipality. */
export async function seedCatalog(db: DataSource): Promise<void> {
  await db.transaction(async (m) => {
    for (const [index, [code, name, nameSv, unitLabel]] of SERVICE_TYPES.entries()) {
      await m.query(
        `INSERT INTO budgets.service_type (code, name, name_sv, unit_label, sort_order) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (code) DO NOTHING`,
        [code, name, nameSv, unitLabel, index],
      );
    }
    for (const municipality of DEMO.pirkanmaa) {
      for (const c of ALL_CLASSES) {
        const [row] = await m.query<[{ id: string }]>(
          `INSERT INTO budgets.hb_class (service_type, municipality_code, level, individual, pricing_basis, criteria,
             min_age, max_age, min_kilometres, max_kilometres)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
          [
            c.serviceType,
            municipality,
            c.level,
            c.level === null,
            c.pricingBasis,
            c.criteria,
            c.minAge ?? null,
            c.maxAge ?? null,
            c.minKilometres ?? null,
            c.maxKilometres ?? null,
          ],
        );
        if (c.priceCents === null) continue;
        const organiser = organiserOfMunicipality(municipality);
        if (organiser && c.level !== null) {
          // The organiser's value, once for all its municipalities.
          await m.query(
            `INSERT INTO budgets.organiser_class_value (organiser_id, service_type, level, year, unit_price_cents, set_by)
             VALUES ($1, $2, $3, $4, $5, 'seed') ON CONFLICT DO NOTHING`,
            [organiser.id, c.serviceType, c.level, PRICES_FROM, c.priceCents],
          );
        } else {
          await m.query(
            `INSERT INTO budgets.hb_class_price (hb_class_id, year, unit_price_cents, set_by) VALUES ($1, $2, $3, 'seed')`,
            [row.id, PRICES_FROM, c.priceCents],
          );
        }
      }
    }
  });
}

function seedContext(db: DataSource, who: Principal, remote: RemoteServices): BudgetsContext {
  const requestId = `seed-${crypto.randomUUID()}`;
  const base: RequestContext = {
    principal: who,
    authorization: null,
    requestId,
    accessLog: new AccessLogBuffer(db, 'budgets', who, requestId, 'demo data (esimerkkiaineisto)'),
    logger: { info() {}, warn() {}, error() {}, debug() {} } as unknown as RequestContext['logger'],
  };
  return extendContext(createStores(db), { remote })(base);
}

const who = (role: Principal['role'], sub: string, extra: Partial<Principal> = {}): Principal => ({
  sub,
  role,
  municipalities: [],
  clientId: null,
  providerId: null,
  scopes: [],
  name: null,
  organisation: null,
  ...extra,
});

/**
 * The demo world: Keusote classes for all Pirkanmaa municipalities, and Essi's active
 * day-activity budget for the current year (2 days a week × 48 weeks × 160 € = 15 360 €,
 * voucher, paid quarterly) with a payment commitment to the demo provider, a few confirmed
 * charges on it, settled in one payment batch, and one pending for Essi to confirm. Runs only
 * on empty tables and goes through the services, so ledger, balance, instalments and events agree.
 */
export async function seedBudgetsDemo(db: DataSource, logger: Logger): Promise<void> {
  const [{ count }] = await db.query<[{ count: number }]>(
    `SELECT count(*)::int AS count FROM budgets.hb_class`,
  );
  if (count > 0) return;
  await seedCatalog(db);

  // The seed runs before the other services are up: it knows the demo facts they hold.
  const remote: RemoteServices = {
    clients: {
      client: (_ctx, id) =>
        Promise.resolve(
          id === DEMO.essiClientId
            ? { id, municipalityCode: DEMO.tampere, firstName: 'Essi' }
            : null,
        ),
    },
    providers: {
      provider: (_ctx, id) =>
        Promise.resolve({
          id,
          kind: 'COMPANY',
          approvalStatus: 'APPROVED',
          municipalitiesServed: [DEMO.tampere],
          // What the providers seed says of the demo provider: day activities in Tampere.
          offerings: [{ id: crypto.randomUUID(), serviceTypeCode: 'DAY_ACTIVITIES' }],
        }),
    },
    consents: { myConsentScopes: () => Promise.resolve([]) },
  };
  const today = todayInFinland();
  const year = Number(today.slice(0, 4));
  const [cls] = await db.query<[{ id: string }]>(
    `SELECT id FROM budgets.hb_class WHERE service_type = 'DAY_ACTIVITIES' AND municipality_code = $1 AND level = 5`,
    [DEMO.tampere],
  );
  const worker = seedContext(
    db,
    who('WORKER', DEMO.workerId, { municipalities: [DEMO.tampere] }),
    remote,
  );
  const decided = await worker.budgets.decide(
    Object.assign(new DecideBudgetInput(), {
      clientId: DEMO.essiClientId,
      year,
      serviceType: 'DAY_ACTIVITIES',
      hbClassId: cls.id,
      weeklyUnits: 2,
      weeks: 48,
      paymentIntervalMonths: 3,
      instrument: 'VOUCHER',
    }),
    worker.catalog,
  );
  if (!decided.budget)
    throw new Error(`seeding Essi's budget failed: ${JSON.stringify(decided.errors)}`);

  const provider = seedContext(
    db,
    who('PROVIDER', DEMO.providerId, { providerId: DEMO.providerId }),
    remote,
  );
  const essi = seedContext(
    db,
    who('CLIENT', DEMO.essiClientId, { clientId: DEMO.essiClientId }),
    remote,
  );
  // Her accepted plan buys personal guidance at home from the demo provider: a commitment for
  // it (the plans seed states the split in words; its allocations are set by an adviser).
  const commitment = await worker.commitments.issue(
    Object.assign(new IssueCommitmentInput(), {
      budgetId: decided.budget.id,
      providerId: DEMO.providerId,
      amount: '4000.00',
      reason: 'Toteutussuunnitelma: henkilökohtainen ohjaus kotona ke ja pe klo 8 alkaen',
    }),
  );
  if (!commitment.commitment)
    throw new Error(`seeding a commitment failed: ${JSON.stringify(commitment.errors)}`);
  const dates = [1, 2, 3, 4]
    .map((month) => `${year}-${String(month).padStart(2, '0')}-15`)
    .map((d) => (d > today ? today : d));
  for (const [index, serviceDate] of [...dates, today].entries()) {
    const charge = await provider.ledger.recordCharge(
      Object.assign(new RecordChargeInput(), {
        commitmentId: commitment.commitment.id,
        amount: '320.00',
        serviceDate,
        description: 'Henkilökohtainen ohjaus kotona, ke ja pe klo 8 (2 päivää)',
        idempotencyKey: `demo-essi-${year}-${index + 1}`,
      }),
    );
    if (!charge.transaction)
      throw new Error(`seeding a charge failed: ${JSON.stringify(charge.errors)}`);
    if (index < dates.length) await essi.ledger.confirm(charge.transaction.id);
  }
  await seedTampereCohortBudgets(db, year, today);
  // One settled payment batch (maksuerä), so a new user sees the whole flow: organiser staff
  // settle the confirmed charges; the provider's IBAN is read when the bank file is taken.
  const organiser = seedContext(
    db,
    who('ORGANISER', DEMO.organiserId, { municipalities: [DEMO.tampere] }),
    remote,
  );
  // The charges were confirmed between the seed's start and now (maybe across midnight).
  const settled = await organiser.settlement.run({
    municipalityCode: DEMO.tampere,
    from: today,
    to: todayInFinland(),
  });
  if (settled.errors.length > 0 || settled.batches.length !== 1)
    throw new Error(`seeding a payment batch failed: ${JSON.stringify(settled.errors)}`);
  logger.info("seeded HB classes and Essi's day-activity budget");
}
