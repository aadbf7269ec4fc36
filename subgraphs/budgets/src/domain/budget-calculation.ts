import { formatEuroFi, formatIntegerFi, quantityFi } from './finnish-format';
import { splitEvenly, sumCents } from './money';
import { checkIntegerInRange, checkYear, validated } from './validation';
import type { FieldError, Validated } from './validation';

export { formatEuroFi } from './finnish-format';

/**
 * Upper bounds of the calculation inputs. They are far above any real budget; they exist to catch
 * typing mistakes (an extra zero) and to keep every total a safe integer.
 */
export const CALCULATION_LIMITS = {
  /** 100 000 € per unit (hour, day or km). */
  maxUnitPriceCents: 10_000_000,
  /** Hours in a 31-day month, the largest number of units a month can hold. */
  maxMonthlyUnits: 31 * 24,
  /** Hours in a week. */
  maxWeeklyUnits: 7 * 24,
  /** ISO years have 52 or 53 weeks. */
  maxWeeks: 53,
  /** Kilometres a year; transport classes end at 4000 km, individual budgets go beyond. */
  maxKilometres: 100_000,
  /** 10 000 000 € for an individually set yearly amount. */
  maxFixedTotalCents: 1_000_000_000,
  /** Length of a free-text unit label. */
  maxUnitLabelLength: 40,
} as const;

/** Fields every priced schedule shares. */
interface PricedSchedule {
  /** Budget year (a budget is always valid for one calendar year). */
  readonly year: number;
  /** Price of one unit in cents, from the HB class or set individually; must be > 0. */
  readonly unitPriceCents: number;
  /**
   * Unit word in the nominative singular, e.g. 'päivä', 'tunti', 'km'; used in the explanation
   * and inflected there ("232 päivää"). Defaults: 'yksikkö' (monthly), none (weekly), 'km'.
   */
  readonly unitLabel?: string;
}

/** Units planned month by month, e.g. day-activity days with July as a holiday month. */
export interface MonthlyScheduleInput extends PricedSchedule {
  readonly kind: 'monthly';
  /** Exactly 12 non-negative integers, January first. */
  readonly monthlyUnits: readonly number[];
}

/** The same number of units every week for a number of weeks ("2 days a week, 48 weeks"). */
export interface WeeklyScheduleInput extends PricedSchedule {
  readonly kind: 'weekly';
  /** Units per week, 1 to 168. */
  readonly weeklyUnits: number;
  /** Weeks in the year the service is used, 1 to 53. */
  readonly weeks: number;
}

/** A yearly kilometre budget (transport services); `unitPriceCents` is the price of one km. */
export interface KilometreScheduleInput extends PricedSchedule {
  readonly kind: 'kilometres';
  /** Kilometres a year, 1 to 100 000. */
  readonly kilometres: number;
}

/** An individually set yearly amount (individual class, or a class with no value yet). */
export interface FixedScheduleInput {
  readonly kind: 'fixed';
  /** Budget year. */
  readonly year: number;
  /** The yearly amount in cents, 1 to {@link CALCULATION_LIMITS.maxFixedTotalCents}. */
  readonly totalCents: number;
}

/** Any of the ways a budget's value can be set. */
export type BudgetScheduleInput =
  MonthlyScheduleInput | WeeklyScheduleInput | KilometreScheduleInput | FixedScheduleInput;

/** The part of a budget that falls on one month. */
export interface MonthAmount {
  /** Month 1–12. */
  readonly month: number;
  /** Amount in cents. */
  readonly cents: number;
}

/** A successfully calculated budget. */
export interface BudgetCalculation {
  /** Yearly total in cents; always equals the sum of `months`. */
  readonly totalCents: number;
  /** Twelve entries, January first. */
  readonly months: MonthAmount[];
  /** Short Finnish text showing how the total was reached; spaces inside numbers are U+00A0. */
  readonly explanation: string;
}

/**
 * Calculates a yearly budget and its distribution over the months.
 *
 * A monthly schedule keeps its own month amounts (units × price); the other kinds spread the
 * total evenly over the 12 months, earlier months taking the leftover cents, because the
 * yearly budget may be used freely and only needs a deterministic monthly view.
 *
 * @example
 * calculateBudget({ kind: 'weekly', year: 2022, unitPriceCents: 16000, weeklyUnits: 2, weeks: 48,
 *   unitLabel: 'päivä' })
 * // → { ok: true, totalCents: 1536000, months: [...], explanation:
 * //     '48 viikkoa × 2 päivää × 160,00 € = 15 360,00 €' }
 */
export function calculateBudget(input: BudgetScheduleInput): Validated<BudgetCalculation> {
  switch (input.kind) {
    case 'monthly':
      return calculateMonthly(input);
    case 'weekly':
      return calculateWeekly(input);
    case 'kilometres':
      return calculateKilometres(input);
    case 'fixed':
      return calculateFixed(input);
    default: {
      // Reachable when the service passes on an unchecked kind from the API.
      const kind = (input as { kind?: unknown }).kind;
      return {
        ok: false,
        errors: [{ field: 'kind', message: `Unknown schedule kind '${String(kind)}'.` }],
      };
    }
  }
}

