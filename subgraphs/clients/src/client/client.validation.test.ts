import { validateBirthDate, validateContact, validateName } from './client.validation';

describe('client validation', () => {
  it.each([
    ['Essi', 0],
    ['  Essi  ', 0],
    ['', 1],
    ['   ', 1],
    ['x'.repeat(101), 1],
    ['Es\u0000si', 1],
  ])('name %j gives %i errors', (name, count) => {
    expect(validateName(name, 'input.firstName', 'First name')).toHaveLength(count);
  });

  it.each([
    [null, 0],
    ['2002-03-14', 0],
    ['2026-11-23', 0],
    ['2026-11-24', 1],
    ['1899-12-31', 1],
  ])('birth date %j gives %i errors on 2026-11-23', (date, count) => {
    expect(validateBirthDate(date, '2026-11-23')).toHaveLength(count);
  });

  it.each([
    ['a@b.fi', '+358 40 123 4567', []],
    ['not-an-email', null, ['input.email']],
    [null, 'call me', ['input.phone']],
  ])('contact %j %j', (email, phone, fields) => {
    expect(validateContact(email, phone, 'input').map((e) => e.field)).toEqual(fields);
  });
});
