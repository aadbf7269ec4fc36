import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type WebSocket from 'ws';
import { DEMO, signDevToken, todayInFinland } from '@hb/kit';
import type { Platform } from '@hb/platform';
import { cpuUsedMs, postgresPids, snapshotCpu, type ProcessGroup } from './cpu-sampler';
import { ArrivedFrames } from './frame-reader';
import { eventWrites, gql, subscribeSocket } from './fanout-io';
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
  /**
   * Latency from the commit, ms: from the moment the budgets subgraph wrote the event, its
   * transaction's last statement before COMMIT (the event row's `created_at`, PostgreSQL's
   * `clock_timestamp()`, on the clock this process reads too). An upper bound of the time from
   * the commit itself, by no more than the COMMIT's own round trip.
   */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** p50 and p99 from sending the charge: they add the charge's own work before its commit. */
  fromSending: { p50Ms: number; p99Ms: number };
  /**
   * Where the time of a median charge goes, ms from sending it: the event's write (just before
   * the commit), the charge's answer, the event's first frame at any subscriber, and its last.
   */
  medianCharge: {
    writtenMs: number;
    answeredMs: number;
    firstFrameMs: number;
    lastFrameMs: number;
  };
  /** Charges whose event write, on this process's clock, fell outside sending–answer (see eventWrites). */
  writesOutside: number;
  /** Events other than the measured charges' that reached the subscribers meanwhile (per subscriber). */
  otherEvents: number;
}

/**
 * A charge's amount: each distinct (it identifies the charge's event), all about the same (19 to
 * 30 €), so that none is out of the ordinary and raises an alert, whose event would reach every
 * subscriber too and overlap with the next charge's (`otherEvents` counts any that do come).
 */
function euros(cents: number): string {
  return (cents / 100).toFixed(2);
}

