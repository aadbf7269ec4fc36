/**
 * What a receipt file may be: a JPEG or PNG image or a PDF, judged by its content (magic bytes
 * at the start and the format's own end marker), never by its name or the type the sender
 * claims. Pure: no database, no GraphQL.
 *
 * Three formats with fixed signatures need no library; the `file-type` package is ESM-only
 * (this package is CommonJS) and answers "which of 100 types", where the question here is
 * "exactly one of these three, and complete".
 */

export type ReceiptType = 'image/jpeg' | 'image/png' | 'application/pdf';

/**
 * The largest receipt, in bytes. It travels base64-encoded in the GraphQL request, which the
 * gateway and subgraphs cap at 1 000 000 bytes: 600 000 bytes are 800 000 in base64, leaving
 * room for the rest of the request.
 */
export const MAX_RECEIPT_BYTES = 600_000;

export type ReceiptCheck =
  | { ok: true; type: ReceiptType; bytes: Buffer }
  | { ok: false; code: 'RECEIPT_EMPTY' | 'RECEIPT_TOO_LARGE' | 'RECEIPT_TYPE'; message: string };

const startsWith = (b: Buffer, sig: readonly number[], at = 0) =>
  b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PNG_IEND = [0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

/** The type of a receipt's content, or null when it is none of the three (or cut short). */
export function sniffReceipt(b: Buffer): ReceiptType | null {
  if (startsWith(b, [0xff, 0xd8, 0xff])) {
    // A JPEG ends with EOI (FF D9); some cameras pad after it, so look near the end.
    const tail = b.subarray(Math.max(0, b.length - 64));
    return tail.includes(Buffer.from([0xff, 0xd9])) ? 'image/jpeg' : null;
  }
  if (startsWith(b, PNG) && startsWith(b, [0x49, 0x48, 0x44, 0x52], 12)) {
    return startsWith(b, PNG_IEND, b.length - 8) ? 'image/png' : null;
  }
  if (startsWith(b, PDF)) {
    const tail = b.subarray(Math.max(0, b.length - 1024)).toString('latin1');
    return tail.includes('%%EOF') ? 'application/pdf' : null;
  }
  return null;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decodes and checks a receipt sent as base64 (a `data:` URL prefix is accepted). */
export function checkReceipt(base64: string, maxBytes = MAX_RECEIPT_BYTES): ReceiptCheck {
  const text = base64.replace(/^data:[^,]{0,100},/, '').replace(/\s+/g, '');
  if (text.length === 0)
    return { ok: false, code: 'RECEIPT_EMPTY', message: 'The receipt file is empty.' };
  // Refused before decoding, so a huge request costs no buffer.
  if (Math.floor((text.length * 3) / 4) - 2 > maxBytes) return tooLarge(maxBytes);
  if (text.length % 4 !== 0 || !BASE64.test(text))
    return { ok: false, code: 'RECEIPT_TYPE', message: 'The receipt is not base64-encoded.' };
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length === 0)
    return { ok: false, code: 'RECEIPT_EMPTY', message: 'The receipt file is empty.' };
  if (bytes.length > maxBytes) return tooLarge(maxBytes);
  const type = sniffReceipt(bytes);
  if (!type)
    return {
      ok: false,
      code: 'RECEIPT_TYPE',
      message: 'The receipt must be a JPEG or PNG image or a PDF file.',
    };
  return { ok: true, type, bytes };
}

function tooLarge(maxBytes: number): ReceiptCheck {
  return {
    ok: false,
    code: 'RECEIPT_TOO_LARGE',
    message: `The receipt is larger than ${Math.floor(maxBytes / 1000)} kB.`,
  };
}

/** A file name safe to store and to send back in Content-Disposition: no path, no controls. */
export function receiptFileName(name: string | null | undefined, type: ReceiptType): string {
  const ext = type === 'application/pdf' ? 'pdf' : type === 'image/png' ? 'png' : 'jpg';
  // The last part of a path (split answers at least one part, so there is one).
  const last = (name ?? '').split(/[\\/]/).at(-1) ?? '';
  const base = last
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .trim()
    .slice(0, 150);
  const stem = base.replace(/\.[A-Za-z0-9]{1,5}$/, '') || 'kuitti';
  return `${stem}.${ext}`;
}
