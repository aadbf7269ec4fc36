import { toIsoDate } from './calendar';
import type { Instalment } from './instalment-schedule';
import { allocateByWeights } from './money';

/** Input of {@link scheduleUnpaid}. */
export interface RescheduleInput {
  readonly year: number;
  /** Twelve monthly amounts of the (new) decision, January first. */
  readonly monthCents: readonly number[];
  readonly intervalMonths: number;
  /** Last month already covered by paid instalments (0: nothing paid yet). */
  readonly paidThroughMonth: number;
  /** What is still to be paid out: the granted total minus what was paid. */
  readonly remainingCents: number;
}

/**
 * The instalments still to pay after a decision or a re-assessment: the months after the paid
 * ones are split by the interval (counting from the first unpaid month), and the unpaid amount is
 * spread over those periods in proportion to the decision's monthly amounts (by month count when
 * they are all zero). With nothing paid this equals the plain schedule of the decision; amounts
 * always sum exactly to `remainingCents`. When every month is paid already, a top-up (a raise in
 * December) is one December instalment.
 */
export function scheduleUnpaid(input: RescheduleInput): Instalment[] {
  const { year, intervalMonths, paidThroughMonth, remainingCents } = input;
  if (remainingCents <= 0) return [];
  const periods: Array<{ firstMonth: number; lastMonth: number }> = [];
  for (let first = paidThroughMonth + 1; first <= 12; first += intervalMonths) {
    periods.push({ firstMonth: first, lastMonth: Math.min(first + intervalMonths - 1, 12) });
  }
  if (periods.length === 0) {
    return [
      { firstMonth: 12, lastMonth: 12, dueDate: toIsoDate(year, 12, 1), cents: remainingCents },
    ];
  }
  let weights = periods.map((p) =>
    input.monthCents.slice(p.firstMonth - 1, p.lastMonth).reduce((sum, c) => sum + c, 0),
  );
  if (weights.every((w) => w === 0)) weights = periods.map((p) => p.lastMonth - p.firstMonth + 1);
  const amounts = allocateByWeights(remainingCents, weights);
  return periods.map((p, i) => ({
    ...p,
    dueDate: toIsoDate(year, p.firstMonth, 1),
    cents: amounts[i] ?? 0,
  }));
}
