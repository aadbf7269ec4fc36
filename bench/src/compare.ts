import type { Platform } from '@hb/platform';
import { postgresPids, type ProcessGroup } from './cpu-sampler';
import {
  CONNECTIONS,
  DURATION,
  ROUNDS,
  WARMUP,
  inRounds,
  log,
  runLoad,
  verify,
  verifyBody,
  withClient,
  type Measured,
  type Target,
} from './harness';
import type { LoadSpec, RequestKind } from './load';
import {
  CATALOGUE,
  CLIENT_PAGE,
  PROVIDER_LIST,
  RECORD_CHARGE,
  kinds,
  type VariedWorkloads,
} from './workloads';
import { must } from './must';

/** The process groups of the CPU table, in column order. */
export const CPU_COLUMNS = [
  'gateway',
  'clients',
  'budgets',
  'providers',
  'plans',
  'postgres',
] as const;

/** One operation of the comparison: every target's rounds. */
export interface Compared {
  op: string;
  varied: boolean;
  results: Measured[];
}

/** The targets of the comparison. */
export interface Targets {
  ours: Target;
  /** Our gateway with the catalogue's answer cache and in-flight sharing off. */
  ourOff: Target;
  hive: Target;
  hiveNoDedupe: Target;
  providersDirect: Target;
  providersOff: Target;
  budgetsDirect: Target;
}

/**
 * Every workload against our gateway, Hive Gateway and the owning subgraph, in interleaved
 * rounds: the varied workloads first (the figures that hold on real traffic), then the
 * identical requests of the first benchmarks (what sharing identical work buys).
 */
