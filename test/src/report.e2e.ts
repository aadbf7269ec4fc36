import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { DEMO } from '@hb/kit';
import {
  createClient,
  issueCommitment,
  moreTokens,
  otherProviderId,
  tokens,
  usePlatform,
} from './testkit';

/**
 * Organiser reporting end to end: a known year of data in Urjala (887), built through the
 * gateway (clients, budgets decided for last year on its last day, charges of two providers confirmed by the
 * clients, plans with provider switches, goal reviews and feedback, the year closed), then every
 * figure of the federated `report`, small-group suppression, refusals and the CSV export.
 */
const platform = usePlatform();
const M = '887';
const LY = new Date().getFullYear() - 1;

/**
 * A gateway whose budgets instance lives on the last day of last year: a decision for a year
 * that is over is refused (YEAR_PAST), so last year's budgets are decided as they were then.
 */
let lastYearGateway: string;

async function must<T>(
  field: string,
  query: string,
  variables: Record<string, unknown>,
  token: string,
  gatewayUrl?: string,
): Promise<T> {
  type Payload = Record<string, { errors?: unknown[] } & Record<string, unknown>>;
  const res = gatewayUrl
    ? ((await (
        await fetch(gatewayUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query, variables }),
        })
      ).json()) as { data?: Payload; errors?: unknown[] })
    : await platform.gql<Payload>(query, variables, { token });
  const payload = res.data?.[field];
  if (!payload || res.errors?.length || (payload.errors && payload.errors.length > 0)) {
    throw new Error(`${field} failed: ${JSON.stringify(res)}`);
  }
  return payload as T;
}

const REPORT = `query($m: ID!, $y: Int!) { report(municipalityCode: $m, year: $y) {
  municipalityCode year minGroupSize hbClientCount clientCount hbShare
  costs { serviceType { code } suppressed clientCount budgetCount granted { amount } paidOut { amount } spent { amount } pending { amount } lapsed { amount } }
  totalCost { suppressed clientCount budgetCount granted { amount } paidOut { amount } spent { amount } pending { amount } lapsed { amount } }
  providers { provider { id name } suppressed clientCount chargeCount spent { amount } pending { amount } }
  alerts { kind suppressed count clientCount }
  providerSwitches { suppressed count clientCount reasons { reason suppressed count clientCount } }
  goals { suppressed clientCount goalCount reviewCount averageAttainment overdueShare }
  feedback { targetKind suppressed count averageRating }
} }`;

let providerA: string;
let providerB: string;
let providerAName: string;
let providerBName: string;

