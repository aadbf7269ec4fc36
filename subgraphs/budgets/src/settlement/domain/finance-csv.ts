/**
 * The payment batch as a CSV file for the organiser's finance system, in the form Finnish
 * spreadsheets and ledgers read without an import dialog: UTF-8 with a byte order mark, `;`
 * between fields, a decimal comma, CRLF line ends and Finnish headers.
 */

export interface CsvBatch {
  reference: string;
  municipalityCode: string;
  periodFrom: string;
  periodTo: string;
  payeeId: string;
  payeeName: string | null;
  payeeBusinessId: string | null;
  payeeIban: string | null;
  totalCents: number;
}

export interface CsvLine {
  chargeId: string;
  serviceType: string;
  serviceDate: string;
  confirmedOn: string;
  amountCents: number;
}

export const FINANCE_CSV_HEADER = [
  'Maksuerä',
  'Kunta',
  'Jakso alkaa',
  'Jakso päättyy',
  'Maksunsaaja',
  'Maksunsaajan tunnus',
  'Y-tunnus',
  'IBAN',
  'Veloitus',
  'Palvelu',
  'Palvelupäivä',
  'Hyväksytty',
  'Summa (EUR)',
];

/** Cents as Finnish decimal text: 123456 → "1234,56", -5 → "-0,05". */
export function finnishAmount(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/**
 * One field: quoted when it holds `;`, a quote or a line break; a text that a spreadsheet would
 * run as a formula (= + - @, tab, CR) gets a leading apostrophe. Amounts are written by
 * {@link finnishAmount} and never quoted or prefixed.
 */
export function csvField(value: string | null): string {
  if (value === null) return '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file: header, one row per charge, and a total row. */
export function financeCsv(batch: CsvBatch, lines: readonly CsvLine[]): string {
  const common = [
    batch.reference,
    batch.municipalityCode,
    batch.periodFrom,
    batch.periodTo,
    batch.payeeName,
    batch.payeeId,
    batch.payeeBusinessId,
    batch.payeeIban,
  ].map(csvField);
  const rows = lines.map((l) =>
    [
      ...common,
      csvField(l.chargeId),
      csvField(l.serviceType),
      l.serviceDate,
      l.confirmedOn,
      finnishAmount(l.amountCents),
    ].join(';'),
  );
  const total = [...common, 'Yhteensä', '', '', '', finnishAmount(batch.totalCents)].join(';');
  return `\uFEFF${[FINANCE_CSV_HEADER.join(';'), ...rows, total].join('\r\n')}\r\n`;
}
