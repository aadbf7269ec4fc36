import 'reflect-metadata';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { DEMO, signDevToken } from '@hb/kit';
import { freePort, launchPlatform, type Platform } from '@hb/platform';
import { cpuUsedMs, postgresPids, snapshotCpu, type ProcessGroup } from './cpu-sampler';
import { measureSubscriptionLatency, type SubscriptionLatency } from './subscription-latency';
import {
  FULL,
  counts,
  createBenchDatabase,
  growTo,
  scaled,
  type Counts,
  type DataSize,
} from './data';
import type { LoadResult, LoadSpec } from './load';
import { startStatementProxy, type StatementProxy } from './statement-proxy';
import { describeScan, explainStatements, largeSeqScans, planTable } from './explain';

/**
 * `pnpm bench`: the whole benchmark, writing BENCHMARKS.md at the repository root.
 *
 * Settings (environment): DATABASE_URL (PostgreSQL server; a database hb_bench_<random> is
 * created on it and dropped at the end), BENCH_DURATION (seconds per measured run, default 5),
 * BENCH_ROUNDS (interleaved rounds per target in the gateway comparison, default 3; the
 * median counts), BENCH_CONNECTIONS (default 20), BENCH_GROWTH_DURATION (default 5),
 * BENCH_SKIP_CATALOGUE=1 (skip the providers' catalogue benchmark), BENCH_SKIP_SUBSCRIPTIONS=1
 * (skip the subscription fan-out).
 */
const ROOT = path.resolve(__dirname, '..', '..');
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const ROUNDS = Math.max(1, Math.round(Number(process.env.BENCH_ROUNDS ?? 3) || 3));
const GROWTH_DURATION = Number(process.env.BENCH_GROWTH_DURATION ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const WARMUP = 2;
/** Growth steps are multiples of this base; 4× is the full data set of the issue. */
const GROWTH_BASE = scaled(FULL, 0.25);
const GROWTH = (process.env.BENCH_GROWTH ?? '1,4,16').split(',').map(Number);
/** The growth step at which the comparison and statement counts run (4× = the full data set). */
const COMPARE_AT = Number(process.env.BENCH_COMPARE_AT ?? 4);

const CLIENT_PAGE = (
  first: number,
  after?: string,
) => `{ clients(first: ${first}${after ? `, after: "${after}"` : ''}) {
  pageInfo { endCursor hasNextPage }
  edges { node { id firstName
    budgets { remaining { amount } transactions(first: 5) { edges { node { amount { amount } provider { name } } } } }
    plans { id status } } } } }`;
const CATALOGUE = `{ providers(search: { text: "päivätoiminta" }, first: 20) { edges { node { id name } } } }`;
/** A cheap single-subgraph read: isolates what a gateway adds (the search above is database-bound). */
const PROVIDER_LIST = `{ providers(first: 20) { edges { node { id name } } } }`;
const RECORD_CHARGE = `mutation($input: RecordChargeInput!) { recordCharge(input: $input) { transaction { id } errors { code message } } }`;

const loadSamples: number[] = [];
const log = (...args: unknown[]) =>
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...args);

interface Target {
  name: string;
  url: string;
  /** The gateway process that serves it; none for a subgraph asked directly. */
  gateway?: ChildProcess;
}

/** One target of one operation in the comparison. */
interface Measured {
  target: Target;
  /** One result per round, in round order. */
  rounds: LoadResult[];
  /** CPU ms per completed request over all rounds, by process group (gateway only if one served); undefined = n/a. */
  cpuPerRequest: Map<string, number | undefined>;
  note?: string;
}

/** The process groups of the CPU table, in column order. */
const CPU_COLUMNS = ['gateway', 'clients', 'budgets', 'providers', 'plans', 'postgres'] as const;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Medians over rounds of the rates, latencies and sizes; sums of the counts. */
function summarize(rounds: LoadResult[]): LoadResult {
  const med = (pick: (r: LoadResult) => number) => median(rounds.map(pick));
  const sum = (pick: (r: LoadResult) => number) => rounds.reduce((s, r) => s + pick(r), 0);
  return {
    requestsPerSecond: med((r) => r.requestsPerSecond),
    p50: med((r) => r.p50),
    p90: med((r) => r.p90),
    p99: med((r) => r.p99),
    mean: med((r) => r.mean),
    total: sum((r) => r.total),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    bytesPerRequest: Math.round(med((r) => r.bytesPerRequest)),
  };
}

function runLoad(spec: LoadSpec): Promise<LoadResult> {
  loadSamples.push(os.loadavg()[0]!);
  return new Promise((resolve, reject) => {
    // The spec (with thousands of ids for charges) goes through a file: argv has a size limit.
    const specFile = path.join(
      os.tmpdir(),
      `hb-bench-load-${process.pid}-${loadSamples.length}.json`,
    );
    fs.writeFileSync(specFile, JSON.stringify(spec));
    const child = spawn(process.execPath, [path.join(__dirname, 'load.js'), specFile], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), (spec.durationSeconds + 60) * 1000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      fs.rmSync(specFile, { force: true });
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{'))
        reject(new Error(`load generator failed (${code}): ${out}`));
      else resolve(JSON.parse(line) as LoadResult);
    });
  });
}

async function gql(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  const json = JSON.parse(text) as { data?: Record<string, unknown> | null; errors?: unknown[] };
  return { status: res.status, json, bytes: text.length };
}

