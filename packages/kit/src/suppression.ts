/* eslint-disable @typescript-eslint/no-non-null-assertion --
   Matrix and table arithmetic: every index is bounded by its loop or found a line before. */
import { isSuppressed } from './reporting';

/**
 * Complementary (secondary) suppression of report tables (issue 14). Hiding each small group
 * on its own is not enough: a table's rows add up to a total that is shown, so the total minus
 * the shown rows gives the hidden row. Here a table is a set of rows and the sums that relate
 * them; after the primary suppression (1–4 clients) further rows are hidden until no small
 * group's figures follow from the shown ones by any combination of those sums. A table may also
 * have inner cells that are never published (money by service type and provider, say): they
 * add equations a reader with side knowledge could use, and are protected when small, but are
 * never shown or hidden.
 *
 * Pure: no database, no GraphQL. Suppression is per row: a hidden row hides all its additive
 * figures (money, counts), so one linear system per table covers every figure of it.
 */

/** One row of a report table; it is shown or hidden as a whole. */
export interface TableRow {
  /** Unique within the table, e.g. `cost:TRANSPORT` or `total`. */
  id: string;
  /**
   * Distinct clients the row describes. Decides the primary suppression (1–4), and which row
   * is hidden next to protect another (the smallest).
   */
  clients: number;
  /**
   * False for an inner cell that is never shown, only summed into shown rows: always unknown
   * to a reader, never chosen to hide. Default true.
   */
  published?: boolean;
  /**
   * True when a reader knows this row's figures in this table without it, e.g. a structural
   * zero (no provider charged that service): never unknown here, so never protected here.
   */
  known?: boolean;
}

/** Rows whose additive figures sum to another row's: a margin of the table. */
export interface TableSum {
  /** The row holding the sum (a total or subtotal). */
  total: string;
  /** The rows that add up to it; a row may be part of several sums (tables with several dimensions). */
  parts: readonly string[];
}

/** A report table: its rows, and every sum among them that a reader could use to subtract. */
export interface SuppressionTable {
  rows: readonly TableRow[];
  sums: readonly TableSum[];
}

/** Small enough to be rounding noise of the elimination below; entries start as 0, 1 or -1. */
const EPSILON = 1e-9;

function check(table: SuppressionTable): Map<string, TableRow> {
  const byId = new Map<string, TableRow>();
  for (const row of table.rows) {
    if (byId.has(row.id)) throw new RangeError(`row ${row.id} appears twice`);
    isSuppressed(row.clients); // validates the count
    byId.set(row.id, row);
  }
  for (const sum of table.sums) {
    const ids = [sum.total, ...sum.parts];
    for (const id of ids)
      if (!byId.has(id)) throw new RangeError(`sum refers to unknown row ${id}`);
    if (new Set(ids).size !== ids.length)
      throw new RangeError(`sum of ${sum.total} names a row twice`);
  }
  return byId;
}

/**
 * The hidden rows (and unpublished cells) whose figures a reader can compute exactly from the
 * shown rows, through the table's sums combined in any way (in table order). Each sum is a
 * linear equation over the unknown rows; a row is exposed exactly when its unit vector lies in
 * the span of those equations, which the reduced row echelon form shows as a row with a single
 * non-zero entry. Floating point is exact enough here: the entries start as 0, 1 or -1 and the
 * pivots are chosen largest first, so what is left of a cancelled entry is far below EPSILON.
 */
export function exposedRows(table: SuppressionTable, hidden: ReadonlySet<string>): string[] {
  check(table);
  return exposedIn(table, hidden);
}

