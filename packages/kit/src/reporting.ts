import type { Principal } from './auth/principal';

/**
 * Organiser reporting (issue 9): who may read the municipal reports and how small groups are
 * suppressed. Pure, shared by every subgraph that contributes figures to `Report`, so the rule
 * is the same everywhere.
 */

/** Figures describing fewer clients than this (but at least one) are suppressed. */
export const MIN_REPORT_GROUP = 5;

/** The OAuth scope a municipal system needs to read reports. */
export const REPORTS_SCOPE = 'reports:read';

/**
 * True when a figure that describes `clients` distinct clients must not be shown: 1 to 4
 * clients. Zero describes nobody and is shown; so is anything from {@link MIN_REPORT_GROUP} up.
 */
export function isSuppressed(clients: number): boolean {
  if (!Number.isFinite(clients) || clients < 0)
    throw new RangeError(`not a client count: ${clients}`);
  return clients > 0 && clients < MIN_REPORT_GROUP;
}

/** `value`, or null when the group of `clients` is too small to show. */
export function unlessSuppressed<T>(clients: number, value: T): T | null {
  return isSuppressed(clients) ? null : value;
}

/** A ratio rounded to 4 decimals, or null when it cannot or must not be shown. */
export function shareOf(
  part: number | null | undefined,
  whole: number | null | undefined,
): number | null {
  if (part === null || part === undefined || whole === null || whole === undefined || whole <= 0)
    return null;
  return Math.round((part / whole) * 10_000) / 10_000;
}

/**
 * Whether this principal may read the report of a municipality (deny by default): organiser
 * staff of the municipality, and municipal systems of it with the `reports:read` scope.
 */
export function mayReadReport(p: Principal | null | undefined, municipalityCode: string): boolean {
  if (!p || !p.municipalities.includes(municipalityCode)) return false;
  if (p.role === 'ORGANISER') return true;
  if (p.role === 'MUNICIPAL_SYSTEM') return p.scopes.includes(REPORTS_SCOPE);
  return false;
}

/** The municipalities whose reports this principal may read, in token order, without repeats. */
export function reportMunicipalities(p: Principal | null | undefined): string[] {
  if (!p) return [];
  return [...new Set(p.municipalities)].filter((code) => mayReadReport(p, code));
}
