/** A calendar date without time or zone: budgets follow Finnish calendar days, not instants. */
export interface CalendarDate {
  /** Four-digit year. */
  readonly year: number;
  /** Month 1–12. */
  readonly month: number;
  /** Day of month 1–31. */
  readonly day: number;
}

/** True for Gregorian leap years (2000 and 2024 are, 2100 is not). */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** 365 or 366. */
export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

/** Number of days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Parses a strict `YYYY-MM-DD` string; returns null for any other shape or for a day that does
 * not exist (2023-02-29), so callers never compute with a silently rolled-over date.
 */
export function parseIsoDate(text: string): CalendarDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/**
 * Like {@link parseIsoDate} but throws: for dates that come from our own storage, where a bad
 * value is a bug rather than user input.
 */
export function requireIsoDate(text: string, name = 'date'): CalendarDate {
  const date = parseIsoDate(text);
  if (!date) throw new RangeError(`${name} must be a valid YYYY-MM-DD date, got '${text}'.`);
  return date;
}

/** Formats a date as `YYYY-MM-DD`. */
export function toIsoDate(year: number, month: number, day: number): string {
  const pad = (value: number, width: number): string => String(value).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** 1 for January 1st, up to 365 or 366 for December 31st. */
export function dayOfYear(date: CalendarDate): number {
  let days = date.day;
  for (let month = 1; month < date.month; month += 1) days += daysInMonth(date.year, month);
  return days;
}

/**
 * Share of `year` that has passed by the start of `today` (`YYYY-MM-DD`): 0 on January 1st and
 * before the year, 1 after it.
 *
 * Today itself is not counted as elapsed: use planned for today may not have happened yet, and
 * this makes the share continuous at both ends of the year (Dec 31 → 365/366 in a leap year,
 * Jan 1 of the next year → 1).
 */
export function elapsedShareOfYear(today: string, year: number): number {
  const date = requireIsoDate(today, 'today');
  if (date.year < year) return 0;
  if (date.year > year) return 1;
  return (dayOfYear(date) - 1) / daysInYear(year);
}
