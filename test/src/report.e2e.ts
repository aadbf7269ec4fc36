import crypto from 'node:crypto';
import { DEMO } from '@hb/kit';
import {
  createClient,
  moreTokens,
  otherProviderId,
  startTestPlatform,
  tokens,
  type TestPlatform,
} from './testkit';

/**
 * Organiser reporting end to end: a known year of data in Urjala (887), built through the
 * gateway (clients, budgets decided for last year, charges of two providers confirmed by the
 * clients, plans with provider switches, goal reviews and feedback, the year closed), then every
 * figure of the federated `report`, small-group suppression, refusals and the CSV export.
 */
let platform: TestPlatform;
const M = '887';
const LY = new Date().getFullYear() - 1;

beforeAll(async () => {
  platform = await startTestPlatform();
}, 180_000);

afterAll(async () => {
  await platform?.stop();
}, 60_000);

afterEach(() => {
  if (expect.getState().assertionCalls !== expect.getState().numPassingAsserts) {
    console.log(platform.logs.slice(-50).join('\n'));
  }
});

async function must<T>(
  field: string,
  query: string,
  variables: Record<string, unknown>,
  token: string,
): Promise<T> {
  const res = await platform.gql<Record<string, { errors?: unknown[] } & Record<string, unknown>>>(
    query,
    variables,
    { token },
  );
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

  const charge = async (budgetId: string, providerId: string, amount: string) =>
    (
      await must<{ transaction: { id: string } }>(
        'recordCharge',
        `mutation($i: RecordChargeInput!) { recordCharge(input: $i) { transaction { id } errors { code message field } } }`,
        {
          i: {
            budgetId,
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
        `mutation($p: ID!) { acceptPlan(planId: $p) { plan { id } errors { code message field } } }`,
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
        {
          provider: { id: providerA, name: providerAName },
          suppressed: false,
          clientCount: 5,
          chargeCount: 6,
          spent: eur('5000.00'),
          pending: eur('100.00'),
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
          { reason: 'Parempi saatavuus', suppressed: false, count: 5, clientCount: 5 },
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

  it('suppresses a municipality with fewer than five HB clients (Tampere: Essi alone)', async () => {
    const res = await platform.gql<{
      report: {
        hbClientCount: number | null;
        costs: Array<{ suppressed: boolean; granted: unknown }>;
      };
    }>(
      `query($m: ID!, $y: Int!) { report(municipalityCode: $m, year: $y) { hbClientCount costs { suppressed granted { amount } } } }`,
      { m: DEMO.tampere, y: new Date().getFullYear() },
      { token: await tokens(platform).organiser(DEMO.tampere) },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.report.hbClientCount).toBeNull();
    for (const row of res.data!.report.costs)
      expect(row).toEqual({ suppressed: true, granted: null });
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
    const get = (table: string, auth: string | null = token) =>
      fetch(`${base}/reports/${M}/${LY}/${table}.csv`, {
        headers: auth ? { authorization: `Bearer ${auth}` } : {},
      });

    const providers = await get('providers');
    expect({
      status: providers.status,
      body: providers.status === 200 ? '' : await providers.text(),
    }).toEqual({ status: 200, body: '' });
    expect(providers.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const csvName = (name: string) =>
      `"${/^[=+\-@]/.test(name) ? `'${name}` : name}"`.replace(/""/g, '""');
    expect(await providers.text()).toBe(
      [
        '"providerId","providerName","suppressed","clientCount","chargeCount","spent","pending"',
        `"${providerA}",${csvName(providerAName)},"false","5","6","5000.00","100.00"`,
        `"${providerB}",${csvName(providerBName)},"true","","","",""`,
        '',
      ].join('\r\n'),
    );
    expect(await (await get('costs')).text()).toBe(
      [
        '"serviceType","serviceName","suppressed","clientCount","budgetCount","granted","paidOut","spent","pending","lapsed"',
        '"DAY_ACTIVITIES","Päiväaikainen toiminta","false","6","6","92160.00","92160.00","5500.00","100.00","86560.00"',
        '"TOTAL","Yhteensä","false","6","6","92160.00","92160.00","5500.00","100.00","86560.00"',
        '',
      ].join('\r\n'),
    );
    expect(await (await get('switches')).text()).toBe(
      [
        '"reason","suppressed","count","clientCount"',
        '"TOTAL","false","6","6"',
        '"Parempi saatavuus","false","5","5"',
        '"","true","",""',
        '',
      ].join('\r\n'),
    );
    expect(await (await get('goals')).text()).toBe(
      [
        '"suppressed","clientCount","goalCount","reviewCount","averageAttainment","overdueShare"',
        '"false","5","5","2","70","0.6"',
        '',
      ].join('\r\n'),
    );
    expect(await (await get('feedback')).text()).toBe(
      [
        '"targetKind","suppressed","count","averageRating"',
        '"PLAN","false","5","4"',
        '"PROVIDER","true","",""',
        '',
      ].join('\r\n'),
    );
    expect(await (await get('alerts')).text()).toBe(
      '"kind","suppressed","count","clientCount"\r\n',
    );

    expect((await get('nosuch')).status).toBe(404);
    expect((await get('costs', null)).status).toBe(401);
    const refused = await get('costs', await tokens(platform).client(DEMO.essiClientId));
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toMatch(/92160/);
  });
});
