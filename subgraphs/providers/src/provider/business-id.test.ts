import {
  businessIdCheckDigit,
  checkBusinessId,
  normaliseBusinessId,
  withCheckDigit,
} from './business-id';

describe('Y-tunnus', () => {
  it.each([
    ['0112038-9', true], // Nokia Oyj
    ['1572860-0', true], // remainder 0 gives check digit 0
    ['1234567-1', true],
    [' 0112038-9 ', true],
    ['112038-9', true], // old six-digit form
    ['0112038-8', false], // wrong check digit
    ['1234567-2', false],
    ['0112038', false], // no check digit
    ['01120389', false], // no hyphen
    ['0112038-', false],
    ['A112038-9', false],
    ['01120381-9', false],
    ['', false],
    ["0112038-9' OR 1=1 --", false],
  ])('%j valid: %s', (input, valid) => {
    expect(checkBusinessId(input).ok).toBe(valid);
  });

  it('refuses digits whose remainder is 1 (never issued)', () => {
    // 0000010: 1 × 4 = 4 → no; find one with remainder 1: 0000030 → 3 × 4 = 12 → 12 mod 11 = 1
    expect(businessIdCheckDigit('0000030')).toBeNull();
    expect(() => withCheckDigit('0000030')).toThrow();
    for (let d = 0; d <= 9; d++) expect(checkBusinessId(`0000030-${d}`).ok).toBe(false);
  });

  it('computes check digits', () => {
    expect(withCheckDigit('0112038')).toBe('0112038-9');
    expect(businessIdCheckDigit('12345')).toBeNull();
    expect(normaliseBusinessId('123456-7')).toBe('0123456-7');
  });
});
