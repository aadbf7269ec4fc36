import type { PricingBasis } from '../domain';

/** One seeded HB class (Keusote model); prices are the demo's preliminary values in cents. */
export interface SeedClass {
  serviceType: string;
  level: number | null;
  pricingBasis: PricingBasis;
  priceCents: number | null;
  criteria: string[];
  minAge?: number;
  maxAge?: number;
  minKilometres?: number;
  maxKilometres?: number;
}

export const SERVICE_TYPES: Array<[code: string, name: string, nameSv: string, unitLabel: string]> =
  [
    ['DAY_ACTIVITIES', 'Päiväaikainen toiminta', 'Dagverksamhet', 'päivä'],
    ['RESPITE_CARE', 'Omaishoidon tuen vapaat', 'Ledighet för närståendevårdare', 'vuorokausi'],
    ['TRANSPORT', 'Kuljetuspalvelut', 'Färdtjänst', 'km'],
    // Named HB-suitable in Pirkanmaa (DOMAIN.md); no class table yet, so only the individual class.
    ['PERSONAL_ASSISTANCE', 'Henkilökohtainen apu', 'Personlig assistans', 'tunti'],
    ['HOUSING', 'Asumispalvelut', 'Boendeservice', 'vuorokausi'],
    ['WORK_AND_DAY_ACTIVITY', 'Työ- ja päivätoiminta', 'Arbets- och dagverksamhet', 'päivä'],
    ['FAMILY_SERVICES', 'Perhepalvelut', 'Familjetjänster', 'tunti'],
  ];

const day = (
  level: number,
  basis: PricingBasis,
  priceCents: number | null,
  c: [string, string, string, string, string],
): SeedClass => ({
  serviceType: 'DAY_ACTIVITIES',
  level,
  pricingBasis: basis,
  priceCents,
  criteria: [
    `Arkielämän toimet: ${c[0]}`,
    `Liikkuminen tutussa ympäristössä ja ulkona: ${c[1]}`,
    `Ryhmässä ja tutuissa tehtävissä toimiminen: ${c[2]}`,
    `Kommunikointi, vuorovaikutus ja ajankäytön hahmottaminen: ${c[3]}`,
    `Elämää koskevat valinnat: ${c[4]}`,
  ],
});

const choicesSupport =
  'itsenäisesti, mutta tarvitsee toisinaan tukea mielipiteen muodostamiseen ja päätöksentekoon';

/** Päiväaikainen toiminta: classes 1–2 per hour, 3–7 per day; 3 and 6 have no value yet. */
export const DAY_ACTIVITY_CLASSES: SeedClass[] = [
  day(1, 'HOUR', 1800, [
    'lähes itsenäisesti',
    'itsenäisesti ja pystyy käyttämään julkisia joukkoliikennevälineitä',
    'itsenäisesti',
    'voi olla lieviä haasteita sosiaalisessa ja/tai kognitiivisessa toimintakyvyssä',
    choicesSupport,
  ]),
  day(2, 'HOUR', 2400, [
    'useimmista toimista itsenäisesti',
    'itsenäisesti; harjoittelemalla voi oppia käyttämään joukkoliikennevälineitä tutuilla reiteillä',
    'itsenäisesti',
    'lieviä haasteita sosiaalisessa ja/tai kognitiivisessa toimintakyvyssä',
    choicesSupport,
  ]),
  day(3, 'DAY', null, [
    'useimmista toimista itsenäisesti',
    'itsenäisesti, mutta voi tarvita tukea ulkona liikkumiseen',
    'melko itsenäisesti',
    'haasteita sosiaalisessa ja/tai kognitiivisessa toimintakyvyssä',
    'tarvitsee tukea valintojen tekemiseen',
  ]),
  day(4, 'DAY', 12000, [
    'tarvitsee ohjausta, tukea ja/tai apua',
    'melko itsenäisesti, mutta tarvitsee tukea ulkona liikkumiseen',
    'riittävän tuen avulla melko itsenäisesti',
    'voi tarvita tukea',
    'tarvitsee tukea valintojen tekemiseen',
  ]),
  day(5, 'DAY', 16000, [
    'tarvitsee paljon ohjausta, tukea ja apua',
    'tarvitsee tukea ja apua sekä tutussa ympäristössä että ulkona liikkumisessa',
    'tarvitsee tukea ja apua',
    'tarvitsee tukea',
    'tarvitsee tuettua päätöksentekoa',
  ]),
  day(6, 'DAY', null, [
    'tarvitsee jatkuvasti ja erittäin paljon ohjausta, tukea ja apua',
    'tarvitsee paljon tukea ja apua sekä tutussa ympäristössä että ulkona liikkumisessa',
    'tarvitsee jatkuvaa ja erittäin paljon tukea',
    'tarvitsee jatkuvaa tukea',
    'tarvitsee tuettua päätöksentekoa',
  ]),
  day(7, 'DAY', 24000, [
    'tarvitsee jatkuvaa ja kokonaisvaltaista ohjausta sekä runsaasti tukea ja apua; jatkuva valvonta',
    'tarvitsee runsaasti tukea ja apua sekä tutussa ympäristössä että ulkona liikkumisessa',
    'tarvitsee jatkuvaa ja kokonaisvaltaista tukea',
    'tarvitsee jatkuvaa ja kokonaisvaltaista tukea',
    'tarvitsee jatkuvaa tuettua päätöksentekoa',
  ]),
];