function calculateMonthly(input: MonthlyScheduleInput): Validated<BudgetCalculation> {
  const errors = [...checkPriced(input), ...checkMonthlyUnits(input.monthlyUnits)];
  return validated(errors, () => {
    const months = input.monthlyUnits.map((units, index) => ({
      month: index + 1,
      cents: units * input.unitPriceCents,
    }));
    const totalCents = sumCents(months.map((m) => m.cents));
    const units = quantityFi(sumCents(input.monthlyUnits), input.unitLabel ?? 'yksikkö');
    const explanation = equation([units, formatEuroFi(input.unitPriceCents)], totalCents);
    return { totalCents, months, explanation };
  });
}

function calculateWeekly(input: WeeklyScheduleInput): Validated<BudgetCalculation> {
  const { maxWeeklyUnits, maxWeeks } = CALCULATION_LIMITS;
  const errors = [
    ...checkPriced(input),
    checkIntegerInRange('weeklyUnits', input.weeklyUnits, 1, maxWeeklyUnits),
    checkIntegerInRange('weeks', input.weeks, 1, maxWeeks),
  ];
  return validated(errors, () => {
    const totalCents = input.weeks * input.weeklyUnits * input.unitPriceCents;
    // Without a label the weekly count stays a bare factor, as in the seed's "48 viikkoa × 2".
    const perWeek =
      input.unitLabel === undefined
        ? formatIntegerFi(input.weeklyUnits)
        : quantityFi(input.weeklyUnits, input.unitLabel);
    const weeks = quantityFi(input.weeks, 'viikko');
    const explanation = equation([weeks, perWeek, formatEuroFi(input.unitPriceCents)], totalCents);
    return { totalCents, months: spreadOverYear(totalCents), explanation };
  });
}

function calculateKilometres(input: KilometreScheduleInput): Validated<BudgetCalculation> {
  const errors = [
    ...checkPriced(input),
    checkIntegerInRange('kilometres', input.kilometres, 1, CALCULATION_LIMITS.maxKilometres),
  ];
  return validated(errors, () => {
    const totalCents = input.kilometres * input.unitPriceCents;
    const distance = quantityFi(input.kilometres, input.unitLabel ?? 'km');
    const explanation = equation([distance, formatEuroFi(input.unitPriceCents)], totalCents);
    return { totalCents, months: spreadOverYear(totalCents), explanation };
  });
}

function calculateFixed(input: FixedScheduleInput): Validated<BudgetCalculation> {
  const errors = [
    checkYear(input.year),
    checkIntegerInRange('totalCents', input.totalCents, 1, CALCULATION_LIMITS.maxFixedTotalCents),
  ];
  return validated(errors, () => ({
    totalCents: input.totalCents,
    months: spreadOverYear(input.totalCents),
    explanation: `Yksilöllinen budjetti vuodelle ${input.year}: ${formatEuroFi(input.totalCents)}`,
  }));
}

/** "a × b × c = total", the way the seed documents show their sums. */
function equation(factors: string[], totalCents: number): string {
  return `${factors.join(' × ')} = ${formatEuroFi(totalCents)}`;
}

function spreadOverYear(totalCents: number): MonthAmount[] {
  return splitEvenly(totalCents, 12).map((cents, index) => ({ month: index + 1, cents }));
}

function checkPriced(input: PricedSchedule): Array<FieldError | null> {
  return [
    checkYear(input.year),
    checkIntegerInRange(
      'unitPriceCents',
      input.unitPriceCents,
      1,
      CALCULATION_LIMITS.maxUnitPriceCents,
    ),
    checkUnitLabel(input.unitLabel),
  ];
}

function checkUnitLabel(label: unknown): FieldError | null {
  const max = CALCULATION_LIMITS.maxUnitLabelLength;
  if (label === undefined) return null;
  // Surrounding spaces would end up inside the explanation text.
  if (
    typeof label === 'string' &&
    label.length >= 1 &&
    label.length <= max &&
    label.trim() === label
  ) {
    return null;
  }
  return {
    field: 'unitLabel',
    message: `unitLabel must be 1 to ${max} characters without surrounding spaces.`,
  };
}

function checkMonthlyUnits(monthlyUnits: unknown): FieldError[] {
  const max = CALCULATION_LIMITS.maxMonthlyUnits;
  if (!Array.isArray(monthlyUnits) || monthlyUnits.length !== 12) {
    const got = Array.isArray(monthlyUnits) ? `${monthlyUnits.length} values` : 'no list';
    return [
      {
        field: 'monthlyUnits',
        message: `monthlyUnits must have exactly 12 non-negative integers, got ${got}.`,
      },
    ];
  }
  const errors = monthlyUnits.flatMap((units: unknown, index): FieldError[] => {
    if (typeof units === 'number' && Number.isSafeInteger(units) && units >= 0 && units <= max) {
      return [];
    }
    const month = index + 1;
    const message = `monthlyUnits of month ${month} must be an integer from 0 to ${max}.`;
    return [{ field: 'monthlyUnits', message: `${message} Got ${String(units)}.` }];
  });
  if (errors.length === 0 && monthlyUnits.every((units) => units === 0)) {
    errors.push({
      field: 'monthlyUnits',
      message: 'monthlyUnits must have units in at least one month.',
    });
  }
  return errors;
}
