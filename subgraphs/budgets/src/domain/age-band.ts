/**
 * Age bands of HB classes (ikäraja): a class for those under 18, say, refuses an adult. Pure.
 */

/** Whole years of age on `on` (both `YYYY-MM-DD`); a 29 February birthday counts on 1 March. */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return y - by - (hadBirthday ? 0 : 1);
}

/** The day a budget's age is judged: its first day, or today for a year already running. */
export function ageJudgedOn(year: number, today: string): string {
  const start = `${year}-01-01`;
  return today > start && today.startsWith(`${year}-`) ? today : start;
}

/**
 * Why a client is outside the class's age band, or null when inside it (or the band or the
 * birth date is not known: the clients register does not require a birth date, and a missing
 * one is for the deciding staff member to check, not a reason to refuse).
 */
export function outsideAgeBand(
  band: { minAge: number | null; maxAge: number | null },
  birthDate: string | null | undefined,
  on: string,
): string | null {
  if (!birthDate || (band.minAge === null && band.maxAge === null)) return null;
  const age = ageOn(birthDate, on);
  if (band.minAge !== null && age < band.minAge)
    return `The client is ${age} on ${on}; this class is for ages ${band.minAge}–${band.maxAge ?? ''}.`;
  if (band.maxAge !== null && age > band.maxAge)
    return `The client is ${age} on ${on}; this class is for ages ${band.minAge ?? 0}–${band.maxAge}.`;
  return null;
}
