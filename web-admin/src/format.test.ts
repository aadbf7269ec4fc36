import { todayInFinland } from './format';

describe('todayInFinland', () => {
  it.each([
    // Between midnight in Helsinki and midnight UTC the days differ: the API judges by Helsinki.
    ['2026-11-30T22:30:00Z', '2026-12-01'],
    ['2026-11-30T21:59:59Z', '2026-11-30'],
    // Summer time: UTC+3.
    ['2026-06-30T21:00:00Z', '2026-07-01'],
    ['2026-12-31T22:00:00Z', '2027-01-01'],
  ])('at %s it is %s in Finland', (instant, day) => {
    expect(todayInFinland(new Date(instant))).toBe(day);
  });
});
