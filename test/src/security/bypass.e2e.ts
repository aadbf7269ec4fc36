/**
 * Ways around the rules (issue 7, item 5): `_entities` sent straight to each subgraph with
 * another principal's token, aliases and fragments, and the access log of refused reads.
 */
import crypto from 'node:crypto';
import { DEMO } from '@hb/kit';
import {
  accessLogOf,
  createClient,
  makeWorldClient,
  moreTokens,
  otherProviderId,
  removedTeamMember,
  startTestPlatform,
  tokens,
  type TestPlatform,
  type WorldClient,
} from '../testkit';

let platform: TestPlatform;
let a: WorldClient; // Tampere, charged by P1, allocation to P1
let c: WorldClient; // Nokia, charged by P2
let p2: string;
let removed: { id: string; name: string }; // was on A's team with every consent, then removed

beforeAll(async () => {
  platform = await startTestPlatform({ env: { MUTATION_RATE_PER_MINUTE: '100000' } });
  const adviser = await tokens(platform).adviser();
  p2 = await otherProviderId(platform);
  a = await makeWorldClient(platform, adviser);
  c = await makeWorldClient(platform, adviser, { municipalityCode: '536', providerId: p2 });
  removed = await removedTeamMember(platform, adviser, a.id);
}, 240_000);

afterAll(async () => {
  await platform?.stop();
}, 60_000);

afterEach(() => {
  if (expect.getState().assertionCalls !== expect.getState().numPassingAsserts) {
    console.log(platform.logs.slice(-30).join('\n'));
  }
});

/** Posts a document straight to one subgraph, past the gateway. */
async function direct(
  service: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
) {
  const url = platform.services.find((s) => s.name === service)!.url;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(url, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, text: await res.text() };
}

/** The fields a subgraph knows of each entity: ask only those, so the document validates there. */
const SELECTIONS: Record<string, Record<string, string>> = {
  clients: { Client: 'id firstName lastName dateOfBirth team { name } accessLog { totalCount }' },
  budgets: {
    Client: 'id budgets { id granted { amount } }',
    Budget: 'id granted { amount } transactions(first: 50) { edges { node { description } } }',
  },
  plans: {
    Client: 'id plans { id supportNeeds }',
    ImplementationPlan: 'id supportNeeds practicalPlan',
    Budget: 'id allocations { id description amount { amount } }',
  },
};

function entitiesQuery(type: string, selection: string) {
  return `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${type} { ${selection} } } }`;
}

