import { ACCESSIBILITY_FEATURES, SERVICE_TYPES } from './catalogue';

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

/** Prefix of the tokens the vocabulary and the declared data add to a search document. */
const T = 'zz';

/** Token of a service type, e.g. `zzsdayactivities`. */
export const serviceToken = (code: string) => `${T}s${code.toLowerCase().replace(/_/g, '')}`;
/** Token of an accessibility feature, e.g. `zzawheelchairaccessible`. */
export const accessToken = (code: string) => `${T}a${code.toLowerCase().replace(/_/g, '')}`;
/** Token of a language (ISO 639 letters only), e.g. `zzlfse`. */
export const languageToken = (code: string) => `${T}l${code.toLowerCase().replace(/[^a-z]/g, '')}`;
/** Token of a served municipality (official code), e.g. `zzm837`. */
export const municipalityToken = (code: string) => `${T}m${code}`;
/** Token of a price unit among the active offerings, e.g. `zzuhour`. */
export const unitToken = (unit: string) => `${T}u${unit.toLowerCase()}`;
/** Token of a service type offered at a price unit, e.g. `zzphousinghour`. */
export const serviceUnitToken = (code: string, unit: string) =>
  `${T}p${code.toLowerCase().replace(/_/g, '')}${unit.toLowerCase()}`;
/**
 * The key of a provider's lowest price in a unit (`hour`), or in a unit for one service type
 * (`housinghour`): letters only, as in `provider.min_prices` and the price tokens.
 */
export const priceKey = (unit: string, serviceType: string | null) =>
  `${(serviceType ?? '').toLowerCase().replace(/_/g, '')}${unit.toLowerCase()}`;
/**
 * Upper bounds (cents) of the price buckets. A provider's document has, per price key, one
 * token of the bucket its lowest price falls in, so that "at most X" is an OR of the buckets up
 * to X's in the GIN-indexed match; only X's own bucket needs the exact price checked.
 */
export const PRICE_BUCKETS: readonly number[] = [
  500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 5000, 6000, 7000, 8000, 10_000, 12_000, 15_000,
  20_000, 25_000, 30_000, 40_000, 50_000, 75_000, 100_000, 200_000, 500_000, 1_000_000,
];
/** The bucket of a price: how many bucket bounds are below it (as the SQL counts them). */
export const priceBucket = (cents: number) => PRICE_BUCKETS.filter((b) => b < cents).length;
/** Token of a lowest price's bucket, e.g. `zzqhour7`. */
export const priceBucketToken = (key: string, bucket: number) => `${T}q${key}${bucket}`;
/** Token of every approved provider: the approval status is part of the indexed document. */
export const APPROVED_TOKEN = `${T}approved`;
/** Token of a provider taking new clients. */
export const TAKES_NEW_TOKEN = `${T}takesnew`;
/** Token of a concept found in a provider's texts. */
export const conceptToken = (id: string) => `${T}c${id}`;

export interface Concept {
  /** Letters only. */
  id: string;
  /** Folded stems, lower case. */
  terms: string[];
  /** Tokens of declared data that this concept means. */
  tokens: string[];
}

const concept = (id: string, terms: string[], tokens: string[] = []): Concept => ({
  id,
  terms,
  tokens,
});

/** Pirkanmaa's municipalities: folded stems of their Finnish and Swedish names (and locatives). */
const MUNICIPALITY_TERMS: Array<[code: string, terms: string[]]> = [
  ['020', ['akaa']],
  ['108', ['hameenkyro', 'tavastkyro']],
  ['143', ['ikaali', 'ikalis']],
  ['177', ['juupajo']],
  ['211', ['kangasal']],
  ['250', ['kihnio']],
  ['291', ['kuhmoi']],
  ['418', ['lempaal']],
  ['508', ['mantta', 'vilppul']],
  ['536', ['nokia', 'nokial']],
  ['562', ['orives']],
  ['581', ['parkano']],
  ['604', ['pirkkal', 'birkala']],
  ['619', ['punkalai']],
  ['635', ['palkane']],
  ['702', ['ruoves']],
  ['790', ['sastamal']],
  ['837', ['tamper', 'tammerfors']],
  ['887', ['urjala']],
  ['908', ['valkeakosk']],
  ['922', ['vesilaht']],
  ['936', ['virrat', 'virroil', 'virdois']],
  ['980', ['ylojarv']],
];

