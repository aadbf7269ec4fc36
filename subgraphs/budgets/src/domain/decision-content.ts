import { requireIsoDate, toIsoDate } from './calendar';
import { formatDateFi, formatEuroFi } from './finnish-format';

/**
 * The content of a decision on a personal budget (henkilökohtaisen budjetin päätös), and its
 * text in Finnish or Swedish. Pure: the service gathers the facts, this decides what the
 * document says, the PDF renderer only lays it out. The content is stored with the decision,
 * so the document can always be rendered again exactly as it was made.
 */

export type DecisionKind = 'GRANT' | 'REASSESSMENT' | 'ENDING';
export type DecisionLanguage = 'fi' | 'sv';
/** Uses excluded for every budget holder (seeds: "ei rikolliseen toimintaan eikä uhkapeleihin"). */
export type ExcludedUse = 'CRIME' | 'GAMBLING';
export const GENERAL_EXCLUDED_USES: readonly ExcludedUse[] = ['CRIME', 'GAMBLING'];

/** Days the client has to ask for a review (oikaisuvaatimus, sosiaalihuoltolaki 48 §). */
export const APPEAL_DAYS = 30;

export interface DecisionContent {
  kind: DecisionKind;
  language: DecisionLanguage;
  version: number;
  previousDecisionId: string | null;
  clientName: string | null;
  municipalityCode: string;
  year: number;
  decidedOn: string;
  decider: { sub: string; name: string };
  service: { code: string; name: string };
  hbClass: {
    level: number | null;
    individual: boolean;
    pricingBasis: string;
    /** The assessment table: the criteria that place a client in this class. */
    criteria: string[];
  } | null;
  amountCents: number;
  unitPriceCents: number | null;
  /** How the amount was computed (the budget calculation's explanation). */
  calculation: string;
  instalments: Array<{ dueDate: string; amountCents: number }>;
  instrument: 'VOUCHER' | 'CARD';
  restrictions: {
    excludedUses: ExcludedUse[];
    organiserOwnServicesExcluded: boolean;
    other: string | null;
  };
  /** What of the service stays ordinary, e.g. "3 päivää viikossa tavallisessa päivätoiminnassa". */
  ordinaryPart: string | null;
  clientFees: string | null;
  legalBasis: string[];
  appealDeadline: string;
  ending: {
    endDate: string;
    reason: string;
    lapsedCents: number;
    cancelledCommitments: number;
  } | null;
}

/** Legal basis: the acts and sections the seeds name for an HB decision. */
export const LEGAL_BASIS: Record<DecisionLanguage, string[]> = {
  fi: [
    'Sosiaalihuoltolaki (1301/2014) 12 §: oikeus yksilölliseen tarpeeseen perustuviin sosiaalipalveluihin',
    'Sosiaalihuoltolaki (1301/2014) 45 §: päätös sosiaalihuollon järjestämisestä',
    'Vammaispalvelulaki: palvelusuunnitelman mukaiset palvelut',
    'Laki sosiaalihuollon asiakkaan asemasta ja oikeuksista (812/2000)',
    'Hallintolaki (434/2003) 44–45 §: päätöksen sisältö ja perustelut',
  ],
  sv: [
    'Socialvårdslagen (1301/2014) 12 §: rätt till socialservice enligt individuella behov',
    'Socialvårdslagen (1301/2014) 45 §: beslut om ordnande av socialvård',
    'Handikappservicelagen: service enligt serviceplanen',
    'Lagen om klientens ställning och rättigheter inom socialvården (812/2000)',
    'Förvaltningslagen (434/2003) 44–45 §: beslutets innehåll och motivering',
  ],
};

export interface DecisionFacts extends Omit<
  DecisionContent,
  'legalBasis' | 'appealDeadline' | 'restrictions'
> {
  excludeOrganiserOwnServices: boolean;
  otherRestrictions: string | null;
}

/** Builds the stored content: the fixed parts (legal basis, general restrictions, deadline). */
export function buildDecisionContent(f: DecisionFacts): DecisionContent {
  const { excludeOrganiserOwnServices, otherRestrictions, ...rest } = f;
  return {
    ...rest,
    restrictions: {
      excludedUses: [...GENERAL_EXCLUDED_USES],
      organiserOwnServicesExcluded: excludeOrganiserOwnServices,
      other: blankToNull(otherRestrictions),
    },
    ordinaryPart: blankToNull(f.ordinaryPart),
    clientFees: blankToNull(f.clientFees),
    legalBasis: LEGAL_BASIS[f.language],
    appealDeadline: appealDeadline(f.decidedOn),
  };
}

/** The last day to ask for a review: {@link APPEAL_DAYS} after the decision date. */
export function appealDeadline(decidedOn: string): string {
  return addDays(decidedOn, APPEAL_DAYS);
}