/** {@link exposedRows} of a table already checked. */
function exposedIn(table: SuppressionTable, hidden: ReadonlySet<string>): string[] {
  const unknowns = table.rows
    .filter((r) => !r.known && (hidden.has(r.id) || r.published === false))
    .map((r) => r.id);
  const column = new Map(unknowns.map((id, i) => [id, i]));
  const matrix: Float64Array[] = [];
  for (const sum of table.sums) {
    const equation = new Float64Array(unknowns.length);
    let any = false;
    for (const [id, sign] of [[sum.total, -1] as const, ...sum.parts.map((p) => [p, 1] as const)]) {
      const at = column.get(id);
      if (at !== undefined) {
        equation[at]! += sign;
        any = true;
      }
    }
    if (any) matrix.push(equation);
  }
  const pivots = reduce(matrix, unknowns.length);
  const exposed: string[] = [];
  for (const [rowIndex, pivot] of pivots) {
    const row = matrix[rowIndex]!;
    if (row.every((value, j) => j === pivot || Math.abs(value) < EPSILON))
      exposed.push(unknowns[pivot]!);
  }
  const found = new Set(exposed);
  return unknowns.filter((id) => found.has(id));
}

/** Gauss–Jordan elimination in place; returns [row, pivot column] pairs. */
function reduce(m: Float64Array[], columns: number): Array<[number, number]> {
  const pivots: Array<[number, number]> = [];
  let r = 0;
  for (let c = 0; c < columns && r < m.length; c++) {
    let best = r;
    for (let i = r + 1; i < m.length; i++)
      if (Math.abs(m[i]![c]!) > Math.abs(m[best]![c]!)) best = i;
    if (Math.abs(m[best]![c]!) < EPSILON) continue;
    [m[r], m[best]] = [m[best]!, m[r]!];
    const pivotRow = m[r]!;
    const p = pivotRow[c]!;
    // Left of c the pivot row is zero (earlier pivot columns were cleared, the other earlier
    // columns had nothing left below the pivots), and the equations are sparse (a sum names a
    // few rows): only the pivot row's non-zero entries from c on change anything.
    const nonZero: number[] = [];
    for (let j = c; j < columns; j++) {
      pivotRow[j] = pivotRow[j]! / p;
      if (Math.abs(pivotRow[j]!) >= EPSILON) nonZero.push(j);
    }
    for (let i = 0; i < m.length; i++) {
      if (i === r) continue;
      const row = m[i]!;
      const factor = row[c]!;
      if (Math.abs(factor) < EPSILON) continue;
      for (const j of nonZero) row[j] = row[j]! - factor * pivotRow[j]!;
    }
    pivots.push([r, c]);
    r++;
  }
  return pivots;
}

/**
 * The published rows of a table to hide. First every row about 1–4 clients (primary
 * suppression). Then, while the figures of some small group (a hidden row or an unpublished
 * cell about 1–4 clients) can still be computed from the shown rows ({@link exposedRows}), one
 * more row is hidden: of the rows next to the exposed ones (the parts of their sums, then those
 * sums' totals, then any row), the smallest (by clients, then table order) whose hiding leaves
 * fewer small groups exposed. In a plain breakdown that is the smallest other row, so that in
 * every sum either no row or at least two are hidden, and the total when no other row is left.
 * Rows about nobody are never hidden (a zero is not a small group, and hiding it protects
 * nothing). A larger row hidden only to protect another may itself follow from the shown
 * ones; that reveals nothing small.
 */
export function suppressTable(table: SuppressionTable): Set<string> {
  return suppressTables([table]);
}

/**
 * {@link suppressTable} for rows that take part in several tables at once, each with its own
 * sums: one table per kind of figure that adds up differently (money of the budgets adds up
 * by service type only; charges also by provider). A row is hidden in all of them or none.
 */
export function suppressTables(tables: readonly SuppressionTable[]): Set<string> {
  // What to hide depends on the rows' client counts and the sums only, not on the money: the
  // same structure (most reads of a report between two new clients) is answered from memory.
  const key = JSON.stringify(tables);
  const known = remembered.get(key);
  if (known) {
    remembered.delete(key);
    remembered.set(key, known);
    return new Set(known);
  }
  const hidden = choose(tables);
  remembered.set(key, [...hidden]);
  if (remembered.size > REMEMBERED) remembered.delete(remembered.keys().next().value!);
  return hidden;
}

