import { Client } from 'pg';
import type { CapturedStatement } from './statement-proxy';
import { must } from './must';

/**
 * EXPLAIN ANALYZE of statements captured from the wire (statement-proxy.ts), so that the
 * benchmark shows which index every statement of a request uses on the full data set.
 */

/**
 * Tables with many rows in the bench data set (bench/src/data.ts): a Seq Scan on one of them
 * is a finding. On the small reference tables (service types, municipalities) it is the
 * cheapest plan and no concern.
 */
export const LARGE_TABLES: ReadonlySet<string> = new Set([
  'budgets.ledger_transaction',
  'budgets.budget',
  'budgets.budget_balance',
  'budgets.budget_event',
  'clients.client',
  'providers.provider',
  'providers.offering',
  'plans.implementation_plan',
  'audit.access_log',
]);

/** Session and transaction control, and health checks: nothing to plan. */
const NOT_PLANNED =
  /^\s*(BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE|SET|RESET|SHOW|LISTEN|UNLISTEN|DISCARD|DEALLOCATE)\b|^\s*SELECT\s+1\s*;?\s*$/i;

/** One node of a plan that reads or writes a relation. */
export interface PlanScan {
  /** Node Type, or the operation of a ModifyTable node (Insert, Update, Delete). */
  type: string;
  /** schema.table; absent for a Bitmap Index Scan, which names only its index. */
  relation?: string;
  index?: string;
}

/** One distinct SQL text of a request, with the plan of its first execution. */
export interface ExplainedStatement {
  sql: string;
  /** SET statements replayed before it: what its transaction had set when it ran. */
  settings: string[];
  /** How many times the request executed this text. */
  times: number;
  /** Every node that reads or writes a relation, depth first (subplans and CTEs included). */
  scans: PlanScan[];
  /** Rows returned by the top node. */
  rows?: number;
  /** Execution Time of EXPLAIN ANALYZE, ms. */
  ms?: number;
  /** Why EXPLAIN failed; the other fields are then empty. */
  error?: string;
}

/** What {@link explainStatements} found for one request. */
export interface Explained {
  statements: ExplainedStatement[];
  /** Transaction control and the like that was not explained: first word -> count. */
  skipped: Map<string, number>;
}

/** The part of EXPLAIN (FORMAT JSON, VERBOSE) output read here. */
interface PlanNode {
  'Node Type': string;
  Operation?: string;
  Schema?: string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  Plans?: PlanNode[];
}

function scansOf(node: PlanNode, out: PlanScan[] = []): PlanScan[] {
  const relation = node['Relation Name'];
  const index = node['Index Name'];
  if (relation || index) {
    out.push({
      type: node['Node Type'] === 'ModifyTable' ? (node.Operation ?? 'Modify') : node['Node Type'],
      ...(relation ? { relation: node.Schema ? `${node.Schema}.${relation}` : relation } : {}),
      ...(index ? { index } : {}),
    });
  }
  for (const child of node.Plans ?? []) scansOf(child, out);
  return out;
}

/**
 * Explains every distinct statement of `captured` on its own connection to `databaseUrl`, each
 * as `BEGIN; <its settings>; EXPLAIN (ANALYZE, VERBOSE, FORMAT JSON) <sql>; ROLLBACK` with the
 * captured values, so writes, advisory locks, notifications and settings take effect only inside
 * the rolled-back transaction. Its settings are the SET statements its connection sent before it
 * in its transaction (e.g. the catalogue search's `SET LOCAL enable_seqscan = off`), which shape
 * its plan. `substitute` replaces parameter values before the replay: the request itself
 * committed, so e.g. its idempotency key would make the replayed INSERT a duplicate. A statement
 * that cannot be explained gets its error instead of a plan; this never throws for one.
 */
