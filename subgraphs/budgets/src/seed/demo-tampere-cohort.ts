import crypto from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  AccessLogBuffer,
  DEMO,
  TAMPERE_COHORT,
  type CohortClient,
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

/**
 * The Tampere cohort's budgets (see TAMPERE_COHORT): each decided by the demo own worker for
 * the year; a day-activity client also has a payment commitment to the demo provider and two
 * charges she has confirmed, for her share of the elapsed year's money. Through the services,
 * so ledger, balance, instalments, decisions, alerts and events agree. Runs inside the demo
 * seed before its settlement run, so the confirmed charges join the demo provider's one batch.
 */

const cents = (value: number) => (Math.max(0, Math.round(value)) / 100).toFixed(2);

function context(db: DataSource, who: Principal, remote: RemoteServices): BudgetsContext {
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

const principal = (role: Principal['role'], sub: string, extra: Partial<Principal> = {}) => ({
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

/** What the other services hold about the cohort and the demo provider (they are not up yet). */
const remote: RemoteServices = {
  clients: {
    client: (_ctx, id) => {
      const c = TAMPERE_COHORT.find((x) => x.id === id);
      return Promise.resolve(
        c ? { id, municipalityCode: DEMO.tampere, firstName: c.firstName } : null,
      );
    },
  },
  providers: {
    provider: (_ctx, id) =>
      Promise.resolve({
        id,
        kind: 'COMPANY',
        approvalStatus: 'APPROVED',
        municipalitiesServed: [DEMO.tampere],
        offerings: [{ id: crypto.randomUUID(), serviceTypeCode: 'DAY_ACTIVITIES' }],
      }),
  },
  consents: { myConsentScopes: () => Promise.resolve([]) },
};

/** Day of the year (1-based) and the year's length, for `today` (`YYYY-MM-DD`). */
function elapsed(today: string): { share: number; midYearDate: string } {
  const year = Number(today.slice(0, 4));
  const start = Date.UTC(year, 0, 1);
  const day = Date.parse(`${today}T00:00:00Z`);
  const days = (Date.UTC(year + 1, 0, 1) - start) / 86_400_000;
  const gone = (day - start) / 86_400_000 + 1;
  const middle = new Date(start + Math.floor((gone - 1) / 2) * 86_400_000);
  return { share: gone / days, midYearDate: middle.toISOString().slice(0, 10) };
}

export async function seedTampereCohortBudgets(
  db: DataSource,
  year: number,
  today: string,
): Promise<void> {
  const worker = context(
    db,
    principal('WORKER', DEMO.workerId, { municipalities: [DEMO.tampere] }),
    remote,
  );
  const provider = context(
    db,
    principal('PROVIDER', DEMO.providerId, { providerId: DEMO.providerId }),
    remote,
  );
  const classes = new Map<string, string>(
    (
      await db.query<Array<{ key: string; id: string }>>(
        `SELECT service_type || ':' || level AS key, id FROM budgets.hb_class
          WHERE municipality_code = $1 AND level IS NOT NULL`,
        [DEMO.tampere],
      )
    ).map((r) => [r.key, r.id]),
  );
  const { share, midYearDate } = elapsed(today);
  for (const c of TAMPERE_COHORT) await seedOne(c);

  async function seedOne(c: CohortClient) {
    const { serviceType, level, units } = c.service;
    const hbClassId = classes.get(`${serviceType}:${level}`);
    if (!hbClassId) throw new Error(`no class ${serviceType} ${level} in Tampere`);
    const transport = serviceType === 'TRANSPORT';
    const decided = await worker.budgets.decide(
      Object.assign(new DecideBudgetInput(), {
        clientId: c.id,
        year,
        serviceType,
        hbClassId,
        ...(transport ? { kilometres: units } : { weeklyUnits: units, weeks: 46 }),
        paymentIntervalMonths: 3,
        instrument: transport ? 'CARD' : 'VOUCHER',
      }),
      worker.catalog,
    );
    if (!decided.budget)
      throw new Error(`seeding a cohort budget failed: ${JSON.stringify(decided.errors)}`);
    if (transport) return;
    const granted = decided.budget.grantedCents;
    const committed = Math.floor(granted * 0.9);
    const commitment = await worker.commitments.issue(
      Object.assign(new IssueCommitmentInput(), {
        budgetId: decided.budget.id,
        providerId: DEMO.providerId,
        amount: cents(committed),
        reason: 'Toteutussuunnitelma: päivätoiminta ja henkilökohtainen ohjaus',
      }),
    );
    if (!commitment.commitment)
      throw new Error(`seeding a cohort commitment failed: ${JSON.stringify(commitment.errors)}`);
    const used = Math.min(committed, Math.round((granted * share * c.usePercent) / 100));
    const first = Math.round(used * 0.6);
    const client = context(db, principal('CLIENT', c.id, { clientId: c.id }), remote);
    const charges: Array<[amount: number, serviceDate: string]> = [
      [first, midYearDate],
      [used - first, today],
    ];
    for (const [index, [amount, serviceDate]] of charges.entries()) {
      if (amount < 1) continue;
      const charge = await provider.ledger.recordCharge(
        Object.assign(new RecordChargeInput(), {
          commitmentId: commitment.commitment.id,
          amount: cents(amount),
          serviceDate,
          description: 'Päivätoiminta ja ohjaus',
          idempotencyKey: `demo-cohort-${c.id}-${year}-${index + 1}`,
        }),
      );
      if (!charge.transaction)
        throw new Error(`seeding a cohort charge failed: ${JSON.stringify(charge.errors)}`);
      await client.ledger.confirm(charge.transaction.id);
    }
  }
}
