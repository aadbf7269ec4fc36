import { elapsedShareOfYear, requireIsoDate, toIsoDate } from './calendar';
import { formatDateFi, formatDecimalFi, formatEuroFi, formatPercentFi } from './finnish-format';

/** The kinds of budget alert, as in the API's `AlertKind` enum. */
export type AlertKind = 'UNDERUSE' | 'OVERUSE' | 'ABNORMAL_CHARGE' | 'YEAR_END_LAPSE_AHEAD';

/** Tunable limits of the alert rules; shares are fractions of 1 (0.25 = 25 %). */
export interface AlertThresholds {
  /** Underuse is not judged before this share of the year has passed: early months say little. */
  readonly minElapsedShare: number;
  /** Underuse when the used share is more than this below the elapsed share. */
  readonly underuseGap: number;
  /** Overuse when the used share is more than this above the elapsed share. */
  readonly overuseGap: number;
  /** Earlier charges needed before a charge can be judged large compared to them. */
  readonly minHistory: number;
  /** A charge is abnormal when it is more than this many times the median earlier charge. */
  readonly abnormalFactor: number;
  /** In the last quarter, warn when more than this share of the budget is still unused. */
  readonly lapseShare: number;
}

/** Thresholds used unless an organiser configures its own. */
export const DEFAULT_ALERT_THRESHOLDS: Readonly<AlertThresholds> = Object.freeze({
  minElapsedShare: 0.25,
  underuseGap: 0.25,
  overuseGap: 0.2,
  minHistory: 3,
  abnormalFactor: 3,
  lapseShare: 0.15,
});

/** A charge against the budget, as far as the rules need it. */
export interface ChargeFact {
  /** Transaction id; part of the dedupe key of an abnormal-charge alert. */
  readonly id: string;
  /** Amount in cents. */
  readonly cents: number;
  /** Day the service was delivered, `YYYY-MM-DD`. */
  readonly serviceDate: string;
}

/** The state of one budget at the moment the rules run. */
export interface AlertInput {
  /** The current date in Finland, `YYYY-MM-DD`. */
  readonly today: string;
  /** The budget's year. */
  readonly year: number;
  /** The granted yearly budget in cents; share-based rules are skipped when it is 0. */
  readonly grantedCents: number;
  /** Confirmed plus pending charges (minus refunds), in cents. */
  readonly spentCents: number;
  /** Charges recorded before `newCharge` (confirmed or pending, not rejected). */
  readonly charges: readonly ChargeFact[];
  /** The charge just recorded, when the rules run because of one. */
  readonly newCharge?: ChargeFact;
}

/** An alert the rules raise; the service stores it unless one with the same key exists. */
export interface RaisedAlert {
  /** Which rule fired. */
  readonly kind: AlertKind;
  /** Finnish text telling the client and worker why, with the numbers behind it. */
  readonly message: string;
  /**
   * Stable dedupe key: `UNDERUSE:2026-11`, `OVERUSE:2026-11` and `YEAR_END_LAPSE_AHEAD:2026-11`
   * (at most once a month per budget), `ABNORMAL_CHARGE:<transaction id>` (once per charge).
   */
  readonly key: string;
}

// Shares are floats: 1/365 + 0.15 comes out above 557500/3650000 though the two are equal as
// decimals. A tolerance lets a share that equals a threshold count as equal, so boundaries
// behave as the thresholds read.
const EPSILON = 1e-9;

/**
 * Runs every alert rule on one budget and returns the alerts that apply, in a fixed order
 * (underuse, overuse, abnormal charge, year-end lapse).
 *
 * @throws RangeError when `today` or a service date is not a valid `YYYY-MM-DD` date.
 */
export function evaluateAlerts(
  input: AlertInput,
  thresholds: AlertThresholds = DEFAULT_ALERT_THRESHOLDS,
): RaisedAlert[] {
  requireIsoDate(input.today, 'today');
  const alerts = [
    underuse(input, thresholds),
    overuse(input, thresholds),
    abnormalCharge(input, thresholds),
    yearEndLapseAhead(input, thresholds),
  ];
  return alerts.filter((alert): alert is RaisedAlert => alert !== null);
}

/**
 * Median of a list of amounts (mean of the two middle values for an even count), rounded to
 * whole cents; 0 for an empty list.
 */
