import { requireIsoDate } from './calendar';

/**
 * The space used inside every formatted quantity: U+00A0 NO-BREAK SPACE, both between thousands
 * groups and between a number and its unit ("37 120,00 €", "10 %", "232 päivää"). It keeps a
 * quantity from wrapping across lines and matches what `Intl.NumberFormat('fi-FI')` produces, so
 * UI-side formatting agrees with ours. Ordinary spaces separate words and operators (" × ").
 */
export const NBSP = '\u00a0';

/** Negative numbers use U+2212 MINUS SIGN, again as `Intl.NumberFormat('fi-FI')` does. */
export const MINUS = '\u2212';

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
}

/** Formats an integer the Finnish way: `2500` → "2 500" (NBSP-grouped). */
export function formatIntegerFi(value: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`Not a safe integer: ${value}.`);
  const sign = value < 0 ? MINUS : '';
  return sign + groupThousands(String(Math.abs(value)));
}

/**
 * Formats integer cents as Finnish euros: `3712000` → "37 120,00 €", `-1` → "−0,01 €". All spaces
 * are {@link NBSP}. Done by hand rather than with `Intl` so the output never depends on the ICU
 * data a Node build happens to ship.
 */
export function formatEuroFi(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Cents must be a safe integer: ${cents}.`);
  const abs = Math.abs(cents);
  const sign = cents < 0 ? MINUS : '';
  const euros = groupThousands(String(Math.floor(abs / 100)));
  return `${sign}${euros},${String(abs % 100).padStart(2, '0')}${NBSP}€`;
}

/**
 * Formats a number with at most `maxFractionDigits` decimals and a decimal comma, dropping
 * trailing zeros: `2.5` → "2,5", `3` → "3".
 */
export function formatDecimalFi(value: number, maxFractionDigits = 1): string {
  let fixed = Math.abs(value).toFixed(maxFractionDigits);
  if (fixed.includes('.')) fixed = fixed.replace(/0+$/, '').replace(/\.$/, '');
  const [whole = '0', fraction] = fixed.split('.');
  const sign = value < 0 && Number(fixed) !== 0 ? MINUS : '';
  return sign + groupThousands(whole) + (fraction ? `,${fraction}` : '');
}

/** Formats a share (0.1) as a whole Finnish percentage ("10 %"), rounding half up. */
export function formatPercentFi(share: number): string {
  return `${formatIntegerFi(Math.round(share * 100))}${NBSP}%`;
}

/** Formats `YYYY-MM-DD` as a Finnish date: `2026-12-01` → "1.12.2026". */
export function formatDateFi(isoDate: string): string {
  const { year, month, day } = requireIsoDate(isoDate);
  return `${day}.${month}.${year}`;
}

// Partitive singular ("232 päivää") of labels we know; Finnish inflection is too irregular for
// a rule to get these right (vuorokausi → vuorokautta).
const PARTITIVES: Readonly<Record<string, string>> = {
  yksikkö: 'yksikköä',
  päivä: 'päivää',
  tunti: 'tuntia',
  viikko: 'viikkoa',
  kuukausi: 'kuukautta',
  vuorokausi: 'vuorokautta',
  kilometri: 'kilometriä',
  kerta: 'kertaa',
  käynti: 'käyntiä',
  matka: 'matkaa',
  km: 'km',
  h: 'h',
  pv: 'pv',
};

/**
 * Partitive singular of a unit label, the form Finnish uses after numbers other than 1.
 *
 * Known labels come from a table; other labels ending in a/o/u/y/ä/ö/i get the partitive ending
 * by vowel harmony (taksi → taksia), which is right for the common two-syllable words; anything
 * else (abbreviations, words with irregular stems) is returned unchanged rather than guessed.
 */
export function partitiveFi(label: string): string {
  const known = PARTITIVES[label.toLowerCase()];
  if (known !== undefined) return known;
  if (!/[aouyäöi]$/i.test(label) || label.length < 3) return label;
  return label + (/[aou]/i.test(label) ? 'a' : 'ä');
}

/**
 * A count with its unit in the right grammatical form: "1 päivä", "232 päivää", "2 500 km". The
 * number and unit are joined with {@link NBSP}, like euros and percentages.
 */
export function quantityFi(count: number, label: string): string {
  return `${formatIntegerFi(count)}${NBSP}${count === 1 ? label : partitiveFi(label)}`;
}
