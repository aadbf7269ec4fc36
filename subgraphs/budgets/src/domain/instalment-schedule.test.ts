import {
  instalmentSchedule,
  instalmentScheduleFromMonths,
  paymentPeriods,
} from './instalment-schedule';
import type { InstalmentSchedule } from './instalment-schedule';
import type { Validated } from './validation';
import { sumCents } from './money';

const ESSI_MONTHS_2022 = [
  320000, 320000, 368000, 304000, 336000, 336000, 0, 368000, 352000, 336000, 352000, 320000,
];

function unwrap(result: Validated<InstalmentSchedule>): InstalmentSchedule {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

describe('paymentPeriods', () => {
  it.each([
    [1, 12, [12, 12]],
    [3, 4, [10, 12]],
    [4, 3, [9, 12]],
    [5, 3, [11, 12]],
    [6, 2, [7, 12]],
    [7, 2, [8, 12]],
    [11, 2, [12, 12]],
    [12, 1, [1, 12]],
  ])('interval %i → %i periods, the last %j', (interval, count, [first, last]) => {
    const periods = paymentPeriods(interval);
    expect(periods).toHaveLength(count);
    expect(periods[periods.length - 1]).toEqual({ firstMonth: first, lastMonth: last });
  });

  it.each([0, 13, 1.5])('throws for interval %d', (interval) => {
    expect(() => paymentPeriods(interval)).toThrow(RangeError);
  });
});

describe('instalmentSchedule', () => {
  it.each([
    [1, 1536000, Array<number>(12).fill(128000)],
    [3, 3712000, [928000, 928000, 928000, 928000]],
    [4, 3712000, [1237334, 1237333, 1237333]],
    // Periods of 5, 5 and 2 months.
    [5, 3712000, [1546667, 1546667, 618666]],
    [6, 3712000, [1856000, 1856000]],
    // Periods of 7 and 5 months.
    [7, 1200, [700, 500]],
    [12, 3712000, [3712000]],
    [4, 100, [34, 33, 33]],
    [5, 100, [42, 42, 16]],
    [1, 5, [1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]],
    [3, 0, [0, 0, 0, 0]],
  ])('interval %i, total %i → %j', (intervalMonths, totalCents, amounts) => {
    const schedule = unwrap(instalmentSchedule({ year: 2022, totalCents, intervalMonths }));
    expect(schedule.instalments.map((i) => i.cents)).toEqual(amounts);
    expect(schedule.totalCents).toBe(totalCents);
  });

  it.each([
    [1, ['2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01', '2024-06-01']],
    [3, ['2024-01-01', '2024-04-01', '2024-07-01', '2024-10-01']],
    [5, ['2024-01-01', '2024-06-01', '2024-11-01']],
    [7, ['2024-01-01', '2024-08-01']],
    [12, ['2024-01-01']],
  ])('interval %i is due on the first day of each period', (intervalMonths, dueDates) => {
    const schedule = unwrap(instalmentSchedule({ year: 2024, totalCents: 1000, intervalMonths }));
    expect(schedule.instalments.map((i) => i.dueDate).slice(0, 6)).toEqual(dueDates);
  });

  it('describes each period', () => {
    const schedule = unwrap(instalmentSchedule({ year: 2026, totalCents: 100, intervalMonths: 5 }));
    expect(schedule.instalments).toEqual([
      { firstMonth: 1, lastMonth: 5, dueDate: '2026-01-01', cents: 42 },
      { firstMonth: 6, lastMonth: 10, dueDate: '2026-06-01', cents: 42 },
      { firstMonth: 11, lastMonth: 12, dueDate: '2026-11-01', cents: 16 },
    ]);
  });

  const intervals = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const totals = [0, 1, 7, 11, 100, 99999, 3712000, 1536001, Number.MAX_SAFE_INTEGER];
  it.each(intervals.flatMap((i) => totals.map((t) => [i, t])))(
    'interval %i, total %i: amounts sum to the total, one per period',
    (intervalMonths, totalCents) => {
      const schedule = unwrap(instalmentSchedule({ year: 2026, totalCents, intervalMonths }));
      expect(sumCents(schedule.instalments.map((i) => i.cents))).toBe(totalCents);
      expect(schedule.instalments).toHaveLength(Math.ceil(12 / intervalMonths));
      expect(schedule.instalments.every((i) => i.cents >= 0)).toBe(true);
    },
  );

  it.each([
    [{ year: 2026, totalCents: 100, intervalMonths: 0 }, ['intervalMonths']],
    [{ year: 2026, totalCents: 100, intervalMonths: 13 }, ['intervalMonths']],
    [{ year: 2026, totalCents: 100, intervalMonths: 2.5 }, ['intervalMonths']],
    [{ year: 2026, totalCents: -1, intervalMonths: 3 }, ['totalCents']],
    [{ year: 2026, totalCents: 0.5, intervalMonths: 3 }, ['totalCents']],
    [{ year: 1999, totalCents: 100, intervalMonths: 3 }, ['year']],
    [{ year: 3000, totalCents: -1, intervalMonths: 0 }, ['year', 'totalCents', 'intervalMonths']],
  ])('%j is rejected on %j', (input, fields) => {
    const result = instalmentSchedule(input);
    if (result.ok) throw new Error('expected errors');
    expect(result.errors.map((e) => e.field)).toEqual(fields);
  });

  it('explains the interval rule', () => {
    const result = instalmentSchedule({ year: 2026, totalCents: 100, intervalMonths: 13 });
    expect(result).toEqual({
      ok: false,
      errors: [
        { field: 'intervalMonths', message: 'intervalMonths must be an integer from 1 to 12.' },
      ],
    });
  });
});

describe('instalmentScheduleFromMonths', () => {
  it.each([
    [12, [3712000]],
    [6, [1984000, 1728000]],
    [4, [1312000, 1040000, 1360000]],
    [3, [1008000, 976000, 720000, 1008000]],
    [5, [1648000, 1392000, 672000]],
    [1, ESSI_MONTHS_2022],
  ])('Essi 2022 every %i months → %j', (intervalMonths, amounts) => {
    const schedule = unwrap(
      instalmentScheduleFromMonths({ year: 2022, months: ESSI_MONTHS_2022, intervalMonths }),
    );
    expect(schedule.instalments.map((i) => i.cents)).toEqual(amounts);
    expect(schedule.totalCents).toBe(3712000);
  });

  it('pays quarterly in advance from the monthly plan', () => {
    const schedule = unwrap(
      instalmentScheduleFromMonths({ year: 2022, months: ESSI_MONTHS_2022, intervalMonths: 3 }),
    );
    expect(schedule.instalments).toEqual([
      { firstMonth: 1, lastMonth: 3, dueDate: '2022-01-01', cents: 320000 + 320000 + 368000 },
      { firstMonth: 4, lastMonth: 6, dueDate: '2022-04-01', cents: 304000 + 336000 + 336000 },
      { firstMonth: 7, lastMonth: 9, dueDate: '2022-07-01', cents: 0 + 368000 + 352000 },
      { firstMonth: 10, lastMonth: 12, dueDate: '2022-10-01', cents: 336000 + 352000 + 320000 },
    ]);
  });

  it.each([
    [{ months: Array(11).fill(1), intervalMonths: 3 }, ['months']],
    [{ months: [-1, ...Array(11).fill(1)], intervalMonths: 3 }, ['months']],
    [{ months: [0.5, ...Array(11).fill(1)], intervalMonths: 3 }, ['months']],
    [{ months: Array(12).fill(Number.MAX_SAFE_INTEGER), intervalMonths: 3 }, ['months']],
    [{ months: ESSI_MONTHS_2022, intervalMonths: 0 }, ['intervalMonths']],
  ])('%j is rejected on %j', (input, fields) => {
    const result = instalmentScheduleFromMonths({ year: 2022, ...input });
    if (result.ok) throw new Error('expected errors');
    expect(result.errors.map((e) => e.field)).toEqual(fields);
  });
});
