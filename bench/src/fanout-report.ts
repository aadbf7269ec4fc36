import type { SubscriptionLatency } from './subscription-latency';

/** The measuring process, which holds every subscriber's socket (see subscription-latency.ts). */
const SUBSCRIBERS = 'subscribers (this process)';

/** The fan-out's lines in BENCHMARKS.md's list of targets. */
export function fanoutTargets(fanout: SubscriptionLatency[]): string[] {
  const out: string[] = [];
  const big = fanout.filter((f) => f.subscribers >= 10_000);
  const shared = big.find((f) => f.tokens === 1);
  for (const f of big) {
    const perToken = shared && f.tokens > 1 ? cpuPerToken(shared, f) : undefined;
    out.push(
      `- Fan-out to ${f.subscribers} subscribers (${f.tokens === 1 ? 'one token' : `${f.tokens} tokens`}): p99 from the commit ${f.p99Ms} ms (target < 100 ms: **${f.p99Ms < 100 ? 'met' : 'not met'}**; ${f.fromSending.p99Ms} ms from sending the charge; a median charge, from its sending: event written before the commit at ${f.medianCharge.writtenMs} ms, answered at ${f.medianCharge.answeredMs} ms, its event at the first subscriber at ${f.medianCharge.firstFrameMs} ms and at the last at ${f.medianCharge.lastFrameMs} ms${f.writesOutside ? `; for ${f.writesOutside} charges the write fell outside sending and answer on the bench's clock, so these figures are not sound` : ''}${f.otherEvents ? `; ${f.otherEvents} other events reached each subscriber meanwhile` : ''}), ` +
        `${f.gatewayCpuMsPerCharge} ms of the subscribers' gateway's CPU per charge` +
        (perToken === undefined
          ? '.'
          : `; each further token costs ${perToken} ms of CPU per event over the gateway and the subgraphs (its own federated follow-up: rights are checked and reads access-logged per token)` +
            (f.p99Ms < 100 ? '.' : `; ${eventWork(f)}.`)),
    );
  }
  return out;
}

/** BENCHMARKS.md's section on the subscription fan-out. */
export function fanoutSection(fanout: SubscriptionLatency[]): string[] {
  return [
    '## Subscription fan-out (issue 21, item 3)',
    '',
    [
      'Subscribers of one budget on one gateway of their own, 100 subscriptions per WebSocket, each socket with',
      'one token, the tokens of "tokens" distinct advisers spread over the sockets (subscribers with an identical',
      'token share an upstream subscription and one follow-up query per event; no two tokens share). Charges are',
      'recorded one after another, of about the same amount each (19–30 €), so that none raises an alert: an',
      "alert's event would reach every subscriber too, overlapping the next charge's (other events that came are",
      "counted in the targets above). Latency runs to the arrival of the charge's event, with fields from budgets,",
      "clients and providers, at the subscriber's socket: the bench reads each socket's bytes itself and stamps",
      'each frame when its last byte is read (bench/src/frame-reader.ts; frames are parsed after the run). It runs',
      "from the commit: from the moment the budgets subgraph wrote the event, the charge transaction's last",
      "statement before COMMIT (the event's created_at, PostgreSQL's clock_timestamp(), tied to the bench's clock",
      "by the shortest of 20 round trips; each must lie between the charge's sending and its answer, and the",
      "bench counts any that do not), so at most the COMMIT's own round trip early; in brackets from sending the",
      "charge. CPU is per charge (each commits one event) of the subscribers' gateway and every service; postgres",
      "is every server process on the machine; the last column is the bench's own process, which holds every",
      "subscriber's socket on the same two cores (receiving 10 000 frames an event, much of it in the kernel), a",
      'load real subscribers put on machines of their own. Warm-up charges come first, not counted: at least five,',
      'and until one reaches every subscriber (then every upstream subscription is live, the gateway has planned',
      'the follow-up and every service has run its statements and its code is optimised).',
    ].join(' '),
    '',
    '| subscribers | sockets | tokens | charges | delivered | p50 ms from the commit (from sending) | p99 ms from the commit (from sending) | max ms | CPU ms per charge: gateway | budgets | clients | providers | postgres | subscribers (the bench) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...(fanout.length
      ? fanout.map(
          (f) =>
            `| ${f.subscribers} | ${f.sockets} | ${f.tokens} | ${f.events} | ${f.delivered} | ${f.p50Ms} (${f.fromSending.p50Ms}) | ${f.p99Ms} (${f.fromSending.p99Ms}) | ${f.maxMs} | ${f.gatewayCpuMsPerCharge} | ${cpuCell(f, 'budgets')} | ${cpuCell(f, 'clients')} | ${cpuCell(f, 'providers')} | ${cpuCell(f, 'postgres')} | ${cpuCell(f, SUBSCRIBERS)} |`,
        )
      : ['| _skipped (BENCH_SKIP_SUBSCRIPTIONS=1)_ | | | | | | | | | | | | | |']),
  ];
}

/** A process's CPU per charge in a fan-out row, or n/a. */
function cpuCell(f: SubscriptionLatency, name: string): string {
  const ms = f.cpuMsPerCharge[name];
  return ms === undefined || ms === null ? 'n/a' : String(ms);
}

/**
 * What one event costs the machine, as a reason for a missed target: the CPU of the gateway,
 * the subgraphs and PostgreSQL, and the shortest time two cores could do it in.
 */
function eventWork(f: SubscriptionLatency): string {
  const cpu = servicesCpu(f);
  if (cpu === undefined) return 'CPU per event not measured';
  const bench = f.cpuMsPerCharge[SUBSCRIBERS];
  return (
    `with ${f.tokens} tokens one event takes ${cpu} ms of CPU of the gateway, the subgraphs and PostgreSQL, ` +
    `at least ${Math.round(cpu / 2)} ms of two cores even if nothing ever waited` +
    (bench
      ? ` (and the bench's subscribers ${bench} ms more to receive it, on the same cores)`
      : '')
  );
}

/** CPU of the services per charge, all summed (the charging gateway's excluded: it is the same charge). */
function servicesCpu(f: SubscriptionLatency): number | undefined {
  let sum = 0;
  for (const [name, ms] of Object.entries(f.cpuMsPerCharge)) {
    if (name === 'charging gateway' || name === SUBSCRIBERS) continue;
    if (ms === null) return undefined;
    sum += ms;
  }
  return sum;
}

/** What each token beyond the first adds to one event's CPU, ms, from a one-token row. */
function cpuPerToken(shared: SubscriptionLatency, f: SubscriptionLatency): number | undefined {
  const one = servicesCpu(shared);
  const many = servicesCpu(f);
  if (one === undefined || many === undefined) return undefined;
  return Math.round(((many - one) / (f.tokens - 1)) * 10) / 10;
}
