/**
 * Bad input (issue 7, item 6): at least 10 000 generated and mutated GraphQL documents,
 * variables and raw bodies through the gateway over HTTP. No 5xx other than a clean masked
 * INTERNAL_SERVER_ERROR, no stack traces or file paths, no crash, and the database unchanged
 * (every mutation sent carries a type-level error in its variables, from a caller without rights).
 * Reproduce a failure with FUZZ_SEED=<the printed seed>.
 */
import crypto from 'node:crypto';
import { DEMO } from '@hb/kit';
import { countRows as countTableRows } from '@hb/kit/testing';
import { startTestPlatform, type TestPlatform } from '../testkit';

const TOTAL = Number(process.env.FUZZ_COUNT ?? 10_000);
const CONCURRENCY = 8;
const SEED = Number(process.env.FUZZ_SEED ?? crypto.randomInt(1, 2 ** 31));

/** mulberry32: small, fast, seeded. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof prng>;

const UNICODE = [
  'Ä',
  'ö',
  'å',
  '你好',
  '🙂',
  '\u0000',
  '\u202e',
  '\ud800',
  '\udfff',
  '\uffff',
  'e\u0301',
  '\n',
  '"',
  '\\',
  '{',
  '}',
  '$',
  '@',
  '…',
];
const FIELDS = [
  'client',
  'clients',
  'budget',
  'plan',
  'provider',
  'providers',
  'municipalities',
  'serviceTypes',
  'calculateBudget',
  'myConsentScopes',
  'providerSwitchReport',
  'id',
  'firstName',
  'lastName',
  'team',
  'consents',
  'accessLog',
  'budgets',
  'plans',
  'transactions',
  'edges',
  'node',
  'granted',
  'amount',
  'allocations',
  'goals',
  'municipality',
  'code',
  'name',
  'offerings',
  '__typename',
  '__schema',
  '__type',
  'fields',
  '_entities',
  '_service',
  'sdl',
  'nope',
];

function randomString(r: Rng): string {
  switch (r.int(7)) {
    case 0:
      return 'x'.repeat(r.pick([0, 1, 255, 256, 5000, 100_000]));
    case 1:
      return Array.from({ length: r.int(40) }, () => r.pick(UNICODE)).join('');
    case 2:
      return Buffer.from(Array.from({ length: r.int(64) }, () => r.int(256))).toString('latin1');
    case 3:
      return crypto.randomUUID();
    case 4:
      return r.pick([
        '837',
        '-1',
        '1e309',
        'NaN',
        'null',
        'true',
        "' OR 1=1 --",
        '../../etc/passwd',
        '<script>',
        '%00',
      ]);
    case 5:
      return String(r.next() * 1e20);
    default:
      return Array.from({ length: r.int(20) }, () => String.fromCharCode(r.int(0x10000))).join('');
  }
}

function randomValue(r: Rng, depth = 0): unknown {
  switch (r.int(depth > 3 ? 6 : 8)) {
    case 0:
      return null;
    case 1:
      return randomString(r);
    case 2:
      return r.pick([0, -1, 2 ** 31, 2 ** 53 + 1, 1.5, -0, 1e308]);
    case 3:
      return r.chance(0.5);
    case 4:
      return r.pick([[], {}, '', ' ']);
    case 5:
      return r.pick(['DRAFT', 'FORBIDDEN', 'HOUR', 'PLANNING']);
    case 6:
      return Array.from({ length: r.int(5) }, () => randomValue(r, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: r.int(5) }, () => [
          r.pick([...FIELDS, 'clientId', 'year', 'input', randomString(r).slice(0, 20)]),
          randomValue(r, depth + 1),
        ]),
      );
  }
}

/** Mutations of the contract with the variable that will carry a type-level error. */
const MUTATIONS: Array<{
  doc: string;
  vars: (r: Rng) => Record<string, unknown>;
  bad: (r: Rng) => Record<string, unknown>;
}> = [
  {
    doc: `mutation($i: CreateClientInput!) { createClient(input: $i) { client { id } errors { code } } }`,
    vars: (r) => ({
      i: { firstName: randomString(r), lastName: randomString(r), municipalityCode: DEMO.tampere },
    }),
    bad: (r) => ({
      i: r.pick([
        null,
        42,
        'x',
        [],
        { firstName: null, lastName: 'x', municipalityCode: '837' },
        { firstName: 'x', lastName: 'y', municipalityCode: '837', processPhase: 'NOPE' },
        { firstName: 'x', lastName: 'y', municipalityCode: '837', extra: 1 },
      ]),
    }),
  },
  {
    doc: `mutation($c: ID!, $i: TeamMemberInput!) { addTeamMember(clientId: $c, input: $i) { errors { code } } }`,
    vars: (r) => ({ c: DEMO.essiClientId, i: { name: randomString(r), role: 'RELATIVE' } }),
    bad: (r) => ({
      i: r.pick([null, { name: 'x', role: 'KING' }, { name: 1, role: 'OTHER' }, { role: 'OTHER' }]),
    }),
  },
  {
    doc: `mutation($c: ID!, $p: ProcessPhase!) { setProcessPhase(clientId: $c, phase: $p) { errors { code } } }`,
    vars: () => ({ c: DEMO.essiClientId, p: 'PLANNING' }),
    bad: (r) => ({ p: r.pick([null, 'planning', 'DONE', 7, ['PLANNING']]) }),
  },
  {
    doc: `mutation($c: ID!, $i: ConsentInput!) { grantConsent(clientId: $c, input: $i) { errors { code } } }`,
    vars: (r) => ({
      c: DEMO.essiClientId,
      i: { teamMemberId: DEMO.essiTeamMemberId, scopes: ['BUDGET'], validFrom: randomString(r) },
    }),
    bad: (r) => ({
      i: r.pick([
        null,
        { teamMemberId: null, scopes: [] },
        { teamMemberId: 'x', scopes: ['ALL'] },
        { teamMemberId: 'x', scopes: 'BUDGET', validFrom: 5 },
      ]),
    }),
  },
  {
    doc: `mutation($i: DecideBudgetInput!) { decideBudget(input: $i) { errors { code } } }`,
    vars: (r) => ({
      i: {
        clientId: DEMO.essiClientId,
        year: 2026,
        serviceType: 'DAY_ACTIVITIES',
        hbClassId: randomString(r),
        paymentIntervalMonths: 3,
        instrument: 'VOUCHER',
      },
    }),
    bad: (r) => ({
      i: r.pick([
        null,
        {
          clientId: 'x',
          year: 'twenty',
          serviceType: 'X',
          hbClassId: 'y',
          paymentIntervalMonths: 1,
          instrument: 'VOUCHER',
        },
        {
          clientId: 'x',
          year: 2026,
          serviceType: 'X',
          hbClassId: 'y',
          paymentIntervalMonths: 2 ** 40,
          instrument: 'VOUCHER',
        },
        {
          clientId: 'x',
          year: 2026,
          serviceType: 'X',
          hbClassId: 'y',
          paymentIntervalMonths: 1,
          instrument: 'CASH',
        },
      ]),
    }),
  },
  {
    doc: `mutation($i: RecordChargeInput!) { recordCharge(input: $i) { errors { code } } }`,
    vars: (r) => ({
      i: {
        budgetId: crypto.randomUUID(),
        providerId: DEMO.providerId,
        amount: randomString(r),
        serviceDate: '2026-01-01',
        idempotencyKey: randomString(r),
      },
    }),
    bad: (r) => ({
      i: r.pick([
        null,
        {
          budgetId: 'x',
          providerId: 'y',
          amount: 12.5,
          serviceDate: '2026-01-01',
          idempotencyKey: 'k',
        },
        {
          budgetId: 'x',
          providerId: 'y',
          amount: '1',
          serviceDate: 'yesterday',
          idempotencyKey: 'k',
        },
        {
          budgetId: 'x',
          providerId: 'y',
          amount: '1',
          serviceDate: '2026-02-30',
          idempotencyKey: null,
        },
      ]),
    }),
  },
  {
    doc: `mutation($t: ID!, $reason: String!) { rejectCharge(transactionId: $t, reason: $reason) { errors { code } } }`,
    vars: (r) => ({ t: crypto.randomUUID(), reason: randomString(r) }),
    bad: (r) => ({ reason: r.pick([null, 5, { a: 1 }, ['x']]) }),
  },
  {
    doc: `mutation($m: ID!, $y: Int!) { closeYear(municipalityCode: $m, year: $y) { errors { code } } }`,
    vars: () => ({ m: DEMO.tampere, y: 2020 }),
    bad: (r) => ({ y: r.pick([null, '2020', 2 ** 31, 1.5, 1e40, true]) }),
  },
  {
    doc: `mutation($i: CreatePlanInput!) { createPlan(input: $i) { errors { code } } }`,
    vars: (r) => ({
      i: {
        clientId: DEMO.essiClientId,
        municipalityCode: DEMO.tampere,
        year: 2026,
        supportNeeds: randomString(r),
      },
    }),
    bad: (r) => ({
      i: r.pick([
        null,
        { clientId: 'x', municipalityCode: '837', year: 2026, goals: [{ description: null }] },
        {
          clientId: 'x',
          municipalityCode: '837',
          year: 2026,
          participants: [{ name: 'a', role: 'BOSS' }],
        },
      ]),
    }),
  },
  {
    doc: `mutation($p: ID!, $a: [AllocationInput!]!) { setAllocations(planId: $p, allocations: $a) { errors { code } } }`,
    vars: (r) => ({
      p: crypto.randomUUID(),
      a: [{ budgetId: crypto.randomUUID(), amount: randomString(r) }],
    }),
    bad: (r) => ({ a: r.pick([null, [null], [{ amount: '1' }], [{ budgetId: 'x', amount: 1 }]]) }),
  },
  {
    doc: `mutation($g: ID!, $i: GoalReviewInput!) { reviewGoal(goalId: $g, input: $i) { errors { code } } }`,
    vars: (r) => ({
      g: crypto.randomUUID(),
      i: { reviewedAt: '2026-01-01', attainment: r.int(200) - 50 },
    }),
    bad: (r) => ({
      i: r.pick([
        null,
        { reviewedAt: '2026-13-01', attainment: 5 },
        { reviewedAt: '2026-01-01', attainment: '50' },
        { reviewedAt: '2026-01-01', attainment: 2 ** 33 },
      ]),
    }),
  },
  {
    doc: `mutation($i: FeedbackInput!) { submitFeedback(input: $i) { errors { code } } }`,
    vars: (r) => ({ i: { clientId: DEMO.essiClientId, rating: r.int(10), text: randomString(r) } }),
    bad: (r) => ({
      i: r.pick([
        null,
        { clientId: 'x', rating: 'five' },
        { clientId: 'x', rating: 1.5 },
        { rating: 3 },
      ]),
    }),
  },
  {
    doc: `mutation($i: ProviderApplicationInput!) { applyAsProvider(input: $i) { errors { code } } }`,
    vars: (r) => ({
      i: {
        name: randomString(r),
        businessId: '1234567-8',
        kind: 'COMPANY',
        municipalitiesServed: ['837'],
        languages: ['fi'],
      },
    }),
    bad: (r) => ({
      i: r.pick([
        null,
        { name: 'x', businessId: 'y', kind: 'EMPIRE', municipalitiesServed: [], languages: [] },
        { name: 'x', businessId: 'y', kind: 'NGO', municipalitiesServed: null, languages: [] },
        { name: 'x', businessId: 'y', kind: 'NGO', municipalitiesServed: [], languages: [1] },
      ]),
    }),
  },
  {
    doc: `mutation($p: ID!, $i: OfferingInput!) { upsertOffering(providerId: $p, input: $i) { errors { code } } }`,
    vars: (r) => ({
      p: DEMO.providerId,
      i: {
        serviceType: 'TRANSPORT',
        title: randomString(r),
        price: randomString(r),
        priceUnit: 'HOUR',
      },
    }),
    bad: (r) => ({
      i: r.pick([
        null,
        { serviceType: 'X', title: 't', price: '1', priceUnit: 'WEEK' },
        { serviceType: 'X', title: 't', price: 1, priceUnit: 'HOUR' },
      ]),
    }),
  },
];

