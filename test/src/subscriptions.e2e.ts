import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { DEMO } from '@hb/kit';
import { createClient, moreTokens, startTestPlatform, tokens, type TestPlatform } from './testkit';
import {
  decideDayActivities,
  recordCharge,
  subscribe,
  type LiveSubscription,
} from './testkit/budget-flows';

let platform: TestPlatform;

beforeAll(async () => {
  // A second budgets instance, for the multi-instance test below.
  platform = await startTestPlatform({ extraInstances: { budgets: 1 } });
}, 180_000);

afterAll(async () => {
  await platform?.stop();
}, 60_000);

interface Change {
  budgetChanged: {
    sequence: string;
    kind: string | null;
    budget: { id: string; remaining: { amount: string }; client: { firstName: string } };
    transaction: { amount: { amount: string }; provider: { name: string } | null } | null;
  };
}

const LIVE = `subscription($clientId: ID, $budgetId: ID, $since: String) {
  budgetChanged(clientId: $clientId, budgetId: $budgetId, sinceSequence: $since) {
    sequence
    kind
    budget { id remaining { amount } client { firstName } }
    transaction { amount { amount } provider { name } }
  }
}`;

/**
 * The charges among a subscription's events, once at least `n` have arrived: a charge may
 * bring other changes of the budget with it (commitments, alerts), which these tests ignore.
 */
