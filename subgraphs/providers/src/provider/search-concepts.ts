import { ACCESSIBILITY_FEATURES, SERVICE_TYPES } from './catalogue';
import { accessToken, languageToken, municipalityToken, serviceToken } from './search-tokens';

/**
 * The catalogue's vocabulary (data): concepts, each with the folded stems people type for it
 * and the tokens of the declared data it means; by kind — service types, accessibility,
 * languages, topics, municipalities. search-vocabulary.ts reads words with it.
 */

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
