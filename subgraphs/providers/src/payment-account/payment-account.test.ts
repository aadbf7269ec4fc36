import { principal } from '@hb/kit/testing';
import { demoPaymentAccount } from '../seed/demo.seed';
import { checkPaymentAccount, paymentAccountAccess } from './payment-account';

describe('checkPaymentAccount', () => {
  it.each([
    ['FI2112345600000785', null, { iban: 'FI2112345600000785', bic: null }],
    ['fi21 1234 5600 0007 85', ' ndeafihh ', { iban: 'FI2112345600000785', bic: 'NDEAFIHH' }],
    [
      'DE89 3704 0044 0532 0130 00',
      'COBADEFFXXX',
      { iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' },
    ],
    ['SE4550000000058398257466', '', { iban: 'SE4550000000058398257466', bic: null }],
  ])('accepts %s / %s', (iban, bic, expected) => {
    expect(checkPaymentAccount({ iban, bic })).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['FI2112345600000786', 'input.iban'], // wrong check digits
    ['FI21123456000007', 'input.iban'], // too short for Finland
    ['XX2112345600000785', 'input.iban'], // no such country
    ['', 'input.iban'],
    ['FI21 1234 5600 0007 85 ; DROP', 'input.iban'],
    ['BR1800360305000010009795493C1', 'input.iban'], // a valid IBAN outside SEPA
  ])('refuses the IBAN %s', (iban, field) => {
    const result = checkPaymentAccount({ iban });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.field)).toEqual([field]);
  });

  it.each(['NDEA', 'NDEAFIHHX', '12345678', 'NDEA FI HH 1'])('refuses the BIC %s', (bic) => {
    const result = checkPaymentAccount({ iban: 'FI2112345600000785', bic });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.field)).toEqual(['input.bic']);
  });
});

describe('paymentAccountAccess', () => {
  const P = '00000000-0000-4000-8000-0000000b0001';
  const provider = { id: P, municipalities: ['837', '536'] };
  it.each([
    ['own provider', principal('PROVIDER', { providerId: P }), true, true],
    ['another provider', principal('PROVIDER', { providerId: crypto.randomUUID() }), false, false],
    ['organiser of its area', principal('ORGANISER', { municipalities: ['536'] }), true, false],
    ['organiser elsewhere', principal('ORGANISER', { municipalities: ['091'] }), false, false],
    ['adviser', principal('ADVISER', { municipalities: ['837'] }), false, false],
    ['worker', principal('WORKER', { municipalities: ['837'] }), false, false],
    ['client', principal('CLIENT', { clientId: crypto.randomUUID() }), false, false],
    [
      'municipal system',
      principal('MUNICIPAL_SYSTEM', { municipalities: ['837'], scopes: ['budgets:read'] }),
      false,
      false,
    ],
    ['nobody', null, false, false],
  ])('%s', (_who, p, read, set) => {
    expect(paymentAccountAccess.canRead(p, provider)).toBe(read);
    expect(paymentAccountAccess.canSet(p, P)).toBe(set);
  });
});

describe('demo accounts', () => {
  it('are valid, distinct Finnish IBANs that the validation accepts', () => {
    const accounts = Array.from({ length: 40 }, (_, i) => demoPaymentAccount(i));
    for (const a of accounts) {
      expect(a.iban).toMatch(/^FI[0-9]{16}$/);
      expect(checkPaymentAccount(a)).toEqual({ ok: true, value: a });
    }
    expect(new Set(accounts.map((a) => a.iban)).size).toBe(accounts.length);
  });
});