const QUERIES = [
  `query($id: ID!) { client(id: $id) { id firstName team { name } budgets { id } plans { id } accessLog(first: 5) { totalCount } } }`,
  `query($s: String, $f: Int, $a: String) { clients(search: $s, first: $f, after: $a) { totalCount edges { cursor node { id } } } }`,
  `query($id: ID!) { budget(id: $id) { id granted { amount currency } transactions(first: 3) { edges { node { id } } } } }`,
  `query($i: BudgetCalculationInput!) { calculateBudget(input: $i) { total { amount } months { month } explanation } }`,
  `query($s: ProviderSearchInput, $f: Int) { providers(search: $s, first: $f) { totalCount edges { node { id name offerings { title } } } } }`,
  `query($id: ID!) { provider(id: $id) { id name approvalHistory { at } } }`,
  `query($id: ID!) { plan(id: $id) { id goals { id reviews { attainment } } allocations { amount { amount } } } }`,
  `{ municipalities { code name nameSv } serviceTypes { code classes(municipalityCode: "837") { id unitPrice { amount } } } }`,
];

function mutateText(r: Rng, text: string): string {
  let s = text;
  for (let k = 0, n = 1 + r.int(4); k < n; k++) {
    const at = r.int(s.length + 1);
    switch (r.int(5)) {
      case 0:
        s = s.slice(0, at) + s.slice(at + 1 + r.int(5));
        break;
      case 1:
        s =
          s.slice(0, at) +
          r.pick([
            '{',
            '}',
            '(',
            ')',
            ':',
            '$',
            '...',
            '@skip(if: true)',
            '"',
            '#',
            ' ',
            ',',
            '!',
            '[',
            ']',
            '@include',
            'on',
            'fragment',
            r.pick(UNICODE),
            r.pick(FIELDS),
          ]) +
          s.slice(at);
        break;
      case 2:
        s = s.slice(0, at);
        break;
      case 3:
        s = s.slice(0, at) + s.slice(at, at + 20).repeat(r.int(50)) + s.slice(at);
        break;
      default:
        s = s.slice(0, at) + String.fromCharCode(r.int(0x10000)) + s.slice(at + 1);
    }
  }
  return s;
}

