import crypto from 'node:crypto';
import { DEMO } from '@hb/kit';
import { createClient, tokens, usePlatform } from './testkit';

const platform = usePlatform();

describe('gateway over four subgraphs', () => {
  it('answers one query that crosses all four subgraphs', async () => {
    const res = await platform.gql<{ client: Record<string, unknown> }>(
      `query($id: ID!) {
        client(id: $id) {
          firstName
          team { name role }
          municipality { name }
          budgets { id }
          plans { id }
        }
      }`,
      { id: DEMO.essiClientId },
      { token: await tokens(platform).adviser() },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.client).toMatchObject({
      firstName: 'Essi',
      municipality: { name: 'Tampere' },
    });
    expect(res.data?.client.team).toEqual(
      expect.arrayContaining([{ name: 'Marja Esimerkki', role: 'RELATIVE' }]),
    );
    expect(Array.isArray(res.data?.client.budgets)).toBe(true);
    expect(Array.isArray(res.data?.client.plans)).toBe(true);
  });

  it('refuses client data without a token', async () => {
    const res = await platform.gql(`{ client(id: "${DEMO.essiClientId}") { firstName } }`);
    expect(res.data).toEqual({ client: null });
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a bad or expired token with UNAUTHENTICATED and no stack trace', async () => {
    const expired = await platform.token({
      sub: DEMO.adviserId,
      role: 'ADVISER',
      expiresIn: '-1m',
    });
    for (const token of ['not-a-jwt', expired, `${expired.slice(0, -4)}AAAA`]) {
      const res = await platform.gql(`{ municipalities { code } }`, {}, { token });
      expect(res.status).toBe(401);
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(JSON.stringify(res)).not.toMatch(/stacktrace|at .*\.js/);
    }
  });

  it('serves the public municipality list with official codes', async () => {
    const res = await platform.gql<{ municipalities: Array<{ code: string; name: string }> }>(
      `{ municipalities { code name nameSv } }`,
    );
    expect(res.data?.municipalities).toEqual(
      expect.arrayContaining([
        { code: '837', name: 'Tampere', nameSv: 'Tammerfors' },
        { code: '536', name: 'Nokia', nameSv: null },
      ]),
    );
  });

  it('creates a client, pages the list and forwards the request id into the access log', async () => {
    const t = tokens(platform);
    const adviser = await t.adviser();
    const family = `Perhe${crypto.randomBytes(3).toString('hex')}`;
    const created = [];
    for (let i = 0; i < 3; i++) {
      created.push(
        await createClient(platform, adviser, { lastName: family, firstName: `Lapsi${i}` }),
      );
    }
    const page1 = await platform.gql<{
      clients: {
        totalCount: number;
        edges: Array<{ node: { id: string } }>;
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    }>(
      `query($s: String) { clients(search: $s, first: 2) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
      { s: family },
      { token: adviser },
    );
    expect(page1.data?.clients.totalCount).toBe(3);
    expect(page1.data?.clients.pageInfo.hasNextPage).toBe(true);
    const page2 = await platform.gql<{
      clients: { edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean } };
    }>(
      `query($s: String, $a: String) { clients(search: $s, first: 2, after: $a) { edges { node { id } } pageInfo { hasNextPage } } }`,
      { s: family, a: page1.data?.clients.pageInfo.endCursor },
      { token: adviser },
    );
    const ids = [...page1.data!.clients.edges, ...page2.data!.clients.edges].map((e) => e.node.id);
    expect(ids.sort()).toEqual(created.map((c) => c.id).sort());
    expect(page2.data?.clients.pageInfo.hasNextPage).toBe(false);

    const requestId = `e2e-${crypto.randomUUID()}`;
    const target = created[0]!;
    await platform.gql(
      `query($id: ID!) { client(id: $id) { firstName } }`,
      { id: target.id },
      {
        token: adviser,
        headers: { 'x-request-id': requestId },
      },
    );
    const log = await platform.gql<{
      client: {
        accessLog: {
          edges: Array<{ node: { requestId: string; actorRole: string; subject: string } }>;
        };
      };
    }>(
      `query($id: ID!) { client(id: $id) { accessLog(first: 20) { edges { node { requestId actorRole subject } } } } }`,
      { id: target.id },
      { token: await t.client(target.id) },
    );
    expect(log.errors).toBeUndefined();
    expect(log.data?.client.accessLog.edges.map((e) => e.node)).toContainEqual({
      requestId,
      actorRole: 'ADVISER',
      subject: 'Client',
    });
  });

  it('returns payload errors naming the field and writes nothing', async () => {
    const adviser = await tokens(platform).adviser();
    const lastName = `Ei${crypto.randomBytes(3).toString('hex')}`;
    const res = await platform.gql<{
      createClient: { client: null; errors: Array<{ field: string }> };
    }>(
      `mutation($input: CreateClientInput!) { createClient(input: $input) { client { id } errors { code message field } } }`,
      { input: { firstName: '', lastName, municipalityCode: '999', dateOfBirth: '2999-01-01' } },
      { token: adviser },
    );
    expect(res.data?.createClient.client).toBeNull();
    expect(res.data?.createClient.errors.map((e) => e.field).sort()).toEqual(
      ['input.dateOfBirth', 'input.firstName', 'input.municipalityCode'].sort(),
    );
    const search = await platform.gql<{ clients: { totalCount: number } }>(
      `query($s: String) { clients(search: $s) { totalCount } }`,
      { s: lastName },
      { token: adviser },
    );
    expect(search.data?.clients.totalCount).toBe(0);
  });

  it('manages a team through the gateway: add, refuse duplicate, consent, remove', async () => {
    const t = tokens(platform);
    const adviser = await t.adviser();
    const client = await createClient(platform, adviser);
    const add = (name: string) =>
      platform.gql<{
        addTeamMember: { teamMember: { id: string } | null; errors: Array<{ field: string }> };
      }>(
        `mutation($c: ID!, $i: TeamMemberInput!) { addTeamMember(clientId: $c, input: $i) { teamMember { id } errors { field message } } }`,
        { c: client.id, i: { name, role: 'RELATIVE', relation: 'isä' } },
        { token: adviser },
      );
    const first = await add('Pekka Isä');
    expect(first.data?.addTeamMember.errors).toEqual([]);
    const dup = await add('Pekka Isä');
    expect(dup.data?.addTeamMember.errors.map((e) => e.field)).toEqual(['input.name']);
    const memberId = first.data!.addTeamMember.teamMember!.id;

    const own = await t.client(client.id);
    const grant = await platform.gql<{
      grantConsent: {
        errors: unknown[];
        client: { consents: Array<{ scopes: string[]; active: boolean }> };
      };
    }>(
      `mutation($c: ID!, $i: ConsentInput!) { grantConsent(clientId: $c, input: $i) { errors { field } client { consents { scopes active } } } }`,
      { c: client.id, i: { teamMemberId: memberId, scopes: ['BUDGET'] } },
      { token: own },
    );
    expect(grant.data?.grantConsent.client.consents).toEqual([
      { scopes: ['BUDGET'], active: true },
    ]);
    const scopes = await platform.gql<{ myConsentScopes: string[] }>(
      `query($c: ID!) { myConsentScopes(clientId: $c) }`,
      { c: client.id },
      { token: await t.teamMember(memberId, client.id) },
    );
    expect(scopes.data?.myConsentScopes).toEqual(['BUDGET']);

    const removed = await platform.gql<{
      removeTeamMember: { client: { team: unknown[]; consents: Array<{ active: boolean }> } };
    }>(
      `mutation($c: ID!, $m: ID!) { removeTeamMember(clientId: $c, memberId: $m) { client { team { id } consents { active } } } }`,
      { c: client.id, m: memberId },
      { token: adviser },
    );
    expect(removed.data?.removeTeamMember.client).toEqual({
      team: [],
      consents: [{ active: false }],
    });
  });

  it('forbids a worker of another municipality', async () => {
    const res = await platform.gql(
      `query($id: ID!) { client(id: $id) { firstName } }`,
      { id: DEMO.essiClientId },
      { token: await tokens(platform).worker('980') },
    );
    expect(res.data).toEqual({ client: null });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
