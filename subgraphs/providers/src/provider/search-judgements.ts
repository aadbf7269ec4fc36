/**
 * Judged catalogue searches: what a client, a relative or an adviser types, and which demo
 * providers (seed/demo.seed.ts) should then be on the first page. Finnish and Swedish,
 * inflected forms, compounds, synonyms and typos. search-recall.test.ts measures recall over
 * these on the real database; BENCHMARKS.md reports it.
 */
import type { SearchInputFields } from './search-query';

const P = {
  KIP: 'Ohjauspalvelu Kipinä Oy',
  VES: 'Liikuntaseura Vesipeto ry',
  INV: 'Pirkan Invataksi Oy',
  NOK: 'Nokian Taksipalvelu Ky',
  HEN: 'Omaishoidon Tuki Hengähdys ry',
  KES: 'Lomakoti Kesäranta',
  DAG: 'Dagverksamhet Gemenskap rf',
  AVL: 'Avlastning Tammerfors Ab',
  TYO: 'Työvalmennus Askel Oy',
  TAI: 'Taidetalo Sateenkaari ry',
  TUE: 'Avustajapalvelu Tueksi Oy',
  KOT: 'Palvelukoti Kotipiha',
  LUM: 'Perhekeskus Lumme ry',
  SAS: 'Sastamalan Kyyditys Oy',
  POL: 'Luontoretket Polku',
  KAV: 'Ratsastuskoulu Kavio',
  PIL: 'Mänttä-Vilppulan Päivätoimintakeskus Pilke',
  MUS: 'Valkeakosken Musiikkiyhdistys ry',
  VOI: 'Kangasalan Kuntosali Voima',
  IKA: 'Ikaalisten Kylpylän Hyvinvointipalvelut',
  KAD: 'Pirkkalan Kädentaitajat',
  ORI: 'Orivesi Assistans Ab',
  PAR: 'Parkanon Palvelukuljetus',
  HER: 'Tampereen kaupungin päivätoimintayksikkö Hervanta',
  HAM: 'Hämeenkyrön Hoiva ja Apu',
  SIR: 'Sirkuskoulu Trapetsi ry',
} as const;
type Key = keyof typeof P;

const TRANSPORT: Key[] = ['INV', 'NOK', 'SAS', 'PAR'];
const WHEELCHAIR: Key[] = [
  'KIP',
  'VES',
  'HEN',
  'KES',
  'DAG',
  'TYO',
  'TAI',
  'KOT',
  'PIL',
  'VOI',
  'IKA',
  'KAD',
  'HER',
];
const EASY: Key[] = ['KIP', 'DAG', 'TYO', 'LUM'];
const DAY_CENTRES: Key[] = ['KIP', 'DAG', 'PIL', 'HER', 'TYO'];
const RESPITE: Key[] = ['HEN', 'KES', 'AVL', 'IKA', 'HAM'];
const ASSISTANCE: Key[] = ['TUE', 'ORI', 'HAM'];
const HOME: Key[] = ['KIP', 'HEN', 'AVL', 'TUE', 'LUM', 'ORI', 'HAM'];
const HEARING: Key[] = ['VES', 'TAI', 'MUS', 'IKA'];
const SWEDISH: Key[] = ['INV', 'HEN', 'DAG', 'AVL', 'IKA', 'ORI'];
const SENSORY: Key[] = ['KES', 'POL', 'SIR'];
const SPORTS: Key[] = ['VES', 'VOI', 'SIR'];
const ART: Key[] = ['TAI', 'KAD'];

export interface Judgement {
  /** What is typed, with any filters chosen. */
  search: SearchInputFields;
  /** Names of the demo providers that should be on the first page. */
  expected: string[];
}

const j = (text: string, keys: Key[], filters: SearchInputFields = {}): Judgement => ({
  search: { text, ...filters },
  expected: [...new Set(keys)].map((k) => P[k]),
});

