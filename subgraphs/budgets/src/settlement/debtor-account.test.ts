import { loadConfig } from '@hb/kit';
import { DEMO_DEBTOR } from '../shared/options';
import { debtorAccountFromConfig } from './debtor-account';

describe('debtorAccountFromConfig', () => {
  it('defaults to the documented demo account', () => {
    expect(debtorAccountFromConfig(loadConfig({}))).toEqual(DEMO_DEBTOR);
  });

  it.each([
    [
      { SETTLEMENT_DEBTOR_IBAN: 'FI55 4234 5670 0000 81', SETTLEMENT_DEBTOR_BIC: '' },
      { iban: 'FI5542345670000081', bic: null },
    ],
    [{ SETTLEMENT_DEBTOR_BIC: 'okoyfihh' }, { iban: 'FI2112345600000785', bic: 'OKOYFIHH' }],
  ])('accepts %j', (env, expected) => {
    expect(debtorAccountFromConfig(loadConfig(env))).toMatchObject(expected);
  });

  it.each([
    [{ SETTLEMENT_DEBTOR_IBAN: 'FI2112345600000786' }, /SETTLEMENT_DEBTOR_IBAN/],
    [{ SETTLEMENT_DEBTOR_BIC: 'NOPE' }, /SETTLEMENT_DEBTOR_BIC/],
  ])('refuses to start with %j', (env, message) => {
    expect(() => debtorAccountFromConfig(loadConfig(env))).toThrow(message);
  });
});
