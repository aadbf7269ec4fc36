import { CONCEPTS, type Concept } from './search-concepts';
import { conceptToken } from './search-tokens';

/**
 * The catalogue's search vocabulary (pure): what people type, mapped to what providers
 * declare. Finnish builds words from stems with case endings and compounds ("kuljetusta",
 * "invataksikuljetus", "päivätoimintakeskus"), people use synonyms ("kyyti", "taksi" for
 * transport; "esteetön" for wheelchair access; "selkokieli" for easy language) and Swedish.
 *
 * Each {@link Concept} has terms: folded stems (ä → a, ö → o, å → a) that match wherever they
 * occur inside a word, so inflected forms and both halves of a compound are found; terms of
 * three letters or fewer match whole words only. A concept stands for search-document
 * tokens: `zzc<id>` for a provider whose texts contain one of its terms, plus the tokens of
 * the declared data it means (service type, accessibility feature, language, municipality).
 * The same vocabulary builds the documents (in SQL, from {@link termPattern}) and reads the
 * queries ({@link analyseWord}), so both sides always agree.
 */

/** Words a query may drop: they narrow nothing (the catalogue is all services). */
const STOP_WORDS = new Set([
  'ja',
  'tai',
  'sekä',
  'seka',
  'myös',
  'myos',
  'och',
  'eller',
  'med',
  'för',
  'for',
  'på',
  'pa',
  'av',
  'the',
  'and',
  'with',
  'in',
  'of',
  'palvelu',
  'palvelut',
  'palveluja',
  'palvelua',
  'palveluita',
  'tjänst',
  'tjänster',
  'service',
  'services',
]);

/** Lower case with ä, ö, å and é folded, as people often type them without the dots. */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFC')
    .replace(/[äå]/g, 'a')
    .replace(/ö/g, 'o')
    .replace(/é/g, 'e');
}

export const isStopWord = (word: string) => STOP_WORDS.has(word);

interface TermEntry {
  term: string;
  concept: Concept;
}

const ENTRIES: TermEntry[] = CONCEPTS.flatMap((c) =>
  c.terms.filter((t) => !t.includes(' ')).map((term) => ({ term, concept: c })),
);
const BY_TERM = new Map(ENTRIES.map((e) => [e.term, e.concept]));

/** Terms that match inside words (longer first, so the longest term wins where two start). */
const INNER_ENTRIES = ENTRIES.filter((e) => e.term.length > 3).sort(
  (a, b) => b.term.length - a.term.length || a.term.localeCompare(b.term),
);
const INNER_TERMS = INNER_ENTRIES.map((e) => e.term);
const WHOLE_TERMS = ENTRIES.filter((e) => e.term.length <= 3).map((e) => e.term);

/**
 * A PostgreSQL regular expression finding the vocabulary's terms in a folded text (terms of
 * three letters or fewer only as whole words).
 */
export function termPattern(): string {
  const inner = INNER_TERMS.join('|');
  const whole = WHOLE_TERMS.map((t) => `\\m${t}\\M`).join('|');
  return `(${inner}${whole ? `|${whole}` : ''})`;
}

/** Every term and its concept's id, as two parallel lists (for the SQL that builds documents). */
export function termConcepts(): { terms: string[]; concepts: string[] } {
  return { terms: ENTRIES.map((e) => e.term), concepts: ENTRIES.map((e) => e.concept.id) };
}

/** Optimal string alignment distance, bounded: returns `max + 1` as soon as it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // Rows i - 2, i - 1 and i of the distance matrix; no earlier row is read again.
  let twoBack: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(cell(previous, j) + 1, cell(row, j - 1) + 1, cell(previous, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, cell(twoBack, j - 2) + 1);
      }
      row.push(d);
    }
    if (Math.min(...row) > max) return max + 1;
    twoBack = previous;
    previous = row;
  }
  return cell(previous, b.length);
}

/** Entry j of a row of editDistance's matrix, which it always wrote before reading. */
function cell(row: readonly number[], j: number): number {
  const value = row[j];
  if (value === undefined) throw new Error(`editDistance read cell ${j} before writing it`);
  return value;
}

/** The concepts a typed word contains (as a whole, an inflected form or part of a compound). */
function exactConcepts(folded: string): Concept[] {
  const found = new Map<string, Concept>();
  const whole = BY_TERM.get(folded);
  if (whole) found.set(whole.id, whole);
  for (const { term, concept } of INNER_ENTRIES) {
    if (folded.includes(term)) found.set(concept.id, concept);
  }
  return [...found.values()];
}

/**
 * Concepts of a mistyped word: a term of at least five letters within one edit (two for nine
 * or more) of the word's beginning of about the same length (the rest is a case ending).
 */
function fuzzyConcepts(folded: string): Concept[] {
  if (folded.length < 5) return [];
  const found = new Map<string, Concept>();
  for (const { term, concept } of INNER_ENTRIES) {
    if (term.length < 5) continue;
    const max = term.length >= 9 ? 2 : 1;
    for (let len = term.length - max; len <= term.length + max; len++) {
      if (len < 4 || len > folded.length) continue;
      if (editDistance(folded.slice(0, len), term, max) <= max) {
        found.set(concept.id, concept);
        break;
      }
    }
  }
  return [...found.values()];
}

/** What one typed word means: the tokens any of which a matching document has. */
export interface WordMeaning {
  /** Concept ids found in the word (exactly, else within an edit or two). */
  concepts: string[];
  /** Search-document tokens: the concepts' own and the declared data they stand for. */
  tokens: string[];
  /** Whether the concepts came from typo tolerance. */
  fuzzy: boolean;
}

export function analyseWord(word: string): WordMeaning {
  const folded = fold(word);
  let concepts = exactConcepts(folded);
  let fuzzy = false;
  if (concepts.length === 0) {
    concepts = fuzzyConcepts(folded);
    fuzzy = concepts.length > 0;
  }
  const tokens = new Set<string>();
  for (const c of concepts) {
    tokens.add(conceptToken(c.id));
    for (const t of c.tokens) tokens.add(t);
  }
  return { concepts: concepts.map((c) => c.id), tokens: [...tokens], fuzzy };
}
