import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import type { DecisionText } from '../domain/decision-content';

/**
 * Lays a decision's text out as an A4 PDF with pdfkit. The standard Helvetica is written in
 * WinAnsi encoding, which has every letter of Finnish and Swedish (ä, ö, å, Å) and €, so no
 * font file needs embedding. The document carries the decision date as its creation date
 * and no random id, so the same text always gives the same bytes; the bytes are stored with
 * the decision anyway (the archive is what was issued, not what a later renderer would make).
 */
export function renderDecisionPdf(
  text: DecisionText,
  decidedAt: Date,
  language: 'fi' | 'sv',
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 56,
      info: {
        Title: text.title,
        Author: 'HB-keskus',
        CreationDate: decidedAt,
        ModDate: decidedAt,
      },
      lang: language === 'sv' ? 'sv-FI' : 'fi-FI',
      pdfVersion: '1.7',
      compress: true,
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.font('Helvetica-Bold').fontSize(16).text(text.title);
    doc.moveDown(0.3).font('Helvetica').fontSize(9).fillColor('#444').text(text.subtitle);
    doc.fillColor('#000');
    for (const section of text.sections) {
      doc.moveDown(0.8).font('Helvetica-Bold').fontSize(11).text(section.heading);
      doc.font('Helvetica').fontSize(10);
      for (const line of section.lines) doc.moveDown(0.2).text(line);
    }
    doc.end();
  });
}

/** The hex SHA-256 of a document, kept with it so a copy can be checked against the archive. */
export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
