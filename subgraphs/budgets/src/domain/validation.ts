/**
 * A validation failure tied to one input field. The shape matches the `errors` list of the API's
 * mutation payloads, so the service layer can pass it on after mapping the field name.
 */
export interface FieldError {
  /** Name of the offending input property, e.g. `monthlyUnits` or `monthlyUnits[3]`. */
  readonly field: string;
  /** Human-readable reason, in English like the API's other validation messages. */
  readonly message: string;
}

/**
 * Either the computed value or every failure found. All failures are returned, not just the
 * first, so that a form can mark every wrong field at once.
 */
export type Validated<T extends object> =
  ({ readonly ok: true } & T) | { readonly ok: false; readonly errors: FieldError[] };

/** First budget year accepted; earlier years predate any HB arrangement in Finland. */
export const MIN_YEAR = 2000;
/** Last budget year accepted; guards against typos such as 20226. */
export const MAX_YEAR = 2100;

/**
 * Returns an error unless `value` is an integer from `min` to `max` (inclusive).
 *
 * Values arrive from the API at run time, so NaN, Infinity and fractions are checked even though
 * the static type says `number`.
 */
export function checkIntegerInRange(
  field: string,
  value: unknown,
  min: number,
  max: number,
): FieldError | null {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max) {
    return null;
  }
  return { field, message: `${field} must be an integer from ${min} to ${max}.` };
}

/** Returns an error unless `year` is an integer from {@link MIN_YEAR} to {@link MAX_YEAR}. */
export function checkYear(year: unknown, field = 'year'): FieldError | null {
  return checkIntegerInRange(field, year, MIN_YEAR, MAX_YEAR);
}

/** Builds a {@link Validated} result from the errors collected and the value to return. */
export function validated<T extends object>(
  errors: ReadonlyArray<FieldError | null>,
  value: () => T,
): Validated<T> {
  const found = errors.filter((error): error is FieldError => error !== null);
  // The value is built lazily because computing it from invalid input could throw.
  return found.length > 0 ? { ok: false, errors: found } : { ok: true, ...value() };
}