async function charges(live: LiveSubscription<Change>, n: number, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  const only = () => live.events.filter((e) => e.budgetChanged?.kind === 'CHARGE');
  while (only().length < n) {
    if (Date.now() > deadline) {
      throw new Error(`Got ${only().length}/${n} charges; errors: ${JSON.stringify(live.errors)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return only();
}

/** A client of its own with a decided budget of 15 360 €. */
async function clientWithBudget() {
  const t = tokens(platform);
  const adviser = await t.adviser();
  const client = await createClient(platform, adviser, { firstName: 'Live' });
  const budget = await decideDayActivities(platform, adviser, client.id);
  return { client, budget, adviser, clientToken: await t.client(client.id) };
}

describe('budgetChanged through the gateway', () => {
  it('delivers a charge with fields from budgets, clients and providers', async () => {
    const { client, budget, clientToken } = await clientWithBudget();
    const live = subscribe<Change>(platform.gatewayUrl, clientToken, LIVE, { clientId: client.id });
    await new Promise((r) => setTimeout(r, 500));
    await recordCharge(
      platform,
      await tokens(platform).provider(DEMO.providerId),
      budget.id,
      '160.00',
    );
    const [event] = await charges(live, 1);
    expect(live.errors).toEqual([]);
    expect(event!.budgetChanged).toMatchObject({
      kind: 'CHARGE',
      budget: { id: budget.id, remaining: { amount: '15200.00' }, client: { firstName: 'Live' } },
      transaction: { amount: { amount: '160.00' }, provider: { name: expect.any(String) } },
    });
    await live.close();
  });

  it('replays every change after sinceSequence, in order, then continues live', async () => {
    const { client, budget, clientToken } = await clientWithBudget();
    const provider = await tokens(platform).provider(DEMO.providerId);
    const first = subscribe<Change>(platform.gatewayUrl, clientToken, LIVE, {
      clientId: client.id,
    });
    await new Promise((r) => setTimeout(r, 500));
    await recordCharge(platform, provider, budget.id, '10.00');
    const [seen] = await charges(first, 1);
    await first.close();

    // While disconnected, two more charges.
    await recordCharge(platform, provider, budget.id, '20.00');
    await recordCharge(platform, provider, budget.id, '30.00');
    const resumed = subscribe<Change>(platform.gatewayUrl, clientToken, LIVE, {
      clientId: client.id,
      since: seen!.budgetChanged.sequence,
    });
    await charges(resumed, 2);
    await recordCharge(platform, provider, budget.id, '40.00');
    const events = await charges(resumed, 3);
    expect(events.map((e) => e.budgetChanged.transaction?.amount.amount)).toEqual([
      '20.00',
      '30.00',
      '40.00',
    ]);
    const sequences = events.map((e) => BigInt(e.budgetChanged.sequence));
    expect([...sequences].sort((a, b) => (a < b ? -1 : 1))).toEqual(sequences);
    expect(sequences[0]! > BigInt(seen!.budgetChanged.sequence)).toBe(true);
    await resumed.close();
  });

  it('loses nothing across a restart of the budgets subgraph', async () => {
    const { client, budget, clientToken } = await clientWithBudget();
    const provider = await tokens(platform).provider(DEMO.providerId);
    const live = subscribe<Change>(platform.gatewayUrl, clientToken, LIVE, { budgetId: budget.id });
    await new Promise((r) => setTimeout(r, 500));
    await recordCharge(platform, provider, budget.id, '1.00');
    await charges(live, 1);
    await platform.restart('budgets');
    // Recorded before the gateway has necessarily re-established its upstream subscription.
    await recordCharge(platform, provider, budget.id, '2.00');
    await recordCharge(platform, provider, budget.id, '3.00');
    const events = await charges(live, 3, 30_000);
    expect(live.errors).toEqual([]);
    expect(events.map((e) => e.budgetChanged.transaction?.amount.amount)).toEqual([
      '1.00',
      '2.00',
      '3.00',
    ]);
    expect(client.id).toBeDefined();
    await live.close();
  });

  it('refuses subscribers without the right to the budget', async () => {
    const { client, budget } = await clientWithBudget();
    const t = tokens(platform);
    const refused = [
      await t.client(DEMO.essiClientId),
      await t.worker('980'),
      await t.provider(DEMO.providerId),
      await t.organiser(DEMO.tampere),
    ];
    for (const token of refused) {
      const live = subscribe<Change>(platform.gatewayUrl, token, LIVE, { clientId: client.id });
      await live.ended();
      expect(live.events).toEqual([]);
      expect(JSON.stringify(live.errors)).toMatch(/FORBIDDEN|not allowed|may not/i);
      await live.close();
    }
    const anonymous = subscribe<Change>(platform.gatewayUrl, null, LIVE, { budgetId: budget.id });
    await anonymous.ended();
    expect(anonymous.events).toEqual([]);
    expect(JSON.stringify(anonymous.errors)).toMatch(/UNAUTHENTICATED|Sign in/);
    await anonymous.close();
  });

  it("ends a team member's subscription when the client revokes the consent", async () => {
    const { client, budget, adviser, clientToken } = await clientWithBudget();
    const added = await platform.gql<{ addTeamMember: { teamMember: { id: string } } }>(
      `mutation($c: ID!) { addTeamMember(clientId: $c, input: { name: "Sisko", role: RELATIVE }) { teamMember { id } } }`,
      { c: client.id },
      { token: adviser },
    );
    const memberId = added.data!.addTeamMember.teamMember.id;
    const granted = await platform.gql<{
      grantConsent: { client: { consents: Array<{ id: string }> } };
    }>(
      `mutation($c: ID!, $m: ID!) { grantConsent(clientId: $c, input: { teamMemberId: $m, scopes: [BUDGET] }) { client { consents { id } } } }`,
      { c: client.id, m: memberId },
      { token: clientToken },
    );
    const consentId = granted.data!.grantConsent.client.consents[0]!.id;
    const member = await tokens(platform).teamMember(memberId, client.id);
    const live = subscribe<Change>(platform.gatewayUrl, member, LIVE, { clientId: client.id });
    await new Promise((r) => setTimeout(r, 500));
    const provider = await tokens(platform).provider(DEMO.providerId);
    await recordCharge(platform, provider, budget.id, '5.00');
    await charges(live, 1);

    await platform.gql(
      `mutation($c: ID!, $id: ID!) { revokeConsent(clientId: $c, consentId: $id) { errors { code } } }`,
      { c: client.id, id: consentId },
      { token: clientToken },
    );
    await recordCharge(platform, provider, budget.id, '6.00');
    await live.ended();
    expect(live.events.filter((e) => e.budgetChanged?.kind === 'CHARGE')).toHaveLength(1);
    expect(JSON.stringify(live.errors)).toMatch(/FORBIDDEN|consent/i);
    await live.close();
  });

  it('reaches a subscriber on another gateway when a charge goes through another budgets instance', async () => {
    const second = platform.services.find((s) => s.name === 'budgets#2');
    expect(second).toBeDefined();
    const otherGateway = await platform.startGateway({ BUDGETS_URL: second!.url });
    const { client, budget, clientToken } = await clientWithBudget();
    // Subscriber on gateway #2 (upstream: budgets #2); the charge through gateway #1 (budgets #1).
    const live = subscribe<Change>(otherGateway.url, clientToken, LIVE, { clientId: client.id });
    // Nothing tells a graphql-ws client when the subscription is in place upstream (two hops
    // here): a charge made before that is not for it. Charge again until one arrives.
    const provider = await tokens(platform).provider(DEMO.providerId);
    let event: Change | undefined;
    for (let attempt = 1; !event && attempt <= 5; attempt++) {
      await recordCharge(platform, provider, budget.id, '7.00');
      [event] = await charges(live, 1, 4_000).catch(() => []);
    }
    expect(event?.budgetChanged.transaction?.amount.amount).toBe('7.00');
    await live.close();
  });
});

/** What a socket's close looked like, as the graphql-ws client reports it. */
function closeCodeOf(errors: unknown[]): number | undefined {
  const close = errors.find(
    (e): e is { code: number } => typeof (e as { code?: unknown })?.code === 'number',
  );
  return close?.code;
}

/** Opens one WebSocket and starts `n` identical subscriptions on it. */
function manyOnOneSocket(
  url: string,
  token: string,
  n: number,
  variables: Record<string, unknown>,
) {
  const client = createWsClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  const outcomes = Array.from({ length: n }, () => ({
    events: 0,
    errors: [] as Array<{ message?: string; extensions?: Record<string, unknown> }>,
  }));
  outcomes.forEach((outcome) =>
    client.subscribe(
      { query: LIVE, variables },
      {
        next: (r) => {
          if (r.errors) outcome.errors.push(...(r.errors as typeof outcome.errors));
          if ((r.data as Change | undefined)?.budgetChanged?.kind === 'CHARGE') outcome.events++;
        },
        error: (e) => {
          outcome.errors.push(...(Array.isArray(e) ? e : [e as { message?: string }]));
        },
        complete: () => undefined,
      },
    ),
  );
  return { outcomes, close: () => client.dispose() };
}

const refusedByLimit = (o: { errors: Array<{ extensions?: Record<string, unknown> }> }) =>
  o.errors.some((e) => e.extensions?.code === 'TOO_MANY_SUBSCRIPTIONS');

describe('live subscriptions share nothing but identical tokens (issue 14, finding 2)', () => {
  it("refuses a municipal system's token without budgets:read even while a token of the same subject with the scope follows the client", async () => {
    const { client, budget } = await clientWithBudget();
    const systems = moreTokens(platform);
    const withScope = await systems.municipalSystem(DEMO.tampere, ['clients:read', 'budgets:read']);
    const withoutScope = await systems.municipalSystem(DEMO.tampere, ['clients:read']);
    const allowed = subscribe<Change>(platform.gatewayUrl, withScope, LIVE, {
      clientId: client.id,
    });
    await new Promise((r) => setTimeout(r, 500));
    const narrower = subscribe<Change>(platform.gatewayUrl, withoutScope, LIVE, {
      clientId: client.id,
    });
    await new Promise((r) => setTimeout(r, 500));
    await recordCharge(
      platform,
      await tokens(platform).provider(DEMO.providerId),
      budget.id,
      '11.00',
    );
    await allowed.waitFor(1);
    await narrower.ended();
    expect(narrower.events).toEqual([]);
    expect(JSON.stringify(narrower.errors)).toMatch(/FORBIDDEN/);
    expect(JSON.stringify(narrower.errors)).not.toContain('Live');
    await Promise.all([allowed.close(), narrower.close()]);
  });

  it('closes the socket of an expired token (4401) while a longer token of the same person goes on', async () => {
    const { client, budget } = await clientWithBudget();
    const provider = await tokens(platform).provider(DEMO.providerId);
    const claims = {
      sub: DEMO.adviserId,
      role: 'ADVISER' as const,
      municipalities: [DEMO.tampere],
    };
    const long = await platform.token(claims);
    const short = await platform.token({ ...claims, expiresIn: '6s' });
    const issued = Date.now();
    const lasting = subscribe<Change>(platform.gatewayUrl, long, LIVE, { clientId: client.id });
    const expiring = subscribe<Change>(platform.gatewayUrl, short, LIVE, { clientId: client.id });
    await new Promise((r) => setTimeout(r, 1000));
    await recordCharge(platform, provider, budget.id, '12.00');
    await charges(expiring, 1);
    await charges(lasting, 1);
    await new Promise((r) => setTimeout(r, Math.max(0, issued + 7500 - Date.now())));
    await recordCharge(platform, provider, budget.id, '13.00');
    await charges(lasting, 2);
    await new Promise((r) => setTimeout(r, 1000));
    expect(expiring.events.filter((e) => e.budgetChanged?.kind === 'CHARGE')).toHaveLength(1);
    expect(closeCodeOf(expiring.errors)).toBe(4401);
    await Promise.all([lasting.close(), expiring.close()]);
  }, 90_000);
});

describe('WebSocket authentication (issue 14, finding 11)', () => {
  it('refuses connection_init with an invalid or expired token with 4403 instead of acknowledging it', async () => {
    const expired = await platform.token({
      sub: DEMO.adviserId,
      role: 'ADVISER',
      municipalities: [DEMO.tampere],
      expiresIn: '1s',
    });
    await new Promise((r) => setTimeout(r, 2500));
    const adviser = await tokens(platform).adviser();
    for (const token of ['not-a-token', `${adviser.slice(0, -4)}AAAA`, expired]) {
      let acknowledged = false;
      const client = createWsClient({
        url: platform.gatewayUrl.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}` },
        retryAttempts: 0,
        on: { connected: () => (acknowledged = true) },
      });
      const errors: unknown[] = [];
      await new Promise<void>((resolve) => {
        client.subscribe(
          { query: `{ municipalities { code } }` },
          { next: () => undefined, error: (e) => (errors.push(e), resolve()), complete: resolve },
        );
      });
      expect(acknowledged).toBe(false);
      expect(closeCodeOf(errors)).toBe(4403);
      await client.dispose();
    }
  });

  it('gives no field suggestions over the WebSocket in production', async () => {
    const production = await platform.startGateway({ NODE_ENV: 'production' });
    const adviser = await tokens(platform).adviser();
    for (const query of [
      `subscription { budgetChanged(budgetId: "x") { sequenc } }`,
      `{ municipalities { cod } }`,
    ]) {
      const live = subscribe<Change>(production.url, adviser, query, {});
      await live.ended();
      expect(live.errors.length).toBeGreaterThan(0);
      expect(JSON.stringify(live.errors)).not.toMatch(/Did you mean|"sequence"|"code"/);
      await live.close();
    }
    // The same mistakes in development still get their suggestions.
    const dev = subscribe<Change>(platform.gatewayUrl, adviser, `{ municipalities { cod } }`, {});
    await dev.ended();
    expect(JSON.stringify(dev.errors)).toMatch(/Did you mean/);
    await dev.close();
  });
});

