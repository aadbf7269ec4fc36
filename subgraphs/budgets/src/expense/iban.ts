import { createRequire } from 'node:module';

// typescript-eslint cannot resolve a resolution-mode import type (it reads an error type); tsc
// checks it.
// eslint-disable-next-line @typescript-eslint/no-unsafe-assignment
type IbanTools = typeof import('ibantools', { with: { 'resolution-mode': 'import' } });
// ibantools' one type declaration file is typed as an ES module, which this CommonJS package
// may not import statically: load its CommonJS build (as providers' payment-account.ts does).
const { electronicFormatIBAN, isSEPACountry, validateIBAN } = createRequire(__filename)(
  'ibantools',
) as IbanTools;

/**
 * The client's account as typed (spaces and lower case accepted), in electronic format when
 * it is a valid IBAN of a SEPA country (the organiser pays by SEPA credit transfer), else null.
 */
export function sepaIban(text: string): string | null {
  const iban = electronicFormatIBAN(text.trim()) ?? '';
  if (iban.length === 0 || iban.length > 34 || !validateIBAN(iban).valid) return null;
  return isSEPACountry(iban.slice(0, 2)) ? iban : null;
}
