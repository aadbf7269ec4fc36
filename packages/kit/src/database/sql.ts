/** A row as the driver returns it, before a store reads its columns (see `num`). */
export type RawRow = Record<string, unknown>;

/**
 * Anything that runs SQL: a data source, or a transaction's entity manager (TypeORM's `query`
 * fits). Its answer is raw rows unless the caller names the row type it selected, e.g.
 * `db.query<Array<{ id: string }>>(…)`, or assigns it to a variable of that type; never `any`.
 */
export interface Queryable {
  query<Result = RawRow[]>(sql: string, params?: unknown[]): Promise<Result>;
}

/** bigint and numeric columns arrive as strings; cents always fit a JS number. */
export const num = (value: unknown): number => Number(value);
export const numOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

/** The row an `INSERT … RETURNING` wrote: there is one, or the statement failed. */
export function returnedRow<Row = RawRow>(rows: readonly Row[]): Row {
  const row = rows[0];
  if (!row) throw new Error('INSERT … RETURNING answered no row');
  return row;
}

/** A row the statement before made sure of (a row just locked or written); a bug otherwise. */
export function present<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`${what} is missing`);
  return value;
}

/**
 * The rows of an `UPDATE` or `DELETE … RETURNING`: TypeORM answers `[rows, count]` for those on
 * PostgreSQL (and plain rows for a SELECT or INSERT), so accept both.
 */
export function updatedRows(result: RawRow[] | [RawRow[], number]): RawRow[] {
  const [first] = result;
  return Array.isArray(first) ? first : (result as RawRow[]);
}

/*
 * TypeORM's own `query` answers `any` unless told otherwise, which would let rows be read
 * unchecked anywhere. This overload comes first: without a type argument the answer is raw
 * rows; with one (or a typed variable or return type to infer it from) it is that type.
 */
declare module 'typeorm' {
  interface DataSource {
    query<Result = RawRow[]>(
      sql: string,
      params?: unknown[],
      queryRunner?: QueryRunner,
    ): Promise<Result>;
  }
  interface EntityManager {
    query<Result = RawRow[]>(sql: string, params?: unknown[]): Promise<Result>;
  }
  interface QueryRunner {
    query<Result = RawRow[]>(sql: string, params?: unknown[]): Promise<Result>;
  }
}
