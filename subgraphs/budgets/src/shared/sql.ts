// Typed rows: the kit's Queryable answers raw rows, or the row type its caller names.
export { num, numOrNull, type Queryable, type RawRow } from '@hb/kit';

/** PostgreSQL error codes this subgraph turns into payload errors. */
export const PG = { uniqueViolation: '23505', checkViolation: '23514' } as const;

/** What a database error may carry: pg's fields, or TypeORM's wrapper around them. */
interface PgErrorFields {
  code?: string;
  constraint?: string;
  driverError?: { code?: string; constraint?: string };
}

/** Anything thrown, read for pg's fields (none when it is not an object). */
const pgFields = (error: unknown): PgErrorFields =>
  typeof error === 'object' && error !== null ? error : {};

export function pgCode(error: unknown): string | undefined {
  const e = pgFields(error);
  return e.driverError?.code ?? e.code;
}

export function pgConstraint(error: unknown): string | undefined {
  const e = pgFields(error);
  return e.driverError?.constraint ?? e.constraint;
}