function generatedDocument(r: Rng): string {
  const select = (depth: number): string => {
    const n = 1 + r.int(depth > 5 ? 2 : 4);
    return Array.from({ length: n }, () => {
      const alias = r.chance(0.2) ? `${r.pick(['a', 'b', 'x1', '_', 'ä'])}${r.int(100)}: ` : '';
      const field = r.pick(FIELDS);
      const args = r.chance(0.3)
        ? `(${r.pick(['id', 'first', 'after', 'search', 'input', 'year'])}: ${JSON.stringify(randomValue(r)) ?? 'null'})`
        : '';
      const dir = r.chance(0.1)
        ? ` @${r.pick(['skip', 'include', 'deprecated', 'nope'])}(if: ${r.pick(['true', 'false', '1', '"x"'])})`
        : '';
      const sub = depth < 40 && r.chance(0.5) ? ` { ${select(depth + 1)} }` : '';
      return `${alias}${field}${args}${dir}${sub}`;
    }).join(' ');
  };
  switch (r.int(5)) {
    case 0: {
      // deep nesting
      const depth = 10 + r.int(200);
      return `{ ${'client(id: "x") { plans { client { '.repeat(depth)}id${' } } }'.repeat(depth)} }`;
    }
    case 1: // many aliases
      return `{ ${Array.from({ length: 20 + r.int(2000) }, (_, i) => `a${i}: ${r.pick(['municipalities { code }', '__typename', 'serviceTypes { code }'])}`).join(' ')} }`;
    case 2: // fragments, also cycles
      return `query Q { ...F } fragment F on Query { municipalities { ...G } } fragment G on Municipality { code ${r.chance(0.5) ? '...G' : ''} }`;
    default:
      return `${r.pick(['', 'query ', 'mutation ', 'subscription ', 'query Q($v: ID) '])}{ ${select(0)} }`;
  }
}

