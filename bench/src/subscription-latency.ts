import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { DEMO, signDevToken, todayInFinland } from '@hb/kit';
import type { Platform } from '@hb/platform';
import { cpuUsedMs, postgresPids, snapshotCpu, type ProcessGroup } from './cpu-sampler';
import { must } from './must';

/** Latency of live budget events from commit to subscriber, with many subscribers. */
export interface SubscriptionLatency {
  subscribers: number;
  sockets: number;
  /** CPU the subscribers' gateway used per charge (all the charge's events), ms. */
  gatewayCpuMsPerCharge: number;
  /**
   * CPU per charge of every process, ms, by name: "subscribers' gateway", "charging gateway"
   * (the one the charges go through), each subgraph, "postgres" (every server process).
   */
  cpuMsPerCharge: Record<string, number | null>;
  /** Distinct tokens (advisers) among the sockets. */
  tokens: number;
  events: number;
  delivered: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /**
   * p50 and p99 from the charge's answer instead of its sending: the commit happens between the
   * two, so the time from the commit lies between this (a lower bound) and p50Ms/p99Ms.
   */
  fromAnswer: { p50Ms: number; p99Ms: number };
  /**
   * Where the time of a median charge goes, ms from sending it: its answer (the commit is
   * before it), the event's first frame at any subscriber, and its last.
   */
  medianCharge: { answeredMs: number; firstFrameMs: number; lastFrameMs: number };
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
  return must(
    sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))],
    'latency',
  );
}

/** The median of some times, to 0.1 ms. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(percentile(sorted, 50) * 10) / 10;
}

/** What the gateway answers; `T` is what the bench's own query asks for. */
interface Answer<T> {
  data?: T | null;
  errors?: unknown[];
}