/** Unmeasured charges before the measured ones, at least (see measureSubscriptionLatency). */
const WARM_UP_CHARGES = 5;

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
  // Every frame received, with the moment its bytes were read from the socket (frame-reader.ts);
  // parsed only after the last event, so that the measuring process spends as little as
  // possible between two arrivals.
  const received = new ArrivedFrames();
  let ready = 0;
  for (let s = 0; s * options.perSocket < options.subscribers; s++) {
    const token = must(tokens[s % tokens.length], 'subscriber token');
    const count = Math.min(options.perSocket, options.subscribers - s * options.perSocket);
    // One socket at a time: a storm of connections would measure the gateway's 3 s
    // connection_init timeout on a loaded machine instead of the fan-out.
    sockets.push(await subscribeSocket(wsUrl, token, count, budgetId, received));
    ready += count;
  }

  const sentAt = new Map<string, number>();
  const answeredAt = new Map<string, number>();
  /**
   * Records a charge of `amount` and waits until its event has reached every subscriber, at
   * most `waitMs`; tells whether it did.
   */
  const chargeAndWait = async (amount: string, onAnswer?: () => void, waitMs = 30_000) => {
    // Until this charge's event has reached everyone (bounded), so events do not overlap; a
    // charge may cause further events (its commitment's), which arrive as well.
    const reachedAll = received.watch(
      Buffer.from(`"transaction":{"amount":{"amount":"${amount}"`),
      ready,
      waitMs,
      amount,
    );
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
    return reachedAll;
  };
  // Charges before the measured ones, not measured, until one reaches every subscriber: then
  // every subscription has reached the budgets subgraph (an event that commits before its
  // upstream subscription does is not its to receive), the gateway has planned the follow-up
  // query and every service has run its statements. At least WARM_UP_CHARGES: the first
  // events after a start run on code not yet optimised (the first measured one took three times
  // as long as the rest), as on no later event of a running platform.
  await new Promise((r) => setTimeout(r, 500));
  for (let warmUp = 1, reachedAll = false; !reachedAll || warmUp <= WARM_UP_CHARGES; warmUp++) {
    if (warmUp > WARM_UP_CHARGES + 12)
      throw new Error('no warm-up charge reached every subscriber in 12 tries');
    reachedAll = await chargeAndWait(euros(1900 + warmUp), undefined, 5_000);
  }
  const groups: ProcessGroup[] = [
    { name: "subscribers' gateway", pids: [subscriptionGateway.child.pid] },
    ...platform.services
      .filter((s) => ['gateway', 'clients', 'budgets', 'providers', 'plans'].includes(s.name))
      .map((s) => ({
        name: s.name === 'gateway' ? 'charging gateway' : s.name,
        pids: [s.child.pid],
      })),
    { name: 'postgres', pids: postgresPids(), listed: true },
    { name: 'subscribers (this process)', pids: [process.pid] },
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
    const amount = euros(2000 + e);
    sentAt.set(amount, performance.now());
    await chargeAndWait(amount, () => answeredAt.set(amount, performance.now()));
  }
  const cpuUsed = cpuUsedMs(cpuBefore, snapshotCpu(groups));
  markProfiles();
  const perCharge = (ms: number | undefined) =>
    ms === undefined ? null : Math.round(ms / options.events);
  const cpuMsPerCharge = Object.fromEntries(
    [...cpuUsed].map(([name, ms]) => [name, perCharge(ms)]),
  );
  const { written: writtenAt, outside: writesOutside } = await eventWrites(
    platform.databaseUrl,
    budgetId,
    sentAt,
    answeredAt,
  );
  const latencies: number[] = [];
  const fromSending: number[] = [];
  let delivered = 0;
  const spans = new Map<string, { first: number; last: number }>();
  for (let i = 0; i < received.length; i++) {
    const amount = received.label(i);
    const t0 = sentAt.get(amount);
    const written = writtenAt.get(amount);
    if (t0 === undefined || written === undefined) continue; // a warm-up charge's
    const at = received.at(i);
    latencies.push(at - written);
    fromSending.push(at - t0);
    const span = spans.get(amount);
    if (!span) spans.set(amount, { first: at - t0, last: at - t0 });
    else {
      span.first = Math.min(span.first, at - t0);
      span.last = Math.max(span.last, at - t0);
    }
    delivered++;
  }
  // Each charge's event came with the fields of every subgraph (checked on its first frame).
  for (const amount of sentAt.keys()) {
    const sample = received.samples.get(amount);
    const event = sample
      ? (
          JSON.parse(sample) as {
            payload?: {
              data?: {
                budgetChanged?: {
                  budget?: { client?: { firstName?: string } };
                  transaction?: { provider?: { name?: string } };
                };
              };
            };
          }
        ).payload?.data?.budgetChanged
      : undefined;
    if (sample && (!event?.budget?.client?.firstName || !event.transaction?.provider?.name))
      throw new Error(`the event of charge ${amount} came incomplete: ${sample.slice(0, 300)}`);
  }
  // Frames of no watched charge: other events (an alert's, say) after the first measured
  // charge, and anything that is no event at all.
  const firstSent = Math.min(...sentAt.values());
  const others = new Set<string>();
  let otherFrames = 0;
  for (const { at, text } of received.unmatched) {
    const type = (JSON.parse(text) as { type?: string }).type;
    if (type !== 'next' && others.size < 3) others.add(text.slice(0, 300));
    else if (type === 'next' && at > firstSent) otherFrames++;
  }
  await Promise.all(
    sockets.map(
      (socket) =>
        new Promise<void>((resolve) => {
          socket.once('close', () => resolve());
          socket.terminate();
        }),
    ),
  );
  await new Promise((resolve) => {
    subscriptionGateway.child.once('exit', resolve);
    subscriptionGateway.child.kill('SIGTERM');
  });
  latencies.sort((a, b) => a - b);
  fromSending.sort((a, b) => a - b);
  const sinceSending = (times: Map<string, number>) =>
    median([...times].map(([amount, at]) => at - must(sentAt.get(amount), 'sent charge')));
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
    fromSending: {
      p50Ms: Math.round(percentile(fromSending, 50) * 10) / 10,
      p99Ms: Math.round(percentile(fromSending, 99) * 10) / 10,
    },
    writesOutside,
    otherEvents: Math.round(otherFrames / options.subscribers),
    medianCharge: {
      writtenMs: sinceSending(writtenAt),
      answeredMs: sinceSending(answeredAt),
      firstFrameMs: median([...spans.values()].map((s) => s.first)),
      lastFrameMs: median([...spans.values()].map((s) => s.last)),
    },
  };
}
