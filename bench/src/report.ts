import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { CPU_COLUMNS, type Compared } from './compare';
import type { Counts, DataSize } from './data';
import {
  CONNECTIONS,
  DURATION,
  GROWTH_DURATION,
  ROUNDS,
  SERVER_URL,
  WARMUP,
  fmt,
  loadSamples,
  median,
  ratio,
  summarize,
  type Measured,
} from './harness';
import type { LoadResult } from './load';
import type { StartTime } from './second-start';
import { fanoutSection, fanoutTargets } from './fanout-report';
import type { SubscriptionLatency } from './subscription-latency';
import { must } from './must';

/** BENCHMARKS.md from one run's results: varied traffic first, then the targets, then the rest. */

export interface Growth {
  factor: number;
  counts: Counts;
  loadMs: number;
  catalogue: LoadResult;
  clientPages: LoadResult;
  caseload: LoadResult;
}

export interface Results {
  started: number;
  pgVersion: string;
  settingsHelp: string[];
  /** How long each step took, in the order they ran. */
  steps: Array<{ step: string; ms: number }>;
  /** Timed reports of the report-timing step. */
  reportIterations: number;
  growthBase: DataSize;
  fullCounts: Counts | undefined;
  searches: number;
  /** Second pages of the catalogue workload asked as first pages: the catalogue refused the cursor. */
  refusedCursors: number;
  comparison: Compared[];
  sql: { counts: string[]; plans: string[] };
  growth: Growth[];
  fanout: SubscriptionLatency[];
  storeLevel: string | null;
  /** bench/src/catalogue-gateway.ts's output: the catalogue page through the gateway. */
  cataloguePage: string | null;
  reportBench: string | null;
  startTime: StartTime | string | null;
}

function machine(): string[] {
  const sh = (cmd: string, args: string[]) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8' }).trim();
    } catch {
      return 'n/a';
    }
  };
  const cpu = /model name\s*:\s*(.*)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'n/a';
  return [
    `- CPU: ${cpu}; \`nproc\` = ${sh('nproc', [])}`,
    `- Memory (\`free -h\`):`,
    '',
    '```text',
    sh('free', ['-h']),
    '```',
    '',
    `- OS: ${os.type()} ${os.release()}; Node.js ${process.version}`,
  ];
}

const rps = (m: Measured) => median(m.rounds.map((r) => r.requestsPerSecond));
const isOurs = (m: Measured) => m.target.name === 'our gateway';
const isHive = (m: Measured) => m.target.name === 'Hive Gateway';
const isDirect = (m: Measured) => m.target.name.endsWith('(direct)');
const pct = (a: number, b: number) => (b > 0 ? `${((100 * a) / b).toFixed(0)} %` : 'n/a');

/** The throughput table of some operations. */
function throughput(rows: Compared[]): string[] {
  const lines = [
    '| Operation | Target | req/s (median) | req/s per round | p50 ms | p95 ms | p99 ms | catalogue repeats within 5 s / in flight | non-2xx | vs our gateway |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const { op, results } of rows) {
    const base = rps(must(results[0], 'first target of a row'));
    for (const m of results) {
      const r = summarize(m.rounds);
      const repeats = r.cacheable
        ? `${pct(r.repeatsWithinTtl, r.cacheable)} / ${pct(r.repeatsInFlight, r.cacheable)}`
        : '–';
      lines.push(
        `| ${op} | ${m.target.name}${m.note ? ` (${m.note})` : ''} | ${fmt(r.requestsPerSecond)} | ` +
          `${m.rounds.map((x) => fmt(x.requestsPerSecond)).join(' / ')} | ${fmt(r.p50)} | ${fmt(r.p95)} | ` +
          `${fmt(r.p99)} | ${repeats} | ${r.non2xx + r.errors} | ${ratio(r.requestsPerSecond, base)} |`,
      );
    }
  }
  return lines;
}

