import type { DataSource } from 'typeorm';
import { DEMO, type Logger } from '@hb/kit';
import { businessIdCheckDigit } from '../provider/business-id';
import type {
  ApprovalStatus,
  PriceUnit,
  ProviderKind,
  ServiceTypeCode,
} from '../provider/catalogue';
import { ProviderStore } from '../provider/provider.store';
import { PaymentAccountStore } from '../payment-account/payment-account.store';
import type { PaymentAccount } from '../payment-account/payment-account';

type DemoOffering = [ServiceTypeCode, string, string, string, PriceUnit, number[]];
interface DemoProvider {
  id?: string;
  name: string;
  kind: ProviderKind;
  status: ApprovalStatus;
  description: string;
  municipalities: string[];
  languages: string[];
  accessibility: string[];
  email?: string;
  phone?: string;
  website?: string;
  offerings: DemoOffering[];
}

const TRE = '837';
const CORE = ['837', '536', '980', '211', '418', '604'];
const ALL = [...DEMO.pirkanmaa];

/** Realistic Pirkanmaa providers across the pilot services; Finnish, some Swedish. */
export const DEMO_PROVIDERS: DemoProvider[] = [
  {
    id: DEMO.providerId,
    name: 'Ohjauspalvelu Kipinä Oy',
    kind: 'COMPANY',
    status: 'APPROVED',
    description:
      'Henkilökohtaista ohjausta kotona ja harrastuksissa sekä pienryhmämuotoista päivätoimintaa Tampereella. Tuemme arjen taitoja, osallisuutta ja omia valintoja.',
    municipalities: [TRE, '604', '980'],
    languages: ['fi', 'en'],
    accessibility: ['WHEELCHAIR_ACCESSIBLE', 'ACCESSIBLE_TOILET', 'EASY_LANGUAGE', 'HOME_VISITS'],
    email: 'info@kipina.example',
    phone: '+358 40 111 2233',
    website: 'https://kipina.example',
    offerings: [
      [
        'DAY_ACTIVITIES',
        'Henkilökohtainen ohjaus kotona',
        'Ohjaaja tulee kotiin sovittuina aamuina, esim. keskiviikkoisin ja perjantaisin kello 8 alkaen: aamutoimet, asiointi ja harrastukset.',
        '42.00',
        'HOUR',
        [1, 2],
      ],
      [
        'DAY_ACTIVITIES',
        'Päivätoiminta pienryhmässä',
        'Ryhmätoimintaa arkisin 9–15: ruoanlaitto, liikunta, kädentaidot ja retket.',
        '150.00',
        'DAY',
        [3, 4, 5],
      ],
    ],
  },
  {
    name: 'Liikuntaseura Vesipeto ry',
    kind: 'NGO',
    status: 'APPROVED',
    description:
      'Soveltavaa liikuntaa kaikenikäisille: uintia, vesijumppaa ja ulkoilua ohjaajan kanssa.',
    municipalities: [TRE, '536', '604'],
    languages: ['fi'],
    accessibility: ['WHEELCHAIR_ACCESSIBLE', 'ACCESSIBLE_TOILET', 'HEARING_LOOP'],
    email: 'toimisto@vesipeto.example',
    offerings: [
      [
        'DAY_ACTIVITIES',
        'Uintiohjaus uimahallissa',
        'Henkilökohtainen uintiohjaaja Kaupin ja Hervannan uimahalleissa, myös pukeutumisapu.',
        '38.00',
        'HOUR',
        [1, 2, 3],
      ],
      [
        'DAY_ACTIVITIES',
        'Vesijumpparyhmä',
        'Soveltava vesijumppa pienryhmässä kerran viikossa.',
        '15.00',
        'HOUR',
        [1, 2],
      ],
    ],
  },
  {
    name: 'Pirkan Invataksi Oy',
    kind: 'COMPANY',
    status: 'APPROVED',
    description:
      'Esteettömät kuljetukset pyörätuolipaikallisilla autoilla koko Pirkanmaalla ympäri vuorokauden.',
    municipalities: ALL,
    languages: ['fi', 'sv', 'en'],
    accessibility: ['ACCESSIBLE_VEHICLE', 'GUIDE_DOG_WELCOME'],
    phone: '+358 3 123 4000',
    offerings: [
      [
        'TRANSPORT',
        'Invataksikuljetus',
        'Kuljetus ovelta ovelle, avustus autoon ja autosta.',
        '2.10',
        'KILOMETRE',
        [1, 2, 3, 4],
      ],
      [
        'TRANSPORT',
        'Vuosisopimus vapaa-ajan matkoille',
        'Kiinteä vuosihinta enintään 2000 km vapaa-ajan matkoille.',
        '3900.00',
        'YEAR',
        [2],
      ],
    ],
  },
  {
    name: 'Nokian Taksipalvelu Ky',
    kind: 'COMPANY',
    status: 'APPROVED',
    description: 'Taksikuljetukset Nokialla ja lähikunnissa, myös pyörätuolitaksi.',
    municipalities: ['536', TRE, '790'],
    languages: ['fi'],
    accessibility: ['ACCESSIBLE_VEHICLE'],
    offerings: [
      [
        'TRANSPORT',
        'Taksimatkat vapaa-aikaan',
        'Vapaa-ajan matkat kilometrihinnalla.',
        '1.85',
        'KILOMETRE',
        [1, 2, 3, 4],
      ],
    ],
  },
  {
    name: 'Omaishoidon Tuki Hengähdys ry',
    kind: 'NGO',
    status: 'APPROVED',
    description: 'Omaishoitajien vapaiden aikainen hoito ja lomitus kotona tai lomakodissa.',
    municipalities: [TRE, '211', '418', '562'],
    languages: ['fi', 'sv'],
    accessibility: ['HOME_VISITS', 'WHEELCHAIR_ACCESSIBLE', 'AAC_SUPPORT'],
    offerings: [
      [
        'RESPITE_CARE',
        'Lomitus kotona',
        'Koulutettu lomittaja hoitaa läheisesi kotona omaishoitajan vapaan ajan.',
        '36.00',
        'HOUR',
        [1, 2, 3, 4, 5, 6],
      ],
      [
        'RESPITE_CARE',
        'Lomakotijakso',
        'Ympärivuorokautinen hoito lomakodissa, myös yöhoito.',
        '240.00',
        'DAY',
        [4, 5, 6],
      ],
    ],
  },
  {
    name: 'Lomakoti Kesäranta',
    kind: 'COMMUNITY',
    status: 'APPROVED',
    description:
      'Järvenrantainen lomakoti Kangasalla: lyhytaikaista hoitoa nuorille ja aikuisille.',
    municipalities: ['211', TRE, '635'],
    languages: ['fi'],
    accessibility: ['WHEELCHAIR_ACCESSIBLE', 'ACCESSIBLE_TOILET', 'SENSORY_FRIENDLY'],
    offerings: [
      [
        'RESPITE_CARE',
        'Viikonloppujakso',
        'Perjantaista sunnuntaihin, ohjattua ulkoilua ja saunomista.',
        '210.00',
        'DAY',
        [1, 2, 3],
      ],
    ],
  },
  {
    name: 'Dagverksamhet Gemenskap rf',
    kind: 'NGO',
    status: 'APPROVED',
    description: 'Svenskspråkig dagverksamhet och personlig handledning i Tammerfors med omnejd.',
    municipalities: [TRE, '604', '536'],
    languages: ['sv', 'fi'],
    accessibility: ['EASY_LANGUAGE', 'WHEELCHAIR_ACCESSIBLE'],
    offerings: [
      [
        'DAY_ACTIVITIES',
        'Dagverksamhet på svenska',
        'Gruppverksamhet vardagar: matlagning, musik och utflykter.',
        '145.00',
        'DAY',
        [3, 4],
      ],
      [
        'DAY_ACTIVITIES',
        'Personlig handledning',
        'Handledning i hemmet och på fritiden.',
        '40.00',
        'HOUR',
        [1, 2],
      ],
    ],
  },
  {
    name: 'Avlastning Tammerfors Ab',
    kind: 'COMPANY',
    status: 'APPROVED',
    description: 'Avlösning för närståendevårdare på svenska och finska.',
    municipalities: [TRE, '604'],
    languages: ['sv', 'fi', 'en'],
    accessibility: ['HOME_VISITS'],
    offerings: [
      [
        'RESPITE_CARE',
        'Avlösarservice i hemmet',
        'Avlösare kommer hem till familjen.',
        '37.50',
        'HOUR',
        [1, 2, 3],
      ],
    ],
  },
  {
    name: 'Työvalmennus Askel Oy',
    kind: 'COMPANY',
    status: 'APPROVED',
    description: 'Työ- ja päivätoimintaa, työvalmennusta ja tuettua työllistymistä.',
    municipalities: CORE,
    languages: ['fi', 'en', 'ru'],
    accessibility: ['WHEELCHAIR_ACCESSIBLE', 'EASY_LANGUAGE'],
    offerings: [
      [
        'WORK_AND_DAY_ACTIVITY',
        'Työtoiminta verstaalla',
        'Puu- ja tekstiilityöt, kahvila ja kierrätys.',
        '95.00',
        'DAY',
        [2, 3, 4],
      ],
      [
        'WORK_AND_DAY_ACTIVITY',
        'Työvalmennus',
        'Yksilöllinen valmennus työpaikalle.',
        '55.00',
        'HOUR',
        [1, 2],
      ],
    ],
  },
  {
    name: 'Taidetalo Sateenkaari ry',
    kind: 'NGO',
    status: 'APPROVED',
    description:
      'Kulttuuri- ja taidetoimintaa: maalausta, musiikkia ja teatteria soveltavin menetelmin.',
    municipalities: [TRE, '980'],
    languages: ['fi', 'fse'],
    accessibility: ['SIGN_LANGUAGE', 'HEARING_LOOP', 'WHEELCHAIR_ACCESSIBLE'],
    offerings: [
      [
        'DAY_ACTIVITIES',
        'Taidepaja',
        'Ohjattu taidepaja kahdesti viikossa, myös viittomakielellä.',
        '28.00',
        'HOUR',
        [1, 2, 3],
      ],
    ],
  },
  {
    name: 'Avustajapalvelu Tueksi Oy',
    kind: 'COMPANY',
    status: 'APPROVED',
    description: 'Henkilökohtaista apua kotiin, opiskeluun ja harrastuksiin.',
    municipalities: ['020', '908', '887', '418'],
    languages: ['fi'],
    accessibility: ['HOME_VISITS'],
    offerings: [
      [
        'PERSONAL_ASSISTANCE',
        'Henkilökohtainen avustaja',
        'Avustaja arjen toimiin ja asiointiin.',
        '33.00',
        'HOUR',
        [],
      ],
    ],
  },
  {
    name: 'Palvelukoti Kotipiha',
    kind: 'COMPANY',
    status: 'APPROVED',
    description: 'Tuettua ja ohjattua asumista Ylöjärvellä.',
    municipalities: ['980', TRE],
    languages: ['fi'],
    accessibility: ['WHEELCHAIR_ACCESSIBLE', 'ACCESSIBLE_TOILET'],
    offerings: [
      [
        'HOUSING',
        'Ohjattu asuminen',
        'Oma asunto ja ohjaus ympäri vuorokauden.',
        '190.00',
        'DAY',
        [],
      ],
    ],
  },
  {
    name: 'Perhekeskus Lumme ry',
    kind: 'NGO',
    status: 'APPROVED',
    description: 'Perhetyötä ja vertaistukea vammaisten lasten perheille.',
    municipalities: [TRE, '536', '211', '604'],
    languages: ['fi', 'en', 'ar', 'so'],
    accessibility: ['EASY_LANGUAGE', 'HOME_VISITS'],
    offerings: [
      [
        'FAMILY_SERVICES',
        'Perhetyö kotona',
        'Perhetyöntekijä tukee arjen järjestelyissä.',
        '48.00',
        'HOUR',
        [],
      ],
    ],
  },
  {
    name: 'Sastamalan Kyyditys Oy',
    kind: 'COMPANY',
    status: 'APPROVED',
    description: 'Kuljetuspalvelut Sastamalassa, Punkalaitumella ja Vesilahdella.',
    municipalities: ['790', '619', '922'],
    languages: ['fi'],
    accessibility: ['ACCESSIBLE_VEHICLE'],
    offerings: [
      [
        'TRANSPORT',
        'Asiointi- ja vapaa-ajan kyydit',
        'Kyydit kauppaan, harrastuksiin ja kyläilemään.',
        '1.95',
        'KILOMETRE',
        [1, 2, 3, 4],
      ],
    ],
  },
  {
    name: 'Luontoretket Polku',
    kind: 'COMMUNITY',
    status: 'APPROVED',
    description: 'Ohjattuja luontoretkiä ja melontaa pienryhmissä Pirkanmaan järvillä.',
    municipalities: ['108', '143', '702', '936'],
    languages: ['fi', 'en'],
    accessibility: ['SENSORY_FRIENDLY'],
    offerings: [
      [
        'DAY_ACTIVITIES',
        'Luontoretki ohjaajan kanssa',
        'Päiväretki eväineen, kuljetus sisältyy.',
        '120.00',
        'DAY',
        [1, 2, 3, 4],
      ],
    ],
  },
  {
    name: 'Ratsastuskoulu Kavio',
    kind: 'COMPANY',
    status: 'APPROVED',
    description: 'Ratsastusterapiaa ja talliharrastusta Lempäälässä.',
    municipalities: ['418', '922', TRE],
    languages: ['fi'],
    accessibility: [],
    offerings: [
      [
        'DAY_ACTIVITIES',
        'Tallitoiminta',
        'Hevosten hoitoa ja ratsastusta ohjaajan tuella.',
        '45.00',
        'HOUR',
        [1, 2],
      ],
    ],
  },
  {
    name: 'Mänttä-Vilppulan Päivätoimintakeskus Pilke',
    kind: 'COMPANY',
    status: 'APPROVED',
    description: 'Päivätoimintaa Pohjois-Pirkanmaalla, myös vaativan tuen tarpeisiin.',
    municipalities: ['508', '702', '936', '177'],
    languages: ['fi'],
    accessibility: ['WHEELCHAIR_ACCESSIBLE', 'ACCESSIBLE_TOILET', 'AAC_SUPPORT'],
    offerings: [
      [
        'DAY_ACTIVITIES',
        'Päivätoiminta vaativaan tukeen',
        'Jatkuva ohjaus ja valvonta, kommunikoinnin tuki.',
        '175.00',
        'DAY',
        [5, 6, 7],
      ],
    ],
  },
  {
    name: 'Valkeakosken Musiikkiyhdistys ry',
    kind: 'NGO',
    status: 'APPROVED',
    description: 'Bändi- ja kuorotoimintaa kaikille, soittimet lainaan.',
    municipalities: ['908', '020', '887'],
    languages: ['fi'],
    accessibility: ['HEARING_LOOP'],
    offerings: [
      [
        'DAY_ACTIVITIES',
        'Bänditoiminta',
        'Viikoittaiset bänditreenit ohjaajan kanssa.',
        '20.00',
        'HOUR',
        [1, 2],
      ],
    ],
  },
  {
    name: 'Kangasalan Kuntosali Voima',
    kind: 'COMPANY',
    status: 'APPROVED',
    description: 'Personal trainer -palveluja ja ohjattua kuntosaliharjoittelua.',
    municipalities: ['211', '562', '635'],
    languages: ['fi', 'en'],
    accessibility: ['WHEELCHAIR_ACCESSIBLE'],
    offerings: [
      [
        'DAY_ACTIVITIES',
        'Kuntosaliohjaus',
        'Yksilöllinen harjoitusohjelma ja ohjaus salilla.',
        '50.00',
        'HOUR',
        [1, 2],
      ],
    ],
  },
  {
    name: 'Ikaalisten Kylpylän Hyvinvointipalvelut',
    kind: 'COMPANY',
    status: 'APPROVED',
    description: 'Kuntoutus- ja lomajaksot kylpylässä, allasterapia.',
    municipalities: ['143', '108', '581'],
    languages: ['fi', 'sv', 'de'],
    accessibility: ['WHEELCHAIR_ACCESSIBLE', 'ACCESSIBLE_TOILET', 'HEARING_LOOP'],
    offerings: [
      [
        'RESPITE_CARE',
        'Omaishoitajan lomajakso kylpylässä',
        'Hoidettava ja omaishoitaja yhdessä, hoitaja paikalla.',
        '260.00',
        'DAY',
        [4, 5],
      ],
    ],
  },
  {
    name: 'Pirkkalan Kädentaitajat',
    kind: 'COMMUNITY',
    status: 'APPROVED',
    description: 'Kädentaitoryhmiä: keramiikka, puutyöt ja ompelu.',
    municipalities: ['604', TRE],
    languages: ['fi'],
    accessibility: ['WHEELCHAIR_ACCESSIBLE'],
    offerings: [
      ['DAY_ACTIVITIES', 'Keramiikkaryhmä', 'Savitöitä pienryhmässä.', '18.00', 'HOUR', [1, 2, 3]],
    ],
  },
  {
    name: 'Orivesi Assistans Ab',
    kind: 'COMPANY',
    status: 'APPROVED',
    description: 'Personlig assistans och ledsagning i östra Birkaland.',
    municipalities: ['562', '211', '177'],
    languages: ['sv', 'fi'],
    accessibility: ['HOME_VISITS'],
    offerings: [
      [
        'PERSONAL_ASSISTANCE',
        'Ledsagarservice',
        'Ledsagning till fritidsaktiviteter och ärenden.',
        '34.00',
        'HOUR',
        [],
      ],
    ],
  },
  {
    name: 'Parkanon Palvelukuljetus',
    kind: 'COMPANY',
    status: 'APPROVED',
    description: 'Palveluliikenne ja kuljetukset Parkanossa ja Kihniössä.',
    municipalities: ['581', '250'],
    languages: ['fi'],
    accessibility: ['ACCESSIBLE_VEHICLE'],
    offerings: [
      [
        'TRANSPORT',
        'Palvelukuljetus',
        'Yhteiskuljetukset ja yksittäiset matkat.',
        '1.70',
        'KILOMETRE',
        [1, 2, 3],
      ],
    ],
  },
  {
    name: 'Tampereen kaupungin päivätoimintayksikkö Hervanta',
    kind: 'ORGANISER_OWN',
    status: 'APPROVED',
    description:
      'Hyvinvointialueen oma päivätoimintayksikkö. Järjestäjän omaa palvelua ei voi ostaa henkilökohtaisella budjetilla.',
    municipalities: [TRE],
    languages: ['fi'],
    accessibility: ['WHEELCHAIR_ACCESSIBLE', 'ACCESSIBLE_TOILET'],
    offerings: [
      [
        'DAY_ACTIVITIES',
        'Päivätoiminta (järjestäjän oma)',
        'Päivätoimintaa arkisin.',
        '160.00',
        'DAY',
        [1, 2, 3, 4, 5, 6, 7],
      ],
    ],
  },
  {
    name: 'Hämeenkyrön Hoiva ja Apu',
    kind: 'COMPANY',
    status: 'APPROVED',
    description: 'Kotiin vietävää lomitusta ja henkilökohtaista apua Hämeenkyrössä.',
    municipalities: ['108', '980'],
    languages: ['fi'],
    accessibility: ['HOME_VISITS'],
    offerings: [
      ['RESPITE_CARE', 'Yölomitus', 'Lomittaja yöksi kotiin.', '39.00', 'HOUR', [4, 5, 6]],
      [
        'PERSONAL_ASSISTANCE',
        'Avustaminen arjessa',
        'Apua kotitöissä ja asioinnissa.',
        '32.00',
        'HOUR',
        [],
      ],
    ],
  },
  {
    name: 'Sirkuskoulu Trapetsi ry',
    kind: 'NGO',
    status: 'APPROVED',
    description: 'Sosiaalista sirkusta ja liikunnallista ryhmätoimintaa.',
    municipalities: [TRE, '536'],
    languages: ['fi', 'en'],
    accessibility: ['SENSORY_FRIENDLY'],
    offerings: [
      [
        'DAY_ACTIVITIES',
        'Sosiaalinen sirkus',
        'Sirkustaitoja ryhmässä omaan tahtiin.',
        '22.00',
        'HOUR',
        [1, 2, 3],
      ],
    ],
  },
  {
    name: 'Kuljetusliike Virta Oy',
    kind: 'COMPANY',
    status: 'SUSPENDED',
    description: 'Taksikuljetuksia Akaassa ja Urjalassa.',
    municipalities: ['020', '887'],
    languages: ['fi'],
    accessibility: [],
    offerings: [
      ['TRANSPORT', 'Taksimatkat', 'Kilometrihinnoiteltu kuljetus.', '2.30', 'KILOMETRE', [1, 2]],
    ],
  },
  {
    name: 'Uusi Alku Hoivapalvelut Oy',
    kind: 'COMPANY',
    status: 'PENDING',
    description: 'Uusi palveluntuottaja: lomitusta ja henkilökohtaista apua Tampereella.',
    municipalities: [TRE],
    languages: ['fi', 'et'],
    accessibility: ['HOME_VISITS'],
    offerings: [
      ['RESPITE_CARE', 'Lomitus kotona', 'Lomittaja kotiin.', '35.00', 'HOUR', [1, 2, 3]],
    ],
  },
  {
    name: 'Seikkailuyhdistys Retki ry',
    kind: 'NGO',
    status: 'PENDING',
    description: 'Leirejä ja retkiä nuorille. Uintiretket ja melonta kesäisin.',
    municipalities: [TRE, '980', '604'],
    languages: ['fi'],
    accessibility: [],
    offerings: [
      [
        'DAY_ACTIVITIES',
        'Kesäleiri',
        'Viiden päivän leiri ohjaajien kanssa.',
        '130.00',
        'DAY',
        [1, 2, 3],
      ],
    ],
  },
  {
    name: 'Kotiapu Pikkuapu',
    kind: 'COMPANY',
    status: 'INFO_REQUESTED',
    description: 'Kotiapua ja asiointiapua.',
    municipalities: ['536'],
    languages: ['fi'],
    accessibility: [],
    offerings: [
      ['PERSONAL_ASSISTANCE', 'Asiointiapu', 'Apua kaupassa ja virastoissa.', '30.00', 'HOUR', []],
    ],
  },
  {
    name: 'Halpakyyti Tmi',
    kind: 'COMPANY',
    status: 'REJECTED',
    description: 'Kuljetuksia edullisesti.',
    municipalities: [TRE],
    languages: ['fi'],
    accessibility: [],
    offerings: [['TRANSPORT', 'Kyyti', 'Kuljetus.', '1.20', 'KILOMETRE', []]],
  },
];