export const JUDGEMENTS: Judgement[] = [
  // Transport: the word, its inflections, compounds and synonyms
  j('kuljetus', TRANSPORT),
  j('kuljetusta', TRANSPORT),
  j('kuljetuksia', TRANSPORT),
  j('kuljetukset', TRANSPORT),
  j('kuljetuspalvelu', TRANSPORT),
  j('kuljetuspalvelut', TRANSPORT),
  j('kuljetuspalveluja', TRANSPORT),
  j('kyyti', TRANSPORT),
  j('kyydit', TRANSPORT),
  j('kyytiä harrastukseen', TRANSPORT),
  j('taksi', TRANSPORT),
  j('taksia', TRANSPORT),
  j('invataksi', TRANSPORT),
  j('taksikyyti', TRANSPORT),
  j('pyörätuolitaksi', ['INV', 'NOK']),
  j('kuljetus pyörätuolilla', ['INV', 'NOK']),
  j('kuljetus nokialla', ['INV', 'NOK']),
  j('taksi Tampereella', ['INV', 'NOK']),
  j('kuljetus sastamalassa', ['INV', 'NOK', 'SAS']),
  j('kuljetus Parkanossa', ['INV', 'PAR']),
  j('färdtjänst', TRANSPORT),
  j('skjuts', TRANSPORT),
  j('taxi', TRANSPORT),
  j('kuljteus', TRANSPORT),
  j('kuljetsu', TRANSPORT),
  j('taksii', TRANSPORT),
  j('vapaa-ajan matkat', ['INV', 'NOK', 'SAS']),
  // Day activities
  j('päivätoiminta', DAY_CENTRES),
  j('päivätoimintaa', DAY_CENTRES),
  j('päivätoimintaan', DAY_CENTRES),
  j('päivätoimintakeskus', DAY_CENTRES),
  j('päivätoimintayksikkö', DAY_CENTRES),
  j('paivatoiminta', DAY_CENTRES),
  j('päivätoimnta', DAY_CENTRES),
  j('dagverksamhet', DAY_CENTRES),
  j('dagverksamhet på svenska', ['DAG']),
  j('päivätoiminta ruotsiksi', ['DAG']),
  j('päivätoiminta Mänttä', ['PIL']),
  j('päivätoimintaa vaativaan tukeen', ['PIL']),
  j('ohjaus', ['KIP', 'VES', 'POL', 'VOI', 'KOT']),
  j('henkilökohtainen ohjaus', ['KIP']),
  j('ohjausta kotona', ['KIP']),
  j('handledning', ['DAG']),
  // Respite care
  j('lomitus', RESPITE),
  j('lomitusta', RESPITE),
  j('omaishoitajan lomitus', RESPITE),
  j('omaishoidon vapaa', RESPITE),
  j('intervallihoito', RESPITE),
  j('hengähdystauko', RESPITE),
  j('avlastning', RESPITE),
  j('avlösning', RESPITE),
  j('lomitus kotona', ['HEN', 'AVL', 'HAM']),
  j('lomakoti', ['KES', 'HEN']),
  j('kylpylä', ['IKA']),
  j('kylpylässä', ['IKA']),
  j('lomitsu', RESPITE),
  // Personal assistance
  j('henkilökohtainen avustaja', ASSISTANCE),
  j('avustaja', ASSISTANCE),
  j('avustajalle', ASSISTANCE),
  j('avustajaa', ASSISTANCE),
  j('avustajapalvelu', ASSISTANCE),
  j('avustamista', ASSISTANCE),
  j('personlig assistans', ASSISTANCE),
  j('assistans', ASSISTANCE),
  j('assistentti', ASSISTANCE),
  j('avustja', ASSISTANCE),
  // Housing, work, family
  j('asuminen', ['KOT']),
  j('asumispalvelu', ['KOT']),
  j('tuettu asuminen', ['KOT']),
  j('palvelukoti', ['KOT']),
  j('boende', ['KOT']),
  j('työtoiminta', ['TYO']),
  j('työvalmennus', ['TYO']),
  j('työvalmennusta', ['TYO']),
  j('työpaja', ['TYO']),
  j('perhetyö', ['LUM']),
  j('perheille', ['LUM']),
  j('lapsiperhe', ['LUM']),
  // Accessibility and communication
  j('esteetön', WHEELCHAIR),
  j('esteettömät tilat', WHEELCHAIR),
  j('pyörätuoli', WHEELCHAIR),
  j('pyörätuolilla', WHEELCHAIR),
  j('esteeton', WHEELCHAIR),
  j('rullstol', WHEELCHAIR),
  j('induktiosilmukka', HEARING),
  j('induktiosilmukalla', HEARING),
  j('kuulosilmukka', HEARING),
  j('viittomakieli', ['TAI']),
  j('viittomakielellä', ['TAI']),
  j('viittomakielinen', ['TAI']),
  j('viitomakieli', ['TAI']),
  j('teckenspråk', ['TAI']),
  j('selkokieli', EASY),
  j('selkokielellä', EASY),
  j('selkosuomi', EASY),
  j('selkokielinen päivätoiminta', ['KIP', 'DAG']),
  j('lättläst', EASY),
  j('kuvakommunikointi', ['HEN', 'PIL']),
  j('aac', ['HEN', 'PIL']),
  j('aistiystävällinen', SENSORY),
  j('autismi', SENSORY),
  j('opaskoira', ['INV']),
  j('kotikäynnit', HOME),
  j('palvelu kotona', HOME),
  j('kotiin', HOME),
  // Hobbies and topics
  j('uinti', ['VES']),
  j('uintia', ['VES']),
  j('uimahalli', ['VES']),
  j('uimahallissa', ['VES']),
  j('vesijumppa', ['VES']),
  j('liikunta', SPORTS),
  j('liikuntaa', SPORTS),
  j('kuntosali', ['VOI']),
  j('kuntosalille', ['VOI']),
  j('musiikki', ['MUS', 'TAI']),
  j('musiikkia', ['MUS', 'TAI']),
  j('bändi', ['MUS']),
  j('taide', ART),
  j('taidetta', ART),
  j('keramiikka', ['KAD']),
  j('kädentaidot', ['KAD']),
  j('ratsastus', ['KAV']),
  j('ratsastusta', ['KAV']),
  j('hevonen', ['KAV']),
  j('sirkus', ['SIR']),
  j('luontoretki', ['POL']),
  j('retkiä', ['POL']),
  j('ulkoilu', ['VES', 'POL']),
  // Names, also mistyped
  j('Kipinä', ['KIP']),
  j('Vesipeto', ['VES']),
  j('vesipedo', ['VES']),
  j('Sateenkaari', ['TAI']),
  j('Kotipiha', ['KOT']),
  j('Lumme', ['LUM']),
  j('Trapetsi', ['SIR']),
  // Languages and places
  j('ruotsinkielinen', SWEDISH),
  j('på svenska', SWEDISH),
  j('svenska', SWEDISH),
  j('englanniksi', ['KIP', 'INV', 'AVL', 'TYO', 'LUM', 'POL', 'VOI', 'SIR']),
  j('venäjä', ['TYO']),
  j('Tammerfors', ['DAG', 'AVL']),
  // With filters chosen
  j('ohjaus', ['KIP'], { accessibility: ['EASY_LANGUAGE'] }),
  j('', ['TAI'], { language: 'fse' }),
  j('', HEARING, { accessibility: ['HEARING_LOOP'] }),
  j('kuljetus', ['NOK', 'INV'], { municipalityCode: '536' }),
  j('lomitus', ['AVL', 'HEN', 'IKA'], { language: 'sv' }),
  j('', EASY, { language: 'fi-selko' }),
  j('päivätoiminta', ['KIP'], { accessibility: ['HOME_VISITS'] }),
];
