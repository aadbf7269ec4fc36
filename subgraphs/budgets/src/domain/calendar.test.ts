import {
  dayOfYear,
  daysInMonth,
  daysInYear,
  elapsedShareOfYear,
  isLeapYear,
  parseIsoDate,
  requireIsoDate,
  toIsoDate,
} from './calendar';

describe('isLeapYear / daysInYear', () => {
  it.each([
    [2000, true, 366],
    [2022, false, 365],
    [2024, true, 366],
    [2026, false, 365],
    [2100, false, 365],
  ])('%i → leap %s, %i days', (year, leap, days) => {
    expect(isLeapYear(year)).toBe(leap);
    expect(daysInYear(year)).toBe(days);
  });
});

describe('daysInMonth', () => {
  it.each([
    [2023, 2, 28],
    [2024, 2, 29],
    [2024, 4, 30],
    [2024, 12, 31],
  ])('%i-%i has %i days', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });
});

describe('parseIsoDate', () => {
  it.each([
    ['2026-03-15', { year: 2026, month: 3, day: 15 }],
    ['2024-02-29', { year: 2024, month: 2, day: 29 }],
    ['2023-02-29', null],
    ['2026-13-01', null],
    ['2026-00-10', null],
    ['2026-04-31', null],
    ['2026-4-1', null],
    ['2026-03-15T00:00:00Z', null],
    ['', null],
  ])('%j → %j', (text, expected) => {
    expect(parseIsoDate(text)).toEqual(expected);
  });

  it('requireIsoDate throws on a bad date', () => {
    expect(() => requireIsoDate('2023-02-29', 'today')).toThrow(RangeError);
  });
});

describe('toIsoDate / dayOfYear', () => {
  it.each([
    [2026, 1, 1, '2026-01-01', 1],
    [2024, 3, 1, '2024-03-01', 61],
    [2023, 3, 1, '2023-03-01', 60],
    [2024, 12, 31, '2024-12-31', 366],
    [2023, 12, 31, '2023-12-31', 365],
  ])('%i-%i-%i → %s, day %i', (year, month, day, iso, ordinal) => {
    expect(toIsoDate(year, month, day)).toBe(iso);
    expect(dayOfYear({ year, month, day })).toBe(ordinal);
  });
});

describe('elapsedShareOfYear', () => {
  it.each([
    ['2025-12-31', 2026, 0],
    ['2026-01-01', 2026, 0],
    ['2026-01-02', 2026, 1 / 365],
    ['2024-07-02', 2024, 0.5],
    ['2023-07-02', 2023, 182 / 365],
    ['2024-12-31', 2024, 365 / 366],
    ['2025-01-01', 2024, 1],
    ['2030-06-01', 2024, 1],
  ])('%s in %i → %d', (today, year, share) => {
    expect(elapsedShareOfYear(today, year)).toBeCloseTo(share, 12);
  });
});
