import crypto from 'node:crypto';
import type { Principal } from '@hb/kit';
import { databaseFixture, principal, requestContext } from '@hb/kit/testing';
import { budgetsDatabase } from '../entities';
import { ReportService } from './report.service';
import { hiddenRows } from './report-rows';
import { ReportStore } from './report.store';
import type { CostRow, ReportFigures } from './report-figures';

/**
 * The year-end forecast (Report.forecast, reportsForecast) on the real database: a
 * municipality with six clients, one with two (a small group), in a year nobody else uses.
 * 2024 has 366 days; on 1 July 183 are gone and 183 left, so the pace is the use so far again.
 */
const db = databaseFixture(budgetsDatabase);

const M = '922';
const SMALL = '923';
const YEAR = 2024;
const MID_YEAR = '2024-07-01';

// Tests read the rows they wrote loosely (any), as they do GraphQL answers.
const q = (sql: string, params: unknown[] = []) => db.database.dataSource.query<any[]>(sql, params);

async function budget(v: {
  municipality: string;
  status?: string;
  granted: number;
  spent?: number;
  pending?: number;
  lapsed?: number;
}) {
  const [row] = await q(
    `INSERT INTO budgets.budget (client_id, municipality_code, year, service_type, status, instrument,
       payment_interval_months, granted_cents, schedule, explanation, decided_by, ended_at, end_date, end_reason)
     VALUES ($1, $2, $3, 'DAY_ACTIVITIES', $4, 'VOUCHER', 12, $5, '{}'::jsonb, 'test', 'test',
       CASE WHEN $4 = 'ENDED' THEN now() END, CASE WHEN $4 = 'ENDED' THEN DATE '2024-05-31' END,
       CASE WHEN $4 = 'ENDED' THEN 'test' END) RETURNING id`,
    [crypto.randomUUID(), v.municipality, YEAR, v.status ?? 'ACTIVE', v.granted],
  );
  await q(
    `INSERT INTO budgets.budget_balance (budget_id, granted_cents, spent_cents, pending_cents, lapsed_cents)
     VALUES ($1, $2, $3, $4, $5)`,
    [row.id, v.granted, v.spent ?? 0, v.pending ?? 0, v.lapsed ?? 0],
  );
}

beforeAll(async () => {
  // Five open budgets of 10 000 €, 1 000 € used (one with 200 € of it pending) …
  for (let i = 0; i < 5; i++)
    await budget({
      municipality: M,
      granted: 1_000_000,
      spent: i === 0 ? 80_000 : 100_000,
      pending: i === 0 ? 20_000 : 0,
    });
  // … one closed: 300 € used, 9 700 € lapsed, nothing more to use.
  await budget({
    municipality: M,
    status: 'CLOSED',
    granted: 1_000_000,
    spent: 30_000,
    lapsed: 970_000,
  });
  // Ended mid-year: its remainder lapsed then, whatever its pace was.
  await budget({
    municipality: M,
    status: 'ENDED',
    granted: 500_000,
    spent: 100_000,
    lapsed: 400_000,
  });
  // Not counted: a draft.
  await budget({ municipality: M, status: 'DRAFT', granted: 999_900 });
  // Two clients who would use more than they have left at their pace.
  for (let i = 0; i < 2; i++)
    await budget({ municipality: SMALL, granted: 200_000, spent: 150_000 });
}, 120_000);

const service = (who: Principal | null, today = MID_YEAR) =>
  new ReportService(
    new ReportStore(db.database.dataSource),
    requestContext(db.database.dataSource, who, 'budgets'),
    () => today,
  );
const eur = (amount: string) => ({ amount, currency: 'EUR' });
const organiserOf = (...municipalities: string[]) => principal('ORGANISER', { municipalities });

describe('Report.forecast', () => {
  it('projects each open budget at its own pace, capped by what it has left', async () => {
    const f = await service(organiserOf(M)).forecast({ municipalityCode: M, year: YEAR });
    // Open: 4 × 1 000 € + 1 000 € (800 spent, 200 pending) more; closed and ended: nothing.
    expect(JSON.parse(JSON.stringify(f))).toEqual({
      asOf: MID_YEAR,
      suppressed: false,
      clientCount: 7,
      granted: eur('65000.00'),
      spent: eur('6100.00'),
      pending: eur('200.00'),
      projected: eur('5000.00'),
      lapsing: eur('53700.00'),
    });
  });

  it('hides every figure of a municipality with 1–4 clients', async () => {
    const f = await service(organiserOf(SMALL)).forecast({ municipalityCode: SMALL, year: YEAR });
    expect(f).toMatchObject({
      suppressed: true,
      clientCount: null,
      granted: null,
      projected: null,
      lapsing: null,
    });
  });

  it('after the year is what is left and what lapsed, as of 31 December', async () => {
    const f = await service(organiserOf(M), '2025-02-01').forecast({
      municipalityCode: M,
      year: YEAR,
    });
    expect(JSON.parse(JSON.stringify(f))).toMatchObject({
      asOf: '2024-12-31',
      projected: eur('0.00'),
      lapsing: eur('58700.00'),
    });
  });

  it('is null before the year begins', async () => {
    expect(
      await service(organiserOf(M), '2023-12-31').forecast({ municipalityCode: M, year: YEAR }),
    ).toBeNull();
  });
});

