import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { DEMO, signDevToken } from '@hb/kit';
import type { Platform } from '@hb/platform';

/** Latency of live budget events from commit to subscriber, with many subscribers. */
export interface SubscriptionLatency {
  subscribers: number;
  sockets: number;
  events: number;
  delivered: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

const LIVE = `subscription($budgetId: ID) {
  budgetChanged(budgetId: $budgetId) {
    sequence kind
    budget { remaining { amount } client { firstName } }
    transaction { amount { amount } provider { name } }
  }
}`;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function gql(url: string, token: string, query: string, variables: Record<string, unknown>) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: unknown[] }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * Opens `subscribers` subscriptions to one budget (`perSocket` per WebSocket, like browser
 * tabs multiplexing), records `events` charges one after another, and measures for every
 * subscriber the time from sending the charge (its commit happens inside that request) to the
 * event's arrival with its federated fields. Advisers' tokens are spread over `principals`
 * distinct subjects: subscribers of one subject share an upstream subscription and a follow-up.
 */
export async function measureSubscriptionLatency(
  platform: Platform,
  dataDir: string,
  options: { subscribers: number; perSocket: number; events: number; principals: number },
): Promise<SubscriptionLatency> {
  const adviser = await signDevToken(dataDir, {
    sub: DEMO.adviserId,
    role: 'ADVISER',
    municipalities: [DEMO.tampere],
  });
  const provider = await signDevToken(dataDir, {
    sub: 'bench-provider',
    role: 'PROVIDER',
    providerId: DEMO.providerId,
  });
  const created = await gql(
    platform.gatewayUrl,
    adviser,
    `mutation($i: CreateClientInput!) { createClient(input: $i) { client { id } } }`,
    {
      i: {
        firstName: 'Bench',
        lastName: `Live${crypto.randomBytes(3).toString('hex')}`,
        municipalityCode: DEMO.tampere,
      },
    },
  );
  const clientId = created.data.createClient.client.id as string;
  const classes = await gql(
    platform.gatewayUrl,
    adviser,
    `{ serviceTypes { code classes(municipalityCode: "837") { id individual } } }`,
    {},
  );
  const hbClassId = classes.data.serviceTypes
    .find((s: { code: string }) => s.code === 'DAY_ACTIVITIES')
    .classes.find((c: { individual: boolean }) => c.individual).id as string;
  const decided = await gql(
    platform.gatewayUrl,
    adviser,
    `mutation($i: DecideBudgetInput!) { decideBudget(input: $i) { budget { id } errors { message } } }`,
    {
      i: {
        clientId,
        year: new Date().getFullYear(),
        serviceType: 'DAY_ACTIVITIES',
        hbClassId,
        unitPrice: '160.00',
        weeklyUnits: 5,
        weeks: 48,
        paymentIntervalMonths: 12,
        instrument: 'VOUCHER',
      },
    },
  );
  const budgetId = decided.data.decideBudget.budget.id as string;
  // The provider charges against a payment commitment of the whole budget (5 × 48 × 160 €).
  const committed = await gql(
    platform.gatewayUrl,
    adviser,
    `mutation($i: IssueCommitmentInput!) { issueCommitment(input: $i) { commitment { id } errors { message } } }`,
    { i: { budgetId, providerId: DEMO.providerId, amount: '38400.00', reason: 'Benchmark' } },
  );
  if (!committed.data?.issueCommitment?.commitment)
    throw new Error(`commitment failed: ${JSON.stringify(committed)}`);

  const tokens = await Promise.all(
    Array.from({ length: options.principals }, (_, i) =>
      signDevToken(dataDir, {
        sub: `bench-adviser-${i}`,
        role: 'ADVISER',
        municipalities: [DEMO.tampere],
      }),
    ),
  );
  // Subscribers on a gateway of their own, whose limits admit this many subscriptions per
  // socket and per adviser (the defaults are far lower); charges go through the first one.
  const subscriptionGateway = await platform.startGateway({
    SUBSCRIPTIONS_PER_SOCKET: String(options.perSocket),
    SUBSCRIPTIONS_PER_PRINCIPAL: String(options.subscribers),
  });
  const wsUrl = subscriptionGateway.url.replace(/^http/, 'ws');
  const sockets: Client[] = [];
  const arrivals = new Map<string, number[]>();
  let ready = 0;
  for (let s = 0; s * options.perSocket < options.subscribers; s++) {
    const token = tokens[s % tokens.length]!;
    // One socket at a time: a storm of connections would measure the gateway's 3 s
    // connection_init timeout on a loaded machine instead of the fan-out.
    let connected: () => void = () => undefined;
    const acknowledged = new Promise<void>((resolve, reject) => {
      connected = resolve;
      setTimeout(() => reject(new Error('no connection_ack in 30 s')), 30_000).unref();
    });
    const client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
      lazy: false,
      on: { connected: () => connected() },
      onNonLazyError: () => undefined,
    });
    sockets.push(client);
    await acknowledged;
    const count = Math.min(options.perSocket, options.subscribers - s * options.perSocket);
    for (let k = 0; k < count; k++) {
      client.subscribe<{ budgetChanged: { transaction: { amount: { amount: string } } | null } }>(
        { query: LIVE, variables: { budgetId } },
        {
          next: (r) => {
            const amount = r.data?.budgetChanged.transaction?.amount.amount;
            if (!amount) return;
            const list = arrivals.get(amount) ?? [];
            list.push(performance.now());
            arrivals.set(amount, list);
          },
          error: () => undefined,
          complete: () => undefined,
        },
      );
      ready++;
    }
  }
  // Let every subscription reach the budgets subgraph.
  await new Promise((r) => setTimeout(r, Math.min(30_000, 2000 + options.subscribers)));

  const latencies: number[] = [];
  const committedAt = new Map<string, number>();
  for (let e = 0; e < options.events; e++) {
    const amount = `${e + 1}.00`;
    // Measured from sending the charge: an upper bound of commit-to-client that includes the
    // charge's own write (the commit happens before its answer, not at a moment we can see).
    committedAt.set(amount, performance.now());
    const res = await gql(
      platform.gatewayUrl,
      provider,
      `mutation($i: RecordChargeInput!) { recordCharge(input: $i) { transaction { id } errors { message } } }`,
      {
        i: {
          budgetId,
          providerId: DEMO.providerId,
          amount,
          serviceDate: new Date().toISOString().slice(0, 10),
          idempotencyKey: crypto.randomUUID(),
        },
      },
    );
    if (!res.data?.recordCharge?.transaction)
      throw new Error(`charge failed: ${JSON.stringify(res)}`);
    // Wait until this event has reached everyone (bounded), so events do not overlap.
    const deadline = performance.now() + 30_000;
    while ((arrivals.get(amount)?.length ?? 0) < ready && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  let delivered = 0;
  for (const [amount, times] of arrivals) {
    const t0 = committedAt.get(amount);
    if (t0 === undefined) continue;
    for (const t of times) {
      latencies.push(t - t0);
      delivered++;
    }
  }
  await Promise.all(sockets.map((c) => c.dispose()));
  await new Promise((resolve) => {
    subscriptionGateway.child.once('exit', resolve);
    subscriptionGateway.child.kill('SIGTERM');
  });
  latencies.sort((a, b) => a - b);
  return {
    subscribers: options.subscribers,
    sockets: sockets.length,
    events: options.events,
    delivered,
    p50Ms: Math.round(percentile(latencies, 50) * 10) / 10,
    p99Ms: Math.round(percentile(latencies, 99) * 10) / 10,
    maxMs: Math.round((latencies[latencies.length - 1] ?? NaN) * 10) / 10,
  };
}
