import { ageJudgedOn, ageOn, outsideAgeBand } from './age-band';

describe('ageOn', () => {
  it.each([
    ['2008-03-10', '2026-03-09', 17],
    ['2008-03-10', '2026-03-10', 18],
    ['2008-02-29', '2026-02-28', 17],
    ['2008-02-29', '2026-03-01', 18],
    ['1961-12-31', '2026-01-01', 64],
    ['2026-01-01', '2026-01-01', 0],
  ])('born %s, on %s: %i', (birth, on, age) => {
    expect(ageOn(birth, on)).toBe(age);
  });
});

describe('ageJudgedOn', () => {
  it.each([
    [2026, '2026-06-15', '2026-06-15'],
    [2027, '2026-06-15', '2027-01-01'],
    [2025, '2026-06-15', '2025-01-01'],
  ])('year %i, today %s: %s', (year, today, on) => {
    expect(ageJudgedOn(year, today)).toBe(on);
  });
});

describe('outsideAgeBand', () => {
  const child = { minAge: 0, maxAge: 17 };
  const adult = { minAge: 18, maxAge: 64 };
  it.each([
    ['a 17-year-old in the children’s class', child, '2009-01-02', false],
    ['an 18-year-old in the children’s class', child, '2008-01-01', true],
    ['a 17-year-old in the adults’ class', adult, '2009-01-02', true],
    ['a 64-year-old in the adults’ class', adult, '1962-01-01', false],
    ['a 65-year-old in the adults’ class', adult, '1961-01-01', true],
    ['no birth date', adult, null, false],
    ['no band', { minAge: null, maxAge: null }, '2020-01-01', false],
  ] as const)('%s', (_name, band, birth, outside) => {
    expect(outsideAgeBand(band, birth, '2026-01-01') !== null).toBe(outside);
  });
});