const SUSPENSION_REASON =
  'Toimilupa vanhentunut; hyväksyntä keskeytetty uuden luvan toimittamiseen asti.';
const DECISION_REASONS: Partial<Record<ApprovalStatus, string>> = {
  SUSPENDED: SUSPENSION_REASON,
  INFO_REQUESTED: 'Toimittakaa omavalvontasuunnitelma ja vastuuvakuutustodistus.',
  REJECTED:
    'Ajoneuvoissa ei ole esteettömiä paikkoja eikä kuljettajilla ole koulutusta avustamiseen.',
};

/** A valid business id per demo provider (stable across runs). */
function demoBusinessId(index: number): string {
  for (let n = 2_900_000 + index * 1_031; ; n++) {
    const digits = String(n).padStart(7, '0');
    const check = businessIdCheckDigit(digits);
    if (check !== null) return `${digits}-${check}`;
  }
}

/** Banks of the demo accounts: a Finnish BBAN starts with the bank's code. */
const DEMO_BANKS: Array<[bankCode: string, bic: string]> = [
  ['123456', 'NDEAFIHH'],
  ['570001', 'OKOYFIHH'],
  ['800012', 'DABAFIHH'],
];

/**
 * A valid Finnish bank account per demo provider (stable across runs): bank code, account
 * number, the national Luhn check digit, and the IBAN check digits (ISO 7064 mod 97-10).
 */
