import type { BudgetScheduleInput } from './budget-calculation';
import type { FieldError, Validated } from './validation';

/** How a class is priced: per hour, per day, per kilometre, or a yearly amount. */
export type PricingBasis = 'HOUR' | 'DAY' | 'KILOMETRE' | 'YEAR';

/** The facts of an HB class the schedule rules need. */
export interface ClassFacts {
  readonly individual: boolean;
  readonly pricingBasis: PricingBasis;
  /** The class's value for the budget year; null when it has none (yet). */
  readonly unitPriceCents: number | null;
  readonly minKilometres: number | null;
  readonly maxKilometres: number | null;
}

/** A schedule as the API states it: at most one of the three shapes, optional explicit price. */
export interface ScheduleRequest {
  readonly year: number;
  /** An individually set unit price (or yearly amount for a YEAR class), already in cents. */
  readonly unitPriceCents?: number | null;
  readonly monthlyUnits?: readonly number[] | null;
  readonly weeklyUnits?: number | null;
  readonly weeks?: number | null;
  readonly kilometres?: number | null;
}

/** The schedule to calculate and the unit price that the budget keeps as its snapshot. */
export interface ResolvedSchedule {
  readonly schedule: BudgetScheduleInput;
  readonly unitPriceCents: number | null;
}

const UNIT_LABELS: Record<PricingBasis, string | undefined> = {
  HOUR: 'tunti',
  DAY: 'päivä',
  KILOMETRE: 'km',
  YEAR: undefined,
};

/**
 * Turns a class and an API schedule into a calculable schedule, enforcing the HB rules:
 * a class with a value uses that value (a different price needs the individual class); a class
 * without a value, or the individual class, needs an explicit price; transport classes are
 * kilometre budgets within the class's band; a YEAR class without units is a fixed yearly sum.
 * Field names in errors are the API's (`unitPrice`, `monthlyUnits`, …).
 */
export function resolveSchedule(
  cls: ClassFacts,
  req: ScheduleRequest,
): Validated<ResolvedSchedule> {
  const errors: FieldError[] = [];
  const explicit = req.unitPriceCents ?? null;
  let price: number | null = cls.unitPriceCents;
  if (cls.unitPriceCents !== null && !cls.individual) {
    if (explicit !== null && explicit !== cls.unitPriceCents) {
      errors.push({
        field: 'unitPrice',
        message:
          'This HB class has a decided value; an individual price needs the individual class.',
      });
    }
  } else if (explicit === null) {
    errors.push({
      field: 'unitPrice',
      message: cls.individual
        ? 'The individual class needs an individually set unit price.'
        : 'This HB class has no value yet: set the budget individually with an explicit unit price.',
    });
  } else {
    price = explicit;
  }

  const hasMonthly = req.monthlyUnits !== null && req.monthlyUnits !== undefined;
  const hasWeekly = (req.weeklyUnits ?? null) !== null || (req.weeks ?? null) !== null;
  const hasKm = (req.kilometres ?? null) !== null;
  const shapes = [hasMonthly, hasWeekly, hasKm].filter(Boolean).length;
  if (shapes > 1) {
    errors.push({
      field: 'monthlyUnits',
      message: 'Give one schedule: monthly units, weekly units with weeks, or kilometres.',
    });
  }
  if (cls.pricingBasis === 'KILOMETRE' && !hasKm) {
    errors.push({
      field: 'kilometres',
      message: 'A transport class is a yearly kilometre budget: give kilometres.',
    });
  }
  if (hasKm && cls.pricingBasis !== 'KILOMETRE' && cls.pricingBasis !== 'YEAR') {
    errors.push({ field: 'kilometres', message: 'Kilometres apply only to transport classes.' });
  }
  if (hasKm && !cls.individual) {
    const km = req.kilometres as number;
    const min = cls.minKilometres ?? 0;
    const max = cls.maxKilometres ?? Number.MAX_SAFE_INTEGER;
    if (km < min || km > max) {
      errors.push({
        field: 'kilometres',
        message: `This class covers ${min}–${max} km a year; choose the class that fits ${km} km.`,
      });
    }
  }
  if (hasWeekly && ((req.weeklyUnits ?? null) === null || (req.weeks ?? null) === null)) {
    errors.push({ field: 'weeks', message: 'Give both weeklyUnits and weeks.' });
  }
  if (shapes === 0 && cls.pricingBasis !== 'YEAR' && cls.pricingBasis !== 'KILOMETRE') {
    errors.push({
      field: 'monthlyUnits',
      message: 'Give a schedule: monthly units, or weekly units with weeks.',
    });
  }
  if (errors.length > 0 || price === null) return { ok: false, errors };

  const unitLabel = UNIT_LABELS[cls.pricingBasis];
  const label = unitLabel === undefined ? {} : { unitLabel };
  // One shape at most, and a weekly one with both its figures (all checked above).
  const { monthlyUnits, weeklyUnits, weeks, kilometres } = req;
  let schedule: BudgetScheduleInput;
  if (monthlyUnits != null) {
    schedule = { kind: 'monthly', year: req.year, unitPriceCents: price, monthlyUnits, ...label };
  } else if (weeklyUnits != null && weeks != null) {
    schedule = {
      kind: 'weekly',
      year: req.year,
      unitPriceCents: price,
      weeklyUnits,
      weeks,
      ...label,
    };
  } else if (kilometres != null) {
    schedule = { kind: 'kilometres', year: req.year, unitPriceCents: price, kilometres };
  } else {
    schedule = { kind: 'fixed', year: req.year, totalCents: price };
  }
  return { ok: true, schedule, unitPriceCents: price };
}
