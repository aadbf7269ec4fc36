import { Document } from 'sepa';

/**
 * ISO 20022 SEPA credit transfer initiation (pain.001.001.03), the file Finnish banks take
 * for outgoing payments. Built with `sepa` (sepa.js, maintained, MPL-2.0), which writes the
 * message structure, the control sums and the SEPA service level; this module only maps a
 * payment batch onto it and keeps the texts within the schema's lengths.
 */

/** The organiser's own account, which the payments are debited from. */
export interface DebtorAccount {
  /** Name as the bank knows the account holder, e.g. "Pirkanmaan hyvinvointialue". */
  name: string;
  /** IBAN in electronic format. */
  iban: string;
  /** BIC; optional in SEPA ("NOTPROVIDED" is written when absent). */
  bic: string | null;
}

/** One credit transfer of the file. */
export interface CreditTransfer {
  /** End-to-end id that comes back on the bank statement: the batch reference. */
  endToEndId: string;
  creditorName: string;
  creditorIban: string;
  creditorBic: string | null;
  amountCents: number;
  /** Unstructured remittance text the payee sees (viesti). */
  remittance: string;
}

export interface Pain001Message {
  /** Unique per message: the bank refuses a message id it has already received. */
  messageId: string;
  createdAt: Date;
  /** Requested execution date, YYYY-MM-DD. */
  executionDate: string;
  debtor: DebtorAccount;
  transfers: CreditTransfer[];
}

/**
 * Max35Text, Max70Text and Max140Text of the schema. Control characters (which XML cannot
 * carry) become spaces: a provider's name must never make a bank file impossible.
 */
const cut = (text: string, max: number) =>
  // By code point (Array.from), as the schema counts characters: a letter outside the BMP is
  // one character, never half of one.
  Array.from(
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f]+/g, ' ')
      .trim(),
  )
    .slice(0, max)
    .join('');

/**
 * The XML document. Amounts are passed as euros with two decimals from whole cents; the library
 * sums them for the control sums and prints each with two decimals, which is exact for sums
 * far beyond any batch (doubles carry 15 significant digits).
 * @throws Error when the message has no transfers, or an amount is not positive whole cents.
 */
export function pain001Xml(message: Pain001Message): string {
  if (message.transfers.length === 0)
    throw new Error('A payment file needs at least one transfer.');
  const doc = new Document('pain.001.001.03');
  doc.grpHdr.id = cut(message.messageId, 35);
  doc.grpHdr.created = message.createdAt;
  doc.grpHdr.initiatorName = cut(message.debtor.name, 70);

  const info = doc.createPaymentInfo();
  info.requestedExecutionDate = new Date(`${message.executionDate}T12:00:00Z`);
  info.debtorName = cut(message.debtor.name, 70);
  info.debtorIBAN = message.debtor.iban;
  if (message.debtor.bic) info.debtorBIC = message.debtor.bic;
  doc.addPaymentInfo(info);

  for (const t of message.transfers) {
    if (!Number.isSafeInteger(t.amountCents) || t.amountCents <= 0) {
      throw new Error(`Transfer ${t.endToEndId}: the amount must be positive whole cents.`);
    }
    const tx = info.createTransaction();
    tx.end2endId = cut(t.endToEndId, 35);
    tx.creditorName = cut(t.creditorName, 70);
    tx.creditorIBAN = t.creditorIban;
    if (t.creditorBic) tx.creditorBIC = t.creditorBic;
    tx.amount = t.amountCents / 100;
    tx.currency = 'EUR';
    tx.remittanceInfo = cut(t.remittance, 140);
    info.addTransaction(tx);
  }
  return doc.toString();
}