interface Request {
  body: string;
  token: 'anonymous' | 'adviser' | 'clientB' | 'provider';
  contentType?: string;
}

function nextRequest(r: Rng): Request {
  const kind = r.int(10);
  if (kind < 4) {
    // A mutation with a type-level error in its variables, from a caller without rights.
    const m = r.pick(MUTATIONS);
    const vars = { ...m.vars(r), ...m.bad(r) };
    const doc = r.chance(0.3) ? mutateText(r, m.doc) : m.doc;
    return {
      body: JSON.stringify({ query: doc, variables: vars }),
      token: r.pick(['anonymous', 'provider'] as const),
    };
  }
  if (kind < 6) {
    const q = r.pick(QUERIES);
    const vars = Object.fromEntries(['id', 's', 'f', 'a', 'i'].map((k) => [k, randomValue(r)]));
    return {
      body: JSON.stringify({
        query: r.chance(0.5) ? mutateText(r, q) : q,
        variables: r.chance(0.9) ? vars : randomValue(r),
      }),
      token: r.pick(['anonymous', 'adviser', 'clientB', 'provider'] as const),
    };
  }
  if (kind < 9) {
    const doc = generatedDocument(r);
    // Generated documents never name a mutation field, so even a valid one changes nothing.
    return {
      body: JSON.stringify({
        query: r.chance(0.3) ? mutateText(r, doc) : doc,
        operationName: r.chance(0.1) ? randomString(r) : undefined,
      }),
      token: r.pick(['anonymous', 'adviser', 'clientB', 'provider'] as const),
    };
  }
  // Raw bodies: random bytes, broken JSON, wrong shapes, wrong content types.
  const raw = r.pick([
    () => Buffer.from(Array.from({ length: r.int(2000) }, () => r.int(256))).toString('latin1'),
    () => mutateText(r, JSON.stringify({ query: r.pick(QUERIES), variables: {} })),
    () =>
      JSON.stringify(
        r.pick([
          null,
          1,
          'x',
          [],
          [{ query: '{ __typename }' }],
          { query: 5 },
          { query: null },
          { query: '{ __typename }', variables: 'x' },
          {
            query: '{ __typename }',
            extensions: { persistedQuery: { version: 1, sha256Hash: 'x' } },
          },
        ]),
      ),
    () => JSON.stringify({ query: '{ __typename }', variables: randomValue(r) }),
  ])();
  return {
    body: raw,
    token: r.pick(['anonymous', 'provider'] as const),
    contentType: r.chance(0.9)
      ? 'application/json'
      : r.pick(['text/plain', 'application/graphql', 'multipart/form-data']),
  };
}

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform({ env: { MUTATION_RATE_PER_MINUTE: '1000000' } });
}, 180_000);

