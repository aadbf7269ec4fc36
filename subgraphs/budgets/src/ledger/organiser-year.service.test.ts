import crypto from 'node:crypto';
import { PIRKANMAA_ORGANISER_ID, municipalityCodesOf } from '@hb/kit';
import { principal } from '@hb/kit/testing';
import { budgetsFixture, fakeRemote } from '../testing/budgets-fixture';

/**
 * Year end is the organiser's (issue 18 item 3): closeOrganiserYear closes the year in all the
 * organiser's municipalities at once, the unused money lapsing; staff of another organiser, of
 * one municipality only, or in another role cannot, and nothing closes before 31 December.
 */
const YEAR = 2022;
const f = budgetsFixture({ seed: 'catalog', remote: fakeRemote().remote, today: `${YEAR}-12-31` });
const { as } = f;

// Tests read the rows they wrote loosely (any), as they do GraphQL answers.
const q = (sql: string, params: unknown[] = []) => f.database.dataSource.query<any[]>(sql, params);

async function budget(municipality: string, granted: number, year = YEAR) {
  const [row] = (await q(
    `INSERT INTO budgets.budget (client_id, municipality_code, year, service_type, status, instrument,
       payment_interval_months, granted_cents, schedule, explanation, decided_by)
     VALUES ($1, $2, $3, 'DAY_ACTIVITIES', 'ACTIVE', 'VOUCHER', 12, $4, '{}'::jsonb, 'test', 'test') RETURNING id`,
    [crypto.randomUUID(), municipality, year, granted],
  )) as Array<{ id: string }>;
  await q(`INSERT INTO budgets.budget_balance (budget_id, granted_cents) VALUES ($1, $2)`, [
    row!.id,
    granted,
  ]);
  return row!.id;
}

beforeAll(async () => {
  await budget('837', 100_000);
  await budget('837', 50_000);
  await budget('536', 20_000);
  // Another organiser's municipality (Hämeenlinna) and another year: left open.
  await budget('109', 70_000);
  await budget('837', 30_000, YEAR + 1);
}, 120_000);

const organiserOf = (id: string) =>
  principal('ORGANISER', { organiserId: id, municipalities: municipalityCodesOf(id) });
const pirha = organiserOf(PIRKANMAA_ORGANISER_ID);
const openCount = async () =>
  (
    (await q(`SELECT count(*)::int AS n FROM budgets.budget WHERE status <> 'CLOSED'`)) as Array<{
      n: number;
    }>
  )[0]!.n;

describe('closeOrganiserYear', () => {
  it.each([
    ['staff of another organiser', organiserOf('kanta-hame'), PIRKANMAA_ORGANISER_ID],
    ['staff of Tampere only', principal('ORGANISER', { municipalities: ['837'] }), 'pirkanmaa'],
    ['a worker', principal('WORKER', { municipalities: ['837'] }), 'pirkanmaa'],
    ['anyone, for an unknown organiser', pirha, 'atlantis'],
  ])('refuses %s, closing nothing', async (_name, who, organiserId) => {
    await expect(as(who).yearEnd.closeOrganiserYear(organiserId, YEAR)).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    expect(await openCount()).toBe(5);
  });

  it('closes nothing before the year’s last day', async () => {
    const early = await as(pirha, `${YEAR}-12-30`).yearEnd.closeOrganiserYear(null, YEAR);
    expect(early.errors.map((e) => e.code)).toEqual(['YEAR_NOT_OVER']);
    expect(await openCount()).toBe(5);
  });

  it('closes the year in all 23 municipalities at once; again it closes nothing', async () => {
    const closed = await as(pirha).yearEnd.closeOrganiserYear(null, YEAR);
    expect(closed.errors).toEqual([]);
    expect(closed).toMatchObject({ organiserId: 'pirkanmaa', year: YEAR, closedCount: 3 });
    expect(closed.lapsed).toEqual({ amount: '1700.00', currency: 'EUR' });
    expect(closed.municipalities).toHaveLength(23);
    expect(
      closed.municipalities.filter((m) => m.closedCount > 0).map((m) => m.municipalityCode),
    ).toEqual(['536', '837']);
    // Hämeenlinna's and next year's stay open.
    expect(await openCount()).toBe(2);
    const again = await as(pirha).yearEnd.closeOrganiserYear(PIRKANMAA_ORGANISER_ID, YEAR);
    expect(again).toMatchObject({ closedCount: 0, lapsed: { amount: '0.00' } });
  });
});
