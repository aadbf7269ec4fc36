import { createRequire } from 'node:module';
import type { Principal } from '@hb/kit';
import { providerAccess } from '../provider/provider-access.policy';

// typescript-eslint cannot resolve a resolution-mode import type (it reads an error type); tsc
// checks it.
// eslint-disable-next-line @typescript-eslint/no-unsafe-assignment
type IbanTools = typeof import('ibantools', { with: { 'resolution-mode': 'import' } });
// ibantools ships a CommonJS build for `require`, but its one type declaration file is typed as
// an ES module, which a CommonJS package may not import statically: load the CommonJS build.
const { electronicFormatIBAN, isSEPACountry, isValidBIC, validateIBAN } = createRequire(__filename)(
  'ibantools',
) as IbanTools;

/** A provider's bank account as stored: electronic format (no spaces, upper case). */
export interface PaymentAccount {
  iban: string;
  bic: string | null;
}

export type AccountCheck =
  | { ok: true; value: PaymentAccount }
  | { ok: false; errors: Array<{ field: string; message: string }> };

/**
 * Validates a bank account typed by a person: spaces and lower case are accepted
 * (`fi21 1234 5600 0007 85`), the IBAN's country format and check digits are checked by
 * ibantools (maintained, covers every IBAN country), and the country must be in the SEPA area,
 * since the organiser pays with SEPA credit transfers. The BIC is optional: SEPA transfers
 * route by IBAN alone.
 */
export function checkPaymentAccount(input: { iban: string; bic?: string | null }): AccountCheck {
  const errors: Array<{ field: string; message: string }> = [];
  const iban = electronicFormatIBAN(input.iban.trim()) ?? '';
  if (iban.length === 0 || iban.length > 34 || !validateIBAN(iban).valid) {
    errors.push({
      field: 'input.iban',
      message: 'This is not a valid IBAN (check the country code, length and check digits).',
    });
  } else if (!isSEPACountry(iban.slice(0, 2))) {
    errors.push({
      field: 'input.iban',
      message: 'The account must be in a SEPA country: payments are SEPA credit transfers.',
    });
  }
  const bicText = input.bic?.replace(/\s+/g, '').toUpperCase() || null;
  if (bicText !== null && !isValidBIC(bicText)) {
    errors.push({ field: 'input.bic', message: 'This is not a valid BIC (8 or 11 characters).' });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { iban, bic: bicText } };
}

/**
 * Who may read and change a provider's bank account (deny by default):
 * - the provider's own user reads and sets it;
 * - organiser staff read it for providers in their area (`providerAccess.inOrganiserArea`:
 *   serving one of the token's municipalities), which is also how the budgets subgraph reads
 *   it at settlement: under the organiser's own token;
 * - nobody else, not advisers, workers, clients, municipal systems or other providers.
 */
export const paymentAccountAccess = {
  canRead(p: Principal | null, provider: { id: string; municipalities: readonly string[] }) {
    if (!p) return false;
    if (p.role === 'PROVIDER') return p.providerId === provider.id;
    return providerAccess.inOrganiserArea(p, provider);
  },

  canSet(p: Principal | null, providerId: string) {
    return !!p && p.role === 'PROVIDER' && p.providerId === providerId;
  },
};
