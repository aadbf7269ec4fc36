/**
 * Y-tunnus, the Finnish business id: seven digits, a hyphen and a check digit. The check digit
 * is computed with the weights 7, 9, 10, 5, 8, 4, 2: remainder 0 gives 0, remainder 1 is never
 * issued, otherwise the check digit is 11 minus the remainder. Pure: no TypeORM, no GraphQL.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2];
const FORMAT = /^\d{7}-\d$/;

/** The check digit for seven digits, or null when no valid business id has them (remainder 1). */
export function businessIdCheckDigit(digits: string): number | null {
  if (!/^\d{7}$/.test(digits)) return null;
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + Number(digits.charAt(i)) * weight, 0);
  const remainder = sum % 11;
  if (remainder === 0) return 0;
  if (remainder === 1) return null;
  return 11 - remainder;
}

/** Trims and accepts the old six-digit form by padding it with a leading zero. */
export function normaliseBusinessId(input: string): string {
  const text = input.trim();
  return /^\d{6}-\d$/.test(text) ? `0${text}` : text;
}

export type BusinessIdCheck = { ok: true; value: string } | { ok: false; message: string };

/** Validates a Y-tunnus: format `1234567-8` and the check digit. */
export function checkBusinessId(input: string): BusinessIdCheck {
  const value = normaliseBusinessId(input);
  if (!FORMAT.test(value)) {
    return { ok: false, message: 'Business id (Y-tunnus) must look like 1234567-8.' };
  }
  // FORMAT: seven digits, a hyphen, the check digit.
  const expected = businessIdCheckDigit(value.slice(0, 7));
  if (expected === null || expected !== Number(value.charAt(8))) {
    return { ok: false, message: 'Business id (Y-tunnus) has a wrong check digit.' };
  }
  return { ok: true, value };
}

/** Completes seven digits to a valid business id (for demo data and tests). */
export function withCheckDigit(digits: string): string {
  const check = businessIdCheckDigit(digits);
  if (check === null) throw new Error(`No valid business id starts with ${digits}.`);
  return `${digits}-${check}`;
}
