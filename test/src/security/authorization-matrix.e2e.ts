/**
 * The authorization matrix (issue 7, item 5): every role against every query and mutation of
 * the contract, on data of its own and of others (another client, another municipality, another
 * provider). A refused read must not carry any of the target's data in the response.
 */
import crypto from 'node:crypto';
import { DEMO, PIRKANMAA_ORGANISER_ID, todayInFinland } from '@hb/kit';
import {
  addTeamMember,
  createClient,
  grantConsent,
  hbClassId,
  makeWorldClient,
  marker,
  moreTokens,
  otherProviderId,
  recordCharge,
  removedTeamMember,
  startTestPlatform,
  tokens,
  type GraphQLResponse,
  type TestPlatform,
  type WorldClient,
} from '../testkit';

const WHO = [
  'anonymous',
  'adviser',
  'worker837',
  'worker536',
  'organiser837',
  'organiser536',
  // Organiser staff of Pirkanmaan hyvinvointialue (organiser-scoped token): whatever staff of
  // Tampere or of Nokia may do, and the organiser-wide decisions (class values) besides.
  'organiserPirha',
  'clientA',
  'clientB',
  'teamWithConsent',
  'teamWithoutConsent',
  'teamRemoved',
  'teamStranger',
  'providerP1',
  'providerP2',
  'system837',
  'system837NoScopes',
  'system536',
] as const;
type Who = (typeof WHO)[number];

const NOKIA = '536';
const YEAR = new Date().getFullYear();

interface World {
  a: WorldClient; // Tampere client; its budget is charged by P1 and its plan allocates to P1
  b: { id: string; lastName: string }; // another Tampere client
  c: WorldClient; // a Nokia client (another municipality)
  p1: string;
  p2: string;
  token: Record<Exclude<Who, 'anonymous'>, string>;
}

let platform: TestPlatform;
let w: World;

/** The county's staff may do whatever staff of one of its municipalities may. */
function withCounty(allowed: Who[]): Who[] {
  return allowed.includes('organiser837') || allowed.includes('organiser536')
    ? [...allowed, 'organiserPirha']
    : allowed;
}

beforeAll(async () => {
  platform = await startTestPlatform({ env: { MUTATION_RATE_PER_MINUTE: '100000' } });
  const t = tokens(platform);
  const more = moreTokens(platform);
  const adviser = await t.adviser();
  const p1 = DEMO.providerId;
  const p2 = await otherProviderId(platform, p1);
  const a = await makeWorldClient(platform, adviser, { providerId: p1 });
  const c = await makeWorldClient(platform, adviser, { municipalityCode: NOKIA, providerId: p2 });
  const b = await createClient(platform, adviser);
  const removed = await removedTeamMember(platform, adviser, a.id);
  w = {
    a,
    b,
    c,
    p1,
    p2,
    token: {
      adviser,
      worker837: await t.worker(DEMO.tampere),
      worker536: await t.worker(NOKIA),
      organiser837: await t.organiser(DEMO.tampere),
      organiser536: await t.organiser(NOKIA),
      organiserPirha: await platform.token({
        sub: DEMO.organiserId,
        role: 'ORGANISER',
        organiserId: PIRKANMAA_ORGANISER_ID,
      }),
      clientA: await t.client(a.id),
      clientB: await t.client(b.id),
      teamWithConsent: await t.teamMember(a.memberWithConsent.id, a.id),
      teamWithoutConsent: await t.teamMember(a.memberWithoutConsent.id, a.id),
      // Removed from A's team (her consents went with her), and a subject never on it.
      teamRemoved: await t.teamMember(removed.id, a.id),
      teamStranger: await t.teamMember(crypto.randomUUID(), a.id),
      providerP1: await t.provider(p1),
      providerP2: await t.provider(p2),
      system837: await more.municipalSystem(DEMO.tampere, ['clients:read', 'budgets:read']),
      system837NoScopes: await more.municipalSystem(DEMO.tampere, []),
      system536: await more.municipalSystem(NOKIA, ['clients:read', 'budgets:read']),
    },
  };
}, 240_000);

afterAll(async () => {
  await platform?.stop();
}, 60_000);

afterEach(() => {
  if (expect.getState().assertionCalls !== expect.getState().numPassingAsserts) {
    console.log(platform.logs.slice(-30).join('\n'));
  }
});

const tokenOf = (who: Who) => (who === 'anonymous' ? undefined : w.token[who]);
const codes = (res: GraphQLResponse<unknown>) => (res.errors ?? []).map((e) => e.extensions?.code);
const STAFF_837: Who[] = ['adviser', 'worker837'];