async function gql<T>(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<Answer<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as Answer<T>;
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
  const created = await gql<{ createClient: { client: { id: string } } }>(
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
  const clientId = must(created.data, `createClient: ${JSON.stringify(created)}`).createClient
    .client.id;
  const classes = await gql<{
    serviceTypes: Array<{ code: string; classes: Array<{ id: string; individual: boolean }> }>;
  }>(
    platform.gatewayUrl,
    adviser,
    `{ serviceTypes { code classes(municipalityCode: "837") { id individual } } }`,
    {},
  );
  const hbClassId = must(
    must(
      must(classes.data, `serviceTypes: ${JSON.stringify(classes)}`).serviceTypes.find(
        (s) => s.code === 'DAY_ACTIVITIES',
      ),
      'DAY_ACTIVITIES service type',
    ).classes.find((c) => c.individual),
    'individual DAY_ACTIVITIES class in Tampere',
  ).id;
  const decided = await gql<{ decideBudget: { budget: { id: string } } }>(
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
  const budgetId = must(decided.data, `decideBudget: ${JSON.stringify(decided)}`).decideBudget
    .budget.id;
  // The provider charges against a payment commitment of the whole budget (5 × 48 × 160 €).
  const committed = await gql<{ issueCommitment: { commitment: { id: string } | null } | null }>(
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
    // BENCH_FANOUT_PROFILE=<dir>: a V8 CPU profile of the subscribers' gateway, written there on exit.
    ...(process.env.BENCH_FANOUT_PROFILE
      ? {
          NODE_OPTIONS: `--require ${require.resolve('./cpu-profile-preload')}`,
          CPU_PROFILE_DIR: process.env.BENCH_FANOUT_PROFILE,
        }
      : {}),
  });
  const wsUrl = subscriptionGateway.url.replace(/^http/, 'ws');
  const sockets: WebSocket[] = [];
  // Every frame received, with its arrival time; parsed only after the last event, so that
  // the measuring process spends as little as possible between two arrivals (a graphql-ws
  // client parsing and dispatching 10 000 messages per event took longer than the gateway).
  const received: Array<{ at: number; data: Buffer }> = [];
  let ready = 0;
  for (let s = 0; s * options.perSocket < options.subscribers; s++) {
    const token = must(tokens[s % tokens.length], 'subscriber token');
    const count = Math.min(options.perSocket, options.subscribers - s * options.perSocket);
    // One socket at a time: a storm of connections would measure the gateway's 3 s
    // connection_init timeout on a loaded machine instead of the fan-out.
    sockets.push(await subscribeSocket(wsUrl, token, count, budgetId, received));
    ready += count;
  }
  // Let every subscription reach the budgets subgraph.
  await new Promise((r) => setTimeout(r, Math.min(30_000, 2000 + options.subscribers)));
  const baseline = received.length;

  const committedAt = new Map<string, number>();
  const answeredAfter: number[] = [];
  const answeredAt = new Map<string, number>();
  let scanned = baseline;
  /** Records a charge of `amount` and waits until its event has reached every subscriber. */
  const chargeAndWait = async (amount: string, onAnswer?: () => void) => {
    const res = await gql<{ recordCharge: { transaction: { id: string } | null } | null }>(
      platform.gatewayUrl,
      provider,
      `mutation($i: RecordChargeInput!) { recordCharge(input: $i) { transaction { id } errors { message } } }`,
      {
        i: {
          budgetId,
          providerId: DEMO.providerId,
          amount,
          serviceDate: todayInFinland(),
          idempotencyKey: crypto.randomUUID(),
        },
      },
    );
    onAnswer?.();
    if (!res.data?.recordCharge?.transaction)
      throw new Error(`charge failed: ${JSON.stringify(res)}`);
    // Wait until this charge's event has reached everyone (bounded), so events do not
    // overlap; a charge may cause further events (its commitment's), which arrive as well.
    const marker = Buffer.from(`"transaction":{"amount":{"amount":"${amount}"`);
    const deadline = performance.now() + 30_000;
    let arrived = 0;
    while (arrived < ready && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 2));
      for (; scanned < received.length; scanned++)
        if (must(received[scanned], 'received frame').data.includes(marker)) arrived++;
    }
  };
  // One charge first, not measured: the gateway plans the follow-up query and every service
  // runs its statements for the first time on it, as on no later event of a running platform.
  await chargeAndWait('0.50');
  const groups: ProcessGroup[] = [
    { name: "subscribers' gateway", pids: [subscriptionGateway.child.pid] },
    ...platform.services
      .filter((s) => ['gateway', 'clients', 'budgets', 'providers', 'plans'].includes(s.name))
      .map((s) => ({
        name: s.name === 'gateway' ? 'charging gateway' : s.name,
        pids: [s.child.pid],
      })),
    { name: 'postgres', pids: postgresPids(), listed: true },
  ];
  const cpuBefore = snapshotCpu(groups);
  // Profiled processes (see cpu-profile-preload) profile the charges apart: the subscribers'
  // gateway, and the platform's services when fanout.js profiles them too.
  const markProfiles = () => {
    if (process.env.BENCH_FANOUT_PROFILE)
      for (const group of groups.slice(0, process.env.CPU_PROFILE_DIR ? -1 : 1))
        for (const pid of group.pids) if (pid) process.kill(pid, 'SIGUSR2');
  };
  markProfiles();
  for (let e = 0; e < options.events; e++) {
    const amount = `${e + 1}.00`;
    // Measured from sending the charge: an upper bound of commit-to-client that includes the
    // charge's own write (the commit happens before its answer, not at a moment we can see).
    const sent = performance.now();
    committedAt.set(amount, sent);
    await chargeAndWait(amount, () => {
      const now = performance.now();
      answeredAt.set(amount, now);
      answeredAfter.push(now - sent);
    });
  }
  const cpuUsed = cpuUsedMs(cpuBefore, snapshotCpu(groups));
  markProfiles();
  const perCharge = (ms: number | undefined) =>
    ms === undefined ? null : Math.round(ms / options.events);
  const cpuMsPerCharge = Object.fromEntries(
    [...cpuUsed].map(([name, ms]) => [name, perCharge(ms)]),
  );
  const latencies: number[] = [];
  const others = new Set<string>();
  let delivered = 0;
  const spans = new Map<string, { first: number; last: number }>();
  const afterAnswer: number[] = [];
  for (const { at, data } of received.slice(baseline)) {
    const message = JSON.parse(data.toString('utf8')) as {
      type: string;
      payload?: {
        data?: { budgetChanged?: { transaction?: { amount: { amount: string } } | null } };
      };
    };
    const amount = message.payload?.data?.budgetChanged?.transaction?.amount.amount;
    const t0 = amount === undefined ? undefined : committedAt.get(amount);
    if (amount === undefined || t0 === undefined) {
      if (message.type !== 'next' && others.size < 3)
        others.add(data.toString('utf8').slice(0, 300));
      continue;
    }
    latencies.push(at - t0);
    afterAnswer.push(at - (answeredAt.get(amount) ?? t0));
    const span = spans.get(amount);
    if (!span) spans.set(amount, { first: at - t0, last: at - t0 });
    else {
      span.first = Math.min(span.first, at - t0);
      span.last = Math.max(span.last, at - t0);
    }
    delivered++;
  }
  await Promise.all(
    sockets.map(
      (socket) =>
        new Promise<void>((resolve) => {
          socket.once('close', () => resolve());
          socket.close(1000);
        }),
    ),
  );
  await new Promise((resolve) => {
    subscriptionGateway.child.once('exit', resolve);
    subscriptionGateway.child.kill('SIGTERM');
  });
  latencies.sort((a, b) => a - b);
  if (others.size) process.stderr.write(`other messages, e.g.:\n${[...others].join('\n')}\n`);
  return {
    subscribers: options.subscribers,
    sockets: sockets.length,
    tokens: options.principals,
    events: options.events,
    delivered,
    gatewayCpuMsPerCharge: cpuMsPerCharge["subscribers' gateway"] ?? NaN,
    cpuMsPerCharge,
    p50Ms: Math.round(percentile(latencies, 50) * 10) / 10,
    p99Ms: Math.round(percentile(latencies, 99) * 10) / 10,
    maxMs: Math.round((latencies[latencies.length - 1] ?? NaN) * 10) / 10,
    fromAnswer: {
      p50Ms:
        Math.round(
          percentile(
            afterAnswer.sort((a, b) => a - b),
            50,
          ) * 10,
        ) / 10,
      p99Ms: Math.round(percentile(afterAnswer, 99) * 10) / 10,
    },
    medianCharge: {
      answeredMs: median(answeredAfter),
      firstFrameMs: median([...spans.values()].map((s) => s.first)),
      lastFrameMs: median([...spans.values()].map((s) => s.last)),
    },
  };
}

/**
 * One WebSocket speaking graphql-transport-ws by hand, with `count` subscriptions of the
 * budget; every later frame is kept with its arrival time in `received`.
 */
function subscribeSocket(
  url: string,
  token: string,
  count: number,
  budgetId: string,
  received: Array<{ at: number; data: Buffer }>,
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, 'graphql-transport-ws');
    const timer = setTimeout(() => reject(new Error('no connection_ack in 30 s')), 30_000);
    let acknowledged = false;
    socket.on('error', reject);
    socket.on('open', () =>
      socket.send(
        JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }),
      ),
    );
    socket.on('message', (data: Buffer) => {
      if (acknowledged) {
        received.push({ at: performance.now(), data });
        return;
      }
      if (!data.toString('utf8').includes('connection_ack')) return;
      acknowledged = true;
      clearTimeout(timer);
      for (let k = 0; k < count; k++) {
        socket.send(
          JSON.stringify({
            id: String(k + 1),
            type: 'subscribe',
            payload: { query: LIVE, variables: { budgetId } },
          }),
        );
      }
      resolve(socket);
    });
  });
}
