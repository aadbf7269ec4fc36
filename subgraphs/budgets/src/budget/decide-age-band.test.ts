import crypto from 'node:crypto';
import { principal } from '@hb/kit/testing';
import { budgetsFixture } from '../testing/budgets-fixture';
import type { ClientFacts, RemoteServices } from '../remote/remote-services';

/**
 * A class with an age band (ikäraja) refuses a client outside it, judged from her birth date in
 * the clients register on the budget's first day (or today, in a year already running).
 */
const clients = new Map<string, ClientFacts>();
const remote: RemoteServices = {
  clients: { client: async (_ctx, id) => clients.get(id) ?? null },
  providers: { provider: async () => null },
  consents: { myConsentScopes: async () => [] },
};

const f = budgetsFixture({ seed: 'catalog', remote });

const year = new Date().getFullYear();
const worker = principal('WORKER', { municipalities: ['837'] });
const ctx = () => f.as(worker);

async function respiteClass(adults: boolean): Promise<string> {
  const [row] = (await f.database.dataSource.query(
    `SELECT id FROM budgets.hb_class WHERE service_type = 'RESPITE_CARE' AND municipality_code = '837'
       AND min_age = $1 AND NOT individual ORDER BY level LIMIT 1`,
    [adults ? 18 : 0],
  )) as Array<{ id: string }>;
  return row!.id;
}

async function decide(dateOfBirth: string | null, adults: boolean) {
  const id = crypto.randomUUID();
  clients.set(id, { id, municipalityCode: '837', firstName: 'Iida', dateOfBirth });
  const c = ctx();
  return c.budgets.decide(
    {
      clientId: id,
      year,
      serviceType: 'RESPITE_CARE',
      hbClassId: await respiteClass(adults),
      weeklyUnits: 1,
      weeks: 10,
      paymentIntervalMonths: 12,
      instrument: 'VOUCHER',
    },
    c.catalog,
  );
}

describe('decideBudget and age bands', () => {
  it.each([
    ['a ten-year-old in the adults’ class', `${year - 10}-06-01`, true, ['OUTSIDE_AGE_BAND']],
    [
      'a thirty-year-old in the children’s class',
      `${year - 30}-06-01`,
      false,
      ['OUTSIDE_AGE_BAND'],
    ],
    ['a 66-year-old in the adults’ class', `${year - 67}-01-01`, true, ['OUTSIDE_AGE_BAND']],
  ] as const)('refuses %s and changes nothing', async (_name, birth, adults, expected) => {
    const before = await f.rows();
    const result = await decide(birth, adults);
    expect(result.errors.map((e) => [e.code, e.field])).toEqual(
      expected.map((code) => [code, 'input.hbClassId']),
    );
    expect(await f.rows()).toEqual(before);
  });

  it.each([
    ['a thirty-year-old in the adults’ class', `${year - 30}-06-01`, true],
    ['a ten-year-old in the children’s class', `${year - 10}-06-01`, false],
    ['a client without a recorded birth date', null, true],
  ] as const)('decides for %s', async (_name, birth, adults) => {
    const result = await decide(birth, adults);
    expect(result.errors).toEqual([]);
  });
});

describe('decideBudget and the year', () => {
  it('refuses a decision for a year that is over and changes nothing; the current and next year are fine', async () => {
    const before = await f.rows();
    const id = crypto.randomUUID();
    clients.set(id, { id, municipalityCode: '837', firstName: 'Iida', dateOfBirth: null });
    const c = ctx();
    const [cls] = (await f.database.dataSource.query(
      `SELECT id FROM budgets.hb_class WHERE service_type = 'DAY_ACTIVITIES' AND municipality_code = '837' AND level IS NULL`,
    )) as Array<{ id: string }>;
    const input = (y: number) => ({
      clientId: id,
      year: y,
      serviceType: 'DAY_ACTIVITIES',
      hbClassId: cls!.id,
      unitPrice: '100.00',
      paymentIntervalMonths: 12,
      instrument: 'VOUCHER' as const,
    });
    const past = await c.budgets.decide(input(year - 1), c.catalog);
    expect(past.errors.map((e) => [e.code, e.field])).toEqual([['YEAR_PAST', 'input.year']]);
    expect(await f.rows()).toEqual(before);
    expect((await c.budgets.decide(input(year), c.catalog)).errors).toEqual([]);
    expect((await c.budgets.decide(input(year + 1), c.catalog)).errors).toEqual([]);
  });
});
