/**
 * The HB centre's workspace (issue 17) through the gateway with real tokens: the caseload (also
 * ordered by the plans subgraph's figures), planAttention, syncClientStaff, the inbox,
 * acknowledging alerts, concerns and e-mail settings are refused to every role that must
 * not use them, a concern about another provider's client answers as an unknown one, and
 * nothing changes when refused. (Per-role rules are also tested in the subgraph's service
 * tests; this checks the deployed graph end to end.)
 */
import crypto from 'node:crypto';
import { DEMO } from '@hb/kit';
import {
  makeWorldClient,
  otherProviderId,
  startTestPlatform,
  tokens,
  type TestPlatform,
} from './testkit';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform();
}, 240_000);

afterAll(async () => {
  await platform?.stop();
}, 60_000);

const codes = (res: { errors?: Array<{ extensions?: { code?: unknown } }> }) =>
  (res.errors ?? []).map((e) => e.extensions?.code);

async function everyone() {
  const t = tokens(platform);
  return {
    client: await t.client(DEMO.essiClientId),
    teamMember: await platform.token({
      // Not on Essi's team: no consent of hers is in force for this person.
      sub: crypto.randomUUID(),
      role: 'TEAM_MEMBER',
      clientId: DEMO.essiClientId,
    }),
    provider: await t.provider(DEMO.providerId),
    organiser: await t.organiser(),
    system: await platform.token({
      sub: 'system-837',
      role: 'MUNICIPAL_SYSTEM',
      municipalities: [DEMO.tampere],
      scopes: ['budgets:read', 'reports:read'],
    }),
    otherWorker: await t.worker('536'),
  };
}

