import { parseAmount } from '@hb/kit';
import {
  ACCESSIBILITY_FEATURES,
  LANGUAGE_RE,
  isPriceUnit,
  isServiceType,
  type AccessibilityFeature,
  type PriceUnit,
  type ServiceTypeCode,
} from './catalogue';
import { analyseWord, isStopWord } from './search-vocabulary';

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
  accessibility?: readonly string[] | null;
  priceUnit?: string | null;
  takesNewClients?: boolean | null;
  sort?: string | null;
}

/** Orders of the catalogue. PRICE needs a price unit: €/h and €/km are never compared. */
export const CATALOGUE_SORTS = ['RELEVANCE', 'NAME', 'PRICE'] as const;
export type CatalogueSort = (typeof CATALOGUE_SORTS)[number];

/**
 * Easy Finnish (selkosuomi) as a language of the catalogue: a provider offers it when it
 * declares the EASY_LANGUAGE feature.
 */
export const EASY_FINNISH = 'fi-selko';

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
  /** Vocabulary tokens the word means (synonyms, compound parts, typo-corrected terms). */
  tokens: string[];
}

export interface CatalogueQuery {
  words: SearchWord[];
  serviceType: ServiceTypeCode | null;
  municipalityCode: string | null;
  language: string | null;
  maxPriceCents: number | null;
  includeUnapproved: boolean;
  accessibility: AccessibilityFeature[];
  priceUnit: PriceUnit | null;
  /** True: only providers taking new clients. */
  takesNewClients: boolean;
  sort: CatalogueSort;
}

export type ParsedSearch = { ok: true; query: CatalogueQuery } | { ok: false; message: string };

/**
 * The letters of a word: its code points, which after NFC normalisation (searchWords) are one
 * per letter of the languages searched (ä, å, ö, é included), unlike UTF-16 code units.
 */
const lettersOf = (word: string): string[] => Array.from(word);

export function wordPrefix(word: string): string {
  const letters = lettersOf(word);
  if (letters.length <= 5) return word;
  return letters.slice(0, Math.max(4, letters.length - 4)).join('');
}

export function searchWords(text: string): SearchWord[] {
  const words = text
    .toLowerCase()
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => lettersOf(w).length >= 2)
    .map((w) => lettersOf(w).slice(0, MAX_WORD).join(''));
  const unique = [...new Set(words)];
  // Words like "ja" or "palvelu" narrow nothing, unless they are all there is.
  const meaningful = unique.filter((w) => !isStopWord(w));
  return (meaningful.length > 0 ? meaningful : unique)
    .slice(0, MAX_WORDS)
    .map((word) => ({ word, prefix: wordPrefix(word), tokens: analyseWord(word).tokens }));
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
  if (language !== null && language !== EASY_FINNISH && !LANGUAGE_RE.test(language)) {
    return {
      ok: false,
      message: `language must be an ISO 639 code such as fi, sv, en, fse or fss, or ${EASY_FINNISH}.`,
    };
  }
  const accessibility: AccessibilityFeature[] = [];
  for (const raw of input?.accessibility ?? []) {
    const code = raw.trim().toUpperCase();
    if (!(ACCESSIBILITY_FEATURES as string[]).includes(code)) {
      return {
        ok: false,
        message: `Unknown accessibility feature ${JSON.stringify(raw.slice(0, 40))}.`,
      };
    }
    if (!accessibility.includes(code as AccessibilityFeature))
      accessibility.push(code as AccessibilityFeature);
  }
  const priceUnit = input?.priceUnit?.trim() || null;
  if (priceUnit !== null && !isPriceUnit(priceUnit)) {
    return { ok: false, message: 'priceUnit must be HOUR, DAY, KILOMETRE or YEAR.' };
  }
  const sort = input?.sort ?? 'RELEVANCE';
  if (!(CATALOGUE_SORTS as readonly string[]).includes(sort)) {
    return { ok: false, message: 'sort must be RELEVANCE, NAME or PRICE.' };
  }
  if (sort === 'PRICE' && priceUnit === null) {
    return {
      ok: false,
      message: 'Sorting by price needs priceUnit: a price per hour and per kilometre differ.',
    };
  }
  let maxPriceCents: number | null = null;
  if (input?.maxPrice !== null && input?.maxPrice !== undefined && input.maxPrice.trim() !== '') {
    const parsed = parseAmount(input.maxPrice);
    if (!parsed.ok) return { ok: false, message: `maxPrice: ${parsed.message}` };
    maxPriceCents = parsed.cents;
    if (priceUnit === null) {
      return {
        ok: false,
        message: 'maxPrice needs priceUnit: a price per hour and per kilometre cannot be compared.',
      };
    }
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
      accessibility,
      priceUnit,
      takesNewClients: input?.takesNewClients === true,
      sort: sort as CatalogueSort,
    },
  };
}
