/**
 * Money is integer cents in the database and a decimal string in the API. These helpers are
 * the only place the two meet, so rounding and formatting rules live in one spot.
 */

/** Largest amount accepted anywhere: 10 million euros, far above any yearly budget. */
export const MAX_CENTS = 1_000_000_000;

const AMOUNT_RE = /^(\d{1,8})(?:\.(\d{1,2}))?$/;

/** The result of parsing a decimal amount typed by a person or a system. */
export type ParsedAmount = { ok: true; cents: number } | { ok: false; message: string };

/** Parses "160", "160.5" or "160.50" into cents; refuses negatives and sub-cent precision. */
export function parseAmount(input: string): ParsedAmount {
  const text = input.trim();
  if (text.startsWith('-')) return { ok: false, message: 'Amount must not be negative.' };
  const m = AMOUNT_RE.exec(text);
  if (!m) {
    return {
      ok: false,
      message: 'Amount must be a decimal number of euros with at most two decimals, e.g. 160.00.',
    };
  }
  const cents = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (cents > MAX_CENTS) return { ok: false, message: 'Amount is larger than any budget allows.' };
  return { ok: true, cents };
}

/** Formats cents as a decimal euro string with two decimals: 3712000 → "37120.00". */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(cents));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
