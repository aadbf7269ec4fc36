import crypto from 'node:crypto';
import { PIRKANMAA_ORGANISER_ID, municipalityCodesOf, type Principal } from '@hb/kit';
import { databaseFixture, principal, requestContext } from '@hb/kit/testing';
import { budgetsDatabase } from '../entities';
import { OrganiserReportService } from './organiser-report.service';
import { ReportService } from './report.service';
import { ReportStore } from './report.store';

/**
 * The organiser's report (issue 18 item 3) on the real database: Pirkanmaan hyvinvointialue
 * with six day-activity clients in Tampere and two in Nokia, in a year nobody else uses. The
 * county-wide figures are the sum of the municipalities', the breakdown is each municipality's
 * own report, and the county total is hidden when it minus Tampere's shown total would give
 * back Nokia's hidden one.
 */
const db = databaseFixture(budgetsDatabase);
const YEAR = 2023;
const TAMPERE = '837';
const NOKIA = '536';

// Tests read the rows they wrote loosely (any), as they do GraphQL answers.
const q = (sql: string, params: unknown[] = []) => db.database.dataSource.query<any[]>(sql, params);

async function budget(municipality: string, serviceType: string, granted: number) {
  const [row] = await q(
    `INSERT INTO budgets.budget (client_id, municipality_code, year, service_type, status, instrument,
       payment_interval_months, granted_cents, schedule, explanation, decided_by)
     VALUES ($1, $2, $3, $4, 'ACTIVE', 'VOUCHER', 12, $5, '{}'::jsonb, 'test', 'test') RETURNING id`,
    [crypto.randomUUID(), municipality, YEAR, serviceType, granted],
  );
  await q(`INSERT INTO budgets.budget_balance (budget_id, granted_cents) VALUES ($1, $2)`, [
    row.id,
    granted,
  ]);
}

beforeAll(async () => {
  await q(
    `INSERT INTO budgets.service_type (code, name, unit_label) VALUES ('DAY_ACTIVITIES', 'Päivätoiminta', 'päivä'), ('RESPITE_CARE', 'Lomitus', 'vrk') ON CONFLICT DO NOTHING`,
  );
  for (let i = 0; i < 6; i++) await budget(TAMPERE, 'DAY_ACTIVITIES', 1_000_000);
  for (let i = 0; i < 2; i++) await budget(NOKIA, 'DAY_ACTIVITIES', 500_000);
}, 120_000);

/** The organiser's report over the municipalities' reports, as the composition root wires them. */
const service = (who: Principal | null) => {
  const ctx = requestContext(db.database.dataSource, who, 'budgets');
  const reports = new ReportService(
    new ReportStore(db.database.dataSource),
    ctx,
    () => '2024-06-01',
  );
  return { reports, organiser: new OrganiserReportService(reports, ctx) };
};
const organiserOf = (id: string, extra: Partial<Principal> = {}) =>
  principal('ORGANISER', { organiserId: id, municipalities: municipalityCodesOf(id), ...extra });
const pirha = organiserOf(PIRKANMAA_ORGANISER_ID);

describe('organiserReport', () => {
  it('breaks down by the organiser’s 23 municipalities, each under its own suppression', async () => {
    const s = service(pirha);
    const key = s.organiser.get(YEAR);
    expect(key).toEqual({ organiserId: PIRKANMAA_ORGANISER_ID, year: YEAR });
    const parts = s.organiser.municipalities(key);
    expect(parts).toHaveLength(23);
    const tampere = await s.reports.totalCost({ municipalityCode: TAMPERE, year: YEAR });
    const nokia = await s.reports.totalCost({ municipalityCode: NOKIA, year: YEAR });
    expect(tampere).toMatchObject({ suppressed: false, clientCount: 6 });
    expect(nokia).toMatchObject({ suppressed: true, clientCount: null });
  });

  it('hides the county total that, less Tampere’s shown total, would give Nokia’s back', async () => {
    const s = service(pirha);
    const total = await s.organiser.totalCost(s.organiser.get(YEAR));
    expect(total).toMatchObject({ suppressed: true, clientCount: null, granted: null });
    const costs = await s.organiser.costs(s.organiser.get(YEAR));
    expect(costs).toHaveLength(1);
    expect(costs[0]).toMatchObject({ suppressed: true, granted: null });
  });

  it('shows the county total once it gives nothing back, and hides a service that would', async () => {
    // Three more in Nokia (five there, all shown) and one Tampere client of respite care:
    // Tampere's report shows its total (7) but hides respite (1) and so day activities (6).
    for (let i = 0; i < 3; i++) await budget(NOKIA, 'DAY_ACTIVITIES', 500_000);
    await budget(TAMPERE, 'RESPITE_CARE', 100_000);
    const s = service(pirha);
    const key = s.organiser.get(YEAR);
    expect(await s.reports.totalCost({ municipalityCode: TAMPERE, year: YEAR })).toMatchObject({
      suppressed: false,
      clientCount: 7,
    });
    // The county total is Tampere's plus Nokia's, both shown: it reveals nothing.
    expect(await s.organiser.totalCost(key)).toMatchObject({
      suppressed: false,
      clientCount: 12,
      granted: { amount: '86000.00', currency: 'EUR' },
    });
    // County day activities (11) less Nokia's (5) would give Tampere's (6), and Tampere's
    // total less that its one respite client: hidden, with respite itself.
    const costs = await s.organiser.costs(key);
    expect(costs.map((c) => [c.serviceType?.code, c.suppressed])).toEqual([
      ['DAY_ACTIVITIES', true],
      ['RESPITE_CARE', true],
    ]);
  });

  it.each([
    ['organiser staff of another organiser', organiserOf('helsinki')],
    ['an older token of Tampere only', principal('ORGANISER', { municipalities: [TAMPERE] })],
    ['a worker of Tampere', principal('WORKER', { municipalities: [TAMPERE] })],
    [
      'a system without reports:read',
      organiserOf(PIRKANMAA_ORGANISER_ID, { role: 'MUNICIPAL_SYSTEM' }),
    ],
  ])('refuses %s the Pirkanmaa report', (_name, who) => {
    expect(() => service(who).organiser.get(YEAR, PIRKANMAA_ORGANISER_ID)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }),
    );
  });

  it('answers an unknown organiser as it answers another’s: FORBIDDEN', () => {
    expect(() => service(pirha).organiser.get(YEAR, 'atlantis')).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }),
    );
  });

  it('lets a municipal system of the organiser with reports:read read it', async () => {
    const system = organiserOf(PIRKANMAA_ORGANISER_ID, {
      role: 'MUNICIPAL_SYSTEM',
      scopes: ['reports:read'],
    });
    expect(service(system).organiser.get(YEAR)).toEqual({ organiserId: 'pirkanmaa', year: YEAR });
  });
});