/** A refused call: the right code, no data for the field, and none of the markers anywhere. */
function expectRefused(
  who: Who,
  res: GraphQLResponse<Record<string, unknown>>,
  field: string,
  markers: string[],
  code?: string,
) {
  const expected = code ?? (who === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
  expect({ who, codes: codes(res) }).toEqual({ who, codes: expect.arrayContaining([expected]) });
  expect(res.data?.[field] ?? null).toBeNull();
  const json = JSON.stringify(res);
  for (const m of markers)
    expect({ who, leaked: json.includes(m) ? m : null }).toEqual({ who, leaked: null });
  expect(json).not.toMatch(/stacktrace/i);
}

/** An allowed call: no authorization error, the field answered (and the markers seen, for reads). */
function expectAllowed(
  who: Who,
  res: GraphQLResponse<Record<string, unknown>>,
  field: string,
  markers: string[],
) {
  expect({ who, codes: codes(res) }).toEqual({ who, codes: [] });
  expect(res.data?.[field]).toBeTruthy();
  const payloadErrors =
    (res.data?.[field] as { errors?: Array<{ code: string }> } | null)?.errors ?? [];
  expect({ who, payloadCodes: payloadErrors.map((e) => e.code) }).not.toEqual({
    who,
    payloadCodes: expect.arrayContaining(['FORBIDDEN']),
  });
  const json = JSON.stringify(res.data);
  for (const m of markers) expect({ who, seen: json.includes(m) }).toEqual({ who, seen: true });
}

interface ReadRow {
  name: string;
  field: string;
  query: string;
  vars: () => Record<string, unknown>;
  allowed: Who[];
  /** Data of the target that a refused caller must not see. */
  markers: () => string[];
  /** Refusals answered with another code than FORBIDDEN (e.g. NOT_FOUND: reveal nothing). */
  refusedAs?: Partial<Record<Who, string>>;
  /**
   * Callers who may know of the record but not this nullable field of it: for them a refusal
   * is the field null (with FORBIDDEN), the record itself may come back.
   */
  knowOfRecord?: Who[];
}

const READS: ReadRow[] = [
  {
    name: 'client(id) of a Tampere client: basic details',
    field: 'client',
    query: `query($id: ID!) { client(id: $id) { id firstName lastName dateOfBirth processPhase municipality { code } } }`,
    vars: () => ({ id: w.a.id }),
    // A team member needs a consent in force for anything beyond her own membership.
    allowed: [...STAFF_837, 'clientA', 'teamWithConsent', 'system837'],
    markers: () => [w.a.firstName, w.a.lastName],
  },
  ...(
    [
      'firstName',
      'lastName',
      'dateOfBirth',
      'processPhase',
      'municipality { code }',
      'ownWorker { id }',
      'adviser { id }',
    ] as const
  ).map((field): ReadRow => ({
    name: `client(id) { ${field} } alone`,
    field: 'client',
    query: `query($id: ID!) { client(id: $id) { ${field} } }`,
    vars: () => ({ id: w.a.id }),
    allowed: [...STAFF_837, 'clientA', 'teamWithConsent', 'system837'],
    // She may know of the client (she is on the team), so a nullable detail alone is null.
    knowOfRecord: ['teamWithoutConsent'],
    markers: () =>
      field === 'firstName' ? [w.a.firstName] : field === 'lastName' ? [w.a.lastName] : [],
  })),
  {
    name: 'client(id) { id team }: the bare fact of membership',
    field: 'client',
    query: `query($id: ID!) { client(id: $id) { id team { id } } }`,
    vars: () => ({ id: w.a.id }),
    allowed: [...STAFF_837, 'clientA', 'teamWithConsent', 'teamWithoutConsent'],
    markers: () => [],
  },
  {
    name: 'client(id) of a Nokia client (another municipality)',
    field: 'client',
    query: `query($id: ID!) { client(id: $id) { id firstName lastName } }`,
    vars: () => ({ id: w.c.id }),
    allowed: ['adviser', 'worker536', 'system536'],
    markers: () => [w.c.firstName, w.c.lastName],
  },
  {
    name: 'Client.team and consents (private)',
    field: 'client',
    query: `query($id: ID!) { client(id: $id) { team { id name } consents { id teamMemberId } } }`,
    vars: () => ({ id: w.a.id }),
    allowed: [...STAFF_837, 'clientA'],
    markers: () => [w.a.memberWithConsent.name, w.a.memberWithoutConsent.name],
  },
  {
    name: 'Client.accessLog (private)',
    field: 'client',
    query: `query($id: ID!) { client(id: $id) { accessLog(first: 50) { totalCount edges { node { actorId subject } } } } }`,
    vars: () => ({ id: w.a.id }),
    allowed: [...STAFF_837, 'clientA'],
    markers: () => ['Client.created', DEMO.adviserId].slice(1),
  },
  {
    name: 'Client.budgets through client(id)',
    field: 'client',
    query: `query($id: ID!) { client(id: $id) { budgets { id granted { amount } } } }`,
    vars: () => ({ id: w.a.id }),
    allowed: [...STAFF_837, 'clientA', 'teamWithConsent', 'system837'],
    markers: () => [w.a.budget.id],
  },
  {
    name: 'Client.plans through client(id)',
    field: 'client',
    query: `query($id: ID!) { client(id: $id) { plans { id supportNeeds } } }`,
    vars: () => ({ id: w.a.id }),
    allowed: [...STAFF_837, 'clientA', 'teamWithConsent'],
    markers: () => [w.a.plan.id, w.a.plan.supportNeeds],
  },
  {
    name: 'clients(municipalityCode: 837, search)',
    field: 'clients',
    query: `query($s: String) { clients(municipalityCode: "837", search: $s, first: 5) { totalCount edges { node { id lastName } } } }`,
    vars: () => ({ s: w.a.lastName }),
    allowed: [...STAFF_837, 'system837'],
    markers: () => [w.a.lastName, w.a.id],
  },
  {
    name: 'budget(id) with its ledger',
    field: 'budget',
    query: `query($id: ID!) { budget(id: $id) { id granted { amount } client { id }
      transactions(first: 20) { edges { node { id description } } } } }`,
    vars: () => ({ id: w.a.budget.id }),
    allowed: [...STAFF_837, 'clientA', 'teamWithConsent', 'system837'],
    markers: () => [w.a.budget.id, w.a.charge.description],
  },
  {
    name: 'budget(id) of a Nokia client',
    field: 'budget',
    query: `query($id: ID!) { budget(id: $id) { id transactions(first: 20) { edges { node { description } } } } }`,
    vars: () => ({ id: w.c.budget.id }),
    allowed: ['adviser', 'worker536', 'system536'],
    markers: () => [w.c.budget.id, w.c.charge.description],
  },
  {
    name: 'plan(id)',
    field: 'plan',
    query: `query($id: ID!) { plan(id: $id) { id supportNeeds practicalPlan goals { description } allocations { id } } }`,
    vars: () => ({ id: w.a.plan.id }),
    allowed: [...STAFF_837, 'clientA', 'teamWithConsent'],
    markers: () => [w.a.plan.id, w.a.plan.supportNeeds],
  },
  {
    name: 'plan(id) of a Nokia client',
    field: 'plan',
    query: `query($id: ID!) { plan(id: $id) { id supportNeeds } }`,
    vars: () => ({ id: w.c.plan.id }),
    allowed: ['adviser', 'worker536'],
    markers: () => [w.c.plan.id, w.c.plan.supportNeeds],
  },
  {
    // P1 serves Tampere, Pirkkala and Ylöjärvi: not in the Nokia organiser's area.
    name: 'provider(id).approvalHistory',
    field: 'provider',
    query: `query($id: ID!) { provider(id: $id) { id approvalHistory { id at } } }`,
    vars: () => ({ id: w.p1 }),
    allowed: ['organiser837', 'providerP1'],
    markers: () => [],
  },
  {
    name: 'providers(includeUnapproved: true)',
    field: 'providers',
    query: `{ providers(search: { includeUnapproved: true }, first: 1) { totalCount } }`,
    vars: () => ({}),
    allowed: [...STAFF_837, 'worker536', 'organiser837', 'organiser536'],
    markers: () => [],
  },
  {
    name: 'approvalQueue',
    field: 'approvalQueue',
    query: `{ approvalQueue(first: 5) { totalCount edges { node { id } } } }`,
    vars: () => ({}),
    allowed: ['organiser837', 'organiser536'],
    markers: () => [],
  },
  {
    name: 'providerSwitchReport(837)',
    field: 'providerSwitchReport',
    query: `query($y: Int!) { providerSwitchReport(municipalityCode: "837", year: $y) { suppressed count } }`,
    vars: () => ({ y: YEAR }),
    // The report rule: organiser staff of the municipality (and systems with reports:read).
    allowed: ['organiser837'],
    markers: () => [],
  },
];

/** Public reads: everyone, also without a token. */
const PUBLIC_READS: Array<{ name: string; field: string; query: string }> = [
  { name: 'municipalities', field: 'municipalities', query: `{ municipalities { code name } }` },
  {
    name: 'providers (approved catalogue)',
    field: 'providers',
    query: `{ providers(first: 3) { edges { node { id name } } } }`,
  },
  {
    name: 'provider(id) of an approved provider',
    field: 'provider',
    query: `{ provider(id: "${DEMO.providerId}") { id name } }`,
  },
];

describe.each(READS)('read: $name', (row) => {
  it.each(WHO)('as %s', async (who) => {
    const res = await platform.gql<Record<string, unknown>>(row.query, row.vars(), {
      token: tokenOf(who),
    });
    if (withCounty(row.allowed).includes(who)) expectAllowed(who, res, row.field, row.markers());
    else if (row.knowOfRecord?.includes(who)) {
      // Only the nullable detail is refused: it is null, FORBIDDEN is said, nothing leaks.
      const record = res.data?.[row.field] as Record<string, unknown> | null | undefined;
      expect({ who, codes: codes(res) }).toEqual({ who, codes: ['FORBIDDEN'] });
      expect({ who, values: Object.values(record ?? {}).filter((v) => v !== null) }).toEqual({
        who,
        values: [],
      });
      for (const m of row.markers()) expect(JSON.stringify(res)).not.toContain(m);
    } else expectRefused(who, res, row.field, row.markers(), row.refusedAs?.[who]);
  });
});

describe.each(PUBLIC_READS)('public read: $name', (row) => {
  it.each(WHO)('as %s', async (who) => {
    const res = await platform.gql<Record<string, unknown>>(row.query, {}, { token: tokenOf(who) });
    expectAllowed(who, res, row.field, []);
  });
});

describe('myConsentScopes', () => {
  it.each(WHO)('as %s: only the consenting team member learns scopes', async (who) => {
    const res = await platform.gql<{ myConsentScopes: string[] | null }>(
      `query($c: ID!) { myConsentScopes(clientId: $c) }`,
      { c: w.a.id },
      { token: tokenOf(who) },
    );
    if (who === 'teamWithConsent') {
      expect(res.data?.myConsentScopes).toEqual(expect.arrayContaining(['BUDGET', 'PLAN']));
    } else if (who === 'anonymous') {
      expect(codes(res)).toContain('UNAUTHENTICATED');
    } else {
      expect(res.data?.myConsentScopes ?? []).toEqual([]);
    }
  });
});

interface MutationRow {
  name: string;
  field: string;
  query: string;
  /** Variables; may make fresh data first (as the adviser) so every caller meets the same state. */
  vars: () => Promise<Record<string, unknown>>;
  allowed: Who[];
  /** Data that a refused caller must not see in the answer. */
  markers?: () => string[];
  /** Refusals answered with another code than FORBIDDEN (e.g. NOT_FOUND: reveal nothing). */
  refusedAs?: Partial<Record<Who, string>>;
}

const freshCharge = async () =>
  (
    await recordCharge(platform, w.token.adviser, {
      budgetId: w.a.budget.id,
      providerId: w.p1,
      amount: '1.00',
    })
  ).id;

/** The allocation of the client's plan as it is now (earlier rows replace allocations). */
const currentAllocationId = async () => {
  const res = await platform.gql<{ plan: { allocations: Array<{ id: string }> } }>(
    `query($id: ID!) { plan(id: $id) { allocations { id } } }`,
    { id: w.a.plan.id },
    { token: w.token.adviser },
  );
  const id = res.data?.plan.allocations[0]?.id;
  if (!id) throw new Error(`no allocation: ${JSON.stringify(res)}`);
  return id;
};

/** A valid business id (Y-tunnus) no other test uses: seven random digits and the check digit. */
function freshBusinessId(): string {
  const weights = [7, 9, 10, 5, 8, 4, 2];
  for (;;) {
    const digits = String(crypto.randomInt(1_000_000, 9_999_999));
    const remainder = [...digits].reduce((sum, d, i) => sum + Number(d) * weights[i]!, 0) % 11;
    if (remainder !== 1) return `${digits}-${remainder === 0 ? 0 : 11 - remainder}`;
  }
}

/** A new PENDING provider serving exactly these municipalities; its id. */
async function applyForListing(municipalitiesServed: string[]): Promise<string> {
  const res = await platform.gql<{
    applyAsProvider: { provider: { id: string } | null; errors: unknown[] };
  }>(
    `mutation($i: ProviderApplicationInput!) { applyAsProvider(input: $i) { provider { id } errors { code message } } }`,
    {
      i: {
        name: marker('Alueen tuottaja '),
        businessId: freshBusinessId(),
        kind: 'COMPANY',
        municipalitiesServed,
        languages: ['fi'],
      },
    },
  );
  const id = res.data?.applyAsProvider.provider?.id;
  if (!id) throw new Error(`applyAsProvider failed: ${JSON.stringify(res)}`);
  return id;
}

const MUTATIONS: MutationRow[] = [
  {
    name: 'createClient in Tampere',
    field: 'createClient',
    query: `mutation($i: CreateClientInput!) { createClient(input: $i) { client { id } errors { code } } }`,
    vars: async () => ({
      i: { firstName: 'Uusi', lastName: marker('Asiakas'), municipalityCode: DEMO.tampere },
    }),
    allowed: STAFF_837,
  },
  {
    name: 'addTeamMember to a Tampere client',
    field: 'addTeamMember',
    query: `mutation($c: ID!, $i: TeamMemberInput!) { addTeamMember(clientId: $c, input: $i) { teamMember { id } client { lastName } errors { code } } }`,
    vars: async () => ({ c: w.a.id, i: { name: marker('Uusi Jäsen '), role: 'OTHER' } }),
    // The client chooses her own team (issue 16); a team member never changes it.
    allowed: [...STAFF_837, 'clientA'],
    markers: () => [w.a.lastName],
  },
  {
    name: 'removeTeamMember of a Tampere client',
    field: 'removeTeamMember',
    query: `mutation($c: ID!, $m: ID!) { removeTeamMember(clientId: $c, memberId: $m) { client { lastName } errors { code } } }`,
    vars: async () => ({
      c: w.a.id,
      m: (await addTeamMember(platform, w.token.adviser, w.a.id)).id,
    }),
    allowed: [...STAFF_837, 'clientA'],
    markers: () => [w.a.lastName],
  },
  {
    name: 'setProcessPhase of a Tampere client',
    field: 'setProcessPhase',
    query: `mutation($c: ID!) { setProcessPhase(clientId: $c, phase: PLANNING) { client { lastName } errors { code } } }`,
    vars: async () => ({ c: w.a.id }),
    allowed: STAFF_837,
    markers: () => [w.a.lastName],
  },
  {
    name: 'setProcessPhase of a Nokia client',
    field: 'setProcessPhase',
    query: `mutation($c: ID!) { setProcessPhase(clientId: $c, phase: PLANNING) { client { lastName } errors { code } } }`,
    vars: async () => ({ c: w.c.id }),
    allowed: ['adviser', 'worker536'],
    markers: () => [w.c.lastName],
  },
  {
    name: 'grantConsent',
    field: 'grantConsent',
    query: `mutation($c: ID!, $i: ConsentInput!) { grantConsent(clientId: $c, input: $i) { client { lastName } errors { code } } }`,
    vars: async () => ({
      c: w.a.id,
      i: {
        teamMemberId: (await addTeamMember(platform, w.token.adviser, w.a.id)).id,
        scopes: ['BUDGET'],
      },
    }),
    allowed: [...STAFF_837, 'clientA'],
    markers: () => [w.a.lastName],
  },
  {
    name: 'revokeConsent',
    field: 'revokeConsent',
    query: `mutation($c: ID!, $k: ID!) { revokeConsent(clientId: $c, consentId: $k) { client { lastName } errors { code } } }`,
    vars: async () => {
      const member = await addTeamMember(platform, w.token.adviser, w.a.id);
      return {
        c: w.a.id,
        k: (await grantConsent(platform, w.token.adviser, w.a.id, member.id, ['PLAN'])).id,
      };
    },
    allowed: [...STAFF_837, 'clientA'],
    markers: () => [w.a.lastName],
  },
  {
    name: 'decideBudget for a Tampere client',
    field: 'decideBudget',
    query: `mutation($i: DecideBudgetInput!) { decideBudget(input: $i) { budget { id } errors { code } } }`,
    vars: async () => ({
      i: {
        clientId: w.a.id,
        year: YEAR,
        serviceType: 'DAY_ACTIVITIES',
        hbClassId: await hbClassId(platform, w.token.adviser, DEMO.tampere),
        weeklyUnits: 3,
        weeks: 41,
        paymentIntervalMonths: 3,
        instrument: 'VOUCHER',
      },
    }),
    allowed: STAFF_837,
    markers: () => [w.a.budget.id],
  },
  {
    name: 'recordCharge for P1 on a Tampere budget',
    field: 'recordCharge',
    query: `mutation($i: RecordChargeInput!) { recordCharge(input: $i) { transaction { id } budget { id } errors { code } } }`,
    vars: async () => ({
      i: {
        budgetId: w.a.budget.id,
        providerId: w.p1,
        amount: '2.00',
        serviceDate: todayInFinland(),
        idempotencyKey: crypto.randomUUID(),
      },
    }),
    allowed: [...STAFF_837, 'providerP1'],
    markers: () => [w.a.budget.id],
  },
  {
    name: 'closeYear of Tampere',
    field: 'closeYear',
    query: `mutation($y: Int!) { closeYear(municipalityCode: "837", year: $y) { closedCount errors { code } } }`,
    vars: async () => ({ y: YEAR }),
    allowed: ['organiser837'],
  },
  {
    name: 'setHbClassPrice of a Tampere class',
    field: 'setHbClassPrice',
    query: `mutation($c: ID!, $y: Int) { setHbClassPrice(hbClassId: $c, unitPrice: "160.00", year: $y) { hbClass { id } errors { code } } }`,
    vars: async () => ({
      c: await hbClassId(platform, w.token.adviser, DEMO.tampere),
      y: YEAR + 1,
    }),
    // A class value is the organiser's, for all its municipalities: staff of Tampere alone
    // may not set it.
    allowed: ['organiserPirha'],
  },
  {
    name: 'createPlan for a Tampere client',
    field: 'createPlan',
    query: `mutation($i: CreatePlanInput!) { createPlan(input: $i) { plan { id } errors { code } } }`,
    vars: async () => ({
      i: {
        clientId: (await createClient(platform, w.token.adviser)).id,
        municipalityCode: DEMO.tampere,
        year: YEAR,
      },
    }),
    allowed: STAFF_837,
  },
  {
    name: 'updatePlan',
    field: 'updatePlan',
    query: `mutation($p: ID!) { updatePlan(planId: $p, input: { practicalPlan: "Muutettu" }) { plan { supportNeeds } errors { code } } }`,
    vars: async () => ({ p: w.a.plan.id }),
    allowed: STAFF_837,
    markers: () => [w.a.plan.supportNeeds],
  },
  {
    name: 'setAllocations',
    field: 'setAllocations',
    query: `mutation($p: ID!, $a: [AllocationInput!]!) { setAllocations(planId: $p, allocations: $a) { plan { supportNeeds } errors { code } } }`,
    vars: async () => ({
      p: w.a.plan.id,
      a: [
        {
          budgetId: w.a.budget.id,
          providerId: w.p1,
          amount: '900.00',
          description: 'Päivätoiminta',
        },
      ],
    }),
    allowed: STAFF_837,
    markers: () => [w.a.plan.supportNeeds],
  },
  {
    name: 'acceptPlan',
    field: 'acceptPlan',
    query: `mutation($p: ID!) { acceptPlan(planId: $p) { plan { supportNeeds } errors { code } } }`,
    vars: async () => ({ p: w.a.plan.id }),
    allowed: [...STAFF_837, 'clientA'],
    markers: () => [w.a.plan.supportNeeds],
  },
  {
    name: 'requestPlanChanges',
    field: 'requestPlanChanges',
    query: `mutation($p: ID!) { requestPlanChanges(planId: $p, message: "Muutos") { plan { supportNeeds } changeRequest { message } errors { code } } }`,
    vars: async () => ({ p: w.a.plan.id }),
    // The client's own say on her plan: nobody asks on her behalf.
    allowed: ['clientA'],
    markers: () => [w.a.plan.supportNeeds],
  },
  {
    name: 'reviewGoal',
    field: 'reviewGoal',
    query: `mutation($g: ID!, $d: Date!) { reviewGoal(goalId: $g, input: { reviewedAt: $d, attainment: 50 }) { plan { supportNeeds } errors { code } } }`,
    vars: async () => ({ g: w.a.plan.goalIds[0], d: todayInFinland() }),
    allowed: STAFF_837,
    markers: () => [w.a.plan.supportNeeds],
  },
  {
    name: 'switchProvider',
    field: 'switchProvider',
    query: `mutation($a: ID!, $p: ID!) { switchProvider(allocationId: $a, providerId: $p, reason: "Vaihto") { plan { supportNeeds } errors { code } } }`,
    vars: async () => ({ a: await currentAllocationId(), p: w.p2 }),
    allowed: [...STAFF_837, 'clientA'],
    markers: () => [w.a.plan.supportNeeds],
  },
  {
    name: 'submitFeedback about a Tampere client',
    field: 'submitFeedback',
    query: `mutation($c: ID!) { submitFeedback(input: { clientId: $c, rating: 4, text: "Hyvä" }) { feedback { id } errors { code } } }`,
    vars: async () => ({ c: w.a.id }),
    allowed: ['clientA', 'teamWithConsent'],
  },
  {
    name: 'applyAsProvider (public application)',
    field: 'applyAsProvider',
    query: `mutation($i: ProviderApplicationInput!) { applyAsProvider(input: $i) { provider { id } errors { code } } }`,
    vars: async () => ({
      i: {
        name: marker('Hakija Oy '),
        businessId: '0000000-0',
        kind: 'COMPANY',
        municipalitiesServed: [DEMO.tampere],
        languages: ['fi'],
      },
    }),
    allowed: [...WHO],
  },
  {
    name: 'decideProviderApplication of a provider serving Nokia only',
    field: 'decideProviderApplication',
    query: `mutation($p: ID!) { decideProviderApplication(providerId: $p, decision: INFO_REQUESTED, reason: "Lisätietoa") { provider { id } errors { code } } }`,
    vars: async () => ({ p: await applyForListing([NOKIA]) }),
    allowed: ['organiser536'],
    // Outside the organiser's area the provider is as unknown as a random id.
    refusedAs: { organiser837: 'NOT_FOUND' },
  },
  {
    name: 'decideProviderApplication of a provider serving Tampere and Nokia',
    field: 'decideProviderApplication',
    query: `mutation($p: ID!) { decideProviderApplication(providerId: $p, decision: APPROVED) { provider { id } errors { code } } }`,
    vars: async () => ({ p: await applyForListing([DEMO.tampere, NOKIA]) }),
    allowed: ['organiser837', 'organiser536'],
  },
  {
    name: 'resubmitProviderApplication of P1',
    field: 'resubmitProviderApplication',
    query: `mutation($p: ID!) { resubmitProviderApplication(providerId: $p, note: "Korjattu") { provider { id } errors { code } } }`,
    vars: async () => ({ p: w.p1 }),
    allowed: ['providerP1'],
  },
  {
    name: 'upsertOffering of P1',
    field: 'upsertOffering',
    query: `mutation($p: ID!) { upsertOffering(providerId: $p, input: { serviceType: "DAY_ACTIVITIES", title: "Uusi", price: "10.00", priceUnit: HOUR }) { offering { id } errors { code } } }`,
    vars: async () => ({ p: w.p1 }),
    allowed: ['organiser837', 'providerP1'],
    refusedAs: { organiser536: 'NOT_FOUND' },
  },
];

const CHARGE_DECISIONS: MutationRow[] = [
  {
    name: 'confirmCharge',
    field: 'confirmCharge',
    query: `mutation($t: ID!) { confirmCharge(transactionId: $t) { transaction { id } budget { id } errors { code } } }`,
    vars: async () => ({ t: await freshCharge() }),
    allowed: ['clientA', 'teamWithConsent'],
    markers: () => [w.a.budget.id],
  },
  {
    name: 'rejectCharge',
    field: 'rejectCharge',
    query: `mutation($t: ID!) { rejectCharge(transactionId: $t, reason: "Ei tilattu") { transaction { id } budget { id } errors { code } } }`,
    vars: async () => ({ t: await freshCharge() }),
    allowed: ['clientA', 'teamWithConsent'],
    markers: () => [w.a.budget.id],
  },
];

describe.each(MUTATIONS)('mutation: $name', (row) => {
  it.each(WHO)('as %s', async (who) => {
    const vars = await row.vars();
    const res = await platform.gql<Record<string, unknown>>(row.query, vars, {
      token: tokenOf(who),
    });
    if (withCounty(row.allowed).includes(who)) expectAllowed(who, res, row.field, []);
    else expectRefused(who, res, row.field, row.markers?.() ?? [], row.refusedAs?.[who]);
  });
});

/** The charge's status as the adviser sees it. */
async function chargeStatus(transactionId: string): Promise<string | undefined> {
  const res = await platform.gql<{
    budget: { transactions: { edges: Array<{ node: { id: string; status: string } }> } };
  }>(
    `query($id: ID!) { budget(id: $id) { transactions(first: 100) { edges { node { id status } } } } }`,
    { id: w.a.budget.id },
    { token: w.token.adviser },
  );
  return res.data?.budget.transactions.edges.find((e) => e.node.id === transactionId)?.node.status;
}

describe.each(CHARGE_DECISIONS)('mutation: $name', (row) => {
  it.each(WHO)('as %s', async (who) => {
    const vars = await row.vars();
    const res = await platform.gql<Record<string, unknown>>(row.query, vars, {
      token: tokenOf(who),
    });
    if (row.allowed.includes(who)) {
      expectAllowed(who, res, row.field, []);
      expect(await chargeStatus(vars.t as string)).not.toBe('PENDING_CONFIRMATION');
    } else {
      // Refused: the charge stays pending and the answer carries nothing of the budget.
      expect({ who, status: await chargeStatus(vars.t as string) }).toEqual({
        who,
        status: 'PENDING_CONFIRMATION',
      });
      const payload = res.data?.[row.field] as
        { transaction: unknown; budget: unknown } | null | undefined;
      expect({
        who,
        transaction: payload?.transaction ?? null,
        budget: payload?.budget ?? null,
      }).toEqual({
        who,
        transaction: null,
        budget: null,
      });
      for (const m of row.markers?.() ?? []) expect(JSON.stringify(res)).not.toContain(m);
      expect(codes(res)).toContain(who === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    }
  });
});

describe("an organiser outside the provider's area", () => {
  it('gets exactly the answer for an unknown provider, and the provider stays undecided', async () => {
    const nokiaOnly = await applyForListing([NOKIA]);
    const decide = (p: string) =>
      platform.gql<{ decideProviderApplication: unknown }>(
        `mutation($p: ID!) { decideProviderApplication(providerId: $p, decision: APPROVED) { provider { id approvalStatus } errors { code } } }`,
        { p },
        { token: w.token.organiser837 },
      );
    const outside = await decide(nokiaOnly);
    const unknown = await decide(crypto.randomUUID());
    const shape = (res: GraphQLResponse<unknown>) => ({
      data: res.data,
      errors: (res.errors ?? []).map((e) => ({ message: e.message, code: e.extensions?.code })),
    });
    expect(shape(outside)).toEqual(shape(unknown));
    expect(codes(outside)).toEqual(['NOT_FOUND']);
    expect(JSON.stringify(outside)).not.toContain(nokiaOnly);
    const seen = await platform.gql<{ provider: { approvalStatus: string } | null }>(
      `query($p: ID!) { provider(id: $p) { approvalStatus } }`,
      { p: nokiaOnly },
      { token: w.token.organiser536 },
    );
    expect(seen.data?.provider?.approvalStatus).toBe('PENDING');
  });

  it("does not find it in the approval queue, which holds only the organiser's own area", async () => {
    const nokiaOnly = await applyForListing([NOKIA]);
    const both = await applyForListing([DEMO.tampere, NOKIA]);
    const queueOf = async (token: string) => {
      const ids: string[] = [];
      let after: string | null = null;
      for (;;) {
        const res: GraphQLResponse<{
          approvalQueue: {
            pageInfo: { hasNextPage: boolean; endCursor: string | null };
            edges: Array<{ node: { id: string; municipalitiesServed: Array<{ code: string }> } }>;
          };
        }> = await platform.gql(
          `query($a: String) { approvalQueue(first: 50, after: $a) { pageInfo { hasNextPage endCursor }
             edges { node { id municipalitiesServed { code } } } } }`,
          { a: after },
          { token },
        );
        expect(codes(res)).toEqual([]);
        const page = res.data!.approvalQueue;
        ids.push(...page.edges.map((e) => e.node.id));
        const codesServed = page.edges.map((e) => e.node.municipalitiesServed.map((m) => m.code));
        if (!page.pageInfo.hasNextPage) return { ids, codesServed };
        after = page.pageInfo.endCursor;
      }
    };
    const tampere = await queueOf(w.token.organiser837);
    expect(tampere.ids).toContain(both);
    expect(tampere.ids).not.toContain(nokiaOnly);
    expect(tampere.codesServed.filter((served) => !served.includes(DEMO.tampere))).toEqual([]);
    const nokia = await queueOf(w.token.organiser536);
    expect(nokia.ids).toEqual(expect.arrayContaining([both, nokiaOnly]));
  });
});

describe('team members: current membership, and consent for anything more', () => {
  const teamOf = (who: Who) =>
    platform.gql<{ client: { id: string; team: Array<{ id: string; name: string }> } | null }>(
      `query($id: ID!) { client(id: $id) { id team { id name } } }`,
      { id: w.a.id },
      { token: tokenOf(who) },
    );

  it.each([
    ['teamWithConsent', () => w.a.memberWithConsent],
    ['teamWithoutConsent', () => w.a.memberWithoutConsent],
  ] as const)('%s sees her own team entry and nobody else in the team', async (who, me) => {
    const res = await teamOf(who);
    expect(codes(res)).toEqual([]);
    expect(res.data?.client?.team).toEqual([{ id: me().id, name: me().name }]);
    for (const other of [w.a.memberWithConsent, w.a.memberWithoutConsent].filter(
      (m) => m.id !== me().id,
    ))
      expect(JSON.stringify(res)).not.toContain(other.name);
  });

  it.each(['teamRemoved', 'teamStranger'] as const)(
    '%s learns nothing, not even that the client exists',
    async (who) => {
      const res = await teamOf(who);
      expect(codes(res)).toEqual(['FORBIDDEN']);
      expect(res.data?.client ?? null).toBeNull();
      for (const m of [w.a.firstName, w.a.lastName, w.a.memberWithConsent.name])
        expect(JSON.stringify(res)).not.toContain(m);
    },
  );

  it('a member without a consent in force gets no detail, whichever field she asks', async () => {
    const res = await platform.gql<{ client: unknown }>(
      `query($id: ID!) { client(id: $id) { id team { id } firstName } }`,
      { id: w.a.id },
      { token: w.token.teamWithoutConsent },
    );
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(res)).not.toContain(w.a.firstName);
  });
});