beforeAll(async () => {
  const t = tokens(platform);
  const adviser = await moreTokens(platform).adviserOf([M]);
  const lastYearBudgets = await platform.startInstance('budgets', { TEST_TODAY: `${LY}-12-31` });
  lastYearGateway = (await platform.startGateway({ BUDGETS_URL: lastYearBudgets.url })).url;
  providerA = DEMO.providerId;
  providerB = await otherProviderId(platform, providerA);
  const names = await platform.gql<{ a: { name: string }; b: { name: string } }>(
    `query($a: ID!, $b: ID!) { a: provider(id: $a) { name } b: provider(id: $b) { name } }`,
    { a: providerA, b: providerB },
    { token: adviser },
  );
  providerAName = names.data!.a.name;
  providerBName = names.data!.b.name;

  const classes = await platform.gql<{
    serviceTypes: Array<{ code: string; classes: Array<{ id: string; individual: boolean }> }>;
  }>(
    `query($m: ID!) { serviceTypes { code classes(municipalityCode: $m) { id individual } } }`,
    { m: M },
    { token: adviser },
  );
  const individual = classes
    .data!.serviceTypes.find((s) => s.code === 'DAY_ACTIVITIES')!
    .classes.find((c) => c.individual)!.id;

  // Each charge draws on a commitment of its own amount (maksusitoumus), issued just before.
  const charge = async (budgetId: string, providerId: string, amount: string) =>
    (
      await must<{ transaction: { id: string } }>(
        'recordCharge',
        `mutation($i: RecordChargeInput!) { recordCharge(input: $i) { transaction { id } errors { code message field } } }`,
        {
          i: {
            commitmentId: (
              await issueCommitment(platform, adviser, { budgetId, providerId, amount })
            ).id,
            providerId,
            amount,
            serviceDate: `${LY}-06-15`,
            description: 'Ohjaus',
            idempotencyKey: crypto.randomUUID(),
          },
        },
        adviser,
      )
    ).transaction.id;

  for (let i = 0; i < 6; i++) {
    const client = await createClient(platform, adviser, {
      municipalityCode: M,
      firstName: `Raportti${i}`,
    });
    const clientToken = await t.client(client.id);
    // 2 days a week × 48 weeks × 160 € = 15 360 €, for last year: every instalment is already due and paid.
    const { budget } = await must<{ budget: { id: string } }>(
      'decideBudget',
      `mutation($i: DecideBudgetInput!) { decideBudget(input: $i) { budget { id } errors { code message field } } }`,
      {
        i: {
          clientId: client.id,
          year: LY,
          serviceType: 'DAY_ACTIVITIES',
          hbClassId: individual,
          unitPrice: '160.00',
          weeklyUnits: 2,
          weeks: 48,
          paymentIntervalMonths: 3,
          instrument: 'VOUCHER',
        },
      },
      adviser,
      lastYearGateway,
    );
    // Clients 0–4 buy from provider A (1 000 €), client 5 from provider B (500 €); client 0 has 100 € pending.
    const txId = await charge(
      budget.id,
      i < 5 ? providerA : providerB,
      i < 5 ? '1000.00' : '500.00',
    );
    await must(
      'confirmCharge',
      `mutation($t: ID!) { confirmCharge(transactionId: $t) { transaction { id } errors { code message } } }`,
      { t: txId },
      clientToken,
    );
    if (i === 0) await charge(budget.id, providerA, '100.00');

    // A plan of last year with one goal due for review on 30 June, allocated to provider A.
    const { plan } = await must<{ plan: { id: string; goals: Array<{ id: string }> } }>(
      'createPlan',
      `mutation($i: CreatePlanInput!) { createPlan(input: $i) { plan { id goals { id } } errors { code message field } } }`,
      {
        i: {
          clientId: client.id,
          municipalityCode: M,
          year: LY,
          supportNeeds: 'Tuki',
          practicalPlan: 'Käytäntö',
          goals: [{ description: 'Itsenäinen asiointi', reviewDates: [`${LY}-06-30`] }],
        },
      },
      adviser,
    );
    const { plan: allocated } = await must<{ plan: { allocations: Array<{ id: string }> } }>(
      'setAllocations',
      `mutation($p: ID!, $a: [AllocationInput!]!) { setAllocations(planId: $p, allocations: $a) { plan { allocations { id } } errors { code message field } } }`,
      {
        p: plan.id,
        a: [
          {
            budgetId: budget.id,
            providerId: providerA,
            amount: '10000.00',
            description: 'Päivätoiminta',
          },
        ],
      },
      adviser,
    );
    // Clients 0–4 accept their plans; client 5's stays a draft (its goal does not count).
    if (i < 5) {
      await must(
        'acceptPlan',
        `mutation($p: ID!) { acceptPlan(planId: $p, onBehalfReason: "Hyväksytty tapaamisessa") { plan { id } errors { code message field } } }`,
        { p: plan.id },
        adviser,
      );
    }
    // Five clients switch for the same reason (spelt differently), one for a reason of its own.
    await must(
      'switchProvider',
      `mutation($a: ID!, $p: ID!, $r: String!) { switchProvider(allocationId: $a, providerId: $p, reason: $r) { plan { id } errors { code message field } } }`,
      {
        a: allocated.allocations[0]!.id,
        p: providerB,
        r:
          i < 5
            ? i % 2
              ? '  parempi   SAATAVUUS '
              : 'Parempi saatavuus'
            : 'Muutto toiselle paikkakunnalle',
      },
      adviser,
    );
    // Two goals reviewed in time (60 % and 80 %); the other three accepted goals are overdue.
    if (i < 2) {
      await must(
        'reviewGoal',
        `mutation($g: ID!, $i: GoalReviewInput!) { reviewGoal(goalId: $g, input: $i) { plan { id } errors { code message field } } }`,
        { g: plan.goals[0]!.id, i: { reviewedAt: `${LY}-06-20`, attainment: i === 0 ? 60 : 80 } },
        adviser,
      );
    }
    // Feedback on the plan from clients 0–4 (ratings 5, 4, 4, 3, 4), on provider B from client 5.
    await must(
      'submitFeedback',
      `mutation($i: FeedbackInput!) { submitFeedback(input: $i) { errors { code message field } } }`,
      {
        i:
          i < 5
            ? { clientId: client.id, planId: plan.id, rating: [5, 4, 4, 3, 4][i], text: 'Hyvä' }
            : {
                clientId: client.id,
                planId: plan.id,
                providerId: providerB,
                rating: 2,
                text: 'Huono',
              },
      },
      clientToken,
    );
  }
  await must(
    'closeYear',
    `mutation($m: ID!, $y: Int!) { closeYear(municipalityCode: $m, year: $y) { closedCount errors { code message } } }`,
    { m: M, y: LY },
    await t.organiser(M),
  );
}, 300_000);

const eur = (amount: string) => ({ amount });