/** One correct answer first: a benchmark of error responses measures nothing. */
async function verify(
  url: string,
  token: string,
  query: string,
  variables?: Record<string, unknown>,
) {
  const res = await gql(url, token, query, variables);
  if (res.status !== 200 || res.json.errors || !res.json.data) {
    throw new Error(`${url} answered ${res.status}: ${JSON.stringify(res.json).slice(0, 600)}`);
  }
  return res;
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

/** A copy of the committed supergraph whose subgraph URLs point at running subgraphs. */
function writeSupergraph(dir: string, name: string, urlOf: (name: string) => string): string {
  const supergraph = fs
    .readFileSync(path.join(ROOT, 'gateway', 'supergraph.graphql'), 'utf8')
    .replace(/@join__graph\(name: "(\w+)", url: "[^"]*"\)/g, (_m, graph: string) => {
      return `@join__graph(name: "${graph}", url: "${urlOf(graph)}")`;
    });
  const file = path.join(dir, name);
  fs.writeFileSync(file, supergraph);
  return file;
}

function startHive(supergraphFile: string, port: number, dedupe = true): ChildProcess {
  const child = spawn(
    process.execPath,
    [path.join(__dirname, 'hive-server.js'), supergraphFile, String(port)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production', HIVE_DEDUPE: dedupe ? '1' : '0' },
    },
  );
  child.stderr?.on('data', (c: Buffer) => process.stderr.write(`[hive] ${c.toString('utf8')}`));
  child.stdout?.resume();
  return child;
}