const svc = (code: (typeof SERVICE_TYPES)[number]) => serviceToken(code);
const acc = (code: (typeof ACCESSIBILITY_FEATURES)[number]) => accessToken(code);

/** The vocabulary. A term belongs to one concept only. */
export const CONCEPTS: Concept[] = [
  // Service types
  concept(
    'dayactivities',
    ['paivatoim', 'paivakeskus', 'dagverksam', 'dagcenter', 'virike'],
    [svc('DAY_ACTIVITIES'), svc('WORK_AND_DAY_ACTIVITY')],
  ),
  concept(
    'respite',
    [
      'lomit',
      'hengahdy',
      'intervall',
      'tilapaishoi',
      'lyhytaikai',
      'avlast',
      'avlosn',
      'omaishoi',
      'respite',
      'vapaapaiv',
    ],
    [svc('RESPITE_CARE')],
  ),
  concept(
    'transport',
    [
      'kuljet',
      'kyyti',
      'kyyd',
      'taksi',
      'taxi',
      'skjuts',
      'fardtjanst',
      'transport',
      'matkapalvelu',
      'matkoja',
      'matkat',
      'kuskaus',
    ],
    [svc('TRANSPORT')],
  ),
  concept(
    'assistance',
    ['avusta', 'assistan', 'assistent', 'henkilokohtainen apu'],
    [svc('PERSONAL_ASSISTANCE')],
  ),
  concept(
    'housing',
    [
      'asumi',
      'asunto',
      'asunno',
      'palvelukoti',
      'palvelutalo',
      'ryhmakoti',
      'boende',
      'bostad',
      'housing',
    ],
    [svc('HOUSING')],
  ),
  concept(
    'work',
    ['tyotoim', 'tyovalm', 'tyopaja', 'tyokokeil', 'valmenn', 'arbetsverksam', 'jobbcoach'],
    [svc('WORK_AND_DAY_ACTIVITY')],
  ),
  concept(
    'family',
    ['perhe', 'familj', 'family', 'lapsiperhe', 'vanhemm'],
    [svc('FAMILY_SERVICES')],
  ),
  // Accessibility
  concept(
    'wheelchair',
    [
      'esteet',
      'pyoratuol',
      'rullatuol',
      'rullstol',
      'tillganglig',
      'wheelchair',
      'liikuntaest',
      'liikuntarajoit',
      'inva',
    ],
    [acc('WHEELCHAIR_ACCESSIBLE'), acc('ACCESSIBLE_VEHICLE')],
  ),
  concept('toilet', ['wc', 'vessa', 'toalett', 'toilet', 'invawc'], [acc('ACCESSIBLE_TOILET')]),
  concept(
    'hearingloop',
    ['induktio', 'silmukka', 'horslinga', 'hearing', 'kuulo', 'horsel'],
    [acc('HEARING_LOOP')],
  ),
  concept(
    'signlanguage',
    ['viittom', 'viitotu', 'teckensprak', 'sign', 'kuuro', 'dov'],
    [acc('SIGN_LANGUAGE'), languageToken('fse'), languageToken('fss')],
  ),
  concept(
    'easylanguage',
    ['selko', 'lattlast', 'lattlas', 'easy', 'plain'],
    [acc('EASY_LANGUAGE')],
  ),
  concept(
    'aac',
    ['aac', 'kuvakommun', 'kommunikoin', 'kommunikation', 'papunet', 'puhevamm'],
    [acc('AAC_SUPPORT')],
  ),
  concept(
    'vehicle',
    ['pyoratuolipaik', 'invaaut', 'matalalattia', 'ramppi', 'pyoratuolitaksi'],
    [acc('ACCESSIBLE_VEHICLE')],
  ),
  concept(
    'sensory',
    [
      'aistiystav',
      'aistiherk',
      'aistiyliherk',
      'autis',
      'hiljai',
      'rauhalli',
      'sensory',
      'sensori',
    ],
    [acc('SENSORY_FRIENDLY')],
  ),
  concept(
    'home',
    ['kotona', 'kotiin', 'kotikay', 'hembesok', 'hemma', 'kotiapu', 'kotipalvelu', 'kotihoi'],
    [acc('HOME_VISITS')],
  ),
  concept(
    'guidedog',
    ['opaskoir', 'ledarhund', 'guidedog', 'nakovamm', 'sokea', 'synskad'],
    [acc('GUIDE_DOG_WELCOME')],
  ),
  // Languages
  concept('swedish', ['ruotsi', 'svensk', 'swedish', 'svenska'], [languageToken('sv')]),
  concept('english', ['englan', 'engelsk', 'english'], [languageToken('en')]),
  concept('russian', ['venaj', 'rysk', 'russian'], [languageToken('ru')]),
  concept('arabic', ['arabi'], [languageToken('ar')]),
  concept('somali', ['somali'], [languageToken('so')]),
  concept('estonian', ['eesti', 'estonian', 'vironkiel'], [languageToken('et')]),
  concept('german', ['saksa', 'tysk', 'german'], [languageToken('de')]),
  // Topics: compound parts that stand on their own
  concept('guidance', ['ohjau', 'ohjaaj', 'handledn', 'ohjatt']),
  concept('swimming', ['uinti', 'uima', 'uinni', 'simning', 'simhall', 'vesijump', 'vattengym']),
  concept('sports', ['liikun', 'urheil', 'idrott', 'kuntosal', 'kuntoil', 'jumppa', 'gym']),
  concept('music', ['musiik', 'musik', 'laulu', 'bandi', 'soitt']),
  concept('art', ['taide', 'taite', 'konst', 'maalau', 'keramiik', 'kadentai', 'kasity']),
  concept('riding', ['ratsast', 'hevo', 'ridning', 'hast']),
  concept('circus', ['sirkus', 'cirkus', 'akrobat']),
  concept('outdoors', [
    'retki',
    'retke',
    'luonto',
    'luonno',
    'ulkoil',
    'vaellu',
    'utflykt',
    'natur',
  ]),
  concept('spa', ['kylpyl', 'spa', 'kuntoutu', 'rehabilit']),
  concept('care', ['hoiva', 'hoito', 'omsorg', 'vard']),
  concept('group', ['ryhma', 'grupp', 'kerho', 'klubb']),
  concept('hobby', ['harrast', 'fritid', 'vapaa-aik', 'vapaaaik']),
  ...MUNICIPALITY_TERMS.map(([code, terms]) =>
    concept(`m${code}`, terms, [municipalityToken(code)]),
  ),
];

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
const INNER_TERMS = ENTRIES.filter((e) => e.term.length > 3)
  .map((e) => e.term)
  .sort((a, b) => b.length - a.length || a.localeCompare(b));
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
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0]!.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      }
      rows[i]!.push(d);
    }
    if (i > 0 && Math.min(...rows[i]!) > max) return max + 1;
  }
  return rows[a.length]![b.length]!;
}

/** The concepts a typed word contains (as a whole, an inflected form or part of a compound). */
function exactConcepts(folded: string): Concept[] {
  const found = new Map<string, Concept>();
  const whole = BY_TERM.get(folded);
  if (whole) found.set(whole.id, whole);
  for (const term of INNER_TERMS) {
    if (folded.includes(term)) {
      const c = BY_TERM.get(term)!;
      found.set(c.id, c);
    }
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
  for (const term of INNER_TERMS) {
    if (term.length < 5) continue;
    const max = term.length >= 9 ? 2 : 1;
    for (let len = term.length - max; len <= term.length + max; len++) {
      if (len < 4 || len > folded.length) continue;
      if (editDistance(folded.slice(0, len), term, max) <= max) {
        const c = BY_TERM.get(term)!;
        found.set(c.id, c);
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
