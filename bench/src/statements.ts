import type { ChildProcess } from 'node:child_process';
import { launchPlatform, freePort, type Platform } from '@hb/platform';
import { describeScan, explainStatements, largeSeqScans, planTable } from './explain';
import { startHive, writeSupergraph } from './gateways';
import { fmt, gql, log, verify, waitFor } from './harness';
import { startStatementProxy, type StatementProxy } from './statement-proxy';
import { CATALOGUE, CLIENT_PAGE, RECORD_CHARGE, chargeIds } from './workloads';
import { must } from './must';

/** Requests per figure after one warm-up request; each figure is their mean. */
const RUNS = 3;

/** A second platform whose every statement goes through a counting proxy. */
export interface CountingPlatform {
  platform: Platform;
  proxy: StatementProxy;
  /** Stops the platform and the proxy (once; later calls do nothing). */
  stop(): Promise<void>;
}

/**
 * Starts the second platform through the counting proxy and waits for its budgets daily job,
 * which runs 5 s after start over every budget there is then (with its own statements, which
 * must not mix with the counts). Started before the bench's data set is loaded, its job goes
 * over the demo budgets only; the platform then stays idle until {@link countStatements}.
 */
export async function startCountingPlatform(
  baseEnv: NodeJS.ProcessEnv,
  databaseUrl: string,
): Promise<CountingPlatform> {
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
  }).catch(async (error: unknown) => {
    await proxy.close();
    throw error;
  });
  let stopped: Promise<void> | undefined;
  const counting = {
    platform,
    proxy,
    stop: () =>
      (stopped ??= (async () => {
        await platform.stop();
        await proxy.close();
      })()),
  };
  const started = Date.now();
  await waitFor(() => Promise.resolve(jobDone), 'the daily budget job', 240_000).then(
    () =>
      log(
        `  its daily budget job done ${((Date.now() - started) / 1000).toFixed(1)} s after start`,
      ),
    () => log('daily job not seen'),
  );
  return counting;
}

/**
 * Statements per request, counted by a wire-protocol proxy in front of PostgreSQL, and the
 * plans of the statements of one request of each kind (Markdown lines of both sections), on
 * the platform of {@link startCountingPlatform}, which is stopped at the end.
 */
export async function countStatements(
  counting: CountingPlatform,
  databaseUrl: string,
  token: string,
  dataDir: string,
  children: ChildProcess[],
  year: number,
): Promise<{ counts: string[]; plans: string[] }> {
  const { platform, proxy } = counting;
  try {
    const idleStart = proxy.statements();
    await new Promise((r) => setTimeout(r, 2_000));
    const idle = proxy.statements() - idleStart;
    const hivePort = await freePort();
    const hive = startHive(
      writeSupergraph(
        dataDir,
        'supergraph-counting.graphql',
        (n) =>
          must(
            platform.services.find((s) => s.name === n),
            `service ${n}`,
          ).url,
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
    /** Mean statements per run of `fn` over RUNS runs, or why it could not run. */
    const count = async (fn: () => Promise<unknown>): Promise<number | string> => {
      try {
        await fn();
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return /validation/i.test(message)
          ? 'refused: document cost limit'
          : `failed: ${message.slice(0, 80)}`;
      }
      const before = proxy.statements();
      for (let i = 0; i < RUNS; i++) await fn();
      return (proxy.statements() - before) / RUNS;
    };
    const show = (v: number | string, per: number) =>
      typeof v === 'number' ? `${fmt(v, 1)} (${fmt(v / per, 2)} per client)` : v;
    const rows: string[] = [
      'Counted by a small TCP proxy between the services and PostgreSQL (bench/src/statement-proxy.ts) that counts ' +
        'every simple-protocol Query and extended-protocol Execute message, i.e. every statement any service sends, ' +
        'including BEGIN/COMMIT and the access-log inserts. `pg_stat_statements` is not preloaded on this server ' +
        '(shared_preload_libraries is empty), so it was not used. A second platform instance (and a second Hive ' +
        'Gateway) is started through the proxy for this; the throughput runs do not go through it. It is started ' +
        'before the data set is loaded, so that its budgets daily job (5 s after start, over every budget there ' +
        'is then, with statements of its own) has gone over the demo budgets and finished long before the ' +
        'counts; it stays idle until them. ' +
        `Idle statements in the 2 s before measuring: ${idle}. Each figure is the mean of ${RUNS} requests after one ` +
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
    await counting.stop();
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
      `the search itself reaches the database (the statement count above, ${RUNS} requests in a row, mostly ` +
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
        (a, b) => (explained[b]?.ms ?? 0) - (explained[a]?.ms ?? 0),
      )[0];
      lines.push(
        ...planTable(explained),
        '',
        `Statements on the wire: ${statements.length}; distinct SQL texts explained: ${explained.length}; not ` +
          `explained: ${[...skipped].map(([w, n]) => `${w} ×${n}`).join(', ') || 'none'}. ` +
          (slowest === undefined
            ? ''
            : `Slowest: #${slowest + 1} (${explained[slowest]?.ms?.toFixed(2) ?? 'n/a'} ms). `) +
          (seq.length
            ? `Seq scans on large tables: ${seq.map((s) => `#${s.n} on ${s.relation}`).join(', ')}.`
            : 'No seq scan on a large table.'),
      );
      for (const [i, s] of explained.entries())
        if (s.error) log(`  EXPLAIN of #${i + 1} failed: ${s.error}`);
      for (const { n } of seq) {
        const s = must(explained[n - 1], `explained statement #${n}`);
        log(`  seq scan in #${n}: ${s.sql}\n    ${s.scans.map(describeScan).join('; ')}`);
      }
    } catch (error) {
      lines.push(
        `_failed: ${(error instanceof Error ? error.message : String(error)).slice(0, 300)}_`,
      );
    }
  }
  return lines;
}
