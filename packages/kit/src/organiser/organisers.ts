import type { Principal } from '../auth/principal';

/** Who organises social services: a wellbeing services county, or a city that organises its own. */
export type OrganiserKind = 'WELLBEING_SERVICES_COUNTY' | 'CITY';

export interface OrganiserMunicipality {
  /** Statistics Finland municipality code (kuntanumero). */
  code: string;
  name: string;
  nameSv: string | null;
}

export interface OrganiserReference {
  /** Stable id, carried in organiser tokens (`hb_organiser`) and keyed in the graph. */
  id: string;
  name: string;
  nameSv: string | null;
  kind: OrganiserKind;
  municipalities: readonly OrganiserMunicipality[];
}

/** Pirkanmaan hyvinvointialue, the organiser of the demo world. */
export const PIRKANMAA_ORGANISER_ID = 'pirkanmaa';

const m = (code: string, name: string, nameSv: string | null = null): OrganiserMunicipality => ({
  code,
  name,
  nameSv,
});

/**
 * The organisers and their municipalities (Act on wellbeing services counties 611/2021, in
 * force 1.1.2023). Reference data that changes only by law, kept here so that every subgraph can
 * tell "this municipality belongs to my organiser" from a token alone, without asking the
 * clients subgraph, whose `organiser` table serves the same facts to the graph (its migration
 * is filled from this list).
 */
export const ORGANISERS: readonly OrganiserReference[] = [
  {
    id: PIRKANMAA_ORGANISER_ID,
    name: 'Pirkanmaan hyvinvointialue',
    nameSv: 'Birkalands välfärdsområde',
    kind: 'WELLBEING_SERVICES_COUNTY',
    municipalities: [
      m('020', 'Akaa'),
      m('108', 'Hämeenkyrö', 'Tavastkyro'),
      m('143', 'Ikaalinen', 'Ikalis'),
      m('177', 'Juupajoki'),
      m('211', 'Kangasala'),
      m('250', 'Kihniö'),
      m('291', 'Kuhmoinen'),
      m('418', 'Lempäälä'),
      m('508', 'Mänttä-Vilppula'),
      m('536', 'Nokia'),
      m('562', 'Orivesi'),
      m('581', 'Parkano'),
      m('604', 'Pirkkala', 'Birkala'),
      m('619', 'Punkalaidun'),
      m('635', 'Pälkäne'),
      m('702', 'Ruovesi'),
      m('790', 'Sastamala'),
      m('837', 'Tampere', 'Tammerfors'),
      m('887', 'Urjala'),
      m('908', 'Valkeakoski'),
      m('922', 'Vesilahti'),
      m('936', 'Virrat', 'Virdois'),
      m('980', 'Ylöjärvi'),
    ],
  },
  {
    id: 'kanta-hame',
    name: 'Kanta-Hämeen hyvinvointialue',
    nameSv: 'Egentliga Tavastlands välfärdsområde',
    kind: 'WELLBEING_SERVICES_COUNTY',
    municipalities: [
      m('061', 'Forssa'),
      m('082', 'Hattula'),
      m('086', 'Hausjärvi'),
      m('103', 'Humppila'),
      m('109', 'Hämeenlinna', 'Tavastehus'),
      m('165', 'Janakkala'),
      m('169', 'Jokioinen', 'Jockis'),
      m('433', 'Loppi', 'Loppis'),
      m('694', 'Riihimäki'),
      m('834', 'Tammela'),
      m('981', 'Ypäjä'),
    ],
  },
  {
    // Helsinki organises its own social and health services (611/2021, section 5).
    id: 'helsinki',
    name: 'Helsingin kaupunki',
    nameSv: 'Helsingfors stad',
    kind: 'CITY',
    municipalities: [m('091', 'Helsinki', 'Helsingfors')],
  },
];

const byId = new Map(ORGANISERS.map((o) => [o.id, o]));
const byMunicipality = new Map(
  ORGANISERS.flatMap((o) => o.municipalities.map((mu) => [mu.code, o] as const)),
);

export function organiserById(id: string): OrganiserReference | null {
  return byId.get(id) ?? null;
}

/** The organiser of a municipality, or null for a municipality this list does not know. */
export function organiserOfMunicipality(code: string): OrganiserReference | null {
  return byMunicipality.get(code) ?? null;
}

/** The municipality codes of an organiser; none for an unknown organiser. */
export function municipalityCodesOf(organiserId: string): string[] {
  return (byId.get(organiserId)?.municipalities ?? []).map((mu) => mu.code);
}

/** Roles whose tokens are scoped to an organiser (`hb_organiser`) rather than to municipalities. */
export const ORGANISER_SCOPED_ROLES: ReadonlyArray<Principal['role']> = [
  'ORGANISER',
  'MUNICIPAL_SYSTEM',
];

/**
 * Whether a principal acts for the whole of an organiser: its token names the organiser, or
 * (an older token) lists every one of its municipalities. Organiser-wide decisions (class
 * values) need this; a token of one municipality does not speak for the county.
 */
export function actsForOrganiser(p: Principal | null, organiserId: string): boolean {
  if (!p) return false;
  if (p.organiserId) return p.organiserId === organiserId;
  const codes = municipalityCodesOf(organiserId);
  return codes.length > 0 && codes.every((c) => p.municipalities.includes(c));
}
