import {
  formatDateFi,
  formatDecimalFi,
  formatEuroFi,
  formatIntegerFi,
  formatPercentFi,
  partitiveFi,
  quantityFi,
} from './finnish-format';

/** Writes expected texts readably: `_` stands for the no-break space U+00A0. */
const nb = (text: string): string => text.replace(/_/g, '\u00a0');

describe('formatEuroFi', () => {
  it.each([
    [0, '0,00_€'],
    [5, '0,05_€'],
    [16000, '160,00_€'],
    [137500, '1_375,00_€'],
    [3712000, '37_120,00_€'],
    [123456789, '1_234_567,89_€'],
    [-1, '\u22120,01_€'],
  ])('%i → %s', (cents, expected) => {
    expect(formatEuroFi(cents)).toBe(nb(expected));
  });

  it.each([0, 5, 137500, 3712000, 123456789, -1])('%i agrees with Intl fi-FI', (cents) => {
    const intl = new Intl.NumberFormat('fi-FI', { style: 'currency', currency: 'EUR' });
    expect(formatEuroFi(cents)).toBe(intl.format(cents / 100));
  });

  it.each([0.5, Number.NaN, Number.POSITIVE_INFINITY])('throws for %d', (cents) => {
    expect(() => formatEuroFi(cents)).toThrow(RangeError);
  });
});

describe('number, percent and date formats', () => {
  it.each([
    [232, '232'],
    [2500, '2_500'],
    [-1000000, '\u22121_000_000'],
  ])('formatIntegerFi(%i) → %s', (value, expected) => {
    expect(formatIntegerFi(value)).toBe(nb(expected));
  });

  it.each([
    [3, 1, '3'],
    [2.5, 1, '2,5'],
    [2.25, 2, '2,25'],
    [30, 0, '30'],
    [1234.5, 1, '1_234,5'],
  ])('formatDecimalFi(%d, %i) → %s', (value, digits, expected) => {
    expect(formatDecimalFi(value, digits)).toBe(nb(expected));
  });

  it.each([
    [0.1, '10_%'],
    [0.6, '60_%'],
    [0.125, '13_%'],
    [1.5, '150_%'],
  ])('formatPercentFi(%d) → %s', (share, expected) => {
    expect(formatPercentFi(share)).toBe(nb(expected));
  });

  it.each([
    ['2026-12-01', '1.12.2026'],
    ['2024-02-29', '29.2.2024'],
  ])('formatDateFi(%s) → %s', (iso, expected) => {
    expect(formatDateFi(iso)).toBe(expected);
  });
});

describe('partitiveFi / quantityFi', () => {
  it.each([
    ['päivä', 'päivää'],
    ['tunti', 'tuntia'],
    ['yksikkö', 'yksikköä'],
    ['vuorokausi', 'vuorokautta'],
    ['km', 'km'],
    ['taksi', 'taksia'],
    ['kyyti', 'kyytiä'],
    ['huone', 'huone'],
  ])('%s → %s', (label, expected) => {
    expect(partitiveFi(label)).toBe(expected);
  });

  it.each([
    [1, 'päivä', '1_päivä'],
    [232, 'päivä', '232_päivää'],
    [2500, 'km', '2_500_km'],
    [48, 'viikko', '48_viikkoa'],
  ])('%i %s → %s', (count, label, expected) => {
    expect(quantityFi(count, label)).toBe(nb(expected));
  });
});