describe('_entities straight to the subgraphs', () => {
  const cases: Array<{
    service: string;
    type: string;
    key: () => Record<string, string>;
    secrets: () => string[];
  }> = [
    {
      service: 'clients',
      type: 'Client',
      key: () => ({ id: a.id }),
      secrets: () => [a.firstName, a.lastName, a.memberWithConsent.name],
    },
    { service: 'budgets', type: 'Client', key: () => ({ id: a.id }), secrets: () => [a.budget.id] },
    {
      service: 'budgets',
      type: 'Budget',
      key: () => ({ id: a.budget.id }),
      secrets: () => [a.charge.description],
    },
    {
      service: 'plans',
      type: 'Client',
      key: () => ({ id: a.id }),
      secrets: () => [a.plan.id, a.plan.supportNeeds],
    },
    {
      service: 'plans',
      type: 'ImplementationPlan',
      key: () => ({ id: a.plan.id }),
      secrets: () => [a.plan.supportNeeds],
    },
  ];
  const intruders: Array<[string, (p: TestPlatform) => Promise<string | undefined>]> = [
    ['anonymous', async () => undefined],
    ['another client', async (p) => tokens(p).client(c.id)],
    ['a worker of another municipality', async (p) => tokens(p).worker('536')],
    ['organiser staff', async (p) => tokens(p).organiser()],
    ['another provider', async (p) => tokens(p).provider(p2)],
    [
      'a team member without consent',
      async (p) => tokens(p).teamMember(a.memberWithoutConsent.id, a.id),
    ],
    ['a member removed from the team', async (p) => tokens(p).teamMember(removed.id, a.id)],
    [
      'a team-member token of someone never on the team',
      async (p) => tokens(p).teamMember(crypto.randomUUID(), a.id),
    ],
    [
      "a member of another client's team naming this client",
      async (p) => tokens(p).teamMember(c.memberWithConsent.id, a.id),
    ],
    [
      'a municipal system without scopes',
      async (p) => moreTokens(p).municipalSystem(DEMO.tampere, []),
    ],
    [
      'a municipal system of another municipality',
      async (p) => moreTokens(p).municipalSystem('536', ['clients:read', 'budgets:read']),
    ],
  ];
  describe.each(cases)('$service: $type', (kase) => {
    it.each(intruders)('as %s: nothing of the target comes back', async (name, mint) => {
      const token = await mint(platform);
      // A team member without consent may learn only that she is on the team: no details.
      const secrets = kase.secrets();
      const selection = SELECTIONS[kase.service]![kase.type]!;
      const res = await direct(
        kase.service,
        entitiesQuery(kase.type, selection),
        { r: [{ __typename: kase.type, ...kase.key() }] },
        token,
      );
      expect(res.status).toBeLessThan(500);
      for (const s of secrets)
        expect({ name, leaked: res.text.includes(s) ? s : null }).toEqual({ name, leaked: null });
      expect(res.text).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
      expect(res.text).not.toMatch(/stacktrace/i);
    });
  });

  it.each([
    ['a member removed from the team', () => removed.id],
    ['a subject never on the team', () => crypto.randomUUID()],
  ])('as %s: Client._entities at the clients subgraph answers nothing at all', async (_n, sub) => {
    const token = await tokens(platform).teamMember(sub(), a.id);
    for (const selection of ['id', 'id team { id name }', 'firstName', 'processPhase']) {
      const res = await direct(
        'clients',
        entitiesQuery('Client', selection),
        { r: [{ __typename: 'Client', id: a.id }] },
        token,
      );
      const body = JSON.parse(res.text) as {
        data?: { _entities: unknown[] };
        errors?: Array<{ extensions?: { code?: string } }>;
      };
      expect({ selection, entities: body.data?._entities }).toEqual({
        selection,
        entities: [null],
      });
      expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      for (const s of [a.firstName, a.lastName, removed.name, a.memberWithConsent.name])
        expect(res.text).not.toContain(s);
    }
  });

  it('a member without consent gets her own team entry through _entities, and no detail', async () => {
    const token = await tokens(platform).teamMember(a.memberWithoutConsent.id, a.id);
    const bare = await direct(
      'clients',
      entitiesQuery('Client', 'id team { id name }'),
      { r: [{ __typename: 'Client', id: a.id }] },
      token,
    );
    expect(JSON.parse(bare.text)).toEqual({
      data: {
        _entities: [
          {
            id: a.id,
            team: [{ id: a.memberWithoutConsent.id, name: a.memberWithoutConsent.name }],
          },
        ],
      },
    });
    const details = await direct(
      'clients',
      entitiesQuery('Client', 'lastName'),
      { r: [{ __typename: 'Client', id: a.id }] },
      token,
    );
    expect(details.text).toMatch(/FORBIDDEN/);
    expect(details.text).not.toContain(a.lastName);
  });

  it('a member with consent reads the details through _entities, but only her own team entry', async () => {
    const token = await tokens(platform).teamMember(a.memberWithConsent.id, a.id);
    const res = await direct(
      'clients',
      entitiesQuery('Client', 'lastName team { name }'),
      { r: [{ __typename: 'Client', id: a.id }] },
      token,
    );
    expect(JSON.parse(res.text)).toEqual({
      data: { _entities: [{ lastName: a.lastName, team: [{ name: a.memberWithConsent.name }] }] },
    });
  });

  it.each([
    ['budgets', 'id budgets { id }'],
    ['plans', 'id plans { id }'],
  ])(
    '%s: a client with nothing there is told empty only to staff who may read her',
    async (service, selection) => {
      const empty = await createClient(platform, await tokens(platform).adviser());
      const ask = async (token: string) =>
        JSON.parse(
          (
            await direct(
              service,
              entitiesQuery('Client', selection),
              { r: [{ __typename: 'Client', id: empty.id }] },
              token,
            )
          ).text,
        ) as {
          data?: { _entities: unknown[] };
          errors?: Array<{ extensions?: { code?: string } }>;
        };
      const field = selection.split(' ')[1]!;
      expect(await ask(await tokens(platform).worker(DEMO.tampere))).toEqual({
        data: { _entities: [{ id: empty.id, [field]: [] }] },
      });
      for (const token of [
        await tokens(platform).worker('536'),
        await moreTokens(platform).municipalSystem('536', ['clients:read', 'budgets:read']),
      ]) {
        const refused = await ask(token);
        expect(refused.data?._entities).toEqual([null]);
        expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      }
    },
  );

  it('a non-approved provider through Provider._entities: who it is to a client, its details to staff', async () => {
    const applied = await platform.gql<{ applyAsProvider: { provider: { id: string } | null } }>(
      `mutation($i: ProviderApplicationInput!) { applyAsProvider(input: $i) { provider { id } } }`,
      {
        i: {
          name: 'Viitattava Oy',
          businessId: '7654321-2',
          kind: 'COMPANY',
          description: 'Hakemuksen salainen kuvaus',
          email: 'hakemus@example.fi',
          municipalitiesServed: [DEMO.tampere],
          languages: ['fi'],
        },
      },
    );
    const id = applied.data!.applyAsProvider.provider!.id;
    const ask = async (token: string, selection: string) =>
      JSON.parse(
        (
          await direct(
            'providers',
            entitiesQuery('Provider', selection),
            { r: [{ __typename: 'Provider', id }] },
            token,
          )
        ).text,
      ) as { data?: { _entities: unknown[] }; errors?: Array<{ extensions?: { code?: string } }> };
    const client = await tokens(platform).client(a.id);
    expect(await ask(client, 'id name approvalStatus')).toEqual({
      data: { _entities: [{ id, name: 'Viitattava Oy', approvalStatus: 'PENDING' }] },
    });
    for (const selection of ['businessId', 'description', 'email', 'offerings { id }']) {
      const refused = await ask(client, `id ${selection}`);
      expect({ selection, codes: refused.errors?.map((e) => e.extensions?.code) }).toEqual({
        selection,
        codes: ['FORBIDDEN'],
      });
      expect(JSON.stringify(refused)).not.toMatch(/salainen|hakemus@|7654321/);
    }
    expect(await ask(await tokens(platform).worker(DEMO.tampere), 'description')).toEqual({
      data: { _entities: [{ description: 'Hakemuksen salainen kuvaus' }] },
    });
  });

  it('the owner reads the same entities directly (the test asks the right thing)', async () => {
    const token = await tokens(platform).client(a.id);
    const res = await direct(
      'clients',
      entitiesQuery('Client', SELECTIONS.clients!.Client!),
      { r: [{ __typename: 'Client', id: a.id }] },
      token,
    );
    expect(res.text).toContain(a.lastName);
    const plan = await direct(
      'plans',
      entitiesQuery('ImplementationPlan', SELECTIONS.plans!.ImplementationPlan!),
      { r: [{ __typename: 'ImplementationPlan', id: a.plan.id }] },
      token,
    );
    expect(plan.text).toContain(a.plan.supportNeeds);
  });

  it('a provider sees only allocations that name it through Budget._entities', async () => {
    // Allocations of a plan in force: accept the draft first.
    const accepted = await platform.gql<{ acceptPlan: { errors: unknown[] } }>(
      `mutation($p: ID!) { acceptPlan(planId: $p) { errors { code } } }`,
      { p: a.plan.id },
      { token: await tokens(platform).client(a.id) },
    );
    expect(accepted.data?.acceptPlan.errors).toEqual([]);
    const q = entitiesQuery('Budget', 'id allocations { id description }');
    const own = await direct(
      'plans',
      q,
      { r: [{ __typename: 'Budget', id: a.budget.id }] },
      await tokens(platform).provider(DEMO.providerId),
    );
    expect(own.text).toContain(a.allocationIds[0]!);
    const other = await direct(
      'plans',
      q,
      { r: [{ __typename: 'Budget', id: a.budget.id }] },
      await tokens(platform).provider(p2),
    );
    expect(other.text).not.toContain(a.allocationIds[0]!);
  });

  it('a provider reads its own transactions of a budget only, never the others', async () => {
    const q = entitiesQuery(
      'Budget',
      'id transactions(first: 50) { edges { node { description } } }',
    );
    const other = await direct(
      'budgets',
      q,
      { r: [{ __typename: 'Budget', id: a.budget.id }] },
      await tokens(platform).provider(p2),
    );
    expect(other.text).not.toContain(a.charge.description);
  });
});