/** How many table structures {@link suppressTables} keeps (least recently used go first). */
const REMEMBERED = 256;
const remembered = new Map<string, string[]>();

function choose(tables: readonly SuppressionTable[]): Set<string> {
  const byId = new Map<string, TableRow>();
  for (const table of tables)
    for (const row of check(table).values()) {
      const seen = byId.get(row.id);
      if (seen && (seen.clients !== row.clients || seen.published !== row.published))
        throw new RangeError(`row ${row.id} differs between tables`);
      if (!seen) byId.set(row.id, row);
    }
  const rows = [...byId.values()];
  const small = new Set(rows.filter((r) => isSuppressed(r.clients)).map((r) => r.id));
  const published = (id: string) => byId.get(id)!.published !== false;
  const hidden = new Set([...small].filter(published));
  const order = new Map(rows.map((r, i) => [r.id, i]));
  const totals = new Set(tables.flatMap((t) => t.sums.map((s) => s.total)));
  const exposedAll = (rowsHidden: ReadonlySet<string>) =>
    new Set(tables.flatMap((t) => exposedIn(t, rowsHidden)));
  const exposedSmall = (rowsHidden: ReadonlySet<string>) =>
    [...exposedAll(rowsHidden)].filter((id) => small.has(id));
  const sums = tables.flatMap((t) => t.sums);
  for (;;) {
    // The way to a small group may lead through larger hidden rows: look next to all of them.
    const exposed = [...exposedAll(hidden)];
    if (!exposed.some((id) => small.has(id))) return hidden;
    const touching = sums.filter((s) =>
      exposed.some((id) => s.total === id || s.parts.includes(id)),
    );
    const parts = touching.flatMap((s) => s.parts);
    // Where to look, nearest first: the plain rows of those sums, any of their parts, their
    // totals, and then any row (so that the loop always progresses).
    const pools = [
      parts.filter((id) => !totals.has(id)),
      parts,
      touching.map((s) => s.total),
      rows.map((r) => r.id),
    ];
    const now = exposed.filter((id) => small.has(id)).length;
    // Nearest first, then smallest, then first in the table; the first that leaves fewer small
    // groups exposed is hidden (in a plain breakdown, the smallest other row). When none does
    // on its own, the nearest smallest, and the next round looks again.
    const seen = new Set<string>();
    const candidates: Array<{ id: string; pool: number }> = [];
    pools.forEach((pool, index) => {
      for (const id of pool) {
        if (seen.has(id) || !published(id) || hidden.has(id) || byId.get(id)!.clients <= 0)
          continue;
        seen.add(id);
        candidates.push({ id, pool: index });
      }
    });
    candidates.sort(
      (a, b) =>
        a.pool - b.pool ||
        byId.get(a.id)!.clients - byId.get(b.id)!.clients ||
        order.get(a.id)! - order.get(b.id)!,
    );
    const next =
      candidates.find((c) => exposedSmall(new Set([...hidden, c.id])).length < now)?.id ??
      candidates[0]?.id;
    if (next === undefined) return hidden;
    hidden.add(next);
  }
}

/**
 * The common case: rows that add up to a total. Returns whether the total is hidden and, in
 * order, whether each row is.
 */
export function suppressBreakdown(
  total: number,
  rows: readonly number[],
): { total: boolean; rows: boolean[] } {
  const ids = rows.map((_, i) => `row:${i}`);
  const hidden = suppressTable({
    rows: [
      { id: 'total', clients: total },
      ...rows.map((clients, i) => ({ id: ids[i]!, clients })),
    ],
    sums: [{ total: 'total', parts: ids }],
  });
  return { total: hidden.has('total'), rows: ids.map((id) => hidden.has(id)) };
}