afterAll(async () => {
  await platform?.stop();
}, 60_000);

const countRows = () =>
  countTableRows(platform.databaseUrl, ['clients', 'budgets', 'providers', 'plans']);

it(`survives ${TOTAL} generated and mutated requests unchanged (seed ${SEED})`, async () => {
  console.log(`fuzz seed ${SEED} (rerun with FUZZ_SEED=${SEED})`);
  const clientB = crypto.randomUUID();
  const tokens = {
    anonymous: undefined,
    adviser: await platform.token({
      sub: DEMO.adviserId,
      role: 'ADVISER',
      municipalities: [DEMO.tampere],
    }),
    // A client's token names its own client (the verifier refuses any other).
    clientB: await platform.token({ sub: clientB, role: 'CLIENT', clientId: clientB }),
    provider: await platform.token({
      sub: 'fuzz-provider',
      role: 'PROVIDER',
      providerId: crypto.randomUUID(),
    }),
  };
  const before = await countRows();
  const r = prng(SEED);
  const requests = Array.from({ length: TOTAL }, () => nextRequest(r));
  const problems: string[] = [];
  const statuses: Record<number, number> = {};
  const masked: string[] = [];
  let index = 0;
  const started = Date.now();
  const worker = async () => {
    while (index < requests.length) {
      const n = index++;
      const req = requests[n]!;
      const headers: Record<string, string> = {
        'content-type': req.contentType ?? 'application/json',
      };
      const token = tokens[req.token];
      if (token) headers.authorization = `Bearer ${token}`;
      let status = 0;
      let text = '';
      // One retry for a network error: an idle keep-alive socket that the server closes just as
      // the client reuses it is a client-side race, not a failure of the service.
      let failure: unknown;
      for (let attempt = 0; attempt < 2 && status === 0; attempt++) {
        try {
          const res = await fetch(platform.gatewayUrl, {
            method: 'POST',
            headers,
            body: req.body,
            signal: AbortSignal.timeout(30_000),
          });
          status = res.status;
          text = await res.text();
        } catch (error) {
          failure = error;
        }
      }
      if (status === 0) {
        problems.push(
          `#${n}: no answer (${(failure as Error).message}) for ${req.body.slice(0, 300)}`,
        );
        continue;
      }
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status >= 500) {
        let clean = false;
        try {
          const body = JSON.parse(text) as {
            errors?: Array<{ message: string; extensions?: { code?: string } }>;
          };
          clean =
            !!body.errors?.length &&
            body.errors.every(
              (e) =>
                e.extensions?.code === 'INTERNAL_SERVER_ERROR' &&
                e.message === 'Internal server error.',
            );
        } catch {
          clean = false;
        }
        masked.push(`#${n}: ${req.body.slice(0, 200)}`);
        if (!clean)
          problems.push(`#${n}: ${status} ${text.slice(0, 300)} for ${req.body.slice(0, 300)}`);
      }
      if (/stacktrace|\bat \S+ \(|\/work\/|node_modules|\.(ts|js):\d+/i.test(text)) {
        problems.push(`#${n}: internals in ${text.slice(0, 300)} for ${req.body.slice(0, 300)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  if (masked.length > 0)
    console.log(`masked 5xx answers (first 5):\n${masked.slice(0, 5).join('\n')}`);
  console.log(
    `fuzz: ${TOTAL} requests in ${Date.now() - started} ms, statuses ${JSON.stringify(statuses)}`,
  );

  for (const s of platform.services) {
    const health = await fetch(s.url.replace(/\/graphql$/, '/health'));
    expect({ service: s.name, ok: health.ok }).toEqual({ service: s.name, ok: true });
  }
  expect(problems.slice(0, 20)).toEqual([]);
  expect(await countRows()).toEqual(before);
}, 240_000);
