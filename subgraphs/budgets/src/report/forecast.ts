/**
 * Year-end forecast (ennuste) of what will lapse: pure, no database, no GraphQL.
 *
 * Method: the year-to-date pace. An open budget (decided or active) is expected to go on
 * using money for the rest of the year at the pace of its charges so far (confirmed and
 * pending) since 1 January: used × days left / days gone, never more than it has left. An
 * ended or closed budget uses nothing more. What lapses is what is left after that, plus what
 * has already lapsed.
 */

/** One budget's money in cents, as the balance row holds it. */
export interface ForecastBudget {
  grantedCents: number;
  spentCents: number;
  pendingCents: number;
  lapsedCents: number;
  /** False for an ended or closed budget: it uses nothing more this year. */
  open: boolean;
}

/** Where a day falls in a year: days gone (the day itself counts) of the year's days. */
export interface YearPosition {
  /** The day the forecast is made for, `YYYY-MM-DD`: today, or 31 December of a past year. */
  asOf: string;
  daysGone: number;
  daysInYear: number;
}

export interface Forecast {
  asOf: string;
  grantedCents: number;
  spentCents: number;
  pendingCents: number;
  /** Expected further use until 31 December at the year-to-date pace. */
  projectedCents: number;
  /** Expected to lapse at year end (including what has lapsed already). */
  lapsingCents: number;
}

const DAY = 86_400_000;
const utc = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** The position of `today` in `year`; null before the year has begun (there is no pace yet). */
export function yearPosition(year: number, today: string): YearPosition | null {
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year, 11, 31);
  const daysInYear = Math.round((end - start) / DAY) + 1;
  const day = utc(today);
  if (Number.isNaN(day)) throw new RangeError(`not a date: ${today}`);
  if (day < start) return null;
  if (day >= end) return { asOf: `${year}-12-31`, daysGone: daysInYear, daysInYear };
  return { asOf: today, daysGone: Math.round((day - start) / DAY) + 1, daysInYear };
}

/** The expected further use of one budget until year end, in whole cents. */
export function projectedUse(budget: ForecastBudget, at: YearPosition): number {
  const left = budget.grantedCents - budget.spentCents - budget.pendingCents - budget.lapsedCents;
  if (!budget.open || left <= 0) return 0;
  const used = budget.spentCents + budget.pendingCents;
  const pace = Math.round((used * (at.daysInYear - at.daysGone)) / at.daysGone);
  return Math.min(left, pace);
}

/** The forecast of a set of budgets (a municipality's), summed budget by budget. */
export function forecast(budgets: readonly ForecastBudget[], at: YearPosition): Forecast {
  const sum = { granted: 0, spent: 0, pending: 0, projected: 0, lapsing: 0 };
  for (const b of budgets) {
    const projected = projectedUse(b, at);
    sum.granted += b.grantedCents;
    sum.spent += b.spentCents;
    sum.pending += b.pendingCents;
    sum.projected += projected;
    sum.lapsing += b.grantedCents - b.spentCents - b.pendingCents - projected;
  }
  return {
    asOf: at.asOf,
    grantedCents: sum.granted,
    spentCents: sum.spent,
    pendingCents: sum.pending,
    projectedCents: sum.projected,
    lapsingCents: sum.lapsing,
  };
}
