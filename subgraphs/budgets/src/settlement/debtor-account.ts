import { createRequire } from 'node:module';
import type { Config } from '@hb/kit';
import type { DebtorAccount } from './domain/pain001';

// typescript-eslint cannot resolve a resolution-mode import type (it reads an error type); tsc
// checks it.
// eslint-disable-next-line @typescript-eslint/no-unsafe-assignment
type IbanTools = typeof import('ibantools', { with: { 'resolution-mode': 'import' } });
// ibantools ships a CommonJS build for `require`, but its one type declaration file is typed as
// an ES module, which a CommonJS package may not import statically: load the CommonJS build.
const { electronicFormatIBAN, isValidBIC, isValidIBAN } = createRequire(__filename)(
  'ibantools',
) as IbanTools;

/**
 * The organiser's debtor account from the config, checked once at start: a payment file with
 * a mistyped account would be refused by the bank at best.
 * @throws Error naming the setting when the IBAN or BIC is not valid.
 */
export function debtorAccountFromConfig(
  config: Pick<
    Config,
    'SETTLEMENT_DEBTOR_NAME' | 'SETTLEMENT_DEBTOR_IBAN' | 'SETTLEMENT_DEBTOR_BIC'
  >,
): DebtorAccount {
  const iban = electronicFormatIBAN(config.SETTLEMENT_DEBTOR_IBAN) ?? '';
  if (!isValidIBAN(iban)) throw new Error('SETTLEMENT_DEBTOR_IBAN is not a valid IBAN.');
  const bic = config.SETTLEMENT_DEBTOR_BIC.trim().toUpperCase() || null;
  if (bic !== null && !isValidBIC(bic))
    throw new Error('SETTLEMENT_DEBTOR_BIC is not a valid BIC.');
  return { name: config.SETTLEMENT_DEBTOR_NAME.trim(), iban, bic };
}