describe('WebSocket documents (issue 14, finding 11)', () => {
  it('answers a document nested too deep with a clean error and keeps serving', async () => {
    const adviser = await tokens(platform).adviser();
    const depth = 5000;
    const deep = `subscription { budgetChanged(budgetId: "x") { ${'budget { '.repeat(depth)}id${' }'.repeat(depth)} } }`;
    const live = subscribe<Change>(platform.gatewayUrl, adviser, deep, {});
    await live.ended();
    expect(JSON.stringify(live.errors)).not.toMatch(/call stack|RangeError|Internal/i);
    expect(closeCodeOf(live.errors)).toBeUndefined();
    await live.close();
    const after = subscribe<{ municipalities: unknown[] }>(
      platform.gatewayUrl,
      adviser,
      `{ municipalities { code } }`,
      {},
    );
    await after.waitFor(1);
    await after.close();
  });
});

describe('subscription limits (issue 14, finding 7)', () => {
  it('refuses the 21st subscription on one socket and the 51st of one person across sockets', async () => {
    const { budget } = await clientWithBudget();
    const args = { budgetId: budget.id };
    // A person of her own, so that no other test's subscriptions count towards her limit.
    const person = {
      sub: `limits-${Date.now()}`,
      role: 'ADVISER' as const,
      municipalities: [...DEMO.pirkanmaa],
    };
    const adviser = await platform.token(person);
    const one = manyOnOneSocket(platform.gatewayUrl, adviser, 21, args);
    await new Promise((r) => setTimeout(r, 2000));
    expect(one.outcomes.filter(refusedByLimit)).toHaveLength(1);
    expect(refusedByLimit(one.outcomes[20]!)).toBe(true);
    expect(JSON.stringify(one.outcomes[20]!.errors)).toMatch(/20 subscriptions/);
    await one.close();

    // A second token of the same person counts towards the same principal.
    const other = await platform.token({ ...person, expiresIn: '30m' });
    const sockets = [
      manyOnOneSocket(platform.gatewayUrl, adviser, 20, args),
      manyOnOneSocket(platform.gatewayUrl, other, 20, args),
    ];
    await new Promise((r) => setTimeout(r, 2000));
    const third = manyOnOneSocket(platform.gatewayUrl, adviser, 11, args);
    await new Promise((r) => setTimeout(r, 2000));
    expect(sockets.flatMap((s) => s.outcomes).filter(refusedByLimit)).toHaveLength(0);
    expect(third.outcomes.filter(refusedByLimit)).toHaveLength(1);
    expect(refusedByLimit(third.outcomes[10]!)).toBe(true);

    // Ending subscriptions frees their places.
    await sockets[0]!.close();
    await new Promise((r) => setTimeout(r, 500));
    const again = manyOnOneSocket(platform.gatewayUrl, adviser, 5, args);
    await recordCharge(
      platform,
      await tokens(platform).provider(DEMO.providerId),
      budget.id,
      '14.00',
    );
    await new Promise((r) => setTimeout(r, 3000));
    expect(again.outcomes.every((o) => o.events === 1 && o.errors.length === 0)).toBe(true);
    await Promise.all([sockets[1]!.close(), third.close(), again.close()]);
  });
});