export function demoPaymentAccount(index: number): PaymentAccount {
  const demoBank = DEMO_BANKS[index % DEMO_BANKS.length];
  if (!demoBank) throw new Error('DEMO_BANKS is empty');
  const [bank, bic] = demoBank;
  const body = `${bank}${String(1000 + index * 37).padStart(7, '0')}`;
  let sum = 0;
  for (const [i, ch] of Array.from(body).reverse().entries()) {
    const d = Number(ch) * (i % 2 === 0 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  }
  const bban = `${body}${(10 - (sum % 10)) % 10}`;
  const check =
    98n - (BigInt(`${bban}${'FI00'.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55))}`) % 97n);
  return { iban: `FI${String(check).padStart(2, '0')}${bban}`, bic };
}

/**
 * Contact details of a demo provider that names none of its own: an address and web site of
 * its name under `.example` and a Finnish mobile number, stable across runs.
 */
export function demoContact(
  index: number,
  name: string,
): { email: string; phone: string; website: string } {
  const slug = name
    .toLowerCase()
    .replace(/[äå]/g, 'a')
    .replace(/ö/g, 'o')
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !['oy', 'ry', 'ab', 'rf', 'ky', 'tmi', 'ja'].includes(w))
    .slice(0, 2)
    .join('-');
  const number = String(1_000_000 + index * 7_919).slice(-7);
  return {
    email: `info@${slug}.example`,
    phone: `+358 40 ${number.slice(0, 3)} ${number.slice(3)}`,
    website: `https://${slug}.example`,
  };
}

