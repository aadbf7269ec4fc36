import { toIsoDate } from './calendar';
import { allocateByWeights, sumCents } from './money';
import { checkIntegerInRange, checkYear, validated } from './validation';
import type { FieldError, Validated } from './validation';

/** A run of consecutive months of the budget year covered by one instalment. */
export interface PaymentPeriod {
  /** First month of the period, 1–12. */
  readonly firstMonth: number;
  /** Last month of the period, inclusive; the last period of the year may be shorter. */
  readonly lastMonth: number;
}

/** One payment of the yearly budget. */
export interface Instalment extends PaymentPeriod {
  /** First day of the period, `YYYY-MM-DD`: the budget is paid in advance for the period. */
  readonly dueDate: string;
  /** Amount in cents. */
  readonly cents: number;
}

/** A year's instalments; their amounts always sum exactly to `totalCents`. */
export interface InstalmentSchedule {
  /** The yearly total that was split. */
  readonly totalCents: number;
  /** In due-date order. */
  readonly instalments: Instalment[];
}

/** Input of {@link instalmentSchedule}. */
export interface InstalmentScheduleInput {
  /** Budget year. */
  readonly year: number;
  /** Yearly total in cents, a non-negative integer. */
  readonly totalCents: number;
  /** Months between instalments agreed with the client: 1 (monthly) to 12 (all at once). */
  readonly intervalMonths: number;
}

/** Input of {@link instalmentScheduleFromMonths}. */
export interface MonthlyInstalmentScheduleInput {
  /** Budget year. */
  readonly year: number;
  /** Twelve monthly amounts in cents (January first), e.g. `BudgetCalculation.months`. */
  readonly months: readonly number[];
  /** Months between instalments, 1 to 12. */
  readonly intervalMonths: number;
}

/**
 * Splits the calendar year into payment periods starting in month 1, 1 + interval, … (interval 5
 * gives January–May, June–October, November–December).
 *
 * @throws RangeError when `intervalMonths` is not an integer 1–12 (validate input first).
 */
export function paymentPeriods(intervalMonths: number): PaymentPeriod[] {
  if (checkInterval(intervalMonths)) {
    throw new RangeError(`intervalMonths must be 1 to 12, got ${intervalMonths}.`);
  }
  const periods: PaymentPeriod[] = [];
  for (let first = 1; first <= 12; first += intervalMonths) {
    periods.push({ firstMonth: first, lastMonth: Math.min(first + intervalMonths - 1, 12) });
  }
  return periods;
}

/**
 * Splits a yearly total into instalments in proportion to the months each period covers, so a
 * shorter last period gets a smaller payment. Leftover cents go by largest remainder, ties to
 * the earlier instalment.
 */
export function instalmentSchedule(input: InstalmentScheduleInput): Validated<InstalmentSchedule> {
  const errors = [
    checkYear(input.year),
    checkIntegerInRange('totalCents', input.totalCents, 0, Number.MAX_SAFE_INTEGER),
    checkInterval(input.intervalMonths),
  ];
  return validated(errors, () => {
    const periods = paymentPeriods(input.intervalMonths);
    const amounts = allocateByWeights(
      input.totalCents,
      periods.map((p) => p.lastMonth - p.firstMonth + 1),
    );
    return {
      totalCents: input.totalCents,
      instalments: periods.map((period, index) => toInstalment(input.year, period, amounts[index])),
    };
  });
}

/**
 * Builds instalments from a month-by-month plan: each instalment is the sum of the monthly
 * amounts of its period, so a budget with a holiday month pays less for the period holding it
 * (Essi's 2022 plan paid quarterly: Q1 = 3 200 + 3 200 + 3 680 €).
 */
export function instalmentScheduleFromMonths(
  input: MonthlyInstalmentScheduleInput,
): Validated<InstalmentSchedule> {
  const errors = [
    checkYear(input.year),
    ...checkMonths(input.months),
    checkInterval(input.intervalMonths),
  ];
  return validated(errors, () => {
    const instalments = paymentPeriods(input.intervalMonths).map((period) => {
      const cents = sumCents(input.months.slice(period.firstMonth - 1, period.lastMonth));
      return toInstalment(input.year, period, cents);
    });
    return { totalCents: sumCents(input.months), instalments };
  });
}

function toInstalment(year: number, period: PaymentPeriod, cents: number | undefined): Instalment {
  return { ...period, dueDate: toIsoDate(year, period.firstMonth, 1), cents: cents ?? 0 };
}

function checkInterval(intervalMonths: unknown): FieldError | null {
  return checkIntegerInRange('intervalMonths', intervalMonths, 1, 12);
}

function checkMonths(months: unknown): FieldError[] {
  if (!Array.isArray(months) || months.length !== 12) {
    return [{ field: 'months', message: 'months must have exactly 12 amounts in cents.' }];
  }
  const valid = months.every(
    (cents: unknown) => typeof cents === 'number' && Number.isSafeInteger(cents) && cents >= 0,
  );
  if (!valid) {
    return [{ field: 'months', message: 'months must be non-negative integer amounts in cents.' }];
  }
  // Twelve safe integers can still overflow when added up.
  if (!Number.isSafeInteger(sumCents(months as number[]))) {
    return [{ field: 'months', message: 'The sum of months is too large.' }];
  }
  return [];
}