export function medianCents(amounts: readonly number[]): number {
  const sorted = [...amounts].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return 0;
  if (sorted.length % 2 === 1) return sorted[middle] ?? 0;
  return Math.round(((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2);
}

function underuse(input: AlertInput, t: AlertThresholds): RaisedAlert | null {
  if (input.grantedCents <= 0) return null;
  const elapsed = elapsedShareOfYear(input.today, input.year);
  const used = input.spentCents / input.grantedCents;
  if (elapsed < t.minElapsedShare - EPSILON || used >= elapsed - t.underuseGap - EPSILON) {
    return null;
  }
  return {
    kind: 'UNDERUSE',
    key: `UNDERUSE:${monthKey(input)}`,
    message:
      `Budjettia on käytetty ${formatPercentFi(used)} (${usage(input)}), ` +
      `vaikka vuodesta on kulunut ${formatPercentFi(elapsed)}.`,
  };
}

function overuse(input: AlertInput, t: AlertThresholds): RaisedAlert | null {
  if (input.grantedCents <= 0) return null;
  const elapsed = elapsedShareOfYear(input.today, input.year);
  const used = input.spentCents / input.grantedCents;
  // Once the year is over nothing is left to protect, so overspending is for the ledger only.
  if (elapsed >= 1 || used <= elapsed + t.overuseGap + EPSILON) return null;
  return {
    kind: 'OVERUSE',
    key: `OVERUSE:${monthKey(input)}`,
    message:
      `Budjettia on käytetty ${formatPercentFi(used)} (${usage(input)}), ` +
      `vaikka vuodesta on kulunut vasta ${formatPercentFi(elapsed)}.`,
  };
}

function abnormalCharge(input: AlertInput, t: AlertThresholds): RaisedAlert | null {
  const charge = input.newCharge;
  if (!charge) return null;
  requireIsoDate(charge.serviceDate, 'newCharge.serviceDate');
  const reasons: string[] = [];

  // Same-format ISO dates compare correctly as strings.
  if (charge.serviceDate > input.today) {
    const serviceDay = formatDateFi(charge.serviceDate);
    reasons.push(
      `Veloitus ${formatEuroFi(charge.cents)} on päivätty tulevaisuuteen: ` +
        `palvelupäivä ${serviceDay}, tänään on ${formatDateFi(input.today)}.`,
    );
  }

  // Compared with every other recorded charge, not only those with earlier service dates: a
  // provider billing an old service late must be judged against the same history.
  const history = input.charges.filter((other) => other.id !== charge.id).map((c) => c.cents);
  if (history.length >= t.minHistory) {
    const median = medianCents(history);
    if (charge.cents > t.abnormalFactor * median + EPSILON) {
      reasons.push(
        `Veloitus ${formatEuroFi(charge.cents)} on yli ${formatDecimalFi(t.abnormalFactor, 2)} ` +
          `kertaa niin suuri kuin ${history.length} aiemman veloituksen mediaani ` +
          `${formatEuroFi(median)}.`,
      );
    }
  }

  if (reasons.length === 0) return null;
  return {
    kind: 'ABNORMAL_CHARGE',
    key: `ABNORMAL_CHARGE:${charge.id}`,
    message: reasons.join(' '),
  };
}

function yearEndLapseAhead(input: AlertInput, t: AlertThresholds): RaisedAlert | null {
  if (input.grantedCents <= 0) return null;
  const today = requireIsoDate(input.today, 'today');
  if (today.year !== input.year || today.month < 10) return null;
  const remaining = input.grantedCents - input.spentCents;
  if (remaining <= t.lapseShare * input.grantedCents + EPSILON) return null;
  const lapseDate = formatDateFi(toIsoDate(input.year, 12, 31));
  return {
    kind: 'YEAR_END_LAPSE_AHEAD',
    key: `YEAR_END_LAPSE_AHEAD:${monthKey(input)}`,
    message:
      `Budjetista on jäljellä ${formatPercentFi(remaining / input.grantedCents)} ` +
      `(${formatEuroFi(remaining)} / ${formatEuroFi(input.grantedCents)}). ` +
      `Käyttämätön osa raukeaa ${lapseDate}.`,
  };
}

/** "3 712,00 € / 37 120,00 €": spent of granted. */
function usage(input: AlertInput): string {
  return `${formatEuroFi(input.spentCents)} / ${formatEuroFi(input.grantedCents)}`;
}

/**
 * `YYYY-MM` of today, clamped into the budget year so that a rule run just outside the year
 * still files its alert under that budget's year.
 */
function monthKey(input: AlertInput): string {
  const today = requireIsoDate(input.today, 'today');
  const month = today.year < input.year ? 1 : today.year > input.year ? 12 : today.month;
  return toIsoDate(input.year, month, 1).slice(0, 7);
}
