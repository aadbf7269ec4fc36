import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { cpuUsedMs, snapshotCpu, type ProcessGroup } from './cpu-sampler';
import type { LoadResult, LoadSpec } from './load';
import { must } from './must';

/**
 * The benchmark's settings and the pieces every part of it uses: running the load generator,
 * asking a target once, interleaved rounds with CPU sampling, medians.
 */
export const ROOT = path.resolve(__dirname, '..', '..');
export const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const num = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
/** Seconds per measured run of the comparison. */
export const DURATION = num('BENCH_DURATION', 2);
/** Interleaved rounds per target in the comparison; the median counts. */
export const ROUNDS = Math.round(num('BENCH_ROUNDS', 2));
export const GROWTH_DURATION = num('BENCH_GROWTH_DURATION', 3);
export const CONNECTIONS = num('BENCH_CONNECTIONS', 20);
/** Distinct catalogue searches of the varied workloads. */
export const SEARCHES = Math.max(300, Math.round(num('BENCH_SEARCHES', 1200)));
export const WARMUP = num('BENCH_WARMUP', 1);

export const loadSamples: number[] = [];
export const log = (...args: unknown[]) =>
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...args);

export interface Target {
  name: string;
  url: string;
  /** The gateway process that serves it; none for a subgraph asked directly. */
  gateway?: ChildProcess;
}

/** One target of one operation in the comparison. */
export interface Measured {
  target: Target;
  /** One result per round, in round order. */
  rounds: LoadResult[];
  /** CPU ms per completed request over all rounds, by process group (gateway only if one served); undefined = n/a. */
  cpuPerRequest: Map<string, number | undefined>;
  note?: string;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const at = (k: number) => must(sorted[k], 'value to take the median of');
  return sorted.length % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}

/** Medians over rounds of the rates, latencies and sizes; sums of the counts. */
export function summarize(rounds: LoadResult[]): LoadResult {
  const med = (pick: (r: LoadResult) => number) => median(rounds.map(pick));
  const sum = (pick: (r: LoadResult) => number) => rounds.reduce((s, r) => s + pick(r), 0);
  return {
    requestsPerSecond: med((r) => r.requestsPerSecond),
    p50: med((r) => r.p50),
    p90: med((r) => r.p90),
    p95: med((r) => r.p95),
    p99: med((r) => r.p99),
    mean: med((r) => r.mean),
    total: sum((r) => r.total),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    bytesPerRequest: Math.round(med((r) => r.bytesPerRequest)),
    cacheable: sum((r) => r.cacheable),
    repeatsWithinTtl: sum((r) => r.repeatsWithinTtl),
    repeatsInFlight: sum((r) => r.repeatsInFlight),
  };
}

export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  loadSamples.push(must(os.loadavg()[0], 'load average'));
  return new Promise((resolve, reject) => {
    // The spec (thousands of bodies and ids) goes through a file: argv has a size limit.
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

/** One request; an empty token sends none (the public catalogue). */
export async function gql(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
) {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: token.startsWith('Bearer ') ? token : `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  const json = JSON.parse(text) as { data?: Record<string, unknown> | null; errors?: unknown[] };
  return { status: res.status, json, bytes: text.length };
}

/** One correct answer first: a benchmark of error responses measures nothing. */
export async function verify(
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

/** Checks one request body (as the load generator sends it) and returns its answer. */
export function verifyBody(
  url: string,
  body: { body: string; authorization?: string },
  token: string,
) {
  const { query, variables } = JSON.parse(body.body) as {
    query: string;
    variables?: Record<string, unknown>;
  };
  return verify(url, body.authorization ?? token, query, variables);
}

export async function waitFor(check: () => Promise<boolean>, what: string, ms = 60_000) {
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

export async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
export const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');

/**
 * Runs every target in ROUNDS interleaved rounds, round r starting at target r mod n, so that
 * neither run order nor drift of the shared machine favours one target; samples the CPU time of
 * the processes of `groups` around every run.
 */
export async function inRounds(
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
      const target = must(targets[i], 'target');
      const totals = must(cpuMs[i], 'CPU totals of the target');
      const before = snapshotCpu(groups(target));
      const result = await run(target, round);
      const used = cpuUsedMs(before, snapshotCpu(groups(target)));
      must(measured[i], 'results of the target').rounds.push(result);
      for (const [name, ms] of used) {
        const sum = totals.has(name) ? totals.get(name) : 0;
        totals.set(name, sum === undefined || ms === undefined ? undefined : sum + ms);
      }
      log(
        `  round ${round + 1}/${ROUNDS} ${target.name}: ${fmt(result.requestsPerSecond)} req/s, p95 ${fmt(result.p95)} ms`,
      );
    }
  }
  for (const [i, m] of measured.entries()) {
    const requests = m.rounds.reduce((s, r) => s + r.total, 0);
    for (const [name, ms] of must(cpuMs[i], 'CPU totals of the target'))
      m.cpuPerRequest.set(name, ms === undefined || requests === 0 ? undefined : ms / requests);
  }
  return measured;
}
