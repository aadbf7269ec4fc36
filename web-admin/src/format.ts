/** Formatting of the graph's values for people: money, dates, percentages. */

export interface MoneyValue {
  amount: string;
  currency: string;
}

export function money(value: MoneyValue | null | undefined, locale: string): string {
  if (!value) return '–';
  const n = Number(value.amount);
  if (!Number.isFinite(n)) return `${value.amount} ${value.currency}`;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: value.currency || 'EUR',
  }).format(n);
}

export function euros(amount: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(amount);
}

export function date(iso: string | null | undefined, locale: string): string {
  if (!iso) return '–';
  const d = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00`) : new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(locale).format(d);
}

export function dateTime(iso: string | null | undefined, locale: string): string {
  if (!iso) return '–';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(d);
}

// Built once: constructing a DateTimeFormat costs far more than formatting with one.
const finnishDay = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' });

/**
 * Today in Finland as `YYYY-MM-DD`, the day the API judges dates by. Not the UTC date: between
 * midnight in Helsinki and midnight UTC the two differ, and a consent given "today" would read as
 * starting tomorrow.
 */
export function todayInFinland(now: Date = new Date()): string {
  return finnishDay.format(now);
}

export function monthName(month: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { month: 'long' }).format(new Date(2022, month - 1, 1));
}

/** Share of the calendar year `year` that has passed on `today` (0–1). */
export function elapsedShareOfYear(year: number, today = new Date()): number {
  const start = new Date(year, 0, 1).getTime();
  const end = new Date(year + 1, 0, 1).getTime();
  const now = today.getTime();
  if (now <= start) return 0;
  if (now >= end) return 1;
  return (now - start) / (end - start);
}

/** Parses a euro amount typed by a person ("160", "160,00", "1 234,5") into "160.00". */
export function parseEuroInput(text: string): string | null {
  const cleaned = text.replace(/[\s\u00a0€]/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  return Number(cleaned).toFixed(2);
}