export async function explainStatements(
  databaseUrl: string,
  captured: CapturedStatement[],
  substitute: ReadonlyMap<string, string> = new Map(),
): Promise<Explained> {
  const skipped = new Map<string, number>();
  const distinct = new Map<
    string,
    { first: CapturedStatement; settings: string[]; times: number }
  >();
  /** Per connection, the SET statements of its open transaction. */
  const openSettings = new Map<number, string[]>();
  for (const statement of captured) {
    const control = NOT_PLANNED.exec(statement.sql);
    if (control) {
      const word = (control[1] ?? 'SELECT 1').replace(/\s+/g, ' ').toUpperCase();
      skipped.set(word, (skipped.get(word) ?? 0) + 1);
      if (word === 'SET' || word === 'RESET')
        openSettings.set(statement.connection, [
          ...(openSettings.get(statement.connection) ?? []),
          statement.sql,
        ]);
      else if (
        /^(BEGIN|START|COMMIT|END|ROLLBACK)/.test(word) &&
        !/TO SAVEPOINT/i.test(statement.sql)
      )
        openSettings.delete(statement.connection);
      continue;
    }
    const seen = distinct.get(statement.sql);
    if (seen) seen.times++;
    else
      distinct.set(statement.sql, {
        first: statement,
        settings: openSettings.get(statement.connection) ?? [],
        times: 1,
      });
  }
  // A plan that runs away must not stall the benchmark.
  const client = new Client({ connectionString: databaseUrl, statement_timeout: 60_000 });
  await client.connect();
  const statements: ExplainedStatement[] = [];
  try {
    for (const [sql, { first, settings, times }] of distinct) {
      const params = first.params.map((p) => (p !== null ? substitute.get(p) : undefined) ?? p);
      await client.query('BEGIN');
      try {
        // Without values: a SET may be several statements in one simple query.
        for (const setting of settings) await client.query(setting);
        const result = await client.query<{
          'QUERY PLAN': Array<{ Plan: PlanNode; 'Execution Time': number }>;
        }>(`EXPLAIN (ANALYZE, VERBOSE, FORMAT JSON) ${sql}`, params);
        const top = must(result.rows[0]?.['QUERY PLAN'][0], 'plan in EXPLAIN output');
        statements.push({
          sql,
          settings,
          times,
          scans: scansOf(top.Plan),
          rows: top.Plan['Actual Rows'],
          ms: top['Execution Time'],
        });
      } catch (error) {
        statements.push({
          sql,
          settings,
          times,
          scans: [],
          error: error instanceof Error ? error.message : String(error),
        });
      } finally {
        await client.query('ROLLBACK');
      }
    }
  } finally {
    await client.end();
  }
  return { statements, skipped };
}

/** "Index Scan on budgets.budget using budget_client_idx". */
export function describeScan(scan: PlanScan): string {
  return [scan.type, scan.relation && `on ${scan.relation}`, scan.index && `using ${scan.index}`]
    .filter(Boolean)
    .join(' ');
}

/** The Seq Scans of `statements` on {@link LARGE_TABLES}, with the number of the statement. */
export function largeSeqScans(
  statements: ExplainedStatement[],
): Array<{ n: number; relation: string }> {
  return statements.flatMap((s, i) =>
    s.scans.flatMap((scan) =>
      scan.type === 'Seq Scan' && scan.relation && LARGE_TABLES.has(scan.relation)
        ? [{ n: i + 1, relation: scan.relation }]
        : [],
    ),
  );
}

/** A Markdown table row cell: whitespace collapsed, cut to `max` characters, pipes escaped. */
function cell(text: string, max = Infinity): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const cut = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  return cut.replace(/\|/g, '\\|');
}

/** One Markdown table: a row per distinct statement, in the order the request first sent them. */
export function planTable(statements: ExplainedStatement[]): string[] {
  return [
    '| # | statement | times | scans (type on relation using index) | rows | ms |',
    '| ---: | --- | ---: | --- | ---: | ---: |',
    ...statements.map((s, i) => {
      // A code span keeps `*` and `_` of SQL from turning into emphasis.
      const sql = `\`${cell(s.sql, 90).replace(/`/g, "'")}\``;
      // One entry per distinct scan: a nested loop repeats none, but a UNION may.
      const counts = new Map<string, number>();
      for (const scan of s.scans) {
        const d = describeScan(scan);
        counts.set(d, (counts.get(d) ?? 0) + 1);
      }
      const scans = s.error
        ? `EXPLAIN failed: ${cell(s.error, 200)}`
        : [...counts].map(([d, n]) => (n > 1 ? `${d} (×${n})` : d)).join('; ') || '–';
      const rows = s.rows === undefined ? '' : String(s.rows);
      const ms = s.ms === undefined ? '' : s.ms.toFixed(2);
      return `| ${i + 1} | ${sql} | ${s.times} | ${scans} | ${rows} | ${ms} |`;
    }),
    // Settings change plans (enable_seqscan = off above all), so they are shown with them.
    ...statements.flatMap((s, i) =>
      s.settings.length
        ? [
            '',
            `#${i + 1} ran after \`${cell(s.settings.join('; ')).replace(/`/g, "'")}\` in its transaction, and was explained after it too.`,
          ]
        : [],
    ),
  ];
}
