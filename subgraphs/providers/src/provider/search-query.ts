import { parseAmount } from '@hb/kit';
import { LANGUAGE_RE, isServiceType, type ServiceTypeCode } from './catalogue';

/**
 * Turns catalogue search input into a bounded, sanitised query (pure). Free text becomes at
 * most {@link MAX_WORDS} words of letters and digits only, so nothing a user types reaches
 * PostgreSQL's tsquery parser as an operator; values are always passed as parameters.
 */
export const MAX_TEXT = 200;
export const MAX_WORDS = 8;
const MAX_WORD = 40;

export interface SearchInputFields {
  text?: string | null;
  serviceType?: string | null;
  municipalityCode?: string | null;
  language?: string | null;
  maxPrice?: string | null;
  includeUnapproved?: boolean | null;
}

export interface SearchWord {
  /** The word as typed, lower case: stemmed by the `finnish` config and compared by trigrams. */
  word: string;
  /**
   * A leading part of the word for prefix matching with the `simple` config: Finnish case
   * endings are short (-ssa, -lla, -ksia), so dropping up to four letters of a long word finds
   * its other inflected forms and compounds ("kuljetuksia" → "kuljetu…" → kuljetuspalvelu)
   * where the stemmer's stems differ.
   */
  prefix: string;
}

export interface CatalogueQuery {
  words: SearchWord[];
  serviceType: ServiceTypeCode | null;
  municipalityCode: string | null;
  language: string | null;
  maxPriceCents: number | null;
  includeUnapproved: boolean;
}

export type ParsedSearch = { ok: true; query: CatalogueQuery } | { ok: false; message: string };

export function wordPrefix(word: string): string {
  const letters = [...word];
  if (letters.length <= 5) return word;
  return letters.slice(0, Math.max(4, letters.length - 4)).join('');
}

export function searchWords(text: string): SearchWord[] {
  const words = text
    .toLowerCase()
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => [...w].length >= 2)
    .map((w) => [...w].slice(0, MAX_WORD).join(''));
  return [...new Set(words)]
    .slice(0, MAX_WORDS)
    .map((word) => ({ word, prefix: wordPrefix(word) }));
}

export function parseSearch(input: SearchInputFields | null | undefined): ParsedSearch {
  const text = input?.text ?? '';
  if (text.length > MAX_TEXT)
    return { ok: false, message: `Search text must be at most ${MAX_TEXT} characters.` };
  const serviceType = input?.serviceType?.trim() || null;
  if (serviceType !== null && !isServiceType(serviceType)) {
    return {
      ok: false,
      message: `Unknown service type ${JSON.stringify(serviceType.slice(0, 40))}.`,
    };
  }
  const municipalityCode = input?.municipalityCode?.trim() || null;
  if (municipalityCode !== null && !/^\d{3}$/.test(municipalityCode)) {
    return {
      ok: false,
      message: 'municipalityCode must be a three-digit official municipality code.',
    };
  }
  const language = input?.language?.trim().toLowerCase() || null;
  if (language !== null && !LANGUAGE_RE.test(language)) {
    return { ok: false, message: 'language must be an ISO 639 code such as fi, sv or en.' };
  }
  let maxPriceCents: number | null = null;
  if (input?.maxPrice !== null && input?.maxPrice !== undefined && input.maxPrice.trim() !== '') {
    const parsed = parseAmount(input.maxPrice);
    if (!parsed.ok) return { ok: false, message: `maxPrice: ${parsed.message}` };
    maxPriceCents = parsed.cents;
  }
  return {
    ok: true,
    query: {
      words: searchWords(text),
      serviceType,
      municipalityCode,
      language,
      maxPriceCents,
      includeUnapproved: input?.includeUnapproved === true,
    },
  };
}
