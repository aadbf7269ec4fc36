import { suppressedWord, type ExportCell, type ExportLang, type ExportTable } from './tables';

/**
 * CSV as Finnish and Swedish Excel opens it: a UTF-8 byte-order mark (without it Excel reads
 * "Yhteensä" as Windows-1252), `;` between fields (the list separator where the comma is the
 * decimal sign), decimal commas, CRLF line ends. RFC 4180 quoting otherwise.
 */

const BOM = '\uFEFF';
const SEPARATOR = ';';

/** A number in the notation of the export: the decimal point becomes a comma; no grouping. */
function numberText(cell: { number: number; kind: string }): string {
  return (cell.kind === 'euro' ? cell.number.toFixed(2) : String(cell.number)).replace('.', ',');
}

/**
 * One field. Texts are quoted (inner quotes doubled); a text starting with = + - @ (or a tab
 * or carriage return) gets a leading apostrophe so that no spreadsheet runs it as a formula.
 * Numbers are left unquoted so that Excel reads them as numbers.
 */
export function csvField(cell: ExportCell, lang: ExportLang): string {
  if (cell === null) return '';
  if ('suppressed' in cell) return `"${suppressedWord(lang)}"`;
  if ('number' in cell) return numberText(cell);
  let value = cell.text;
  if (/^[=+\-@\t\r]/.test(value)) value = `'${value}`;
  return `"${value.replace(/"/g, '""')}"`;
}

/** A table as CSV text, BOM first, header row, CRLF line ends. */
export function toCsv(table: ExportTable, lang: ExportLang): string {
  const header = table.header.map((h) => csvField({ text: h }, lang)).join(SEPARATOR);
  const rows = table.rows.map((row) => row.map((c) => csvField(c, lang)).join(SEPARATOR));
  return BOM + [header, ...rows].join('\r\n') + '\r\n';
}
