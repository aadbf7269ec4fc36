import 'reflect-metadata';
import { execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO, signDevToken } from '@hb/kit';
import { launchPlatform, type Platform } from '@hb/platform';
import { compare, type Compared } from './compare';
import { FULL, counts, createBenchDatabase, growTo, scaled, type Counts } from './data';
import { hiveTarget, sharingOff, writeSupergraph } from './gateways';
import {
  CONNECTIONS,
  GROWTH_DURATION,
  ROOT,
  SEARCHES,
  SERVER_URL,
  WARMUP,
  fmt,
  log,
  runLoad,
  withClient,
} from './harness';
import type { LoadResult, RequestKind } from './load';
import { writeReport, type Growth } from './report';
import { catalogueAtDatabase, catalogueThroughGateway } from './catalogue-main';
import { runReportBench } from './scripts';
import { measureSecondStart, type StartTime } from './second-start';
import { countStatements, startCountingPlatform, type CountingPlatform } from './statements';
import { measureSubscriptionLatency, type SubscriptionLatency } from './subscription-latency';
import { buildVaried, kinds } from './workloads';
import { must } from './must';

/**
 * `pnpm bench`: the whole benchmark, writing BENCHMARKS.md at the repository root. The
 * settings (environment variables, with a quick run's values) are listed in
 * {@link SETTINGS_HELP} and in BENCHMARKS.md itself.
 */
export const SETTINGS_HELP = [
  'With the defaults a run takes about 10 minutes on a quiet 2-core machine (9.4 measured on 2026-12-01, in minutes: setup 0.3; SQL statements 0.8, its platform started before the data set is loaded; growth 1×/4×/8× 2.5, most of it loading data; comparison at 4× 3.2; catalogue at the database and through the gateway 0.4, on the full data set after the comparison; fan-out 0.5; report timing 1.1, most of it loading its data; second start 0.7; BENCHMARKS.md lists what each step took); a quick run about 6: BENCH_ROUNDS=1 BENCH_SEARCHES=300 BENCH_GROWTH=1,4 BENCH_GROWTH_DURATION=2 BENCH_FANOUT=10000/1,10000/10 BENCH_FANOUT_EVENTS=10 BENCH_REPORT_ITERATIONS=3',
  'DATABASE_URL: the PostgreSQL server (a database hb_bench_<random> is created on it and dropped at the end)',
  'BENCH_DURATION: whole seconds per measured run of the comparison (default 2; autocannon averages whole seconds)',
  'BENCH_ROUNDS: interleaved rounds per target in the comparison, the median counts (default 2; quick: 1)',
  'BENCH_CONNECTIONS: concurrent connections of the load generator (default 20)',
  'BENCH_WARMUP: seconds of warm-up per target and workload, and per growth point (default 1)',
  'BENCH_SEARCHES: distinct catalogue searches of the varied workloads, at least 300 (default 1200; quick: 300); the catalogue at the database and through the gateway measure up to 600 of them',
  'BENCH_GROWTH: growth steps (default 1,4,8; quick: 1,4; 16 adds about 3 minutes); BENCH_GROWTH_DURATION: seconds per growth point (default 3; quick: 2)',
  'BENCH_COMPARE_AT: the growth step at which the comparison, the statement counts and the catalogue at the database and through the gateway run (default 4, the full data set)',
  'BENCH_FANOUT: subscriber counts of the fan-out, each as subscribers/tokens (default 10000/1,10000/10,10000/100; quick: 10000/1,10000/10); BENCH_FANOUT_EVENTS: charges per size (default 20; quick: 10)',
  'BENCH_REPORT_ITERATIONS: timed reports after one warm-up, over the same 5 000 clients and 200 000 transactions (default 5); the step gives up after BENCH_REPORT_TIMEOUT seconds (default 240)',
  'BENCH_SKIP_SUBSCRIPTIONS=1, BENCH_SKIP_CATALOGUE=1 (catalogue at the database and through the gateway), BENCH_SKIP_STATEMENTS=1, BENCH_SKIP_START=1 (second pnpm start), BENCH_SKIP_REPORT=1 (report timing): leave a part out',
];
/** Growth steps are multiples of this base; 4× is the full data set of the issue. */
const GROWTH_BASE = scaled(FULL, 0.25);
const GROWTH = (process.env.BENCH_GROWTH ?? '1,4,8').split(',').map(Number);
/** The growth step at which the comparison and statement counts run (4× = the full data set). */
const COMPARE_AT = Number(process.env.BENCH_COMPARE_AT ?? 4);
const FANOUT = (process.env.BENCH_FANOUT ?? '10000/1,10000/10,10000/100').split(',').map((s) => {
  const [subscribers, tokens] = s.split('/').map(Number);
  return {
    subscribers: must(subscribers, 'subscriber count in BENCH_FANOUT'),
    tokens: tokens || 10,
  };
});
const skip = (part: string) => process.env[`BENCH_SKIP_${part}`] === '1';
const REPORT_ITERATIONS = Math.max(1, Math.round(Number(process.env.BENCH_REPORT_ITERATIONS) || 5));
const REPORT_TIMEOUT_S = Number(process.env.BENCH_REPORT_TIMEOUT) || 240;