describe('organiser report', () => {
  it('gives every figure of a known year exactly', async () => {
    const res = await platform.gql(
      REPORT,
      { m: M, y: LY },
      { token: await tokens(platform).organiser(M) },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.report).toEqual({
      municipalityCode: M,
      year: LY,
      minGroupSize: 5,
      hbClientCount: 6,
      clientCount: 6,
      hbShare: 1,
      costs: [
        {
          serviceType: { code: 'DAY_ACTIVITIES' },
          suppressed: false,
          clientCount: 6,
          budgetCount: 6,
          granted: eur('92160.00'),
          paidOut: eur('92160.00'),
          spent: eur('5500.00'),
          pending: eur('100.00'),
          lapsed: eur('86560.00'),
        },
      ],
      totalCost: {
        suppressed: false,
        clientCount: 6,
        budgetCount: 6,
        granted: eur('92160.00'),
        paidOut: eur('92160.00'),
        spent: eur('5500.00'),
        pending: eur('100.00'),
        lapsed: eur('86560.00'),
      },
      providers: [
        // Five clients, but total spent and pending minus these would be provider B's lone
        // client's: hidden as its complement (complementary suppression).
        {
          provider: { id: providerA, name: providerAName },
          suppressed: true,
          clientCount: null,
          chargeCount: null,
          spent: null,
          pending: null,
        },
        // One client: suppressed.
        {
          provider: { id: providerB, name: providerBName },
          suppressed: true,
          clientCount: null,
          chargeCount: null,
          spent: null,
          pending: null,
        },
      ],
      // The year is closed: no alert is open any more.
      alerts: [],
      providerSwitches: {
        suppressed: false,
        count: 6,
        clientCount: 6,
        reasons: [
          // Written alike by five clients, so the text is shown; its counts are not, as 6 − 5
          // would count the lone client's reason.
          { reason: 'Parempi saatavuus', suppressed: true, count: null, clientCount: null },
          // The reason of one client alone is neither shown nor counted.
          { reason: null, suppressed: true, count: null, clientCount: null },
        ],
      },
      goals: {
        suppressed: false,
        clientCount: 5,
        goalCount: 5,
        reviewCount: 2,
        averageAttainment: 70,
        overdueShare: 0.6,
      },
      feedback: [
        { targetKind: 'PLAN', suppressed: false, count: 5, averageRating: 4 },
        { targetKind: 'PROVIDER', suppressed: true, count: null, averageRating: null },
      ],
    });
  });

  it('is the same for a municipal system with reports:read, and listed by reports(year)', async () => {
    const token = await moreTokens(platform).municipalSystem(M, ['reports:read']);
    const res = await platform.gql<{
      reports: Array<{
        municipalityCode: string;
        hbClientCount: number;
        clientCount: number;
        goals: { goalCount: number };
      }>;
    }>(
      `query($y: Int!) { reports(year: $y) { municipalityCode hbClientCount clientCount goals { goalCount } } }`,
      { y: LY },
      { token },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.reports).toEqual([
      { municipalityCode: M, hbClientCount: 6, clientCount: 6, goals: { goalCount: 5 } },
    ]);
  });

  it('shows Tampere’s demo figures: Essi and the 36 clients of the demo cohort', async () => {
    // Before the cohort (issue 18) Essi was Tampere's only HB client and every figure was
    // suppressed; the demo world is now large enough that the report has something to show.
    const res = await platform.gql<{
      report: {
        hbClientCount: number | null;
        costs: Array<{ serviceType: { code: string }; suppressed: boolean; clientCount: number }>;
        forecast: { suppressed: boolean; lapsing: { amount: string } | null };
      };
    }>(
      `query($m: ID!, $y: Int!) { report(municipalityCode: $m, year: $y) { hbClientCount
        costs { serviceType { code } suppressed clientCount } forecast { suppressed lapsing { amount } } } }`,
      { m: DEMO.tampere, y: new Date().getFullYear() },
      { token: await tokens(platform).organiser(DEMO.tampere) },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.report.hbClientCount).toBe(37);
    expect(res.data?.report.costs).toEqual([
      { serviceType: { code: 'DAY_ACTIVITIES' }, suppressed: false, clientCount: 31 },
      { serviceType: { code: 'TRANSPORT' }, suppressed: false, clientCount: 6 },
    ]);
    expect(res.data?.report.forecast.suppressed).toBe(false);
    expect(Number(res.data?.report.forecast.lapsing?.amount)).toBeGreaterThan(0);
  });

  it.each([
    ['a client', async () => tokens(platform).client(DEMO.essiClientId)],
    ['an HB adviser of the municipality', async () => moreTokens(platform).adviserOf([M])],
    ['a worker of the municipality', async () => tokens(platform).worker(M)],
    ['an organiser of another municipality', async () => tokens(platform).organiser(DEMO.tampere)],
    [
      'a municipal system without reports:read',
      async () => moreTokens(platform).municipalSystem(M, ['budgets:read']),
    ],
  ])('refuses %s', async (_name, token) => {
    const res = await platform.gql(REPORT, { m: M, y: LY }, { token: await token() });
    expect(res.data?.report ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(res)).not.toMatch(/Parempi|92160|5500/);
  });

  it('exports each table as CSV', async () => {
    const base = platform.gatewayUrl.replace(/\/graphql$/, '');
    const token = await tokens(platform).organiser(M);
    const get = (table: string, auth: string | null = token, lang = 'fi') =>
      fetch(`${base}/reports/${M}/${LY}/${table}.csv?lang=${lang}`, {
        headers: auth ? { authorization: `Bearer ${auth}` } : {},
      });

    const providers = await get('providers');
    expect({
      status: providers.status,
      body: providers.status === 200 ? '' : await providers.text(),
    }).toEqual({ status: 200, body: '' });
    expect(providers.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    // For Finnish Excel: a byte-order mark, `;` between fields, decimal commas, numbers
    // unquoted, a suppressed figure the word "suojattu" (text, never a number).
    const csvName = (name: string) =>
      `"${/^[=+\-@]/.test(name) ? `'${name}` : name}"`.replace(/""/g, '""');
    const text = async (res: Response) => {
      const body = Buffer.from(await res.arrayBuffer());
      expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      return body.subarray(3).toString('utf8');
    };
    expect(await text(providers)).toBe(
      [
        '"Tunnus";"Palveluntuottaja";"Asiakkaita";"Veloituksia";"Käytetty (€)";"Odottaa hyväksyntää (€)"',
        `"${providerA}";${csvName(providerAName)};"suojattu";"suojattu";"suojattu";"suojattu"`,
        `"${providerB}";${csvName(providerBName)};"suojattu";"suojattu";"suojattu";"suojattu"`,
        '',
      ].join('\r\n'),
    );
    expect(await text(await get('costs'))).toBe(
      [
        '"Palvelu";"Palvelun nimi";"Asiakkaita";"Budjetteja";"Myönnetty (€)";"Maksettu (€)";"Käytetty (€)";"Odottaa hyväksyntää (€)";"Rauennut (€)"',
        '"DAY_ACTIVITIES";"Päiväaikainen toiminta";6;6;92160,00;92160,00;5500,00;100,00;86560,00',
        '"";"Yhteensä";6;6;92160,00;92160,00;5500,00;100,00;86560,00',
        '',
      ].join('\r\n'),
    );
    expect(await text(await get('costs', token, 'sv'))).toMatch(
      /^"Tjänst";"Tjänstens namn";"Klienter";[^\r]*\r\n[^\r]*\r\n"";"Totalt";6;6;92160,00;/,
    );
    expect(await text(await get('switches'))).toBe(
      [
        '"Syy";"Vaihtoja";"Asiakkaita"',
        '"Parempi saatavuus";"suojattu";"suojattu"',
        '"Muut syyt";"suojattu";"suojattu"',
        '"Yhteensä";6;6',
        '',
      ].join('\r\n'),
    );
    expect(await text(await get('goals'))).toBe(
      [
        '"Asiakkaita";"Tavoitteita";"Arviointeja";"Toteutuminen keskimäärin (%)";"Arviointi myöhässä (osuus)"',
        '5;5;2;70;0,6',
        '',
      ].join('\r\n'),
    );
    expect(await text(await get('feedback'))).toBe(
      [
        '"Kohde";"Palautteita";"Arvosana keskimäärin"',
        '"PLAN";5;4',
        '"PROVIDER";"suojattu";"suojattu"',
        '',
      ].join('\r\n'),
    );
    expect(await text(await get('alerts'))).toBe('"Laji";"Hälytyksiä";"Asiakkaita"\r\n');

    expect((await get('nosuch')).status).toBe(404);
    expect((await get('costs', token, 'en')).status).toBe(400);
    expect((await get('costs', null)).status).toBe(401);
    const refused = await get('costs', await tokens(platform).client(DEMO.essiClientId));
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toMatch(/92160/);
  });
});

type Figures = Record<string, string | number | null>;

/** One table as a reader sees it: rows that add up to a total, figure by figure. */
interface Breakdown {
  total: Figures;
  totalSuppressed: boolean;
  rows: Array<{ key: string; suppressed: boolean; figures: Figures }>;
}

/** A shown figure as an integer (money in cents); a hidden one never reaches here. */
function units(value: string | number | null | undefined): number {
  if (value === null || value === undefined) throw new Error('a shown row with a hidden figure');
  return typeof value === 'number' ? value : Math.round(Number(value) * 100);
}

/**
 * Every subtraction a reader can make: the total minus each subset of the shown rows. A hidden
 * row is recovered when what is left stands for it alone (no other row, hidden or shown), or
 * when what is left equals all of its true figures. A hidden total is recovered when every row
 * is shown. Returns what was recovered, and how.
 */
function recoveries(table: Breakdown, truth: Record<string, Figures>): string[] {
  const shown = table.rows.filter((r) => !r.suppressed);
  const hidden = table.rows.filter((r) => r.suppressed);
  if (table.totalSuppressed)
    return hidden.length === 0 && shown.length > 0 ? ['the total, as the sum of the rows'] : [];
  const measures = Object.keys(table.total);
  const found: string[] = [];
  for (let mask = 0; mask < 2 ** shown.length; mask++) {
    const subset = shown.filter((_, i) => mask & (1 << i));
    const left = Object.fromEntries(
      measures.map((m) => [
        m,
        units(table.total[m]) - subset.reduce((sum, r) => sum + units(r.figures[m]), 0),
      ]),
    );
    const taken = subset.map((r) => r.key).join(' + ') || 'nothing';
    if (subset.length === shown.length && hidden.length === 1)
      found.push(`${hidden[0]!.key}: the total minus ${taken} stands for it alone`);
    for (const h of hidden) {
      const secret = truth[h.key];
      if (!secret) throw new Error(`no true figures for ${h.key}`);
      if (measures.every((m) => left[m] === units(secret[m])))
        found.push(`${h.key}: the total minus ${taken} equals its figures`);
    }
  }
  return found;
}

/**
 * The gateway's CSV (BOM, `;`, texts quoted, numbers bare, CRLF) as rows of text cells, header
 * first.
 */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter((l) => l !== '')) {
    const cells: string[] = [];
    const field = /(?:"((?:[^"]|"")*)"|([^;"]*))(?:;|$)/gy;
    let m: RegExpExecArray | null;
    while ((m = field.exec(line)) !== null) {
      cells.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]!);
      if (field.lastIndex >= line.length) break;
    }
    rows.push(cells);
  }
  return rows;
}