/** The demo catalogue of `pnpm start`. Runs only on empty tables. */
export async function seedProvidersDemo(db: DataSource, logger: Logger): Promise<void> {
  const [{ count }] = await db.query<[{ count: number }]>(
    `SELECT count(*)::int AS count FROM providers.provider`,
  );
  if (count > 0) return;
  const store = new ProviderStore(db);
  const accounts = new PaymentAccountStore(db);
  await db.transaction(async (m) => {
    for (const [index, p] of DEMO_PROVIDERS.entries()) {
      const [{ id }] = await m.query<[{ id: string }]>(
        `INSERT INTO providers.provider (id, name, business_id, kind, approval_status, description, email, phone,
           website, municipalities, languages, accessibility, created_at)
         VALUES (coalesce($1::uuid, gen_random_uuid()), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,
           now() - interval '90 days')
         RETURNING id`,
        [
          p.id ?? null,
          p.name,
          demoBusinessId(index),
          p.kind,
          p.status,
          p.description,
          p.email ?? demoContact(index, p.name).email,
          p.phone ?? demoContact(index, p.name).phone,
          p.website ?? demoContact(index, p.name).website,
          p.municipalities,
          p.languages,
          p.accessibility,
        ],
      );
      for (const [serviceType, title, description, price, unit, levels] of p.offerings) {
        await m.query(
          `INSERT INTO providers.offering (provider_id, service_type, title, description, price_cents, price_unit, class_levels)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [id, serviceType, title, description, Math.round(Number(price) * 100), unit, levels],
        );
      }
      const history: Array<[ApprovalStatus | null, ApprovalStatus, string, string, string | null]> =
        [[null, 'PENDING', 'anonymous', 'ANONYMOUS', null]];
      if (p.status !== 'PENDING') {
        const first = p.status === 'SUSPENDED' ? 'APPROVED' : p.status;
        history.push([
          'PENDING',
          first,
          DEMO.organiserId,
          'ORGANISER',
          DECISION_REASONS[first] ?? null,
        ]);
        if (p.status === 'SUSPENDED') {
          history.push(['APPROVED', 'SUSPENDED', DEMO.organiserId, 'ORGANISER', SUSPENSION_REASON]);
        }
      }
      for (const [from, to, actor, role, reason] of history) {
        await store.appendHistory(m, {
          providerId: id,
          fromStatus: from,
          toStatus: to,
          actorId: actor,
          actorRole: role,
          reason,
        });
      }
      await store.refreshSearchDocument(m, id);
      // The organiser's own production is never paid from a budget, so it needs no account.
      if (p.kind !== 'ORGANISER_OWN') {
        await accounts.seed(m, [{ providerId: id, ...demoPaymentAccount(index) }]);
      }
    }
  });
  logger.info({ providers: DEMO_PROVIDERS.length }, 'seeded demo providers');
}