describe('reportsForecast (the sum over the token’s municipalities)', () => {
  it('is the municipality’s own forecast when it is the only one', async () => {
    const total = await service(organiserOf(M)).forecastTotal(YEAR);
    const own = await service(organiserOf(M)).forecast({ municipalityCode: M, year: YEAR });
    expect(total).toEqual(own);
  });

  it('is hidden when the sum minus the shown municipality would give the small one back', async () => {
    const total = await service(organiserOf(M, SMALL)).forecastTotal(YEAR);
    expect(total).toMatchObject({ suppressed: true, granted: null, lapsing: null });
  });
});

describe('who may read the forecast', () => {
  it.each<[string, Principal | null, string]>([
    ['nobody', null, 'UNAUTHENTICATED'],
    ['an HB adviser', principal('ADVISER', { municipalities: [M] }), 'FORBIDDEN'],
    ['a worker', principal('WORKER', { municipalities: [M] }), 'FORBIDDEN'],
    ['a client', principal('CLIENT', { clientId: crypto.randomUUID() }), 'FORBIDDEN'],
    ['a provider', principal('PROVIDER', { providerId: crypto.randomUUID() }), 'FORBIDDEN'],
    ['a team member', principal('TEAM_MEMBER', { municipalities: [M] }), 'FORBIDDEN'],
    [
      'a municipal system without reports:read',
      principal('MUNICIPAL_SYSTEM', { municipalities: [M], scopes: ['budgets:read'] }),
      'FORBIDDEN',
    ],
    ['an organiser of another municipality', organiserOf('837'), 'FORBIDDEN'],
  ])('refuses %s', async (_name, who, code) => {
    await expect(service(who).forecast({ municipalityCode: M, year: YEAR })).rejects.toMatchObject({
      extensions: { code },
    });
    if (code === 'UNAUTHENTICATED' || who?.role !== 'ORGANISER')
      await expect(service(who).forecastTotal(YEAR)).rejects.toMatchObject({
        extensions: { code },
      });
  });

  it('answers a municipal system with reports:read', async () => {
    const system = principal('MUNICIPAL_SYSTEM', { municipalities: [M], scopes: ['reports:read'] });
    const f = await service(system).forecast({ municipalityCode: M, year: YEAR });
    expect(f?.suppressed).toBe(false);
  });
});

describe('client groups (service type and HB class) in the suppression', () => {
  const cost = (serviceTypeCode: string | null, clientCount: number): CostRow => ({
    serviceTypeCode,
    clientCount,
    budgetCount: clientCount,
    grantedCents: clientCount * 100,
    paidOutCents: 0,
    spentCents: 0,
    pendingCents: 0,
    lapsedCents: 0,
  });
  const group = (level: number, clientCount: number) => ({
    ...cost('DAY_ACTIVITIES', clientCount),
    serviceTypeCode: 'DAY_ACTIVITIES',
    hbClassId: `class-${level}`,
    classLevel: level,
  });
  const figures = (groups: ReportFigures['groups']): ReportFigures => ({
    hbClientCount: 12,
    costs: [cost('DAY_ACTIVITIES', 12)],
    total: cost(null, 12),
    groups,
    providers: [],
    cells: [],
    alerts: [],
    budgets: [],
  });

  it('hides a small group and the smallest other, so the service row minus the shown ones gives nothing', () => {
    const hidden = hiddenRows(figures([group(2, 1), group(4, 5), group(5, 6)]));
    expect([...hidden].sort()).toEqual([
      'group:DAY_ACTIVITIES|class-2',
      'group:DAY_ACTIVITIES|class-4',
    ]);
  });

  it('hides the service row when its only other group is all that is left', () => {
    const hidden = hiddenRows(figures([group(2, 1), group(4, 11)]));
    expect(hidden.has('group:DAY_ACTIVITIES|class-2')).toBe(true);
    expect(hidden.has('group:DAY_ACTIVITIES|class-4')).toBe(true);
  });

  it('shows every group of five or more', () => {
    expect(hiddenRows(figures([group(4, 6), group(5, 6)])).size).toBe(0);
  });
});
