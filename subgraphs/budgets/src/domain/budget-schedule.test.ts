import { calculateBudget } from './budget-calculation';
import { resolveSchedule, type ClassFacts } from './budget-schedule';

const day5: ClassFacts = {
  individual: false,
  pricingBasis: 'DAY',
  unitPriceCents: 16000,
  minKilometres: null,
  maxKilometres: null,
};
const day3: ClassFacts = { ...day5, unitPriceCents: null };
const individual: ClassFacts = {
  ...day5,
  individual: true,
  pricingBasis: 'YEAR',
  unitPriceCents: null,
};
const transport1: ClassFacts = {
  individual: false,
  pricingBasis: 'KILOMETRE',
  unitPriceCents: 180,
  minKilometres: 0,
  maxKilometres: 1000,
};

describe('resolveSchedule', () => {
  it('uses the class value: 48 weeks × 2 days × 160 € = 15 360 €', () => {
    const r = resolveSchedule(day5, { year: 2022, weeklyUnits: 2, weeks: 48 });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const calc = calculateBudget(r.schedule);
    expect(calc.ok && calc.totalCents).toBe(1_536_000);
  });

  it('reproduces the 2022 monthly example: 37 120 €', () => {
    const r = resolveSchedule(day5, {
      year: 2022,
      monthlyUnits: [20, 20, 23, 19, 21, 21, 0, 23, 22, 21, 22, 20],
    });
    if (!r.ok) throw new Error('not ok');
    const calc = calculateBudget(r.schedule);
    expect(calc.ok && calc.totalCents).toBe(3_712_000);
  });

  it.each([
    [
      'a different price on a priced class',
      day5,
      { unitPriceCents: 17000, weeklyUnits: 2, weeks: 48 },
      'unitPrice',
    ],
    ['no price on a class without value', day3, { weeklyUnits: 2, weeks: 48 }, 'unitPrice'],
    ['no price on the individual class', individual, {}, 'unitPrice'],
    [
      'two schedules',
      day5,
      { weeklyUnits: 2, weeks: 48, monthlyUnits: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] },
      'monthlyUnits',
    ],
    ['weekly without weeks', day5, { weeklyUnits: 2 }, 'weeks'],
    ['no schedule', day5, {}, 'monthlyUnits'],
    ['kilometres outside the band', transport1, { kilometres: 1500 }, 'kilometres'],
    ['transport without kilometres', transport1, { weeklyUnits: 1, weeks: 1 }, 'kilometres'],
    ['kilometres for day activities', day5, { kilometres: 100 }, 'kilometres'],
  ] as const)('refuses %s', (_name, cls, req, field) => {
    const r = resolveSchedule(cls, { year: 2026, ...req });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field)).toContain(field);
  });

  it('takes an explicit price for a class without value and a fixed sum for the individual class', () => {
    const r = resolveSchedule(day3, {
      year: 2026,
      unitPriceCents: 20000,
      weeklyUnits: 1,
      weeks: 10,
    });
    expect(r.ok && r.unitPriceCents).toBe(20000);
    const f = resolveSchedule(individual, { year: 2026, unitPriceCents: 500000 });
    expect(f.ok && f.schedule).toEqual({ kind: 'fixed', year: 2026, totalCents: 500000 });
  });

  it('prices transport per kilometre within the band', () => {
    const r = resolveSchedule(transport1, { year: 2026, kilometres: 800 });
    if (!r.ok) throw new Error('not ok');
    const calc = calculateBudget(r.schedule);
    expect(calc.ok && calc.totalCents).toBe(144_000);
  });
});
