// Typed rows: the kit's Queryable answers raw rows, or the row type its caller names.
export { num, numOrNull, type Queryable, type RawRow } from '@hb/kit';

/** PostgreSQL error codes this subgraph turns into payload errors. */
export const PG = { uniqueViolation: '23505', checkViolation: '23514' } as const;

export function pgCode(error: unknown): string | undefined {
  const e = error as { code?: string; driverError?: { code?: string } };
  return e?.driverError?.code ?? e?.code;
}

export function pgConstraint(error: unknown): string | undefined {
  const e = error as { constraint?: string; driverError?: { constraint?: string } };
  return e?.driverError?.constraint ?? e?.constraint;
}