/** How long each step of the run took, in order, for the report and the log. */
const steps: Array<{ step: string; ms: number }> = [];
async function timed<T>(step: string, run: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await run();
  } finally {
    const ms = Date.now() - started;
    const last = steps.find((s) => s.step === step);
    if (last) last.ms += ms;
    else steps.push({ step, ms });
    log(`${step}: ${(ms / 1000).toFixed(0)} s`);
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const database = await createBenchDatabase(SERVER_URL);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-bench-'));
  const children: ChildProcess[] = [];
  let platform: Platform | undefined;
  let counting: CountingPlatform | undefined;
  log(`database ${database.url}`);
  const pgVersion = await withClient(
    database.url,
    async (c) =>
      must((await c.query<{ v: string }>(`SELECT version() AS v`)).rows[0], 'PostgreSQL version').v,
  );
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
  const growth: Growth[] = [];
  let comparison: Compared[] = [];
  let sql = { counts: ['_skipped (BENCH_SKIP_STATEMENTS=1)._'], plans: ['_skipped._'] };
  let fullCounts: Counts | undefined;
  let searches = 0;
  let refusedCursors = 0;
  const fanout: SubscriptionLatency[] = [];
  let storeLevel: string | null = null;
  let cataloguePage: string | null = null;
  let reportBench: string | null = null;
  let startTime: StartTime | string | null = null;
  try {
    log('starting the platform (migrations, demo reference data)');
    const running = await timed('setup', () =>
      launchPlatform({
        env,
        gatewayPort: 0,
        freePorts: true,
        seedDemo: true,
        log: (service, line) => serviceLog.push(`[${service}] ${line}`),
      }),
    );
    platform = running;
    const urlOf = (name: string) =>
      must(
        running.services.find((s) => s.name === name),
        `service ${name}`,
      ).url;
    const token = await signDevToken(dataDir, {
      sub: DEMO.adviserId,
      role: 'ADVISER',
      municipalities: [...DEMO.pirkanmaa],
      expiresIn: '1h',
    });
    const year = new Date().getFullYear();

    // Hive Gateway over the same supergraph, its subgraph URLs pointed at the running ones.
    const supergraphCopy = writeSupergraph(dataDir, 'supergraph.graphql', urlOf);
    const [hive, hiveNoDedupe, off] = await timed(
      'setup',
      async () =>
        [
          await hiveTarget('Hive Gateway', supergraphCopy, token, children),
          await hiveTarget(
            'Hive Gateway, deduplication off',
            supergraphCopy,
            token,
            children,
            false,
          ),
          await sharingOff(running, children),
        ] as const,
    );
    const targets = {
      ours: {
        name: 'our gateway',
        url: platform.gatewayUrl,
        gateway: must(
          running.services.find((s) => s.name === 'gateway'),
          'gateway service',
        ).child,
      },
      ourOff: off.gateway,
      hive,
      hiveNoDedupe,
      providersDirect: { name: 'providers subgraph (direct)', url: urlOf('providers') },
      providersOff: off.providers,
      budgetsDirect: { name: 'budgets subgraph (direct)', url: urlOf('budgets') },
    };
    // The statement counts' platform, before the data set is loaded (see startCountingPlatform).
    if (!skip('STATEMENTS') && GROWTH.includes(COMPARE_AT))
      counting = await timed('SQL statements', () => startCountingPlatform(env, database.url));
    /** One workload on our gateway for the growth table, after a short warm-up. */
    const growthPoint = async (requestKinds: RequestKind[]): Promise<LoadResult> => {
      const spec = {
        url: running.gatewayUrl,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        kinds: requestKinds,
        connections: CONNECTIONS,
      };
      await runLoad({ ...spec, durationSeconds: WARMUP, connections: Math.min(CONNECTIONS, 5) });
      return runLoad({ ...spec, durationSeconds: GROWTH_DURATION });
    };

    for (const factor of GROWTH) {
      const growthStarted = Date.now();
      const size = scaled(GROWTH_BASE, factor);
      log(`growing the data set to ${factor}× (${JSON.stringify(size)})`);
      const loadMs = await growTo(database.url, size, year);
      const c = await withClient(database.url, counts);
      log(`loaded in ${loadMs} ms: ${JSON.stringify(c)}`);
      const varied = await buildVaried(
        platform.gatewayUrl,
        token,
        dataDir,
        database.url,
        year,
        SEARCHES,
      );
      searches = varied.catalogue.length;
      refusedCursors = varied.refusedCursors;
      const point: Growth = {
        factor,
        counts: c,
        loadMs,
        catalogue: await growthPoint(kinds.catalogue(varied)),
        clientPages: await growthPoint(kinds.clientPages(varied)),
        caseload: await growthPoint(kinds.caseload(varied)),
      };
      growth.push(point);
      steps.push({ step: `growth ${factor}×`, ms: Date.now() - growthStarted });
      log(
        `growth ${factor}×: catalogue ${fmt(point.catalogue.requestsPerSecond)}, client pages ${fmt(point.clientPages.requestsPerSecond)}, caseload ${fmt(point.caseload.requestsPerSecond)} req/s`,
      );
      if (factor === COMPARE_AT) {
        fullCounts = c;
        comparison = await timed('comparison', () =>
          compare(running, targets, token, varied, database.url),
        );
        if (counting) {
          const proxied = counting;
          sql = await timed('SQL statements', () =>
            countStatements(proxied, database.url, token, dataDir, children, year),
          );
        }
        // On this data set (20 000 providers, 100 000 offerings), the rest of the platform idle;
        // the page through the gateway whose catalogue answer cache is off.
        if (!skip('CATALOGUE')) {
          log('catalogue at the database (store level, answer cache off)');
          storeLevel = await timed('catalogue at the database', () =>
            catalogueAtDatabase(database.url, Math.min(SEARCHES, 600)),
          );
          log('catalogue page through the gateway (answer cache off)');
          cataloguePage = await timed('catalogue through the gateway', () =>
            catalogueThroughGateway(database.url, off.gateway.url, Math.min(SEARCHES, 600)),
          );
        }
      }
    }
    for (const child of children.splice(0)) child.kill('SIGTERM');

    // Live budget events to many subscribers on one gateway (issue 21, item 3).
    if (!skip('SUBSCRIPTIONS')) {
      for (const { subscribers, tokens } of FANOUT) {
        log(`subscription fan-out: ${subscribers} subscribers, ${tokens} tokens`);
        fanout.push(
          await timed('fan-out', () =>
            measureSubscriptionLatency(running, dataDir, {
              subscribers,
              perSocket: 100,
              events: Number(process.env.BENCH_FANOUT_EVENTS ?? 20),
              principals: tokens,
            }),
          ),
        );
        log(`  ${JSON.stringify(fanout.at(-1))}`);
      }
    }
  } catch (error) {
    console.error(serviceLog.slice(-40).join('\n'));
    throw error;
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await counting?.stop();
    await platform?.stop();
    await database.drop().catch((e: unknown) => console.error('dropping the database failed', e));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  // On a database of its own, after the main platform has stopped.
  if (!skip('REPORT'))
    reportBench = await timed('report timing', () =>
      runReportBench(REPORT_ITERATIONS, REPORT_TIMEOUT_S),
    );
  if (!skip('START')) {
    startTime = await timed('second start', () =>
      measureSecondStart().catch((error: unknown) => {
        log('second start failed', error);
        return `failed: ${(error instanceof Error ? error.message : String(error)).slice(0, 400)}`;
      }),
    );
  }

  const file = path.join(ROOT, 'BENCHMARKS.md');
  writeReport(file, {
    started,
    pgVersion,
    settingsHelp: SETTINGS_HELP,
    steps,
    reportIterations: REPORT_ITERATIONS,
    growthBase: GROWTH_BASE,
    fullCounts,
    searches,
    refusedCursors,
    comparison,
    sql,
    growth,
    fanout,
    storeLevel,
    cataloguePage,
    reportBench,
    startTime,
  });
  try {
    execFileSync(path.join(ROOT, 'node_modules', '.bin', 'prettier'), ['--write', file], {
      stdio: 'ignore',
    });
  } catch {
    // formatting is cosmetic
  }
  log(`wrote ${file} in ${((Date.now() - started) / 60_000).toFixed(1)} min`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