describe('complementary suppression: no subtraction gives a hidden figure back', () => {
  // What the setup wrote: provider B's one client bought 500 € (nothing pending), provider A's
  // five 5 000 € with 100 € pending; one client gave a reason of her own, five the same one.
  const providerTruth = () => ({
    [providerA]: { spent: '5000.00', pending: '100.00' },
    [providerB]: { spent: '500.00', pending: '0.00' },
  });
  const switchTruth = { 'Parempi saatavuus': { count: 5 }, '(other reasons)': { count: 1 } };

  type Row = Record<string, unknown>;
  const amount = (m: unknown) => (m as { amount: string } | null)?.amount ?? null;
  const moneyOf = (r: Row, keys: string[]): Figures =>
    Object.fromEntries(keys.map((k) => [k, amount(r[k])]));
  const COST_MEASURES = ['granted', 'paidOut', 'spent', 'pending', 'lapsed'];
  const CSV_HEADERS: Record<string, string> = {
    granted: 'Myönnetty (€)',
    paidOut: 'Maksettu (€)',
    spent: 'Käytetty (€)',
    pending: 'Odottaa hyväksyntää (€)',
    lapsed: 'Rauennut (€)',
  };

  /** The three additive tables of a report as the graph gives them. */
  function fromGraph(report: Row): Record<string, Breakdown> {
    const total = report.totalCost as Row;
    const switches = report.providerSwitches as Row;
    return {
      costs: {
        total: { ...moneyOf(total, COST_MEASURES), budgetCount: total.budgetCount as number },
        totalSuppressed: total.suppressed as boolean,
        rows: (report.costs as Row[]).map((c) => ({
          key: (c.serviceType as { code: string }).code,
          suppressed: c.suppressed as boolean,
          figures: { ...moneyOf(c, COST_MEASURES), budgetCount: c.budgetCount as number },
        })),
      },
      providers: {
        total: moneyOf(total, ['spent', 'pending']),
        totalSuppressed: total.suppressed as boolean,
        rows: (report.providers as Row[]).map((p) => ({
          key: (p.provider as { id: string }).id,
          suppressed: p.suppressed as boolean,
          figures: moneyOf(p, ['spent', 'pending']),
        })),
      },
      switches: {
        total: { count: switches.count as number },
        totalSuppressed: switches.suppressed as boolean,
        rows: (switches.reasons as Row[]).map((r) => ({
          key: (r.reason as string | null) ?? '(other reasons)',
          suppressed: r.suppressed as boolean,
          figures: { count: r.count as number },
        })),
      },
    };
  }

  /** The same tables read back from the CSV files, with numbers as the graph gives them. */
  async function fromCsv(token: string, m: string = M): Promise<Record<string, Breakdown>> {
    const base = platform.gatewayUrl.replace(/\/graphql$/, '');
    const table = async (name: string) => {
      const res = await fetch(`${base}/reports/${m}/${LY}/${name}.csv`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      const [header, ...rows] = parseCsv(await res.text());
      return rows.map((cells) => Object.fromEntries(header!.map((h, i) => [h, cells[i] ?? ''])));
    };
    // Columns by their Finnish headers; euros back to the graph's notation (a decimal point).
    const money = (r: Record<string, string>, keys: string[]): Figures =>
      Object.fromEntries(
        keys.map((k) => {
          const cell = r[CSV_HEADERS[k]!]!;
          return [k, cell === 'suojattu' ? null : cell.replace(',', '.')];
        }),
      );
    const count = (text: string | undefined) =>
      text === 'suojattu' || text === '' || !text ? null : Number(text);
    const costs = await table('costs');
    const total = costs.find((r) => r['Palvelun nimi'] === 'Yhteensä')!;
    const switches = await table('switches');
    const switchTotal = switches.find((r) => r.Syy === 'Yhteensä')!;
    return {
      costs: {
        total: { ...money(total, COST_MEASURES), budgetCount: count(total.Budjetteja) },
        totalSuppressed: total.Asiakkaita === 'suojattu',
        rows: costs
          .filter((r) => r !== total)
          .map((r) => ({
            key: r.Palvelu!,
            suppressed: r.Asiakkaita === 'suojattu',
            figures: { ...money(r, COST_MEASURES), budgetCount: count(r.Budjetteja) },
          })),
      },
      providers: {
        total: money(total, ['spent', 'pending']),
        totalSuppressed: total.Asiakkaita === 'suojattu',
        rows: (await table('providers')).map((r) => ({
          key: r.Tunnus!,
          suppressed: r.Asiakkaita === 'suojattu',
          figures: money(r, ['spent', 'pending']),
        })),
      },
      switches: {
        total: { count: count(switchTotal.Vaihtoja) },
        totalSuppressed: switchTotal.Vaihtoja === 'suojattu',
        rows: switches
          .filter((r) => r !== switchTotal)
          .map((r) => ({
            key: r.Syy === 'Muut syyt' ? '(other reasons)' : r.Syy!,
            suppressed: r.Vaihtoja === 'suojattu',
            figures: { count: count(r.Vaihtoja) },
          })),
      },
    };
  }

  it('in the graph and in the CSV alike, which show the same figures', async () => {
    const token = await tokens(platform).organiser(M);
    const res = await platform.gql<{ report: Row }>(REPORT, { m: M, y: LY }, { token });
    expect(res.errors).toBeUndefined();
    const graph = fromGraph(res.data!.report);
    const csv = await fromCsv(token);
    expect(csv).toEqual(graph);

    // The setup has a lone client in two tables: make sure the check has something to find.
    expect(graph.providers!.rows.find((r) => r.key === providerB)?.suppressed).toBe(true);
    expect(graph.switches!.rows.find((r) => r.key === '(other reasons)')?.suppressed).toBe(true);

    for (const [name, tables] of [
      ['graph', graph],
      ['csv', csv],
    ] as const) {
      expect({ name, recovered: recoveries(tables.costs!, {}) }).toEqual({ name, recovered: [] });
      expect({ name, recovered: recoveries(tables.providers!, providerTruth()) }).toEqual({
        name,
        recovered: [],
      });
      expect({ name, recovered: recoveries(tables.switches!, switchTruth) }).toEqual({
        name,
        recovered: [],
      });
    }
  });

  it('the subtraction check finds the lone client when each row is suppressed on its own', () => {
    // The same tables as before complementary suppression: provider A and the common reason shown.
    const before: Breakdown = {
      total: { spent: '5500.00', pending: '100.00' },
      totalSuppressed: false,
      rows: [
        { key: providerA, suppressed: false, figures: { spent: '5000.00', pending: '100.00' } },
        { key: providerB, suppressed: true, figures: { spent: null, pending: null } },
      ],
    };
    expect(recoveries(before, providerTruth())).toEqual([
      `${providerB}: the total minus ${providerA} stands for it alone`,
      `${providerB}: the total minus ${providerA} equals its figures`,
    ]);
  });

  describe('with shown rows to subtract: twelve clients in Lempäälä', () => {
    // Provider C has six clients, A five, B one (500 € pending); six clients give one reason,
    // five another, one a reason of her own. Each lone client needs one more hidden row beside
    // her, the smallest: provider A, and the reason of the five.
    const L = '418';
    let a: string;
    let b: string;
    let c: string;

    beforeAll(async () => {
      const adviser = await moreTokens(platform).adviserOf([L]);
      a = DEMO.providerId;
      const res = await platform.gql<{ providers: { edges: Array<{ node: { id: string } }> } }>(
        `{ providers(first: 20, search: { serviceType: "DAY_ACTIVITIES" }) { edges { node { id } } } }`,
      );
      const others = res.data!.providers.edges.map((e) => e.node.id).filter((id) => id !== a);
      [b, c] = others as [string, string];
      const hbClass = await platform.gql<{
        serviceTypes: Array<{ code: string; classes: Array<{ id: string; individual: boolean }> }>;
      }>(
        `query($m: ID!) { serviceTypes { code classes(municipalityCode: $m) { id individual } } }`,
        { m: L },
        { token: adviser },
      );
      const individual = hbClass
        .data!.serviceTypes.find((st) => st.code === 'DAY_ACTIVITIES')!
        .classes.find((k) => k.individual)!.id;
      for (let i = 0; i < 12; i++) {
        const client = await createClient(platform, adviser, {
          municipalityCode: L,
          firstName: `Vähennys${i}`,
        });
        const { budget } = await must<{ budget: { id: string } }>(
          'decideBudget',
          `mutation($i: DecideBudgetInput!) { decideBudget(input: $i) { budget { id } errors { code message field } } }`,
          {
            i: {
              clientId: client.id,
              year: LY,
              serviceType: 'DAY_ACTIVITIES',
              hbClassId: individual,
              unitPrice: '160.00',
              weeklyUnits: 2,
              weeks: 48,
              paymentIntervalMonths: 3,
              instrument: 'VOUCHER',
            },
          },
          adviser,
          lastYearGateway,
        );
        const providerId = i < 6 ? c : i < 11 ? a : b;
        const amount = i < 6 ? '800.00' : i < 11 ? '1000.00' : '500.00';
        await must(
          'recordCharge',
          `mutation($i: RecordChargeInput!) { recordCharge(input: $i) { transaction { id } errors { code message field } } }`,
          {
            i: {
              commitmentId: (
                await issueCommitment(platform, adviser, {
                  budgetId: budget.id,
                  providerId,
                  amount,
                })
              ).id,
              providerId,
              amount,
              serviceDate: `${LY}-06-15`,
              description: 'Ohjaus',
              idempotencyKey: crypto.randomUUID(),
            },
          },
          adviser,
        );
        const { plan } = await must<{ plan: { id: string } }>(
          'createPlan',
          `mutation($i: CreatePlanInput!) { createPlan(input: $i) { plan { id } errors { code message field } } }`,
          {
            i: {
              clientId: client.id,
              municipalityCode: L,
              year: LY,
              supportNeeds: 'Tuki',
              practicalPlan: 'Käytäntö',
              goals: [{ description: 'Itsenäinen asiointi' }],
            },
          },
          adviser,
        );
        const { plan: allocated } = await must<{ plan: { allocations: Array<{ id: string }> } }>(
          'setAllocations',
          `mutation($p: ID!, $a: [AllocationInput!]!) { setAllocations(planId: $p, allocations: $a) { plan { allocations { id } } errors { code message field } } }`,
          {
            p: plan.id,
            a: [
              {
                budgetId: budget.id,
                providerId: a,
                amount: '1000.00',
                description: 'Päivätoiminta',
              },
            ],
          },
          adviser,
        );
        await must(
          'switchProvider',
          `mutation($a: ID!, $p: ID!, $r: String!) { switchProvider(allocationId: $a, providerId: $p, reason: $r) { plan { id } errors { code message field } } }`,
          {
            a: allocated.allocations[0]!.id,
            p: c,
            r: i < 6 ? 'Parempi saatavuus' : i < 11 ? 'Lähempänä kotia' : 'Muutto',
          },
          adviser,
        );
      }
    }, 300_000);

    it('hides the smallest other row, and no subset of the shown rows gives anything back', async () => {
      const token = await tokens(platform).organiser(L);
      const res = await platform.gql<{ report: Row }>(REPORT, { m: L, y: LY }, { token });
      expect(res.errors).toBeUndefined();
      const graph = fromGraph(res.data!.report);
      expect(await fromCsv(token, L)).toEqual(graph);

      const hiddenOf = (t: Breakdown) => t.rows.map((r) => [r.key, r.suppressed]);
      expect(hiddenOf(graph.providers!)).toEqual(
        expect.arrayContaining([
          [a, true],
          [b, true],
          [c, false],
        ]),
      );
      expect(hiddenOf(graph.switches!)).toEqual([
        ['Parempi saatavuus', false],
        ['Lähempänä kotia', true],
        ['(other reasons)', true],
      ]);
      expect(graph.providers!.total).toEqual({ spent: '0.00', pending: '10300.00' });
      expect(graph.switches!.total).toEqual({ count: 12 });

      const truth = {
        [a]: { spent: '0.00', pending: '5000.00' },
        [b]: { spent: '0.00', pending: '500.00' },
      };
      const reasons = { 'Lähempänä kotia': { count: 5 }, '(other reasons)': { count: 1 } };
      expect(recoveries(graph.providers!, truth)).toEqual([]);
      expect(recoveries(graph.switches!, reasons)).toEqual([]);
      expect(recoveries(graph.costs!, {})).toEqual([]);
      // Per-row suppression alone would have given both lone clients away.
      const perRow = (t: Breakdown, lone: string): Breakdown => ({
        ...t,
        rows: t.rows.map((r) => ({ ...r, suppressed: r.key === lone })),
      });
      const shownA = perRow(graph.providers!, b);
      shownA.rows.find((r) => r.key === a)!.figures = truth[a]!;
      expect(recoveries(shownA, truth)).toContain(
        `${b}: the total minus ${shownA.rows
          .filter((r) => r.key !== b)
          .map((r) => r.key)
          .join(' + ')} equals its figures`,
      );
    });
  });

  it('between the count of all clients and the HB clients leaves no small group either', async () => {
    const res = await platform.gql<{ report: { clientCount: number; hbClientCount: number } }>(
      `query($m: ID!, $y: Int!) { report(municipalityCode: $m, year: $y) { clientCount hbClientCount } }`,
      { m: M, y: LY },
      { token: await tokens(platform).organiser(M) },
    );
    const { clientCount, hbClientCount } = res.data!.report;
    const others = clientCount - hbClientCount;
    expect(others === 0 || others >= 5).toBe(true);
  });
});

describe('providerSwitchReport', () => {
  const QUERY = `query($m: ID!, $y: Int!) { providerSwitchReport(municipalityCode: $m, year: $y) {
    suppressed count clientCount reasons { reason suppressed count clientCount } } }`;

  it('is the report’s switch section: counts only, no single switch, no rare reason', async () => {
    for (const token of [
      await tokens(platform).organiser(M),
      await moreTokens(platform).municipalSystem(M, ['reports:read']),
    ]) {
      const res = await platform.gql<{ providerSwitchReport: unknown }>(
        QUERY,
        { m: M, y: LY },
        { token },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.providerSwitchReport).toEqual({
        suppressed: false,
        count: 6,
        clientCount: 6,
        reasons: [
          { reason: 'Parempi saatavuus', suppressed: true, count: null, clientCount: null },
          { reason: null, suppressed: true, count: null, clientCount: null },
        ],
      });
      expect(JSON.stringify(res)).not.toMatch(/Muutto/);
    }
  });

  it.each([
    ['an HB adviser of the municipality', async () => moreTokens(platform).adviserOf([M])],
    ['a worker of the municipality', async () => tokens(platform).worker(M)],
    ['a client', async () => tokens(platform).client(DEMO.essiClientId)],
    ['a provider', async () => tokens(platform).provider(DEMO.providerId)],
    [
      'a municipal system without reports:read',
      async () => moreTokens(platform).municipalSystem(M, ['budgets:read', 'clients:read']),
    ],
    ['an organiser of another municipality', async () => tokens(platform).organiser(DEMO.tampere)],
    [
      'a municipal system of another municipality',
      async () => moreTokens(platform).municipalSystem(DEMO.tampere, ['reports:read']),
    ],
  ])('refuses %s', async (_name, token) => {
    const res = await platform.gql(QUERY, { m: M, y: LY }, { token: await token() });
    expect(res.data?.providerSwitchReport ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(res)).not.toMatch(/Parempi|Muutto|"count"/);
  });

  it('refuses a caller without a token', async () => {
    const res = await platform.gql(QUERY, { m: M, y: LY });
    expect(res.data?.providerSwitchReport ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('the XLSX export and the year-end forecast', () => {
  const FORECAST = `query($m: ID!, $y: Int!) { report(municipalityCode: $m, year: $y) {
    forecast { asOf suppressed clientCount granted { amount } spent { amount } pending { amount } projected { amount } lapsing { amount } }
  } }`;
  const xlsx = (token: string | null, lang = 'fi', m = M) =>
    fetch(`${platform.gatewayUrl.replace(/\/graphql$/, '')}/reports/${m}/${LY}.xlsx?lang=${lang}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it('gives last year’s forecast: nothing more to use, the remainder lapses', async () => {
    const token = await tokens(platform).organiser(M);
    const res = await platform.gql<{ report: { forecast: unknown } }>(
      FORECAST,
      { m: M, y: LY },
      { token },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.report.forecast).toEqual({
      asOf: `${LY}-12-31`,
      suppressed: false,
      clientCount: 6,
      granted: { amount: '92160.00' },
      spent: { amount: '5500.00' },
      pending: { amount: '100.00' },
      projected: { amount: '0.00' },
      lapsing: { amount: '86560.00' },
    });
    const total = await platform.gql<{ reportsForecast: { lapsing: { amount: string } } }>(
      `query($y: Int!) { reportsForecast(year: $y) { suppressed lapsing { amount } } }`,
      { y: LY },
      { token },
    );
    expect(total.data?.reportsForecast).toEqual({
      suppressed: false,
      lapsing: { amount: '86560.00' },
    });
  });

  it('is a workbook whose figures are numeric cells, one sheet per table', async () => {
    const res = await xlsx(await tokens(platform).organiser(M));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="report-${M}-${LY}.xlsx"`,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Kustannukset',
      'Asiakasryhmät',
      'Ennuste',
      'Palveluntuottajat',
      'Vaihdot',
      'Hälytykset',
      'Tavoitteet',
      'Palaute',
    ]);
    const costs = workbook.getWorksheet('Kustannukset')!;
    const total = costs.getRow(4);
    expect(total.getCell(2).value).toBe('Yhteensä');
    for (const [column, value] of [
      [3, 6],
      [5, 92160],
      [7, 5500],
      [9, 86560],
    ] as const) {
      expect([total.getCell(column).type, total.getCell(column).value]).toEqual([
        ExcelJS.ValueType.Number,
        value,
      ]);
    }
    expect(total.getCell(5).numFmt).toBe('#,##0.00 "€"');
    const lapsing = workbook.getWorksheet('Ennuste')!.getRow(3).getCell(7);
    expect([lapsing.type, lapsing.value]).toEqual([ExcelJS.ValueType.Number, 86560]);
    // The lone provider's figures: the word, never a number.
    const provider = workbook.getWorksheet('Palveluntuottajat')!.getRow(3).getCell(3);
    expect([provider.type, provider.value]).toEqual([ExcelJS.ValueType.String, 'suojattu']);

    const swedish = new ExcelJS.Workbook();
    await swedish.xlsx.load(
      await (await xlsx(await tokens(platform).organiser(M), 'sv')).arrayBuffer(),
    );
    expect(swedish.worksheets[2]!.name).toBe('Prognos');
    expect(swedish.getWorksheet('Kostnader')!.getRow(4).getCell(2).value).toBe('Totalt');
  });

  it('answers a municipal system with reports:read like organiser staff', async () => {
    const res = await xlsx(await moreTokens(platform).municipalSystem(M, ['reports:read']));
    expect(res.status).toBe(200);
  });

  it.each([
    ['a client', async () => tokens(platform).client(DEMO.essiClientId)],
    ['an HB adviser of the municipality', async () => moreTokens(platform).adviserOf([M])],
    ['a worker of the municipality', async () => tokens(platform).worker(M)],
    ['a provider', async () => tokens(platform).provider(DEMO.providerId)],
    [
      'a team member',
      async () => tokens(platform).teamMember(crypto.randomUUID(), DEMO.essiClientId),
    ],
    [
      'a municipal system without reports:read',
      async () => moreTokens(platform).municipalSystem(M, ['budgets:read']),
    ],
    ['an organiser of another municipality', async () => tokens(platform).organiser(DEMO.tampere)],
  ])('refuses %s the XLSX, the forecast and the sum', async (name, token) => {
    const t = await token();
    const file = await xlsx(t);
    expect(file.status).toBe(403);
    expect(await file.text()).not.toMatch(/92160|86560/);
    const res = await platform.gql(FORECAST, { m: M, y: LY }, { token: t });
    expect(res.data?.report ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const sum = await platform.gql(
      `query($y: Int!) { reportsForecast(year: $y) { granted { amount } lapsing { amount } } }`,
      { y: LY },
      { token: t },
    );
    expect(JSON.stringify(sum)).not.toMatch(/92160|86560/);
    if (name !== 'an organiser of another municipality')
      expect(sum.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a caller without a token and a language it does not have', async () => {
    expect((await xlsx(null)).status).toBe(401);
    expect((await xlsx(await tokens(platform).organiser(M), 'en')).status).toBe(400);
  });
});
