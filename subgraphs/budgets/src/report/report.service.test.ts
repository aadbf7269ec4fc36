import crypto from 'node:crypto';
import { createLogger, type Principal } from '@hb/kit';
import { databaseFixture, principal, requestContext } from '@hb/kit/testing';
import { budgetsDatabase } from '../entities';
import { seedBudgetsDemo } from '../seed/demo.seed';
import { ReportService } from './report.service';
import { hiddenRows } from './report-rows';
import { ReportStore } from './report.store';
import type { CostRow, ReportFigures } from './report-figures';

/**
 * SQL-level tests of every figure of the budgets subgraph's part of the organiser's report, on
 * a data set written straight into the tables here (a municipality and year nobody else uses).
 */
const db = databaseFixture(budgetsDatabase, {
  seed: ({ dataSource }) => seedBudgetsDemo(dataSource, createLogger('test', 'silent')),
});

const M = '887';
const YEAR = 2024;
const p1 = crypto.randomUUID();
const p2 = crypto.randomUUID();
const c = Array.from({ length: 9 }, () => crypto.randomUUID());

// Tests read the rows they wrote loosely (any), as they do GraphQL answers.
const q = (sql: string, params: unknown[] = []) => db.database.dataSource.query<any[]>(sql, params);

async function budget(v: {
  client: string;
  serviceType?: string;
  municipality?: string;
  year?: number;
  status?: string;
  granted: number;
  paidOut?: number;
  spent?: number;
  pending?: number;
  lapsed?: number;
}): Promise<string> {
  const serviceType = v.serviceType ?? 'DAY_ACTIVITIES';
  const [row] = await q(
    `INSERT INTO budgets.budget (client_id, municipality_code, year, service_type, status, instrument,
       payment_interval_months, granted_cents, schedule, explanation, decided_by)
     VALUES ($1, $2, $3, $4, $5, $6, 12, $7, '{}'::jsonb, 'test', 'test') RETURNING id`,
    [
      v.client,
      v.municipality ?? M,
      v.year ?? YEAR,
      serviceType,
      v.status ?? 'ACTIVE',
      serviceType === 'TRANSPORT' ? 'CARD' : 'VOUCHER',
      v.granted,
    ],
  );
  await q(
    `INSERT INTO budgets.budget_balance (budget_id, granted_cents, paid_out_cents, spent_cents, pending_cents, lapsed_cents)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [row.id, v.granted, v.paidOut ?? 0, v.spent ?? 0, v.pending ?? 0, v.lapsed ?? 0],
  );
  return row.id as string;
}

async function charge(budgetId: string, providerId: string, cents: number, status = 'CONFIRMED') {
  await q(
    `INSERT INTO budgets.ledger_transaction (budget_id, kind, amount_cents, status, provider_id, service_date, created_by, rejection_reason)
     VALUES ($1, 'CHARGE', $2, $3, $4, '${YEAR}-03-01', 'test', $5)`,
    [budgetId, cents, status, providerId, status === 'REJECTED' ? 'ei' : null],
  );
}

async function alert(budgetId: string, kind: string) {
  await q(
    `INSERT INTO budgets.budget_alert (budget_id, kind, key, message) VALUES ($1, $2, $3, 'test')`,
    [budgetId, kind, `${kind}-${budgetId}`],
  );
}

beforeAll(async () => {
  // Day activities: six clients, 10 000 € each, half paid out.
  const day: string[] = [];
  for (let i = 0; i < 5; i++) {
    day.push(
      await budget({
        client: c[i]!,
        granted: 1_000_000,
        paidOut: 500_000,
        spent: 100_000,
        pending: i === 0 ? 20_000 : 0,
      }),
    );
  }
  // The sixth client's year is closed: 300 € used, 9 700 € lapsed.
  const closed = await budget({
    client: c[5]!,
    status: 'CLOSED',
    granted: 1_000_000,
    paidOut: 500_000,
    spent: 30_000,
    lapsed: 970_000,
  });
  // Transport: two clients (one of them also in day activities) — a group too small to show.
  await budget({ client: c[0]!, serviceType: 'TRANSPORT', granted: 200_000, paidOut: 200_000 });
  await budget({ client: c[6]!, serviceType: 'TRANSPORT', granted: 200_000, paidOut: 200_000 });

  for (const id of day) await charge(id, p1, 100_000);
  await charge(day[0]!, p1, 20_000, 'PENDING_CONFIRMATION');
  await charge(day[0]!, p1, 5_000, 'REJECTED');
  await charge(closed, p2, 30_000);

  for (const id of day) await alert(id, 'UNDERUSE');
  await alert(day[1]!, 'OVERUSE');
  await alert(closed, 'ABNORMAL_CHARGE');

  // Noise that must not count: a draft, another year, another municipality.
  await budget({ client: c[7]!, status: 'DRAFT', granted: 999_900 });
  const lastYear = await budget({ client: c[0]!, year: YEAR - 1, granted: 777_700, spent: 100 });
  await charge(lastYear, p1, 100);
  await alert(lastYear, 'UNDERUSE');
  const elsewhere = await budget({
    client: c[8]!,
    municipality: '837',
    granted: 555_500,
    spent: 100,
  });
  await charge(elsewhere, p2, 100);
}, 120_000);

const organiser = principal('ORGANISER', { municipalities: [M] });
const service = (who: Principal | null) =>
  new ReportService(
    new ReportStore(db.database.dataSource),
    requestContext(db.database.dataSource, who, 'budgets'),
  );
const eur = (amount: string) => ({ amount, currency: 'EUR' });

describe('the figures in SQL', () => {
  it('sums cost per service type and in total, with distinct clients', async () => {
    const figures = await new ReportStore(db.database.dataSource).figures(M, YEAR);
    expect(figures.hbClientCount).toBe(7);
    expect(figures.costs).toEqual([
      {
        serviceTypeCode: 'DAY_ACTIVITIES',
        clientCount: 6,
        budgetCount: 6,
        grantedCents: 6_000_000,
        paidOutCents: 3_000_000,
        spentCents: 530_000,
        pendingCents: 20_000,
        lapsedCents: 970_000,
      },
      {
        serviceTypeCode: 'TRANSPORT',
        clientCount: 2,
        budgetCount: 2,
        grantedCents: 400_000,
        paidOutCents: 400_000,
        spentCents: 0,
        pendingCents: 0,
        lapsedCents: 0,
      },
    ]);
    expect(figures.total).toEqual({
      serviceTypeCode: null,
      clientCount: 7,
      budgetCount: 8,
      grantedCents: 6_400_000,
      paidOutCents: 3_400_000,
      spentCents: 530_000,
      pendingCents: 20_000,
      lapsedCents: 970_000,
    });
  });

  it('counts money and clients per provider from the ledger (rejected charges never)', async () => {
    const figures = await new ReportStore(db.database.dataSource).figures(M, YEAR);
    expect(figures.providers).toEqual([
      { providerId: p1, clientCount: 5, chargeCount: 6, spentCents: 500_000, pendingCents: 20_000 },
      { providerId: p2, clientCount: 1, chargeCount: 1, spentCents: 30_000, pendingCents: 0 },
    ]);
  });

  it('counts open alerts (of budgets not closed) by kind', async () => {
    const figures = await new ReportStore(db.database.dataSource).figures(M, YEAR);
    expect(figures.alerts).toEqual([
      { kind: 'OVERUSE', alertCount: 1, clientCount: 1 },
      { kind: 'UNDERUSE', alertCount: 5, clientCount: 5 },
    ]);
  });

  it('is empty for a year without budgets', async () => {
    const figures = await new ReportStore(db.database.dataSource).figures(M, 2030);
    expect(figures).toEqual({
      hbClientCount: 0,
      costs: [],
      total: {
        serviceTypeCode: null,
        clientCount: 0,
        budgetCount: 0,
        grantedCents: 0,
        paidOutCents: 0,
        spentCents: 0,
        pendingCents: 0,
        lapsedCents: 0,
      },
      providers: [],
      cells: [],
      alerts: [],
      budgets: [],
      groups: [],
    });
  });

  it('counts the clients of each pair of service type and provider (never shown)', async () => {
    const figures = await new ReportStore(db.database.dataSource).figures(M, YEAR);
    expect(figures.cells).toEqual(
      [
        { serviceTypeCode: 'DAY_ACTIVITIES', providerId: p1, clientCount: 5 },
        { serviceTypeCode: 'DAY_ACTIVITIES', providerId: p2, clientCount: 1 },
      ].sort((a, b) => (a.providerId < b.providerId ? -1 : 1)),
    );
  });
});

describe('which rows are hidden', () => {
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
  const provider = (providerId: string, clientCount: number) => ({
    providerId,
    clientCount,
    chargeCount: clientCount,
    spentCents: clientCount * 100,
    pendingCents: 0,
  });
  type Cell = [serviceTypeCode: string, providerId: string, clientCount: number];
  /** Day activities and transport, six clients each; providers and cells as each case says. */
  const figures = (
    providers: ReportFigures['providers'],
    cells: Cell[],
    alerts: ReportFigures['alerts'] = [],
  ): ReportFigures => ({
    hbClientCount: 12,
    costs: [cost('DAY_ACTIVITIES', 6), cost('TRANSPORT', 6)],
    total: cost(null, 12),
    providers,
    cells: cells.map(([serviceTypeCode, providerId, clientCount]) => ({
      serviceTypeCode,
      providerId,
      clientCount,
    })),
    alerts,
    budgets: [],
    groups: [],
  });

  it.each<[string, ReportFigures['providers'], Cell[], string[]]>([
    [
      'no small group',
      [provider('a', 6), provider('b', 6)],
      [
        ['DAY_ACTIVITIES', 'a', 6],
        ['TRANSPORT', 'b', 6],
      ],
      [],
    ],
    [
      'a lone provider and the smallest other that keeps it unknown',
      [provider('a', 6), provider('b', 1), provider('c', 5)],
      [
        ['DAY_ACTIVITIES', 'a', 6],
        ['TRANSPORT', 'b', 1],
        ['TRANSPORT', 'c', 5],
      ],
      ['provider:b', 'provider:c'],
    ],
    // The only provider's charges are the total's, and (nobody charged transport) day
    // activities' too: the total and day activities go with it.
    [
      'the only provider',
      [provider('a', 1)],
      [['DAY_ACTIVITIES', 'a', 1]],
      ['cost:DAY_ACTIVITIES', 'provider:a', 'total'],
    ],
  ])('%s', (_name, providers, cells, hidden) => {
    expect([...hiddenRows(figures(providers, cells))].sort()).toEqual(hidden);
  });

  it('subtracts across the two tables through the providers’ services', () => {
    // Day activities 10 clients (6 at pA, 4 at pB), transport 3 (all at pB), other 8 (at pX).
    // Hiding transport and the smallest other service (X) alone would leave transport's
    // charges = pB − (day − pA) to a reader who knows who serves what.
    const f: ReportFigures = {
      hbClientCount: 21,
      costs: [cost('DAY_ACTIVITIES', 10), cost('TRANSPORT', 3), cost('X', 8)],
      total: cost(null, 21),
      providers: [provider('pA', 6), provider('pB', 7), provider('pX', 8)],
      cells: [
        { serviceTypeCode: 'DAY_ACTIVITIES', providerId: 'pA', clientCount: 6 },
        { serviceTypeCode: 'DAY_ACTIVITIES', providerId: 'pB', clientCount: 4 },
        { serviceTypeCode: 'TRANSPORT', providerId: 'pB', clientCount: 3 },
        { serviceTypeCode: 'X', providerId: 'pX', clientCount: 8 },
      ],
      alerts: [],
      budgets: [],
      groups: [],
    };
    expect([...hiddenRows(f)].sort()).toEqual(['cost:DAY_ACTIVITIES', 'cost:TRANSPORT']);
  });

  it('hides a small alert kind alone: no total of alerts is shown', () => {
    const hidden = hiddenRows(
      figures(
        [],
        [],
        [
          { kind: 'OVERUSE', alertCount: 1, clientCount: 1 },
          { kind: 'UNDERUSE', alertCount: 9, clientCount: 9 },
        ],
      ),
    );
    expect([...hidden]).toEqual(['alert:OVERUSE']);
  });
});

describe('the report as the organiser sees it', () => {
  const key = { municipalityCode: M, year: YEAR };

  it('suppresses small groups and, so that no subtraction from the total gives them back, the smallest other row', async () => {
    const reports = service(organiser);
    expect(await reports.hbClientCount(key)).toBe(7);
    expect(await reports.costs(key)).toEqual([
      // Six clients, but the total minus this row would be transport's two clients' money.
      {
        serviceType: { code: 'DAY_ACTIVITIES' },
        suppressed: true,
        clientCount: null,
        budgetCount: null,
        granted: null,
        paidOut: null,
        spent: null,
        pending: null,
        lapsed: null,
      },
      {
        serviceType: { code: 'TRANSPORT' },
        suppressed: true,
        clientCount: null,
        budgetCount: null,
        granted: null,
        paidOut: null,
        spent: null,
        pending: null,
        lapsed: null,
      },
    ]);
    expect(await reports.totalCost(key)).toEqual({
      serviceType: null,
      suppressed: false,
      clientCount: 7,
      budgetCount: 8,
      granted: eur('64000.00'),
      paidOut: eur('34000.00'),
      spent: eur('5300.00'),
      pending: eur('200.00'),
      lapsed: eur('9700.00'),
    });
    expect(await reports.providers(key)).toEqual([
      // Five clients, but the total's spent money minus this row's would be p2's lone client's.
      {
        provider: { id: p1 },
        suppressed: true,
        clientCount: null,
        chargeCount: null,
        spent: null,
        pending: null,
      },
      {
        provider: { id: p2 },
        suppressed: true,
        clientCount: null,
        chargeCount: null,
        spent: null,
        pending: null,
      },
    ]);
    // No total of alerts is shown anywhere: the small kind alone is hidden.
    expect(await reports.alerts(key)).toEqual([
      { kind: 'OVERUSE', suppressed: true, count: null, clientCount: null },
      { kind: 'UNDERUSE', suppressed: false, count: 5, clientCount: 5 },
    ]);
  });

  it('suppresses the HB client count of a municipality with 1–4 HB clients', async () => {
    expect(
      await service(principal('ORGANISER', { municipalities: ['837'] })).hbClientCount({
        municipalityCode: '837',
        year: YEAR,
      }),
    ).toBeNull();
  });

  it('lists the reports of every municipality the token may read', () => {
    const both = principal('MUNICIPAL_SYSTEM', {
      municipalities: [M, '922'],
      scopes: ['reports:read'],
    });
    expect(service(both).list(YEAR)).toEqual([
      { municipalityCode: M, year: YEAR },
      { municipalityCode: '922', year: YEAR },
    ]);
  });

  it.each([
    ['an adviser', principal('ADVISER', { municipalities: [M] })],
    ['a worker', principal('WORKER', { municipalities: [M] })],
    ['a client', principal('CLIENT', { clientId: c[0]!, municipalities: [M] })],
    ['an organiser of another municipality', principal('ORGANISER', { municipalities: ['837'] })],
    [
      'a municipal system without reports:read',
      principal('MUNICIPAL_SYSTEM', { municipalities: [M], scopes: ['budgets:read'] }),
    ],
  ])('refuses %s', async (_name, who) => {
    expect(() => service(who).get(M, YEAR)).toThrow(
      expect.objectContaining({ extensions: { code: 'FORBIDDEN' } }),
    );
    await expect(service(who).costs(key)).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('refuses anonymous callers and tokens without any report rights', () => {
    expect(() => service(null).get(M, YEAR)).toThrow(
      expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } }),
    );
    expect(() => service(principal('ADVISER', { municipalities: [M] })).list(YEAR)).toThrow(
      expect.objectContaining({ extensions: { code: 'FORBIDDEN' } }),
    );
  });
});
