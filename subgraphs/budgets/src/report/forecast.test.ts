import { forecast, projectedUse, yearPosition, type ForecastBudget } from './forecast';

const open = (granted: number, spent: number, pending = 0, lapsed = 0): ForecastBudget => ({
  grantedCents: granted,
  spentCents: spent,
  pendingCents: pending,
  lapsedCents: lapsed,
  open: true,
});

describe('yearPosition', () => {
  it.each([
    [2026, '2025-12-31', null],
    [2026, '2026-01-01', { asOf: '2026-01-01', daysGone: 1, daysInYear: 365 }],
    [2026, '2026-07-02', { asOf: '2026-07-02', daysGone: 183, daysInYear: 365 }],
    [2024, '2024-12-30', { asOf: '2024-12-30', daysGone: 365, daysInYear: 366 }],
    [2026, '2026-12-31', { asOf: '2026-12-31', daysGone: 365, daysInYear: 365 }],
    [2025, '2026-03-01', { asOf: '2025-12-31', daysGone: 365, daysInYear: 365 }],
  ])('%i on %s', (year, today, expected) => expect(yearPosition(year, today)).toEqual(expected));

  it('refuses a day that is not a date', () => {
    expect(() => yearPosition(2026, 'tomorrow')).toThrow(RangeError);
  });
});

describe('projectedUse', () => {
  const half = { asOf: '2026-07-02', daysGone: 183, daysInYear: 365 };
  it.each<[string, ForecastBudget, number]>([
    [
      'the same pace for the 182 days left (36 600 × 182 / 183)',
      open(100_000, 30_000, 6_600),
      36_400,
    ],
    ['never more than is left', open(100_000, 60_000, 0), 40_000],
    ['nothing used, nothing projected', open(100_000, 0), 0],
    ['an ended budget uses nothing more', { ...open(100_000, 30_000), open: false }, 0],
    ['nothing left after a lapse', open(100_000, 40_000, 0, 60_000), 0],
  ])('%s', (_name, budget, expected) => expect(projectedUse(budget, half)).toBe(expected));

  it('is nothing at year end', () => {
    const end = yearPosition(2026, '2026-12-31')!;
    expect(projectedUse(open(100_000, 30_000), end)).toBe(0);
  });
});

describe('forecast', () => {
  it('sums budget by budget, each capped on its own', () => {
    const at = { asOf: '2026-07-02', daysGone: 183, daysInYear: 365 };
    // The second budget at its pace would use 70 000 more but has 40 000 left: pooled, the
    // 10 000 the first leaves unused would wrongly cover it.
    const result = forecast([open(100_000, 10_000), open(100_000, 60_000)], at);
    expect(result).toEqual({
      asOf: '2026-07-02',
      grantedCents: 200_000,
      spentCents: 70_000,
      pendingCents: 0,
      projectedCents: 9_945 + 40_000,
      lapsingCents: 200_000 - 70_000 - 49_945,
    });
  });

  it('at year end is what is left and what lapsed already', () => {
    const end = yearPosition(2025, '2026-01-05')!;
    const result = forecast(
      [open(100_000, 50_000, 5_000), { ...open(50_000, 10_000, 0, 40_000), open: false }],
      end,
    );
    expect(result.projectedCents).toBe(0);
    expect(result.lapsingCents).toBe(45_000 + 40_000);
  });

  it('of no budgets is zero', () => {
    expect(forecast([], yearPosition(2026, '2026-03-01')!)).toEqual({
      asOf: '2026-03-01',
      grantedCents: 0,
      spentCents: 0,
      pendingCents: 0,
      projectedCents: 0,
      lapsingCents: 0,
    });
  });
});