/** Whether an appeal filed on `filedOn` is within the time (late ones are still recorded). */
export function appealInTime(decidedOn: string, filedOn: string): boolean {
  return filedOn <= appealDeadline(decidedOn);
}

/** `iso` plus `days` calendar days (UTC arithmetic on a date, so no time zone shifts it). */
export function addDays(iso: string, days: number): string {
  const { year, month, day } = requireIsoDate(iso);
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return toIsoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

function blankToNull(s: string | null | undefined): string | null {
  const t = s?.trim();
  return t ? t : null;
}

export interface DecisionSection {
  heading: string;
  lines: string[];
}

export interface DecisionText {
  title: string;
  subtitle: string;
  sections: DecisionSection[];
}

const T = {
  fi: {
    title: {
      GRANT: 'Päätös henkilökohtaisesta budjetista',
      REASSESSMENT: 'Päätös henkilökohtaisesta budjetista (uudelleenarviointi)',
      ENDING: 'Päätös henkilökohtaisen budjetin päättämisestä',
    },
    version: (v: number, d: string) => `Päätöksen versio ${v}, päivätty ${d}`,
    replaces: 'Korvaa aiemman päätöksen',
    client: 'Asiakas',
    municipality: 'Kotikunta',
    decision: 'Päätös',
    granted: (service: string, year: number, amount: string) =>
      `Myönnetään henkilökohtainen budjetti palveluun ${service} vuodelle ${year}: ${amount}.`,
    ended: (date: string, reason: string) =>
      `Henkilökohtainen budjetti päättyy ${date}. Perustelu: ${reason}`,
    lapsed: (amount: string) =>
      `Käyttämätön osa ${amount} raukeaa ja palautuu järjestäjälle. Asiakas palaa tavanomaisiin palveluihin.`,
    cancelled: (n: number) => `Peruttuja maksusitoumuksia: ${n}.`,
    hbClass: 'HB-luokka ja arviointi',
    classLevel: (level: number | null) =>
      level === null ? 'Yksilöllinen HB-luokka' : `HB-luokka ${level}`,
    criteria: 'Arviointikriteerit, joiden perusteella asiakas sijoitetaan luokkaan:',
    met: 'täyttyy',
    amount: 'Budjetin määrä ja laskenta',
    total: 'Budjetti yhteensä',
    unitPrice: 'Yksikköhinta',
    instalments: 'Maksuerät',
    instrument: 'Maksuväline',
    instruments: { VOUCHER: 'HB-seteli', CARD: 'HB-kortti' },
    restrictions: 'Käytön rajoitukset',
    excluded: {
      CRIME: 'Budjettia ei saa käyttää rikolliseen toimintaan.',
      GAMBLING: 'Budjettia ei saa käyttää uhkapeleihin.',
    },
    organiserOwn: 'Budjetilla ei voi hankkia järjestäjän omia palveluja.',
    ordinary: 'Tavanomaisena palveluna järjestettävä osa',
    fees: 'Asiakasmaksut',
    noFees: 'Päätökseen ei liity asiakasmaksuja.',
    legal: 'Sovelletut oikeusohjeet',
    decider: 'Päätöksentekijä',
    appeal: 'Oikaisuvaatimusohje',
    appealText: (deadline: string) => [
      'Tähän päätökseen tyytymätön voi hakea siihen oikaisua vaatimalla oikaisuvaatimuksella.',
      'Oikaisuvaatimus tehdään hyvinvointialueen yksilöasioista päättävälle toimielimelle (yksilöasioiden jaosto).',
      `Oikaisuvaatimus on tehtävä 30 päivän kuluessa päätöksen tiedoksisaannista, viimeistään ${deadline}.`,
      'Oikaisuvaatimuksen voi tehdä HB-keskus-palvelussa päätöksen kohdalla tai kirjallisesti kirjaamoon. Siitä on käytävä ilmi vaatimus, sen perustelut sekä tekijän nimi ja yhteystiedot.',
      'Oikaisuvaatimus on maksuton.',
    ],
  },
  sv: {
    title: {
      GRANT: 'Beslut om personlig budget',
      REASSESSMENT: 'Beslut om personlig budget (ny bedömning)',
      ENDING: 'Beslut om att avsluta den personliga budgeten',
    },
    version: (v: number, d: string) => `Beslutets version ${v}, daterat ${d}`,
    replaces: 'Ersätter det tidigare beslutet',
    client: 'Klient',
    municipality: 'Hemkommun',
    decision: 'Beslut',
    granted: (service: string, year: number, amount: string) =>
      `En personlig budget beviljas för tjänsten ${service} för år ${year}: ${amount}.`,
    ended: (date: string, reason: string) =>
      `Den personliga budgeten upphör ${date}. Motivering: ${reason}`,
    lapsed: (amount: string) =>
      `Den oanvända delen ${amount} förfaller och återgår till anordnaren. Klienten återgår till sedvanlig service.`,
    cancelled: (n: number) => `Återkallade betalningsförbindelser: ${n}.`,
    hbClass: 'HB-klass och bedömning',
    classLevel: (level: number | null) =>
      level === null ? 'Individuell HB-klass' : `HB-klass ${level}`,
    criteria: 'Bedömningskriterier enligt vilka klienten placeras i klassen:',
    met: 'uppfylls',
    amount: 'Budgetens belopp och beräkning',
    total: 'Budget sammanlagt',
    unitPrice: 'Enhetspris',
    instalments: 'Betalningsrater',
    instrument: 'Betalningsmedel',
    instruments: { VOUCHER: 'HB-sedel', CARD: 'HB-kort' },
    restrictions: 'Begränsningar i användningen',
    excluded: {
      CRIME: 'Budgeten får inte användas för brottslig verksamhet.',
      GAMBLING: 'Budgeten får inte användas för hasardspel.',
    },
    organiserOwn: 'Med budgeten kan man inte skaffa anordnarens egna tjänster.',
    ordinary: 'Del som ordnas som sedvanlig service',
    fees: 'Klientavgifter',
    noFees: 'Beslutet medför inga klientavgifter.',
    legal: 'Tillämpade rättsregler',
    decider: 'Beslutsfattare',
    appeal: 'Anvisning om begäran om omprövning',
    appealText: (deadline: string) => [
      'Den som är missnöjd med beslutet kan begära omprövning.',
      'Begäran om omprövning riktas till välfärdsområdets organ som beslutar i individärenden (individsektionen).',
      `Begäran om omprövning ska göras inom 30 dagar från delfåendet av beslutet, senast ${deadline}.`,
      'Begäran kan göras i HB-keskus-tjänsten vid beslutet eller skriftligen till registratorskontoret. Av den ska framgå yrkandet, grunderna för det samt namn och kontaktuppgifter.',
      'Begäran om omprövning är avgiftsfri.',
    ],
  },
} as const;

/** The document's text in the decision's language (the PDF lays out exactly this). */
export function decisionText(c: DecisionContent): DecisionText {
  const t = T[c.language];
  const money = (cents: number) => formatEuroFi(cents);
  const date = (iso: string) => formatDateFi(iso);
  const sections: DecisionSection[] = [];
  sections.push({
    heading: t.client,
    lines: [...(c.clientName ? [c.clientName] : []), `${t.municipality}: ${c.municipalityCode}`],
  });
  const decisionLines =
    c.kind === 'ENDING' && c.ending
      ? [
          t.ended(date(c.ending.endDate), c.ending.reason),
          t.lapsed(money(c.ending.lapsedCents)),
          t.cancelled(c.ending.cancelledCommitments),
        ]
      : [t.granted(c.service.name, c.year, money(c.amountCents))];
  sections.push({ heading: t.decision, lines: decisionLines });
  if (c.hbClass) {
    sections.push({
      heading: t.hbClass,
      lines: [
        `${c.service.name}: ${t.classLevel(c.hbClass.individual ? null : c.hbClass.level)}`,
        ...(c.hbClass.criteria.length > 0
          ? [t.criteria, ...c.hbClass.criteria.map((k) => `• ${k} – ${t.met}`)]
          : []),
      ],
    });
  }
  if (c.kind !== 'ENDING') {
    sections.push({
      heading: t.amount,
      lines: [
        `${t.total}: ${money(c.amountCents)}`,
        ...(c.unitPriceCents !== null ? [`${t.unitPrice}: ${money(c.unitPriceCents)}`] : []),
        c.calculation,
      ],
    });
    sections.push({
      heading: t.instalments,
      lines: [
        `${t.instrument}: ${t.instruments[c.instrument]}`,
        ...c.instalments.map((i) => `${date(i.dueDate)}: ${money(i.amountCents)}`),
      ],
    });
  }
  sections.push({
    heading: t.restrictions,
    lines: [
      ...c.restrictions.excludedUses.map((u) => t.excluded[u]),
      ...(c.restrictions.organiserOwnServicesExcluded ? [t.organiserOwn] : []),
      ...(c.restrictions.other ? [c.restrictions.other] : []),
    ],
  });
  if (c.ordinaryPart) sections.push({ heading: t.ordinary, lines: [c.ordinaryPart] });
  sections.push({ heading: t.fees, lines: [c.clientFees ?? t.noFees] });
  sections.push({ heading: t.legal, lines: c.legalBasis });
  sections.push({ heading: t.decider, lines: [`${c.decider.name}, ${date(c.decidedOn)}`] });
  sections.push({ heading: t.appeal, lines: [...t.appealText(date(c.appealDeadline))] });
  return {
    title: t.title[c.kind],
    subtitle: [
      t.version(c.version, date(c.decidedOn)),
      ...(c.previousDecisionId ? [`${t.replaces} (${c.previousDecisionId})`] : []),
    ].join(' · '),
    sections,
  };
}