describe('aliases and fragments', () => {
  it('aliases read only what each field may: one allowed, one refused, nothing of the refused', async () => {
    const worker = await tokens(platform).worker(DEMO.tampere);
    const res = await platform.gql<Record<string, { lastName: string } | null>>(
      `query($x: ID!, $y: ID!) { a: client(id: $x) { lastName } b: client(id: $y) { lastName } c: client(id: $y) { ...F } d: budget(id: "${c.budget.id}") { ... on Budget { granted { amount } transactions(first: 5) { edges { node { description } } } } } }
       fragment F on Client { firstName lastName plans { supportNeeds } }`,
      { x: a.id, y: c.id },
      { token: worker },
    );
    expect(res.data?.a?.lastName).toBe(a.lastName);
    expect(res.data?.b ?? null).toBeNull();
    expect(res.data?.c ?? null).toBeNull();
    expect(res.data?.d ?? null).toBeNull();
    const json = JSON.stringify(res);
    for (const s of [c.firstName, c.lastName, c.plan.supportNeeds, c.charge.description])
      expect(json).not.toContain(s);
    expect(res.errors?.every((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
  });

  it('many aliases of the same forbidden field leak nothing either', async () => {
    const token = await tokens(platform).client(a.id);
    const fields = Array.from(
      { length: 20 },
      (_, i) => `x${i}: client(id: $y) { lastName budgets { id } }`,
    ).join(' ');
    const res = await platform.gql(`query($y: ID!) { ${fields} }`, { y: c.id }, { token });
    expect(JSON.stringify(res)).not.toContain(c.lastName);
    expect(JSON.stringify(res)).not.toContain(c.budget.id);
  });
});

describe('access log of refused reads', () => {
  it('a refused read writes no log row to the target; an allowed read in the same request does', async () => {
    const requestId = `bypass-${crypto.randomUUID()}`;
    const worker = await tokens(platform).worker(DEMO.tampere);
    await platform.gql(
      `query($x: ID!, $y: ID!) { a: client(id: $x) { lastName } b: client(id: $y) { lastName budgets { id } plans { id } } }`,
      { x: a.id, y: c.id },
      { token: worker, headers: { 'x-request-id': requestId } },
    );
    expect((await accessLogOf(platform, a.id)).some((e) => e.requestId === requestId)).toBe(true);
    expect((await accessLogOf(platform, c.id)).filter((e) => e.requestId === requestId)).toEqual(
      [],
    );
  });

  it('refused _entities reads straight at each subgraph write no log row to the target', async () => {
    const requestId = `bypass-${crypto.randomUUID()}`;
    const intruder = await tokens(platform).client(c.id);
    for (const [service, type, key] of [
      ['clients', 'Client', { id: a.id }],
      ['budgets', 'Budget', { id: a.budget.id }],
      ['budgets', 'Client', { id: a.id }],
      ['plans', 'ImplementationPlan', { id: a.plan.id }],
      ['plans', 'Client', { id: a.id }],
    ] as const) {
      const url = platform.services.find((s) => s.name === service)!.url;
      await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${intruder}`,
          'x-request-id': requestId,
        },
        body: JSON.stringify({
          query: entitiesQuery(type, SELECTIONS[service]![type]!),
          variables: { r: [{ __typename: type, ...key }] },
        }),
      });
    }
    expect((await accessLogOf(platform, a.id)).filter((e) => e.requestId === requestId)).toEqual(
      [],
    );
  });
});
