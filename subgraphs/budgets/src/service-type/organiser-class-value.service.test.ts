/**
 * Class values are the organiser's (issue 18 item 3): Pirkanmaan hyvinvointialue sets a value
 * once through any one municipality's class and it applies in all its 23 municipalities; staff
 * of one municipality, of another organiser or in another role cannot set it and learn nothing.
 */
import crypto from 'node:crypto';
import { Client } from 'pg';
import type { QueryRunner } from 'typeorm';
import { DEMO, PIRKANMAA_ORGANISER_ID, municipalityCodesOf } from '@hb/kit';
import { principal } from '@hb/kit/testing';
import { OrganiserClassValues1796300000290 } from '../migrations/1796300000290-OrganiserClassValues';
import { budgetsFixture, fakeRemote } from '../testing/budgets-fixture';

const f = budgetsFixture({ seed: 'catalog', remote: fakeRemote().remote });
const { as } = f;

const pirha = principal('ORGANISER', {
  sub: DEMO.organiserId,
  organiserId: PIRKANMAA_ORGANISER_ID,
  municipalities: municipalityCodesOf(PIRKANMAA_ORGANISER_ID),
});
const helsinki = principal('ORGANISER', {
  organiserId: 'helsinki',
  municipalities: municipalityCodesOf('helsinki'),
});
const tampereOnly = principal('ORGANISER', { municipalities: ['837'] });
const year = new Date().getFullYear() + 1;

const classOf = async (municipality: string, level = 3) =>
  (
    (await f.database.dataSource.query(
      `SELECT id FROM budgets.hb_class WHERE service_type = 'DAY_ACTIVITIES' AND municipality_code = $1 AND level = $2`,
      [municipality, level],
    )) as Array<{ id: string }>
  )[0]!.id;

describe('organiser class values', () => {
  it('keeps one value per organiser, service type and level for the seeded classes', async () => {
    const rows = (await f.database.dataSource.query(
      `SELECT organiser_id, count(*)::int AS n FROM budgets.organiser_class_value GROUP BY organiser_id`,
    )) as Array<{ organiser_id: string; n: number }>;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.organiser_id).toBe(PIRKANMAA_ORGANISER_ID);
    const perMunicipality = (await f.database.dataSource.query(
      `SELECT count(*)::int AS n FROM budgets.hb_class_price`,
    )) as Array<{ n: number }>;
    expect(perMunicipality[0]!.n).toBe(0);
  });

  it('is set once by the organiser and applies in all its 23 municipalities', async () => {
    const set = await as(pirha).catalog.setPrice(await classOf('536'), year, '171.50');
    expect(set.errors).toEqual([]);
    expect(set.hbClass!.unitPriceCents).toBe(17_150);
    for (const code of DEMO.pirkanmaa) {
      const [cls] = (await as(null).catalog.classes('DAY_ACTIVITIES', code, year)).filter(
        (c) => c.level === 3,
      );
      expect([code, cls!.unitPriceCents]).toEqual([code, 17_150]);
      // The year before keeps its value.
      const [before] = (await as(null).catalog.classes('DAY_ACTIVITIES', code, year - 1)).filter(
        (c) => c.level === 3,
      );
      expect(before!.unitPriceCents).not.toBe(17_150);
    }
    const rows = (await f.database.dataSource.query(
      `SELECT count(*)::int AS n FROM budgets.organiser_class_value WHERE year = $1`,
      [year],
    )) as Array<{ n: number }>;
    expect(rows[0]!.n).toBe(1);
  });

  it.each([
    ['organiser staff of another organiser', helsinki],
    ['an older token of Tampere only', tampereOnly],
    ['a worker of Tampere', principal('WORKER', { municipalities: ['837'] })],
    ['an adviser of all Pirkanmaa', principal('ADVISER', { municipalities: [...DEMO.pirkanmaa] })],
    [
      'a municipal system of Pirkanmaa',
      principal('MUNICIPAL_SYSTEM', {
        organiserId: 'pirkanmaa',
        municipalities: [...DEMO.pirkanmaa],
      }),
    ],
  ])('refuses %s, changing nothing', async (_name, who) => {
    const cls = await classOf('837', 2);
    const before = (await as(null).catalog.hbClass(cls, year))!.unitPriceCents;
    await expect(as(who).catalog.setPrice(cls, year, '999.00')).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    expect((await as(null).catalog.hbClass(cls, year))!.unitPriceCents).toBe(before);
  });

  it('refuses an unknown class the same way to everyone (NOT_FOUND, nothing else)', async () => {
    for (const who of [pirha, helsinki]) {
      const result = await as(who).catalog.setPrice(crypto.randomUUID(), year, '1.00');
      expect(result.errors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    }
  });
});

describe('migration 1796300000290-OrganiserClassValues', () => {
  it('moves the municipalities’ own values to the organiser, the value set last winning', async () => {
    // Run as the owner, as migrations are (the service's role may not drop or create tables).
    const owner = new Client({ connectionString: f.url });
    await owner.connect();
    const ds = {
      query: async (sql: string, params?: unknown[]) => (await owner.query(sql, params)).rows,
    };
    // The state before the migration: each municipality's class with a value of its own.
    await ds.query(`DROP TABLE budgets.organiser_class_value`);
    await ds.query(`DROP TABLE budgets.organiser_municipality`);
    const tampere = await classOf('837', 4);
    const nokia = await classOf('536', 4);
    const ylojarvi = await classOf('980', 5);
    await ds.query(
      `INSERT INTO budgets.hb_class_price (hb_class_id, year, unit_price_cents, set_by, set_at) VALUES
         ($1, 2024, 12000, 'a', '2024-01-01'), ($2, 2024, 12500, 'b', '2024-02-01'),
         ($1, 2025, 13000, 'c', '2025-01-01'), ($3, 2024, 16000, 'd', '2024-01-01')`,
      [tampere, nokia, ylojarvi],
    );
    try {
      await new OrganiserClassValues1796300000290().up(ds as unknown as QueryRunner);
    } finally {
      await owner.end();
    }
    const rows = (await f.database.dataSource.query(
      `SELECT service_type, level, year, unit_price_cents::int AS cents, set_by
         FROM budgets.organiser_class_value WHERE organiser_id = 'pirkanmaa' ORDER BY level, year`,
    )) as Array<Record<string, unknown>>;
    expect(rows).toEqual([
      { service_type: 'DAY_ACTIVITIES', level: 4, year: 2024, cents: 12_500, set_by: 'b' },
      { service_type: 'DAY_ACTIVITIES', level: 4, year: 2025, cents: 13_000, set_by: 'c' },
      { service_type: 'DAY_ACTIVITIES', level: 5, year: 2024, cents: 16_000, set_by: 'd' },
    ]);
    // Every Pirkanmaa municipality now reads the organiser's value.
    const [inVirrat] = (await as(null).catalog.classes('DAY_ACTIVITIES', '936', 2025)).filter(
      (c) => c.level === 4,
    );
    expect(inVirrat!.unitPriceCents).toBe(13_000);
  });
});