const respite = (
  level: number,
  priceCents: number,
  c: [string, string, string, string, string],
): SeedClass => ({
  serviceType: 'RESPITE_CARE',
  level,
  pricingBasis: 'DAY',
  priceCents,
  minAge: level <= 3 ? 0 : 18,
  maxAge: level <= 3 ? 17 : 64,
  criteria: [
    level <= 3
      ? 'Alle 18-vuotias, tarvitsee paljon enemmän hoitoa ja huolenpitoa kuin ikäisensä lapsi keskimäärin'
      : '18 – alle 65-vuotias',
    `Välitön valvonta päivisin: ${c[0]}`,
    `Valvonta päivittäisissä toiminnoissa: ${c[1]}`,
    `Yksin oleminen yöaikaan: ${c[2]}`,
    `Ohjaus, apu ja huolenpito päivittäisissä toiminnoissa: ${c[3]}`,
    `Hoito ja huolenpito yöaikaan: ${c[4]}`,
  ],
});

/** Omaishoidon tuen vapaat: classes 1–3 for clients under 18, 4–6 for 18 to under 65. */
export const RESPITE_CLASSES: SeedClass[] = [
  respite(1, 13000, [
    'ei, mutta tukea tulee olla saatavilla tarpeen mukaan',
    'toistuvasti',
    'ei (säännöllinen valvonnan tarve)',
    'toistuvasti',
    'ei, avun tarve on satunnaista ja vähäistä',
  ]),
  respite(2, 17000, [
    'kyllä, pääsääntöisesti ei voi olla lyhyttäkään aikaa ilman valvontaa',
    'jatkuvasti',
    'ei (säännöllinen valvonnan tarve)',
    'jatkuvasti paljon',
    'kyllä, säännöllistä hoidon ja avun tarvetta',
  ]),
  respite(3, 22000, [
    'kyllä, ei voi olla lyhyttäkään aikaa ilman valvontaa',
    'jatkuvasti',
    'ei (säännöllinen valvonnan tarve)',
    'jatkuvasti runsaasti',
    'kyllä, säännöllistä hoidon ja avun tarvetta',
  ]),
  respite(4, 14000, [
    'ei, voi olla osan vuorokaudesta ilman välitöntä valvontaa',
    'toistuvasti',
    'kyllä, voi olla satunnaista valvonnan tarvetta',
    'toistuvasti',
    'ei, avun tarve on satunnaista ja vähäistä',
  ]),
  respite(5, 19000, [
    'kyllä, pääsääntöisesti ei voi olla lyhyttäkään aikaa ilman valvontaa',
    'jatkuvasti',
    'ei, säännöllinen valvonnan tarve',
    'jatkuvasti paljon',
    'kyllä, säännöllistä hoidon ja avun tarvetta',
  ]),
  respite(6, 25000, [
    'ei, hoidosta huolehtivan henkilön on oltava jatkuvasti läsnä',
    'jatkuvasti',
    'ei, säännöllinen valvonnan tarve',
    'jatkuvasti runsaasti',
    'kyllä, säännöllistä hoidon ja avun tarvetta',
  ]),
];

const band = (level: number, min: number, max: number): SeedClass => ({
  serviceType: 'TRANSPORT',
  level,
  pricingBasis: 'KILOMETRE',
  priceCents: 180,
  minKilometres: min,
  maxKilometres: max,
  criteria: [
    `Arvioitu vapaa-ajan matkustustarve ${min}–${max} km vuodessa`,
    'Työ- ja opiskelumatkat arvioidaan erikseen',
    'Kilometrit saa käyttää vapaasti: ei kuukausi- eikä aluerajoitusta',
  ],
});

/** Kuljetuspalvelut: four kilometre bands; over 4000 km is the individual class. */
export const TRANSPORT_CLASSES: SeedClass[] = [
  band(1, 0, 1000),
  band(2, 1000, 2000),
  band(3, 2000, 3000),
  band(4, 3000, 4000),
];

/** Yksilöllinen HB of each service: a professional sets the value. */
export const INDIVIDUAL_CLASSES: SeedClass[] = SERVICE_TYPES.map(([code]) => ({
  serviceType: code,
  level: null,
  pricingBasis: 'YEAR',
  priceCents: null,
  criteria:
    code === 'TRANSPORT'
      ? ['Arvioitu matkustustarve yli 4000 km vuodessa: ammattilainen arvioi yksilöllisen budjetin']
      : [
          'Tarve ei sovi luokkiin tai luokalla ei ole arvoa: ammattilainen arvioi yksilöllisen budjetin',
        ],
}));

export const ALL_CLASSES = [
  ...DAY_ACTIVITY_CLASSES,
  ...RESPITE_CLASSES,
  ...TRANSPORT_CLASSES,
  ...INDIVIDUAL_CLASSES,
];
