import { calculateBudget, formatEuroFi } from './budget-calculation';
import type { BudgetScheduleInput, MonthAmount } from './budget-calculation';
import { sumCents } from './money';

/** Writes expected texts readably: `_` stands for the no-break space U+00A0. */
const nb = (text: string): string => text.replace(/_/g, '\u00a0');

const ESSI_DAYS_2022 = [20, 20, 23, 19, 21, 21, 0, 23, 22, 21, 22, 20];
const ESSI_MONTHS_2022 = [
  320000, 320000, 368000, 304000, 336000, 336000, 0, 368000, 352000, 336000, 352000, 320000,
];

const centsOf = (months: MonthAmount[]): number[] => months.map((m) => m.cents);

describe('calculateBudget: valid schedules', () => {
  it.each<[string, BudgetScheduleInput, number, number[], string]>([
    [
      'Essi 2022, whole service per month',
      {
        kind: 'monthly',
        year: 2022,
        unitPriceCents: 16000,
        monthlyUnits: ESSI_DAYS_2022,
        unitLabel: 'päivä',
      },
      3712000,
      ESSI_MONTHS_2022,
      '232_päivää × 160,00_€ = 37_120,00_€',
    ],
    [
      'monthly without a unit label',
      {
        kind: 'monthly',
        year: 2026,
        unitPriceCents: 5050,
        monthlyUnits: [1, ...Array(11).fill(0)],
      },
      5050,
      [5050, ...Array<number>(11).fill(0)],
      '1_yksikkö × 50,50_€ = 50,50_€',
    ],
    [
      'Essi, two days a week (seed wording without a unit)',
      { kind: 'weekly', year: 2022, unitPriceCents: 16000, weeklyUnits: 2, weeks: 48 },
      1536000,
      Array<number>(12).fill(128000),
      '48_viikkoa × 2 × 160,00_€ = 15_360,00_€',
    ],
    [
      'weekly with a unit label',
      {
        kind: 'weekly',
        year: 2022,
        unitPriceCents: 16000,
        weeklyUnits: 2,
        weeks: 48,
        unitLabel: 'päivä',
      },
      1536000,
      Array<number>(12).fill(128000),
      '48_viikkoa × 2_päivää × 160,00_€ = 15_360,00_€',
    ],
    [
      'weekly hours with leftover cents',
      {
        kind: 'weekly',
        year: 2026,
        unitPriceCents: 3333,
        weeklyUnits: 1,
        weeks: 1,
        unitLabel: 'tunti',
      },
      3333,
      [278, 278, 278, 278, 278, 278, 278, 278, 278, 277, 277, 277],
      '1_viikko × 1_tunti × 33,33_€ = 33,33_€',
    ],
    [
      'transport kilometres',
      { kind: 'kilometres', year: 2026, unitPriceCents: 55, kilometres: 2500 },
      137500,
      [...Array<number>(4).fill(11459), ...Array<number>(8).fill(11458)],
      '2_500_km × 0,55_€ = 1_375,00_€',
    ],
    [
      'fixed individual amount',
      { kind: 'fixed', year: 2026, totalCents: 500001 },
      500001,
      [...Array<number>(9).fill(41667), ...Array<number>(3).fill(41666)],
      'Yksilöllinen budjetti vuodelle 2026: 5_000,01_€',
    ],
  ])('%s', (_name, input, totalCents, months, explanation) => {
    const result = calculateBudget(input);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.totalCents).toBe(totalCents);
    expect(centsOf(result.months)).toEqual(months);
    expect(result.months.map((m) => m.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(sumCents(centsOf(result.months))).toBe(totalCents);
    expect(result.explanation).toBe(nb(explanation));
  });

  it('re-exports formatEuroFi', () => {
    expect(formatEuroFi(3712000)).toBe(nb('37_120,00_€'));
  });
});

describe('calculateBudget: spreading keeps earlier months ahead', () => {
  it.each([1, 11, 12, 13, 99, 1000001, 3712011])('%i cents', (totalCents) => {
    const result = calculateBudget({ kind: 'fixed', year: 2026, totalCents });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const cents = centsOf(result.months);
    expect(sumCents(cents)).toBe(totalCents);
    expect(Math.max(...cents) - Math.min(...cents)).toBeLessThanOrEqual(1);
    expect([...cents].sort((a, b) => b - a)).toEqual(cents);
  });
});

describe('calculateBudget: invalid input', () => {
  const monthly = { kind: 'monthly', year: 2022, unitPriceCents: 16000 } as const;
  const weekly = { kind: 'weekly', year: 2022, unitPriceCents: 16000, weeklyUnits: 2, weeks: 48 };
  const km = { kind: 'kilometres', year: 2026, unitPriceCents: 55, kilometres: 2500 } as const;

  it.each<[string, BudgetScheduleInput, string[]]>([
    ['11 months', { ...monthly, monthlyUnits: Array(11).fill(20) }, ['monthlyUnits']],
    ['13 months', { ...monthly, monthlyUnits: Array(13).fill(20) }, ['monthlyUnits']],
    [
      'negative and fractional units',
      { ...monthly, monthlyUnits: [-1, 2.5, ...Array(10).fill(1)] },
      ['monthlyUnits', 'monthlyUnits'],
    ],
    [
      'units over a month of hours',
      { ...monthly, monthlyUnits: [745, ...Array(11).fill(0)] },
      ['monthlyUnits'],
    ],
    ['all months zero', { ...monthly, monthlyUnits: Array(12).fill(0) }, ['monthlyUnits']],
    [
      'zero price',
      { ...monthly, unitPriceCents: 0, monthlyUnits: ESSI_DAYS_2022 },
      ['unitPriceCents'],
    ],
    ['fractional price', { ...km, unitPriceCents: 55.5 }, ['unitPriceCents']],
    ['year 1999', { ...monthly, year: 1999, monthlyUnits: ESSI_DAYS_2022 }, ['year']],
    ['year 2101', { ...km, year: 2101 }, ['year']],
    ['0 weeks', { ...weekly, kind: 'weekly', weeks: 0 }, ['weeks']],
    ['54 weeks', { ...weekly, kind: 'weekly', weeks: 54 }, ['weeks']],
    ['0 weekly units', { ...weekly, kind: 'weekly', weeklyUnits: 0 }, ['weeklyUnits']],
    ['169 weekly units', { ...weekly, kind: 'weekly', weeklyUnits: 169 }, ['weeklyUnits']],
    ['0 km', { ...km, kilometres: 0 }, ['kilometres']],
    ['100 001 km', { ...km, kilometres: 100001 }, ['kilometres']],
    ['NaN km', { ...km, kilometres: Number.NaN }, ['kilometres']],
    ['blank unit label', { ...km, unitLabel: ' km' }, ['unitLabel']],
    ['empty unit label', { ...km, unitLabel: '' }, ['unitLabel']],
    ['fixed 0', { kind: 'fixed', year: 2026, totalCents: 0 }, ['totalCents']],
    [
      'fixed over the limit',
      { kind: 'fixed', year: 2026, totalCents: 1_000_000_001 },
      ['totalCents'],
    ],
    [
      'every error at once',
      { kind: 'weekly', year: 0, unitPriceCents: -5, weeklyUnits: 0, weeks: 99 },
      ['year', 'unitPriceCents', 'weeklyUnits', 'weeks'],
    ],
  ])('%s', (_name, input, fields) => {
    const result = calculateBudget(input);
    if (result.ok) throw new Error('expected errors');
    expect(result.errors.map((e) => e.field)).toEqual(fields);
    for (const error of result.errors) expect(error.message).toMatch(new RegExp(`^${error.field}`));
  });

  it('explains the monthlyUnits rule', () => {
    const result = calculateBudget({ ...monthly, monthlyUnits: [1, 2, 3] });
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          field: 'monthlyUnits',
          message: 'monthlyUnits must have exactly 12 non-negative integers, got 3 values.',
        },
      ],
    });
  });

  it('rejects an unknown kind', () => {
    const result = calculateBudget({ kind: 'daily', year: 2026 } as unknown as BudgetScheduleInput);
    expect(result).toEqual({
      ok: false,
      errors: [{ field: 'kind', message: "Unknown schedule kind 'daily'." }],
    });
  });
});