describe('the workspace through the gateway', () => {
  it('serves the caseload only to advisers and own workers, for their own municipalities', async () => {
    const who = await everyone();
    const query = `query($m: String) { caseload(filter: { municipalityCode: $m }, first: 5) {
      totalCount edges { node { client { id firstName } waitingCharges } } } }`;
    const mine = await platform.gql<{ caseload: { totalCount: number } }>(
      query,
      { m: DEMO.tampere },
      { token: await tokens(platform).worker() },
    );
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.caseload.totalCount).toBeGreaterThan(0);
    for (const [name, token] of Object.entries(who)) {
      const res = await platform.gql(query, { m: DEMO.tampere }, { token });
      expect([name, res.data ?? null]).toEqual([name, null]);
      expect([name, codes(res)]).toEqual([name, ['FORBIDDEN']]);
    }
    const anonymous = await platform.gql(query, { m: DEMO.tampere });
    expect(anonymous.data ?? null).toBeNull();
  });

  it('orders the caseload by plan figures through the plans subgraph, whose planAttention is for staff only', async () => {
    const worker = await tokens(platform).worker();
    const year = new Date().getFullYear();
    const byPlans = await platform.gql<{ caseload: { totalCount: number } }>(
      `query($m: String) { caseload(filter: { municipalityCode: $m, hasPlanWaiting: false },
         orderBy: PLANS_WAITING, first: 5) { totalCount edges { node { plansWaiting overdueReviews } } } }`,
      { m: DEMO.tampere },
      { token: worker },
    );
    expect(byPlans.errors).toBeUndefined();
    expect(byPlans.data!.caseload.totalCount).toBeGreaterThan(0);
    const query = `query($m: [String!]!, $y: Int!) { planAttention(municipalityCodes: $m, year: $y) {
      clientId waitingAcceptance } }`;
    const own = await platform.gql(query, { m: [DEMO.tampere], y: year }, { token: worker });
    expect(own.errors).toBeUndefined();
    for (const [name, token] of Object.entries(await everyone())) {
      const res = await platform.gql(query, { m: [DEMO.tampere], y: year }, { token });
      expect([name, res.data ?? null]).toEqual([name, null]);
      expect([name, codes(res)]).toEqual([name, ['FORBIDDEN']]);
    }
  });

  it('lets only staff of her municipality sync her named staff, and nobody else', async () => {
    const mutation = `mutation($c: ID!) { syncClientStaff(clientId: $c) }`;
    const own = await platform.gql<{ syncClientStaff: boolean }>(
      mutation,
      { c: DEMO.essiClientId },
      { token: await tokens(platform).adviser() },
    );
    expect(own.errors).toBeUndefined();
    expect(own.data?.syncClientStaff).toBe(true);
    const expected: Record<string, string> = { otherWorker: 'NOT_FOUND' };
    for (const [name, token] of Object.entries(await everyone())) {
      const res = await platform.gql(mutation, { c: DEMO.essiClientId }, { token });
      expect([name, res.data ?? null]).toEqual([name, null]);
      expect([name, codes(res)]).toEqual([name, [expected[name] ?? 'FORBIDDEN']]);
    }
    expect(codes(await platform.gql(mutation, { c: DEMO.essiClientId }))).toEqual([
      'UNAUTHENTICATED',
    ]);
  });

  it('has no inbox for providers, organiser staff, systems or a team member without consent', async () => {
    const who = await everyone();
    const query = '{ inbox(first: 5) { totalCount edges { node { title body } } } }';
    for (const name of ['provider', 'organiser', 'system', 'teamMember'] as const) {
      const res = await platform.gql(query, {}, { token: who[name] });
      expect([name, codes(res)]).toEqual([name, ['FORBIDDEN']]);
    }
    const own = await platform.gql<{ inbox: { totalCount: number } }>(
      query,
      {},
      {
        token: await tokens(platform).worker(),
      },
    );
    expect(own.errors).toBeUndefined();
  });

  it('lets only the own staff acknowledge an alert, and changes nothing otherwise', async () => {
    const adviser = await tokens(platform).adviser();
    const world = await makeWorldClient(platform, adviser);
    const read = () =>
      platform.gql<{ budget: { alerts: Array<{ id: string; status: string }> } }>(
        'query($id: ID!) { budget(id: $id) { alerts { id status } } }',
        { id: world.budget.id },
        { token: adviser },
      );
    const alert = (await read()).data!.budget.alerts[0]!;
    const mutation = `mutation($id: ID!) { acknowledgeAlert(alertId: $id, note: "Ei") {
      alert { id } errors { code } } }`;
    const who = await everyone();
    for (const name of ['client', 'teamMember', 'provider', 'organiser', 'system'] as const) {
      const res = await platform.gql(mutation, { id: alert.id }, { token: who[name] });
      expect([name, codes(res)]).toEqual([name, ['FORBIDDEN']]);
    }
    const foreign = await platform.gql<{ acknowledgeAlert: { errors: Array<{ code: string }> } }>(
      mutation,
      { id: alert.id },
      { token: who.otherWorker },
    );
    const unknown = await platform.gql<{ acknowledgeAlert: unknown }>(
      mutation,
      { id: '00000000-0000-4000-8000-000000000000' },
      { token: who.otherWorker },
    );
    expect(foreign.data).toEqual(unknown.data);
    expect(foreign.data!.acknowledgeAlert.errors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    expect((await read()).data!.budget.alerts.find((a) => a.id === alert.id)!.status).toBe('OPEN');
  });

  it("refuses concerns from anyone but a provider, and answers another provider's client as unknown", async () => {
    const adviser = await tokens(platform).adviser();
    const world = await makeWorldClient(platform, adviser);
    const mutation = `mutation($id: ID!) { raiseConcern(input: { commitmentId: $id, kind: NEED_NOT_MET, message: "Huoli" }) {
      concern { id } errors { code field } } }`;
    const who = await everyone();
    for (const name of ['client', 'teamMember', 'organiser', 'system', 'otherWorker'] as const) {
      const res = await platform.gql(mutation, { id: world.commitment.id }, { token: who[name] });
      expect([name, codes(res)]).toEqual([name, ['FORBIDDEN']]);
    }
    const other = await tokens(platform).provider(await otherProviderId(platform));
    const theirs = await platform.gql(mutation, { id: world.commitment.id }, { token: other });
    const none = await platform.gql(
      mutation,
      { id: '00000000-0000-4000-8000-000000000000' },
      { token: other },
    );
    expect(theirs.data).toEqual(none.data);
    expect(theirs.data).toEqual({
      raiseConcern: {
        concern: null,
        errors: [{ code: 'NO_COMMITMENT', field: 'input.commitmentId' }],
      },
    });
    // Nothing reached the own worker's inbox.
    const inbox = await platform.gql<{
      inbox: { edges: Array<{ node: { kind: string; client: { id: string } } }> };
    }>(
      '{ inbox(first: 100) { edges { node { kind client { id } } } } }',
      {},
      { token: await tokens(platform).worker() },
    );
    expect(
      inbox.data!.inbox.edges.filter(
        (e) => e.node.kind === 'CONCERN' && e.node.client.id === world.id,
      ),
    ).toEqual([]);
  });

  it('keeps e-mail settings to advisers, own workers and clients', async () => {
    const who = await everyone();
    const mutation = `mutation { setNotificationSettings(input: { email: "x@hb.test", enabled: true }) {
      errors { code } } }`;
    for (const name of ['teamMember', 'provider', 'organiser', 'system'] as const) {
      const res = await platform.gql(mutation, {}, { token: who[name] });
      expect([name, codes(res)]).toEqual([name, ['FORBIDDEN']]);
    }
  });
});