/** The process that used the most CPU per request, and its share. */
function dominant(m: Measured): string {
  const entries = [...m.cpuPerRequest].filter((e): e is [string, number] => e[1] !== undefined);
  const total = entries.reduce((s, [, v]) => s + v, 0);
  const [name, v] = entries.sort((a, b) => b[1] - a[1])[0] ?? ['n/a', 0];
  return `${fmt(total, 1)} ms CPU per request, ${pct(v, total)} of it in ${name}`;
}

/**
 * The ratio to Hive Gateway that our gateway would reach if its own process cost nothing,
 * assuming throughput on the CPU-bound machine goes as 1 / (CPU per request).
 */
function zeroCostGatewayRatio(ours: Measured, ratio: number): number | undefined {
  const gateway = ours.cpuPerRequest.get('gateway');
  const total = [...ours.cpuPerRequest.values()].reduce<number>((s, v) => s + (v ?? 0), 0);
  if (gateway === undefined || !(total > gateway)) return undefined;
  return (ratio * total) / (total - gateway);
}

/** Targets of issue 21 on varied traffic: met, or the gap and where the time goes. */
function targets(r: Results): string[] {
  const out: string[] = [];
  const varied = r.comparison.filter((c) => c.varied);
  const p95 = /p95 ([0-9.]+) ms/.exec(r.storeLevel ?? '')?.[1];
  out.push(
    p95 === undefined
      ? '- Catalogue p95 at the database under 20 ms (answer cache off): not measured in this run.'
      : `- Catalogue p95 at the database under 20 ms (answer cache off, ${Math.min(r.searches, 600)} distinct searches, store level): ` +
          `**${Number(p95) < 20 ? 'met' : 'not met'}**, p95 ${p95} ms (${fmt(Number(p95) / 20, 2)}× the target).`,
  );
  const page = /through the gateway.*?p95 ([0-9.]+) ms/.exec(r.cataloguePage ?? '')?.[1];
  out.push(
    page === undefined
      ? '- Catalogue page under 100 ms through the gateway (answer cache off): not measured in this run.'
      : `- Catalogue page under 100 ms through the gateway (answer cache off, one search at a time, p95): ` +
          `**${Number(page) < 100 ? 'met' : 'not met'}**, p95 ${page} ms.`,
  );
  for (const c of varied) {
    const ours = c.results.find(isOurs);
    const hive = c.results.find(isHive);
    const direct = c.results.find(isDirect);
    if (!ours) continue;
    const parts: string[] = [];
    if (hive && !(rps(ours) > 0 && rps(hive) > 0)) {
      parts.push('vs Hive Gateway: **not measured** (no request of a run completed)');
    } else if (hive) {
      const x = rps(ours) / rps(hive);
      parts.push(`vs Hive Gateway ${fmt(x, 2)}× (target ≥ 2×: **${x >= 2 ? 'met' : 'not met'}**)`);
      const ceiling = x < 2 ? zeroCostGatewayRatio(ours, x) : undefined;
      if (ceiling !== undefined)
        parts.push(
          `a gateway costing no CPU at all would reach about ${fmt(ceiling, 2)}× (the rest of each request's CPU is the subgraphs' and PostgreSQL's, the same behind either gateway)`,
        );
    }
    if (direct && rps(direct) > 0) {
      const x = rps(ours) / rps(direct);
      parts.push(
        `vs ${direct.target.name} ${pct(rps(ours), rps(direct))} (target ≥ 70 %: **${x >= 0.7 ? 'met' : 'not met'}**)`,
      );
    }
    const s = summarize(ours.rounds);
    if (c.op.startsWith('mixed'))
      parts.push(
        `p99 ${fmt(s.p99)} ms (target ≤ 1000 ms: **${s.p99 <= 1000 ? 'met' : 'not met'}**)`,
      );
    out.push(
      `- ${c.op}: ${parts.join('; ')}. Our gateway: ${dominant(ours)}` +
        (hive ? `; Hive Gateway: ${dominant(hive)}` : '') +
        '.',
    );
  }
  out.push(...fanoutTargets(r.fanout));
  if (r.startTime && typeof r.startTime !== 'string')
    out.push(
      `- Second \`pnpm start\` answers its first query in under 10 s: **${r.startTime.secondMs < 10_000 ? 'met' : 'not met'}** (${fmt(r.startTime.secondMs / 1000, 1)} s).`,
    );
  return out;
}