async function waitFor(check: () => Promise<boolean>, what: string, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');

async function main(): Promise<void> {
  const started = Date.now();
  const lines: string[] = [];
  const database = await createBenchDatabase(SERVER_URL);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-bench-'));
  const children: ChildProcess[] = [];
  let platform: Platform | undefined;
  log(`database ${database.url}`);
  const pgVersion = await (async () => {
    const c = new Client({ connectionString: database.url });
    await c.connect();
    const v = (await c.query(`SELECT version() AS v`)).rows[0].v as string;
    await c.end();
    return v;
  })();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    DATA_DIR: dataDir,
    NODE_ENV: 'production',
    // The bench signs its callers' tokens with the development key.
    TRUST_DEV_ISSUER: '1',
    LOG_LEVEL: 'warn',
    // The per-caller mutation limit would turn the charge benchmark into a 429 benchmark.
    MUTATION_RATE_PER_MINUTE: '100000000',
  };
  const serviceLog: string[] = [];
  try {
    log('starting the platform (migrations, demo reference data)');
    platform = await launchPlatform({
      env,
      gatewayPort: 0,
      freePorts: true,
      seedDemo: true,
      log: (service, line) => serviceLog.push(`[${service}] ${line}`),
    });
    const urlOf = (name: string) => platform!.services.find((s) => s.name === name)!.url;
    const token = await signDevToken(dataDir, {
      sub: DEMO.adviserId,
      role: 'ADVISER',
      municipalities: [...DEMO.pirkanmaa],
      expiresIn: '1h',
    });
    const year = new Date().getFullYear();

    // Hive Gateway over the same supergraph, its subgraph URLs pointed at the running ones.
    const hivePort = await freePort();
    const supergraphCopy = writeSupergraph(dataDir, 'supergraph.graphql', urlOf);
    const hive = startHive(supergraphCopy, hivePort);
    children.push(hive);
    const hiveNoDedupePort = await freePort();
    const hiveNoDedupeChild = startHive(supergraphCopy, hiveNoDedupePort, false);
    children.push(hiveNoDedupeChild);
    const ours: Target = {
      name: 'our gateway',
      url: platform.gatewayUrl,
      gateway: platform.services.find((s) => s.name === 'gateway')!.child,
    };
    // Optionally an earlier build of our gateway (BENCH_BASELINE_GATEWAY=<its main.js>), for before/after.
    const baselineMain = process.env.BENCH_BASELINE_GATEWAY;
    let baseline: Target | undefined;
    if (baselineMain) {
      const port = await freePort();
      const child = spawn(process.execPath, [baselineMain], {
        env: {
          ...env,
          PORT: String(port),
          CLIENTS_URL: urlOf('clients'),
          BUDGETS_URL: urlOf('budgets'),
          PROVIDERS_URL: urlOf('providers'),
          PLANS_URL: urlOf('plans'),
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      children.push(child);
      baseline = {
        name: 'our gateway, baseline build',
        url: `http://127.0.0.1:${port}/graphql`,
        gateway: child,
      };
      await waitFor(
        async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok,
        'the baseline gateway',
      );
    }
    const hiveTarget: Target = {
      name: 'Hive Gateway',
      url: `http://127.0.0.1:${hivePort}/graphql`,
      gateway: hive,
    };
    await waitFor(
      async () => (await gql(hiveTarget.url, token, '{ __typename }')).status === 200,
      'Hive Gateway',
    );
    const hiveNoDedupe: Target = {
      name: 'Hive Gateway, deduplication off',
      url: `http://127.0.0.1:${hiveNoDedupePort}/graphql`,
      gateway: hiveNoDedupeChild,
    };
    await waitFor(
      async () => (await gql(hiveNoDedupe.url, token, '{ __typename }')).status === 200,
      'Hive Gateway without deduplication',
    );

    const spec = (url: string, body: string, seconds: number): LoadSpec => ({
      url,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
      connections: CONNECTIONS,
      durationSeconds: seconds,
    });
    const measure = async (url: string, query: string, seconds: number) => {
      const body = JSON.stringify({ query });
      await verify(url, token, query);
      await runLoad({ ...spec(url, body, WARMUP), connections: Math.min(CONNECTIONS, 5) });
      const result = await runLoad(spec(url, body, seconds));
      await verify(url, token, query);
      return result;
    };

    const growth: Array<{
      factor: number;
      counts: Counts;
      loadMs: number;
      page: LoadResult;
      catalogue: LoadResult;
    }> = [];
    let comparison: Array<{ op: string; results: Measured[] }> = [];
    let sqlCounts: string[] = [];
    let sqlPlans: string[] = [];
    let fullCounts: Counts | undefined;

    for (const factor of GROWTH) {
      const size: DataSize = scaled(GROWTH_BASE, factor);
      log(`growing the data set to ${factor}× (${JSON.stringify(size)})`);
      const loadMs = await growTo(database.url, size, year);
      const c = await withClient(database.url, counts);
      log(`loaded in ${loadMs} ms: ${JSON.stringify(c)}`);
      const page = await measure(ours.url, CLIENT_PAGE(20), GROWTH_DURATION);
      const catalogue = await measure(ours.url, CATALOGUE, GROWTH_DURATION);
      growth.push({ factor, counts: c, loadMs, page, catalogue });
      log(
        `growth ${factor}×: page ${fmt(page.requestsPerSecond)} req/s, catalogue ${fmt(catalogue.requestsPerSecond)} req/s`,
      );
      if (factor === COMPARE_AT) {
        fullCounts = c;
        comparison = await compare(
          platform,
          ours,
          baseline,
          hiveTarget,
          hiveNoDedupe,
          token,
          year,
          database.url,
          spec,
        );
        ({ counts: sqlCounts, plans: sqlPlans } = await countStatements(
          env,
          database.url,
          token,
          dataDir,
          children,
          year,
        ));
      }
    }

    const reportBench = await runReportBench();
    const catalogueBench =
      process.env.BENCH_SKIP_CATALOGUE === '1' ? null : await runCatalogueBench();

    // ------------------------------------------------------------------------------------
    const minutes = ((Date.now() - started) / 60_000).toFixed(1);
    lines.push(
      '# Benchmarks',
      '',
      `Generated by \`pnpm bench\` (bench/src/run.ts) on ${new Date().toISOString()}; the run took ${minutes} min.`,
      'Every figure below comes from that one run; re-running overwrites this file.',
      '',
      '## How to run',
      '',
      '```sh',
      'cd /work/main',
      `DATABASE_URL=${SERVER_URL.replace(/\/\/[^@]*@/, '//postgres@')} pnpm bench`,
      '```',
      '',
      `Settings used: BENCH_DURATION=${DURATION} s per measured run of the comparison, BENCH_ROUNDS=${ROUNDS} ` +
        `rounds per target there, BENCH_CONNECTIONS=${CONNECTIONS}, BENCH_GROWTH_DURATION=${GROWTH_DURATION} s ` +
        `(one run per point); every target is first warmed up for ${WARMUP} s with 5 connections. The load generator is autocannon ` +
        'in a child process of its own, on loopback. Services run with NODE_ENV=production, LOG_LEVEL=warn, ' +
        "MUTATION_RATE_PER_MINUTE=100000000 (so the gateway's per-caller mutation limit does not turn the charge " +
        'benchmark into a 429 benchmark; Hive Gateway has no such limit). Every scenario is checked with one request ' +
        'before and after the load (HTTP 200, no GraphQL errors).',
      '',
      '## Machine',
      '',
      ...machine(),
      `- PostgreSQL: ${pgVersion}`,
      '- Everything (PostgreSQL, four subgraphs, both gateways, the load generator) shares these cores, so the ' +
        'figures are relative, not capacity numbers.',
      `- Load average (1 min) sampled at the start of every scenario: ${loadSamples.map((l) => l.toFixed(1)).join(', ')}. ` +
        'The machine is shared with other work (tests, builds of other sessions); values well above 2 mean the ' +
        'figures of that run were disturbed by it.',
      '',
      '## Data set',
      '',
      "Loaded with set-based SQL straight into each subgraph's schema after the services ran their migrations " +
        '(bench/src/data.ts): clients with one budget each (every other client a second one), one GRANT per budget ' +
        'and charges (90 % confirmed, 10 % pending) spread over approved providers, balances computed from the ledger ' +
        '(the CHECK constraints hold), an accepted plan with a goal for 60 % of the clients, providers with five ' +
        "offerings each and their search documents refreshed with the providers subgraph's own SQL. " +
        'Row counts include the demo data.',
      '',
      `Full data set (used for the comparison and the statement counts): ${JSON.stringify(fullCounts)}.`,
      '',
      `## Throughput and latency (full data set, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${DURATION} s)`,
      '',
      `Every target of an operation is checked and warmed up once, then measured in ${ROUNDS} interleaved rounds: ` +
        'each round runs every target once for ' +
        `${DURATION} s, one after the other, round r (counting from 0) starting at target r mod n of the table's order ` +
        'and going round, so that neither the run order nor drift of the shared machine favours a target. ' +
        'req/s, p50, p99 and bytes/resp are medians over the rounds (each taken on its own); "req/s per round" lists ' +
        "every round's req/s in round order, so spread and drift show; non-2xx (with socket errors) is summed over " +
        'the rounds. The ratios compare medians.',
      '',
      '| Operation | Target | req/s (median) | req/s per round | p50 ms | p99 ms | bytes/resp | non-2xx | vs our gateway (req/s) |',
      '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    const medianRps = (m: Measured) => median(m.rounds.map((r) => r.requestsPerSecond));
    for (const { op, results } of comparison) {
      const base = medianRps(results[0]!);
      for (const m of results) {
        const result = summarize(m.rounds);
        lines.push(
          `| ${op} | ${m.target.name}${m.note ? ` (${m.note})` : ''} | ${fmt(result.requestsPerSecond)} | ` +
            `${m.rounds.map((r) => fmt(r.requestsPerSecond)).join(' / ')} | ${fmt(result.p50)} | ` +
            `${fmt(result.p99)} | ${result.bytesPerRequest} | ${result.non2xx + result.errors} | ${ratio(result.requestsPerSecond, base)} |`,
        );
      }
    }
    lines.push('', '### Ratios', '');
    for (const { op, results } of comparison) {
      const rps = (match: (name: string) => boolean) => {
        const m = results.find((r) => match(r.target.name));
        return m && medianRps(m);
      };
      const o = rps((n) => n === 'our gateway')!;
      const parts = [
        ['Hive Gateway', rps((n) => n === 'Hive Gateway')],
        ['Hive Gateway, deduplication off', rps((n) => n === 'Hive Gateway, deduplication off')],
        ['direct subgraph', rps((n) => n.includes('(direct)'))],
      ].filter((p): p is [string, number] => p[1] !== undefined);
      lines.push(
        `- ${op}: ${parts.map(([n, v]) => `our gateway / ${n} = ${ratio(o, v)}`).join('; ')}`,
      );
    }
    lines.push(
      '',
      'The benchmark sends identical requests concurrently, which rewards sharing identical work in ' +
        'flight. Hive Gateway deduplicates identical in-flight subgraph requests in the gateway (on by ' +
        'default). On our side the subgraphs share identical reads in flight (same document, variables ' +
        "and token), each request still writing its own access-log rows, so every read of a client's " +
        'data reaches its subgraph under its own request id; the gateway itself shares only whole ' +
        'operations that can reach nothing but the providers subgraph (no client data), and sends those ' +
        'planned as one fetch straight to it (`SHARE_IN_FLIGHT_READS`, README). The direct subgraph ' +
        'rows therefore share too. The "deduplication off" rows show Hive Gateway without sharing; the ' +
        "CPU table below shows where each gateway's work goes.",
    );
    const cpuCell = (v: number | undefined) => (v === undefined ? 'n/a' : v.toFixed(2));
    lines.push(
      '',
      '### CPU per request, by process',
      '',
      'CPU time (user + system, all threads, from `/proc/<pid>/stat`) that each process used from just before ' +
        'to just after every measured run above, summed over the rounds and divided by the requests completed ' +
        'in them: ms of CPU per request. "gateway" is the process of the gateway that served the row (ours, or ' +
        'that row\'s Hive Gateway process); "–" where the subgraph was asked directly. "postgres" sums every ' +
        'process named postgres on this machine: the server is shared with other work, which counts as well, and ' +
        "a backend that exits during a run loses its share. The load generator's own process is not counted; " +
        'each window also holds its start and exit (well under a second without requests), so idle processes ' +
        'show their background work. n/a: /proc could not be read for a process of that column.',
      '',
      `| Operation | Target | ${CPU_COLUMNS.join(' | ')} | total |`,
      `| --- | --- | ${CPU_COLUMNS.map(() => '---:').join(' | ')} | ---: |`,
    );
    for (const { op, results } of comparison) {
      for (const { target, cpuPerRequest } of results) {
        const values = [...cpuPerRequest.values()];
        const total = values.includes(undefined)
          ? undefined
          : values.reduce<number>((s, v) => s + (v ?? 0), 0);
        const cells = CPU_COLUMNS.map((name) =>
          cpuPerRequest.has(name) ? cpuCell(cpuPerRequest.get(name)) : '–',
        );
        lines.push(`| ${op} | ${target.name} | ${cells.join(' | ')} | ${cpuCell(total)} |`);
      }
    }
    lines.push(
      '',
      '## SQL statements per request (client page query, full data set)',
      '',
      ...sqlCounts,
      '',
      '## Query plans (full data set)',
      '',
      ...sqlPlans,
      '',
    );
    lines.push(
      `## Growth (our gateway, ${CONNECTIONS} connections, ${GROWTH_DURATION} s per point)`,
      '',
      `1× = ${JSON.stringify(GROWTH_BASE)} generated rows (a quarter of the issue's data set, so that 16× fits in the time ` +
        'budget of the run); 4× is the full data set; 16× is four times the full data set. The same database grows ' +
        'step by step.',
      '',
      '| Data | clients | budgets | ledger rows | providers | offerings | load s | client page req/s | p50 | p99 | catalogue req/s | p50 | p99 |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const g of growth) {
      lines.push(
        `| ${g.factor}× | ${g.counts.clients} | ${g.counts.budgets} | ${g.counts.transactions} | ${g.counts.providers} | ` +
          `${g.counts.offerings} | ${fmt(g.loadMs / 1000, 1)} | ${fmt(g.page.requestsPerSecond)} | ${fmt(g.page.p50)} | ` +
          `${fmt(g.page.p99)} | ${fmt(g.catalogue.requestsPerSecond)} | ${fmt(g.catalogue.p50)} | ${fmt(g.catalogue.p99)} |`,
      );
    }
    // Issue 4: live budget events with 1 000 and 10 000 subscribers on one gateway.
    const fanout: SubscriptionLatency[] = [];
    if (!process.env.BENCH_SKIP_SUBSCRIPTIONS) {
      for (const subscribers of [1000, 10_000]) {
        log(`subscription fan-out: ${subscribers} subscribers`);
        fanout.push(
          await measureSubscriptionLatency(platform, dataDir, {
            subscribers,
            perSocket: 100,
            events: 20,
            principals: 10,
          }),
        );
      }
    }
    lines.push(
      '',
      '## Catalogue benchmark of the providers subgraph (issue 5)',
      '',
      'Store-level search timings (no HTTP) from `subgraphs/providers/dist/bench/catalogue.bench.js 20000 200`, ' +
        'run by this benchmark on its own throwaway database on the same server:',
      '',
      catalogueBench
        ? ['```text', catalogueBench, '```'].join('\n')
        : '_skipped (BENCH_SKIP_CATALOGUE=1)._',
      '',
      '## Subscription fan-out (issue 4)',
      '',
      'Subscribers of one budget on one gateway, 100 subscriptions per WebSocket, tokens of 10 distinct ' +
        'advisers (subscribers of one adviser share an upstream subscription and one follow-up query per ' +
        'event). 20 charges recorded one after another; latency is from sending the charge (its commit ' +
        'happens inside that request) to the event arriving with fields from budgets, clients and providers.',
      '',
      '| subscribers | sockets | events | delivered | p50 ms | p99 ms | max ms |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...(fanout.length
        ? fanout.map(
            (f) =>
              `| ${f.subscribers} | ${f.sockets} | ${f.events} | ${f.delivered} | ${f.p50Ms} | ${f.p99Ms} | ${f.maxMs} |`,
          )
        : ['| _skipped (BENCH_SKIP_SUBSCRIPTIONS=1)_ | | | | | | |']),
      '',
      '## Report timing (issue 9)',
      '',
      'The budgets subgraph computes the report figures (costs, HB clients, providers, alerts) for ' +
        'one municipality and year with 5 000 clients and 200 000 transactions, plus as much data ' +
        'for another municipality and year, from `subgraphs/budgets/dist/bench/report.bench.js 5000 200000 20` ' +
        '(service level, no HTTP):',
      '',
      ['```json', reportBench, '```'].join('\n'),
      '',
    );
  } catch (error) {
    console.error(serviceLog.slice(-40).join('\n'));
    throw error;
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await platform?.stop();
    await database.drop().catch((e: unknown) => console.error('dropping the database failed', e));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const file = path.join(ROOT, 'BENCHMARKS.md');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  try {
    execFileSync(path.join(ROOT, 'node_modules', '.bin', 'prettier'), ['--write', file], {
      stdio: 'ignore',
    });
  } catch {
    // formatting is cosmetic
  }
  log(`wrote ${file} in ${((Date.now() - started) / 60_000).toFixed(1)} min`);
}

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * Runs every target in ROUNDS interleaved rounds, round r starting at target r mod n, so that
 * neither run order nor drift of the shared machine favours one target; samples the CPU time of
 * the processes of `groups` around every run.
 */
async function inRounds(
  targets: Target[],
  groups: (target: Target) => ProcessGroup[],
  run: (target: Target, round: number) => Promise<LoadResult>,
): Promise<Measured[]> {
  const measured = targets.map((target): Measured => ({
    target,
    rounds: [],
    cpuPerRequest: new Map(),
  }));
  const cpuMs = targets.map(() => new Map<string, number | undefined>());
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < targets.length; k++) {
      const i = (round + k) % targets.length;
      const target = targets[i]!;
      const before = snapshotCpu(groups(target));
      const result = await run(target, round);
      const used = cpuUsedMs(before, snapshotCpu(groups(target)));
      measured[i]!.rounds.push(result);
      for (const [name, ms] of used) {
        const sum = cpuMs[i]!.has(name) ? cpuMs[i]!.get(name) : 0;
        cpuMs[i]!.set(name, sum === undefined || ms === undefined ? undefined : sum + ms);
      }
      log(`  round ${round + 1}/${ROUNDS} ${target.name}: ${fmt(result.requestsPerSecond)} req/s`);
    }
  }
  for (const [i, m] of measured.entries()) {
    const requests = m.rounds.reduce((s, r) => s + r.total, 0);
    for (const [name, ms] of cpuMs[i]!)
      m.cpuPerRequest.set(name, ms === undefined || requests === 0 ? undefined : ms / requests);
  }
  return measured;
}

/**
 * The budgets the charge benchmark charges, cycling through them, each with the provider that
 * charges it (`providerIds[i]` charges `budgetIds[i]`). A charge draws on a payment commitment,
 * so each pair gets one (issued once, straight in SQL like the rest of the bench data).
 */
function chargeIds(databaseUrl: string, year: number) {
  return withClient(databaseUrl, async (c) => {
    const budgetIds = (
      await c.query(
        `SELECT b.id FROM budgets.budget b WHERE b.year = $1 AND b.status = 'ACTIVE' AND b.decided_by = 'bench' ORDER BY b.id LIMIT 3000`,
        [year],
      )
    ).rows.map((r: { id: string }) => r.id);
    const providers = (
      await c.query(
        `SELECT id FROM providers.provider WHERE approval_status = 'APPROVED' AND kind <> 'ORGANISER_OWN' AND name LIKE 'Palvelu %' ORDER BY id LIMIT 500`,
      )
    ).rows.map((r: { id: string }) => r.id);
    const providerIds = budgetIds.map((_, i) => providers[i % providers.length]!);
    await c.query(
      `INSERT INTO budgets.payment_commitment (budget_id, payee_kind, provider_id, service_type,
         client_first_name, amount_cents, valid_from, valid_to, status, reason, issued_by)
       SELECT b.id, 'PROVIDER', x.provider_id, b.service_type, 'Penkki', 10000000,
              make_date(b.year, 1, 1), make_date(b.year, 12, 31), 'ACTIVE', 'Benchmark commitment', 'bench'
       FROM unnest($1::uuid[], $2::uuid[]) AS x(budget_id, provider_id)
       JOIN budgets.budget b ON b.id = x.budget_id
       WHERE NOT EXISTS (SELECT 1 FROM budgets.payment_commitment c
                         WHERE c.budget_id = b.id AND c.provider_id = x.provider_id)`,
      [budgetIds, providerIds],
    );
    return { budgetIds, providerIds };
  });
}

async function compare(
  platform: Platform,
  ours: Target,
  baseline: Target | undefined,
  hive: Target,
  hiveNoDedupe: Target,
  token: string,
  year: number,
  databaseUrl: string,
  spec: (url: string, body: string, seconds: number) => LoadSpec,
) {
  const out: Array<{ op: string; results: Measured[] }> = [];
  const service = (name: string) => platform.services.find((s) => s.name === name);
  const providersDirect: Target = {
    name: 'providers subgraph (direct)',
    url: service('providers')!.url,
  };
  const budgetsDirect: Target = { name: 'budgets subgraph (direct)', url: service('budgets')!.url };
  // Looked up at every sample: PostgreSQL backends come and go.
  const groups = (target: Target): ProcessGroup[] => [
    ...(target.gateway ? [{ name: 'gateway', pids: [target.gateway.pid] }] : []),
    ...CPU_COLUMNS.filter((name) => name !== 'gateway' && name !== 'postgres').map((name) => ({
      name,
      pids: [service(name)?.child.pid],
    })),
    { name: 'postgres', pids: postgresPids(), listed: true },
  ];

  const read = async (op: string, query: string, targets: Target[]) => {
    log(`comparison: ${op}`);
    const body = JSON.stringify({ query });
    for (const t of targets) {
      await verify(t.url, token, query);
      await runLoad({ ...spec(t.url, body, WARMUP), connections: Math.min(CONNECTIONS, 5) });
    }
    const results = await inRounds(targets, groups, (t) => runLoad(spec(t.url, body, DURATION)));
    for (const t of targets) await verify(t.url, token, query);
    out.push({ op, results });
  };
  await read(
    'client page (20 clients, budgets, 5 transactions each with provider, plans)',
    CLIENT_PAGE(20),
    [ours, hive, hiveNoDedupe],
  );
  await read('catalogue search "päivätoiminta", first 20', CATALOGUE, [
    ours,
    hive,
    hiveNoDedupe,
    providersDirect,
  ]);
  await read('provider list, first 20, no search (gateway overhead)', PROVIDER_LIST, [
    ours,
    hive,
    hiveNoDedupe,
    providersDirect,
  ]);

  log('comparison: recordCharge');
  const { budgetIds, providerIds } = await chargeIds(databaseUrl, year);
  const charge = { budgetIds, providerIds, serviceDate: `${year}-03-15`, query: RECORD_CHARGE };
  const chargeTargets = [ours, hive, budgetsDirect, ...(baseline ? [baseline] : [])];
  // Idempotency keys <prefix>-check, <prefix>-warm-<n>, <prefix>-run<round>-<n>: unique per target and round.
  const prefixes = new Map<Target, string>();
  for (const [i, t] of chargeTargets.entries()) {
    const prefix = `bench-${i}-${Date.now()}`;
    prefixes.set(t, prefix);
    const first = await verify(t.url, token, RECORD_CHARGE, {
      input: {
        budgetId: budgetIds[0],
        providerId: providerIds[0],
        amount: '1.00',
        serviceDate: `${year}-03-15`,
        idempotencyKey: `${prefix}-check`,
      },
    });
    const payload = (
      first.json.data as { recordCharge: { transaction: unknown; errors: unknown[] } }
    ).recordCharge;
    if (!payload.transaction || payload.errors.length)
      throw new Error(`recordCharge failed: ${JSON.stringify(payload)}`);
    await runLoad({
      ...spec(t.url, '', WARMUP),
      connections: 5,
      charge: { ...charge, keyPrefix: `${prefix}-warm` },
    });
  }
  const charges = await inRounds(chargeTargets, groups, (t, round) =>
    runLoad({
      ...spec(t.url, '', DURATION),
      charge: { ...charge, keyPrefix: `${prefixes.get(t)}-run${round}` },
    }),
  );
  for (const m of charges) {
    const recorded = await withClient(databaseUrl, async (c) =>
      Number(
        (
          await c.query(
            `SELECT count(*) FROM budgets.ledger_transaction WHERE idempotency_key LIKE $1`,
            [`${prefixes.get(m.target)}-run%`],
          )
        ).rows[0].count,
      ),
    );
    m.note = `${recorded} charges recorded in ${ROUNDS} rounds`;
  }
  out.push({ op: 'recordCharge (unique idempotency keys, 3 000 budgets)', results: charges });
  return out;
}

/**
 * Statements per request, counted by a wire-protocol proxy in front of PostgreSQL, and the
 * plans of the statements of one request of each kind (Markdown lines of both sections).
 */
async function countStatements(
  baseEnv: NodeJS.ProcessEnv,
  databaseUrl: string,
  token: string,
  dataDir: string,
  children: ChildProcess[],
  year: number,
): Promise<{ counts: string[]; plans: string[] }> {
  const db = new URL(databaseUrl);
  const proxy = await startStatementProxy({ host: db.hostname, port: Number(db.port || 5432) });
  const viaProxy = new URL(databaseUrl);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  let jobDone = false;
  log('statement counts: a second platform through the counting proxy');
  const platform = await launchPlatform({
    env: { ...baseEnv, DATABASE_URL: viaProxy.toString(), LOG_LEVEL: 'info' },
    gatewayPort: 0,
    freePorts: true,
    seedDemo: false,
    log: (_service, line) => {
      if (line.includes('daily budget job done')) jobDone = true;
    },
  });
  try {
    // The budgets daily job runs 5 s after start over every budget; let it finish first.
    await waitFor(async () => jobDone, 'the daily budget job', 240_000).catch(() =>
      log('daily job not seen'),
    );
    const idleStart = proxy.statements();
    await new Promise((r) => setTimeout(r, 2_000));
    const idle = proxy.statements() - idleStart;
    const hivePort = await freePort();
    const hive = startHive(
      writeSupergraph(
        dataDir,
        'supergraph-counting.graphql',
        (n) => platform.services.find((s) => s.name === n)!.url,
      ),
      hivePort,
    );
    children.push(hive);
    const hiveUrl = `http://127.0.0.1:${hivePort}/graphql`;
    await waitFor(
      async () => (await gql(hiveUrl, token, '{ __typename }')).status === 200,
      'Hive Gateway (counting)',
    );
    const targets = [
      { name: 'our gateway', url: platform.gatewayUrl },
      { name: 'Hive Gateway', url: hiveUrl },
    ];
    /** Mean statements per run of `fn` over 5 runs, or why it could not run. */
    const count = async (fn: () => Promise<unknown>): Promise<number | string> => {
      try {
        await fn();
      } catch (error) {
        const message = String((error as Error).message);
        return /validation/i.test(message)
          ? 'refused: document cost limit'
          : `failed: ${message.slice(0, 80)}`;
      }
      const before = proxy.statements();
      for (let i = 0; i < 5; i++) await fn();
      return (proxy.statements() - before) / 5;
    };
    const show = (v: number | string, per: number) =>
      typeof v === 'number' ? `${fmt(v, 1)} (${fmt(v / per, 2)} per client)` : v;
    const rows: string[] = [
      'Counted by a small TCP proxy between the services and PostgreSQL (bench/src/statement-proxy.ts) that counts ' +
        'every simple-protocol Query and extended-protocol Execute message, i.e. every statement any service sends, ' +
        'including BEGIN/COMMIT and the access-log inserts. `pg_stat_statements` is not preloaded on this server ' +
        '(shared_preload_libraries is empty), so it was not used. A second platform instance (and a second Hive ' +
        'Gateway) is started through the proxy for this; the throughput runs do not go through it. ' +
        `Idle statements in the 2 s before measuring: ${idle}. Each figure is the mean of 5 requests after one ` +
        'warm-up request. Both gateways send the subgraphs the same fetches (clients, then one `_entities` fetch ' +
        'each to budgets, plans and providers); a document over our cost limit would show as refused.',
      '',
      '| Clients in the list | via our gateway | via Hive Gateway |',
      '| --- | ---: | ---: |',
    ];
    for (const n of [10, 20, 100]) {
      const cells: string[] = [];
      for (const t of targets)
        cells.push(show(await count(() => verify(t.url, token, CLIENT_PAGE(n))), n));
      rows.push(`| ${n} | ${cells.join(' | ')} |`);
    }
    // 1 000: `first` is capped at 100, so ten pages of 100 following the cursor.
    const cells: string[] = [];
    for (const t of targets) {
      const v = await count(async () => {
        let after: string | undefined;
        for (let p = 0; p < 10; p++) {
          const res = await verify(t.url, token, CLIENT_PAGE(100, after));
          after = (res.json.data as { clients: { pageInfo: { endCursor: string } } }).clients
            .pageInfo.endCursor;
        }
      });
      cells.push(
        typeof v === 'number'
          ? `${fmt(v, 1)} for 10 pages = ${fmt(v / 10, 1)} per page (${fmt(v / 1000, 2)} per client)`
          : v,
      );
    }
    rows.push(`| 1000 (10 pages of 100) | ${cells.join(' | ')} |`);
    for (const [label, query] of [['catalogue search', CATALOGUE]] as const) {
      const v = await count(() => verify(platform.gatewayUrl, token, query));
      rows.push(
        '',
        `${label} (our gateway): ${typeof v === 'number' ? fmt(v, 1) : v} statements per request.`,
      );
    }
    hive.kill('SIGTERM');
    log('statement counts done');
    const plans = await queryPlans(proxy, platform.gatewayUrl, token, databaseUrl, year);
    return { counts: rows, plans };
  } finally {
    await platform.stop();
    await proxy.close();
  }
}

/**
 * The plan of every statement the services send for one client page, one catalogue search and
 * one recordCharge, captured from the wire by `proxy` and explained on the full data set.
 */
async function queryPlans(
  proxy: StatementProxy,
  gatewayUrl: string,
  token: string,
  databaseUrl: string,
  year: number,
): Promise<string[]> {
  log('query plans');
  const { budgetIds, providerIds } = await chargeIds(databaseUrl, year);
  const key = `bench-plan-${Date.now()}`;
  const operations: Array<{
    op: string;
    run: () => Promise<unknown>;
    before?: () => Promise<unknown>;
    substitute?: ReadonlyMap<string, string>;
  }> = [
    {
      op: 'Client page (`CLIENT_PAGE(20)`, our gateway)',
      run: () => verify(gatewayUrl, token, CLIENT_PAGE(20)),
    },
    {
      op: 'Catalogue search (`CATALOGUE`, our gateway)',
      run: () => verify(gatewayUrl, token, CATALOGUE),
      // The providers subgraph reuses a search answer for 5 s (SearchCache); the counts above
      // just warmed it, and a cached answer would hide the search statement itself.
      before: () => new Promise((r) => setTimeout(r, 5_500)),
    },
    {
      op: 'recordCharge (`RECORD_CHARGE`, our gateway)',
      run: async () => {
        const res = await verify(gatewayUrl, token, RECORD_CHARGE, {
          input: {
            budgetId: budgetIds[0],
            providerId: providerIds[0],
            amount: '1.00',
            serviceDate: `${year}-03-15`,
            idempotencyKey: key,
          },
        });
        const payload = (res.json.data as { recordCharge: { errors: unknown[] } }).recordCharge;
        if (payload.errors.length) throw new Error(`refused: ${JSON.stringify(payload.errors)}`);
      },
      // The charge committed; replayed with its key, the INSERT would only hit the unique key.
      substitute: new Map([[key, `${key}-replay`]]),
    },
  ];
  const lines = [
    'Every statement the services sent for one request of each kind below, captured from the wire by the ' +
      'counting proxy (bench/src/statement-proxy.ts: the SQL of each Parse, the values of each Bind, each ' +
      'Execute and simple Query) on the proxied platform of the previous section, after its warm-up ' +
      'requests. Each distinct SQL text was then run once more, with the values of its first execution and ' +
      'after the SET statements its transaction had sent before it, as ' +
      '`BEGIN; SET ...; EXPLAIN (ANALYZE, VERBOSE, FORMAT JSON) <sql>; ROLLBACK` on a connection of its own straight ' +
      'to the database (bench/src/explain.ts), on the full data set: the figures are of a real execution, ' +
      'and inserts, updates, advisory locks and notifications roll back. The replayed recordCharge uses ' +
      'another fresh idempotency key, since the request itself committed under its own. "times" counts ' +
      'executions of that text in the request (a DataLoader batch per subgraph is one); "scans" lists every ' +
      'plan node that reads or writes a relation; rows are those of the top node; ms is the Execution ' +
      'Time. Transaction control (BEGIN, COMMIT, SET, ...) is left out and counted below each table. The ' +
      "catalogue search is captured after the providers subgraph's 5 s answer cache has expired, so that " +
      'the search itself reaches the database (the statement count above, 5 requests in a row, mostly ' +
      'hits that cache). A Seq Scan is flagged when it reads a table that is large in the data set.',
  ];
  for (const { op, run, before, substitute } of operations) {
    lines.push('', `### ${op}`, '');
    try {
      await before?.();
      const { statements } = await proxy.capture(run);
      const { statements: explained, skipped } = await explainStatements(
        databaseUrl,
        statements,
        substitute,
      );
      const seq = largeSeqScans(explained);
      const slowest = [...explained.keys()].sort(
        (a, b) => (explained[b]!.ms ?? 0) - (explained[a]!.ms ?? 0),
      )[0];
      lines.push(
        ...planTable(explained),
        '',
        `Statements on the wire: ${statements.length}; distinct SQL texts explained: ${explained.length}; not ` +
          `explained: ${[...skipped].map(([w, n]) => `${w} ×${n}`).join(', ') || 'none'}. ` +
          (slowest === undefined
            ? ''
            : `Slowest: #${slowest + 1} (${explained[slowest]!.ms?.toFixed(2) ?? 'n/a'} ms). `) +
          (seq.length
            ? `Seq scans on large tables: ${seq.map((s) => `#${s.n} on ${s.relation}`).join(', ')}.`
            : 'No seq scan on a large table.'),
      );
      for (const [i, s] of explained.entries())
        if (s.error) log(`  EXPLAIN of #${i + 1} failed: ${s.error}`);
      for (const { n } of seq) {
        const s = explained[n - 1]!;
        log(`  seq scan in #${n}: ${s.sql}\n    ${s.scans.map(describeScan).join('; ')}`);
      }
    } catch (error) {
      lines.push(`_failed: ${String((error as Error).message).slice(0, 300)}_`);
    }
  }
  return lines;
}

/** Runs a benchmark script of a subgraph as a child process; returns what it printed. */
function runScript(
  label: string,
  script: string,
  args: string[],
  stdoutOnly = false,
): Promise<string> {
  if (!fs.existsSync(script)) return Promise.resolve(`${path.basename(script)} not built`);
  log(label);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: SERVER_URL, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    if (!stdoutOnly) child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(`${out.trim()}${code === 0 ? '' : `\n(exit code ${code})`}`);
    });
  });
}

/** The providers engineer's catalogue benchmark, unchanged. */
function runCatalogueBench(): Promise<string> {
  const script = path.join(ROOT, 'subgraphs', 'providers', 'dist', 'bench', 'catalogue.bench.js');
  return runScript('catalogue benchmark (providers subgraph, store level)', script, [
    '20000',
    '200',
  ]);
}

/** Issue 9: the organiser report's figures for 5 000 clients and 200 000 transactions. */
function runReportBench(): Promise<string> {
  const script = path.join(ROOT, 'subgraphs', 'budgets', 'dist', 'bench', 'report.bench.js');
  return runScript(
    'report benchmark (budgets subgraph, service level)',
    script,
    ['5000', '200000', '20'],
    true,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
