/**
 * The declared purpose of an access (käyttötarkoitus) as it travels in the `x-access-purpose`
 * header. HTTP header values are bytes that Node reads as Latin-1, so a purpose such as
 * "säännöntarkistus" sent as raw UTF-8 would be stored as "sÃ¤Ã¤nnÃ¶ntarkistus". Senders
 * percent-encode it (UTF-8); receivers decode that, and still accept raw UTF-8 or Latin-1.
 */

/** The purpose logged when the caller declares none. */
export const DEFAULT_PURPOSE = 'client service (asiakkaan palvelu)';

/** Longest purpose kept, in characters. */
export const PURPOSE_MAX_LENGTH = 200;

// Letters, combining marks, digits, spaces and punctuation; no symbols, no control characters.
const PURPOSE_CHARACTERS = /^[\p{L}\p{M}\p{N}\p{P} ]+$/u;

/** The header value for a purpose: percent-encoded UTF-8, plain ASCII on the wire. */
export function encodePurpose(purpose: string): string {
  return encodeURIComponent(purpose);
}

/**
 * The purpose a header value declares: `DEFAULT_PURPOSE` when there is none, `null` when it
 * is not a purpose (too long, control characters or symbols).
 */
export function decodePurpose(header: string | undefined): string | null {
  const text = percentDecoded(utf8Decoded(header ?? ''));
  if (text === null) return null;
  const purpose = text
    .normalize('NFC')
    .replace(/\p{Zs}+/gu, ' ')
    .trim();
  if (purpose === '') return DEFAULT_PURPOSE;
  if (Array.from(purpose).length > PURPOSE_MAX_LENGTH) return null;
  return PURPOSE_CHARACTERS.test(purpose) ? purpose : null;
}

/** A header read as Latin-1 whose bytes are valid UTF-8 was sent as raw UTF-8. */
function utf8Decoded(value: string): string {
  if (!/[\x80-\xff]/.test(value) || /[\u0100-\uffff]/.test(value)) return value;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(value, 'latin1'));
  } catch {
    return value; // Latin-1 it is
  }
}

/**
 * Percent-encoded text is decoded; a `%` not followed by two hex digits is a raw purpose's own
 * ("50 % done"), and an escape that is not UTF-8 makes the value no purpose at all (`null`).
 */
function percentDecoded(value: string): string | null {
  if (!/%[0-9A-Fa-f]{2}/.test(value)) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}