export async function compare(
  platform: Platform,
  t: Targets,
  token: string,
  varied: VariedWorkloads,
  databaseUrl: string,
): Promise<Compared[]> {
  const out: Compared[] = [];
  const service = (name: string) => platform.services.find((s) => s.name === name);
  // Looked up at every sample: PostgreSQL backends come and go.
  const groups = (target: Target): ProcessGroup[] => [
    ...(target.gateway ? [{ name: 'gateway', pids: [target.gateway.pid] }] : []),
    ...CPU_COLUMNS.filter((name) => name !== 'gateway' && name !== 'postgres').map((name) => ({
      name,
      pids: [service(name)?.child.pid],
    })),
    { name: 'postgres', pids: postgresPids(), listed: true },
  ];
  const spec = (url: string, requestKinds: RequestKind[], seconds: number): LoadSpec => ({
    url,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    kinds: requestKinds,
    connections: CONNECTIONS,
    durationSeconds: seconds,
  });
  let run = 0;
  /** Measures one workload; `make` gives each run its kinds (charges need fresh keys). */
  const measure = async (
    op: string,
    isVaried: boolean,
    targets: Target[],
    make: (prefix: string) => RequestKind[],
    check: (target: Target) => Promise<unknown>,
  ) => {
    log(`comparison: ${op}`);
    for (const target of targets) {
      await check(target);
      await runLoad({
        ...spec(target.url, make(`bench-${++run}-${Date.now()}`), WARMUP),
        connections: Math.min(CONNECTIONS, 5),
      });
    }
    const prefixes: string[] = [];
    const results = await inRounds(targets, groups, (target) => {
      const prefix = `bench-${++run}-${Date.now()}`;
      prefixes.push(prefix);
      return runLoad(spec(target.url, make(prefix), DURATION));
    });
    for (const target of targets) await check(target);
    out.push({ op, varied: isVaried, results });
    return { results, prefixes };
  };
  const checkBodies = (bodies: VariedWorkloads['catalogue']) => async (target: Target) => {
    for (const body of bodies.slice(0, 3)) await verifyBody(target.url, body, token);
  };
  const checkCharge = async (target: Target) => {
    const c = varied.charge;
    const res = await verify(
      target.url,
      must(c.authorizations?.[0], 'provider token of the charge workload'),
      RECORD_CHARGE,
      {
        input: {
          budgetId: c.budgetIds[0],
          providerId: c.providerIds[0],
          amount: '1.00',
          serviceDate: c.serviceDate,
          idempotencyKey: `bench-check-${Date.now()}-${Math.random()}`,
        },
      },
    );
    const payload = (res.json.data as { recordCharge: { transaction: unknown; errors: unknown[] } })
      .recordCharge;
    if (!payload.transaction || payload.errors.length)
      throw new Error(`recordCharge failed at ${target.name}: ${JSON.stringify(payload)}`);
  };
  /** Notes how many charges of a charging row's rounds were recorded. */
  const countCharges = async (results: Measured[], prefixes: string[]) => {
    // Round r ran the targets from r mod n on, so the run order maps to targets like this:
    const n = results.length;
    for (const [i, m] of results.entries()) {
      const mine = prefixes.filter((_p, k) => (Math.floor(k / n) + (k % n)) % n === i);
      const recorded = await withClient(databaseUrl, async (c) =>
        Number(
          (
            await c.query<{ count: string }>(
              `SELECT count(*) FROM budgets.ledger_transaction WHERE idempotency_key LIKE ANY($1)`,
              [mine.map((p) => `${p}-%`)],
            )
          ).rows[0]?.count,
        ),
      );
      m.note = `${recorded} charges recorded in ${ROUNDS} rounds`;
    }
  };

  await measure(
    `catalogue, ${varied.catalogue.length} distinct searches with filters and pages (public, no token)`,
    true,
    [t.ours, t.ourOff, t.hive, t.providersDirect, t.providersOff],
    () => kinds.catalogue(varied),
    checkBodies(varied.catalogue),
  );
  await measure(
    `client pages, 20 advisers × municipalities × cursors (${varied.clientPages.length} distinct)`,
    true,
    [t.ours, t.ourOff, t.hive],
    () => kinds.clientPages(varied),
    checkBodies(varied.clientPages),
  );
  await measure(
    `caseload, 20 advisers × municipalities × orders, filters and cursors (${varied.caseload.length} distinct)`,
    true,
    [t.ours, t.hive, t.budgetsDirect],
    () => kinds.caseload(varied),
    checkBodies(varied.caseload),
  );
  const charges = await measure(
    `recordCharge, ${new Set(varied.charge.providerIds).size} providers' own tokens on ${varied.charge.budgetIds.length} budgets`,
    true,
    [t.ours, t.hive, t.budgetsDirect],
    (prefix) => kinds.charges(varied, prefix),
    checkCharge,
  );
  await countCharges(charges.results, charges.prefixes);
  await measure(
    'mixed: 70 % catalogue searches, 25 % client pages, 5 % charges (varied as above)',
    true,
    [t.ours, t.ourOff, t.hive],
    (prefix) => kinds.mixed(varied, prefix),
    async (target) => {
      await checkBodies(varied.catalogue)(target);
      await checkBodies(varied.clientPages)(target);
    },
  );

  const identical = (query: string) => async (target: Target) => verify(target.url, token, query);
  await measure(
    'identical: one client page (20 clients, budgets, 5 transactions each with provider, plans)',
    false,
    [t.ours, t.hive, t.hiveNoDedupe],
    () => kinds.identical(CLIENT_PAGE(20)),
    identical(CLIENT_PAGE(20)),
  );
  await measure(
    'identical: one catalogue search "päivätoiminta", first 20',
    false,
    [t.ours, t.ourOff, t.hive, t.hiveNoDedupe, t.providersDirect],
    () => kinds.identical(CATALOGUE, true),
    identical(CATALOGUE),
  );
  await measure(
    'identical: provider list, first 20, no search (gateway overhead)',
    false,
    [t.ours, t.hive, t.providersDirect],
    () => kinds.identical(PROVIDER_LIST, true),
    identical(PROVIDER_LIST),
  );
  return out;
}
