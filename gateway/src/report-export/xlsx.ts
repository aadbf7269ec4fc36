import ExcelJS from 'exceljs';
import { suppressedWord, type ExportLang, type ExportTable, type NumberKind } from './tables';

/**
 * The report as an Excel workbook (exceljs): one sheet per table, figures as numeric cells
 * with a number format (so that Excel sums and sorts them), a suppressed figure as the word
 * "suojattu" / "skyddad" (text, never a number), the header row bold and frozen.
 */

/** Number formats; Excel shows them with the reader's own decimal and grouping signs. */
const FORMATS: Record<NumberKind, string> = {
  count: '0',
  euro: '#,##0.00 "€"',
  share: '0.0 %',
  mean: '0.00',
};

/** Sheet names: at most 31 characters, none of []:*?/\ . */
const sheetName = (title: string) => title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);

export async function toXlsx(
  tables: readonly ExportTable[],
  lang: ExportLang,
  heading: string,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'HB-keskus';
  // A fixed date: the same report gives the same workbook (nothing about when it was read).
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  for (const table of tables) {
    const sheet = workbook.addWorksheet(sheetName(table.title), {
      views: [{ state: 'frozen', ySplit: 2 }],
    });
    sheet.addRow([heading]).font = { bold: true };
    const header = sheet.addRow(table.header);
    header.font = { bold: true };
    for (const cells of table.rows) {
      const row = sheet.addRow(
        cells.map((c) =>
          c === null
            ? null
            : 'suppressed' in c
              ? suppressedWord(lang)
              : 'text' in c
                ? c.text
                : c.number,
        ),
      );
      cells.forEach((c, i) => {
        if (c && 'number' in c) row.getCell(i + 1).numFmt = FORMATS[c.kind];
        if (c && 'suppressed' in c) row.getCell(i + 1).alignment = { horizontal: 'right' };
      });
    }
    table.header.forEach((h, i) => {
      sheet.getColumn(i + 1).width = Math.max(12, Math.min(40, h.length + 2));
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