describe('no lost events when the budgets subgraph is killed (issue 14, finding 6)', () => {
  it('delivers every committed change exactly once, in order, across kill -9 and restart', async () => {
    const { client, budget } = await clientWithBudget();
    const clientToken = await tokens(platform).client(client.id);
    const provider = await tokens(platform).provider(DEMO.providerId);
    const live = subscribe<Change>(platform.gatewayUrl, clientToken, LIVE, { budgetId: budget.id });
    await new Promise((r) => setTimeout(r, 500));
    const budgets = platform.services.find((s) => s.name === 'budgets')!;
    // Killed right after a charge commits: its event is then being completed by the gateway.
    const killAfter = new Set([8, 20]);
    for (let n = 1; n <= 30; n++) {
      const committed = await recordCharge(platform, provider, budget.id, `${n}.00`).then(
        () => true,
        () => false,
      );
      if (committed && killAfter.has(n)) {
        const exited = new Promise((r) => budgets.child.once('exit', r));
        budgets.child.kill('SIGKILL');
        await exited;
        await platform.restart('budgets');
      }
      if (!committed) await new Promise((r) => setTimeout(r, 100));
    }

    const ledger = await platform.gql<{
      budget: {
        transactions: { edges: Array<{ node: { kind: string; amount: { amount: string } } }> };
      };
    }>(
      `query($id: ID!) { budget(id: $id) { transactions(first: 100) { edges { node { kind amount { amount } } } } } }`,
      { id: budget.id },
      { token: clientToken },
    );
    const charged = ledger
      .data!.budget.transactions.edges.filter((e) => e.node.kind === 'CHARGE')
      .map((e) => e.node.amount.amount);
    expect(charged.length).toBeGreaterThanOrEqual(20);
    const seen = () =>
      live.events
        .filter((e) => e.budgetChanged?.kind === 'CHARGE')
        .map((e) => e.budgetChanged.transaction!.amount.amount);
    const deadline = Date.now() + 60_000;
    while (seen().length < charged.length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 1000));
    expect(live.errors).toEqual([]);
    expect(live.events.filter((e) => !e.budgetChanged)).toEqual([]);
    const sequences = live.events.map((e) => BigInt(e.budgetChanged.sequence));
    for (let i = 1; i < sequences.length; i++) expect(sequences[i]! > sequences[i - 1]!).toBe(true);
    const byNumber = (a: string, b: string) => Number(a) - Number(b);
    expect(seen()).toEqual([...charged].sort(byNumber));
    await live.close();
  }, 240_000);
});