export function writeReport(file: string, r: Results): void {
  const minutes = ((Date.now() - r.started) / 60_000).toFixed(1);
  const varied = r.comparison.filter((c) => c.varied);
  const identical = r.comparison.filter((c) => !c.varied);
  const lines: string[] = [
    '# Benchmarks',
    '',
    `Generated by \`pnpm bench\` (bench/src/run.ts) on ${new Date().toISOString()}; the run took ${minutes} min.`,
    'Every figure below comes from that one run; re-running overwrites this file.',
    `Steps: ${r.steps.map((s) => `${s.step} ${(s.ms / 60_000).toFixed(1)} min`).join(', ')}.`,
    '',
    `## Varied traffic (full data set, ${CONNECTIONS} connections, ${ROUNDS} interleaved rounds of ${DURATION} s)`,
    '',
    'Real users do not repeat one request: the catalogue gets ' +
      `${r.searches} distinct realistic Finnish and Swedish searches (inflections, compounds, typos, Swedish, ` +
      'random municipality, service type, language, accessibility, price and sort filters, 15 % second pages), ' +
      'public, without a token, in a fixed shuffled order with no two consecutive alike; client pages of 20 ' +
      "advisers' tokens over their municipalities and cursors (pages 1–4); caseload pages of the same advisers " +
      '(order, waiting-charge and alert filters, cursors); charges by 500 providers with their own tokens on 3 000 ' +
      'budgets, each pair with a payment commitment; and the mix of 70 % catalogue, 25 % client pages and 5 % ' +
      'charges.' +
      (r.refusedCursors
        ? ` (${r.refusedCursors} of the second pages are asked as first pages: the catalogue refused the cursor its first page gave out, a bug of the catalogue's cursor check.)`
        : '') +
      ' "cache and sharing off" rows run against a second gateway with SHARE_IN_FLIGHT_READS=0 over ' +
      'providers and clients instances with CATALOGUE_CACHE_SECONDS=0 and SHARE_IN_FLIGHT_READS=0. "catalogue ' +
      'repeats" is counted by the load generator: the share of catalogue requests whose identical request was ' +
      'sent less than 5 s before (what the answer cache could answer) and still in flight (what in-flight sharing ' +
      'could answer); it is the same for every target of a workload, whether its cache is on or off.',
    '',
    ...throughput(varied),
    '',
    '## Targets (issue 21, on varied traffic)',
    '',
    ...targets(r),
    '',
  ];
  const st = r.startTime;
  lines.push(
    '## Second start (issue 20)',
    '',
    typeof st === 'string' || st === null
      ? `_${st ?? 'skipped (BENCH_SKIP_START=1)'}_`
      : `\`pnpm start\` on the embedded database (no DATABASE_URL), a fresh DATA_DIR and free ports, from the command to ` +
          `the first answered catalogue query: first start ${fmt(st.firstMs / 1000, 1)} s (after the bench's own ` +
          `\`pnpm build\`: builds what changed, creates and seeds the database); **second start ${fmt(st.secondMs / 1000, 1)} s** ` +
          `(target under 10 s)` +
          (st.secondCpuMs === undefined
            ? ''
            : `, ${fmt(st.secondCpuMs / 1000, 1)} s of CPU time in all its processes until it stopped`) +
          `. The second start said: "${st.buildLine}". Alone: \`node bench/dist/second-start.js\`.`,
    '',
    ...fanoutSection(r.fanout),
    '',
    `## Identical requests (full data set, ${ROUNDS} rounds of ${DURATION} s)`,
    '',
    'One request repeated by every connection, as the first benchmarks measured: this shows what sharing ' +
      "identical work buys (the catalogue's answer cache, reads shared in flight, Hive Gateway's deduplication), " +
      'not what real traffic gets.',
    '',
    ...throughput(identical),
    '',
    '### CPU per request, by process',
    '',
    'CPU time (user + system, all threads, from `/proc/<pid>/stat`) that each process used from just before ' +
      'to just after every measured run, summed over the rounds and divided by the requests completed in them. ' +
      '"gateway" is the process of the gateway that served the row; "–" where a subgraph was asked directly. ' +
      '"postgres" sums every process named postgres on this machine (shared with other work).',
    '',
    `| Operation | Target | ${CPU_COLUMNS.join(' | ')} | total |`,
    `| --- | --- | ${CPU_COLUMNS.map(() => '---:').join(' | ')} | ---: |`,
  );
  const cell = (v: number | undefined) => (v === undefined ? 'n/a' : v.toFixed(2));
  for (const { op, results } of r.comparison) {
    for (const { target, cpuPerRequest } of results) {
      const values = [...cpuPerRequest.values()];
      const total = values.includes(undefined)
        ? undefined
        : values.reduce<number>((s, v) => s + (v ?? 0), 0);
      const cells = CPU_COLUMNS.map((n) =>
        cpuPerRequest.has(n) ? cell(cpuPerRequest.get(n)) : '–',
      );
      lines.push(`| ${op} | ${target.name} | ${cells.join(' | ')} | ${cell(total)} |`);
    }
  }
  lines.push(
    '',
    `## Growth (our gateway, varied workloads, ${CONNECTIONS} connections, ${GROWTH_DURATION} s per point)`,
    '',
    `1× = ${JSON.stringify(r.growthBase)} generated rows (a quarter of the issue's data set); 4× is the full data ` +
      'set; 16× four times that. The same database grows step by step; the varied workloads are rebuilt at each ' +
      'step (cursors of the grown data), so the table shows how cost grows with data, not with a cache.',
    '',
    '| Data | clients | budgets | ledger rows | providers | offerings | load s | catalogue req/s | p95 | client pages req/s | p95 | caseload req/s | p95 |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...r.growth.map(
      (g) =>
        `| ${g.factor}× | ${g.counts.clients} | ${g.counts.budgets} | ${g.counts.transactions} | ${g.counts.providers} | ` +
        `${g.counts.offerings} | ${fmt(g.loadMs / 1000, 1)} | ${fmt(g.catalogue.requestsPerSecond)} | ${fmt(g.catalogue.p95)} | ` +
        `${fmt(g.clientPages.requestsPerSecond)} | ${fmt(g.clientPages.p95)} | ${fmt(g.caseload.requestsPerSecond)} | ${fmt(g.caseload.p95)} |`,
    ),
    '',
    '## Catalogue at the database (store level, answer cache off)',
    '',
    "The comparison's data set (the full one by default: 20 000 generated providers and 100 000 offerings; bench/src/data.ts, generated as " +
      'bench/src/catalogue-varied.ts generates them; their tables vacuumed and analysed first), after the ' +
      "comparison and the statement counts with the rest of the platform idle: catalogue-varied.ts's distinct " +
      'varied searches and measurement (bench/src/catalogue-main.ts) straight through the catalogue store, one ' +
      'at a time (no answer cache, no HTTP). Alone, on a throwaway database of its own: ' +
      '`node bench/dist/catalogue-varied.js 20000 600`.',
    '',
    r.storeLevel
      ? ['```text', r.storeLevel, '```'].join('\n')
      : '_skipped (BENCH_SKIP_CATALOGUE=1)._',
    '',
    '## Catalogue page through the gateway (answer cache off)',
    '',
    "The same data set and moment, through the comparison's gateway with the answer cache and sharing off " +
      "(CATALOGUE_CACHE_SECONDS=0): catalogue-gateway.ts's measurement (bench/src/catalogue-main.ts), the page's " +
      'own query for distinct varied searches, one at a time. Alone, on a platform and throwaway database of ' +
      'its own: `node bench/dist/catalogue-gateway.js 20000 600`.',
    '',
    r.cataloguePage
      ? ['```text', r.cataloguePage, '```'].join('\n')
      : '_skipped (BENCH_SKIP_CATALOGUE=1)._',
    '',
    '## SQL statements per request (full data set)',
    '',
    ...r.sql.counts,
    '',
    '## Query plans (full data set)',
    '',
    ...r.sql.plans,
    '',
    '## Report timing (issue 9)',
    '',
    'The budgets subgraph computes the report figures for one municipality and year with 5 000 clients and ' +
      `200 000 transactions, from \`subgraphs/budgets/dist/bench/report.bench.js 5000 200000 ${r.reportIterations}\` (service level):`,
    '',
    r.reportBench
      ? ['```json', r.reportBench, '```'].join('\n')
      : '_skipped (BENCH_SKIP_REPORT=1)._',
    '',
    '## How to run',
    '',
    '```sh',
    `DATABASE_URL=${SERVER_URL.replace(/\/\/[^@]*@/, '//postgres@')} pnpm bench`,
    '# a quick run (about 9 minutes, figures rougher):',
    'BENCH_ROUNDS=1 BENCH_SEARCHES=300 BENCH_GROWTH=1,4 BENCH_GROWTH_DURATION=2 \\',
    '  BENCH_FANOUT=10000/1,10000/10 BENCH_FANOUT_EVENTS=10 pnpm bench',
    '```',
    '',
    'Settings (environment):',
    '',
    ...r.settingsHelp.map((s) => `- ${s}`),
    '',
    `Settings of this run: BENCH_DURATION=${DURATION}, BENCH_ROUNDS=${ROUNDS}, BENCH_CONNECTIONS=${CONNECTIONS}, ` +
      `BENCH_WARMUP=${WARMUP}, BENCH_GROWTH_DURATION=${GROWTH_DURATION}. Each target of a workload is checked with ` +
      'requests before and after the load (HTTP 200, no GraphQL errors) and warmed up with 5 connections; round r ' +
      'starts at target r mod n, so neither order nor drift favours one. The load generator is autocannon in a ' +
      'child process of its own; percentiles are exact over every answer of a run, medians over rounds. Services ' +
      'run with NODE_ENV=production, LOG_LEVEL=warn, MUTATION_RATE_PER_MINUTE=100000000 (Hive Gateway has no such limit).',
    '',
    '## Machine',
    '',
    ...machine(),
    `- PostgreSQL: ${r.pgVersion}`,
    '- Everything (PostgreSQL, the subgraphs, the gateways, the load generator) shares these cores, so ' +
      'absolute figures are rough; the ratios between targets measured in the same rounds hold better.',
    `- Load average (1 min) at the start of every run: ${loadSamples.map((l) => l.toFixed(1)).join(', ')}. ` +
      'Values well above the core count mean other work on the machine disturbed that run.',
    '',
    '## Data set',
    '',
    "Loaded with set-based SQL straight into each subgraph's schema after the services ran their migrations " +
      '(bench/src/data.ts): clients with one budget each (every other client a second one), one GRANT per budget ' +
      'and charges (90 % confirmed, 10 % pending) spread over approved providers, an accepted plan for 60 % of the ' +
      "clients, providers with five offerings each (every seventh wheelchair-accessible) and their search documents and lowest prices refreshed with the providers subgraph's own SQL. " +
      `Full data set (the comparison, the statement counts and the catalogue at the database and through the gateway): ${JSON.stringify(r.fullCounts)}.`,
    '',
  );
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}
