import {
  addDays,
  appealDeadline,
  appealInTime,
  buildDecisionContent,
  decisionText,
  type DecisionFacts,
} from './decision-content';

const base: DecisionFacts = {
  kind: 'GRANT',
  language: 'fi',
  version: 1,
  previousDecisionId: null,
  clientName: 'Essi',
  municipalityCode: '837',
  year: 2026,
  decidedOn: '2026-03-02',
  decider: { sub: 'w1', name: 'Outi Omatyöntekijä' },
  service: { code: 'DAY_ACTIVITIES', name: 'Päivätoiminta' },
  hbClass: {
    level: 2,
    individual: false,
    pricingBasis: 'DAY',
    criteria: ['Tarvitsee ohjausta päivittäin', 'Ei tarvitse hoitoa'],
  },
  amountCents: 1_234_556,
  unitPriceCents: 5_600,
  calculation: '220 päivää × 56,00 €',
  instalments: [
    { dueDate: '2026-04-01', amountCents: 600_000 },
    { dueDate: '2026-07-01', amountCents: 634_556 },
  ],
  instrument: 'VOUCHER',
  excludeOrganiserOwnServices: true,
  otherRestrictions: '  ',
  ordinaryPart: '3 päivää viikossa tavallisessa päivätoiminnassa',
  clientFees: null,
  ending: null,
};

const flat = (facts: DecisionFacts) => {
  const t = decisionText(buildDecisionContent(facts));
  return [t.title, t.subtitle, ...t.sections.flatMap((s) => [s.heading, ...s.lines])]
    .join('\n')
    .replace(/\u00a0/g, ' ');
};

describe('decision content', () => {
  it.each([
    ['2026-03-02', '2026-04-01'],
    ['2026-12-15', '2027-01-14'],
    ['2028-02-01', '2028-03-02'], // a leap year's February has 29 days
  ])('the appeal deadline of a decision of %s is %s', (decided, deadline) => {
    expect(appealDeadline(decided)).toBe(deadline);
  });

  it.each([
    ['2026-04-01', true],
    ['2026-04-02', false],
    ['2026-03-02', true],
  ])('an appeal filed on %s is in time: %s', (filed, inTime) => {
    expect(appealInTime('2026-03-02', filed)).toBe(inTime);
  });

  it('adds days across a year end', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('always excludes crime and gambling, blank free text is no restriction', () => {
    const c = buildDecisionContent(base);
    expect(c.restrictions).toEqual({
      excludedUses: ['CRIME', 'GAMBLING'],
      organiserOwnServicesExcluded: true,
      other: null,
    });
    expect(c.legalBasis.some((l) => l.startsWith('Sosiaalihuoltolaki'))).toBe(true);
  });

  it.each<[string, Partial<DecisionFacts>, string[], string[]]>([
    [
      'a first decision in Finnish',
      {},
      [
        'Päätös henkilökohtaisesta budjetista',
        '12 345,56 €',
        'HB-luokka 2',
        'Tarvitsee ohjausta päivittäin – täyttyy',
        'Budjettia ei saa käyttää rikolliseen toimintaan.',
        'Budjettia ei saa käyttää uhkapeleihin.',
        'järjestäjän omia palveluja',
        '3 päivää viikossa tavallisessa päivätoiminnassa',
        'Päätökseen ei liity asiakasmaksuja.',
        'Oikaisuvaatimusohje',
        '30 päivän kuluessa',
        'viimeistään 1.4.2026',
        'HB-seteli',
        '1.4.2026: 6 000,00 €',
        '220 päivää × 56,00 €',
        'Sosiaalihuoltolaki (1301/2014) 12 §',
        'Outi Omatyöntekijä, 2.3.2026',
      ],
      ['Beslut', 'uppfylls'],
    ],
    [
      'a re-assessment in Swedish with fees and a free-text restriction',
      {
        kind: 'REASSESSMENT',
        language: 'sv',
        version: 2,
        previousDecisionId: 'prev-id',
        clientFees: 'Klientavgift 10 € per dag',
        otherRestrictions: 'Inte för resor utomlands',
        excludeOrganiserOwnServices: false,
      },
      [
        'Beslut om personlig budget (ny bedömning)',
        'Beslutets version 2',
        'Ersätter det tidigare beslutet (prev-id)',
        'HB-klass 2',
        'Budgeten får inte användas för brottslig verksamhet.',
        'hasardspel',
        'Inte för resor utomlands',
        'Klientavgift 10 € per dag',
        'Anvisning om begäran om omprövning',
        'inom 30 dagar',
        'Socialvårdslagen',
      ],
      ['anordnarens egna tjänster', 'Päätös', 'täyttyy'],
    ],
    [
      'an ending',
      {
        kind: 'ENDING',
        version: 3,
        previousDecisionId: 'p',
        ending: {
          endDate: '2026-06-30',
          reason: 'Asiakas palaa tavanomaisiin palveluihin omasta pyynnöstään.',
          lapsedCents: 400_000,
          cancelledCommitments: 2,
        },
      },
      [
        'Päätös henkilökohtaisen budjetin päättämisestä',
        'päättyy 30.6.2026',
        'Käyttämätön osa 4 000,00 € raukeaa',
        'Peruttuja maksusitoumuksia: 2.',
        'Oikaisuvaatimusohje',
        'uhkapeleihin',
      ],
      ['Maksuerät', 'Myönnetään'],
    ],
    [
      'an individual class says so, not a level',
      { hbClass: { level: null, individual: true, pricingBasis: 'YEAR', criteria: [] } },
      ['Yksilöllinen HB-luokka'],
      ['Arviointikriteerit', 'HB-luokka 2'],
    ],
  ])('%s', (_name, change, contains, lacks) => {
    const text = flat({ ...base, ...change });
    for (const s of contains) expect(text).toContain(s);
    for (const s of lacks) expect(text).not.toContain(s);
  });
});
