import { GraphQLScalarType, Kind } from 'graphql';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is a real calendar date written as `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw new TypeError(
      `Date must be a calendar date written as YYYY-MM-DD, got ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

/**
 * A calendar date without time zone (`2022-07-01`). Kept as a string end to end so that a
 * service date never shifts by a day across time zones.
 */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'Kalenteripäivä – calendar date, YYYY-MM-DD.',
  serialize: (value) => {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return parseDate(value);
  },
  parseValue: parseDate,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new TypeError('Date must be a string.');
    return parseDate(ast.value);
  },
});

function parseDateTime(value: unknown): Date {
  const d = typeof value === 'string' ? new Date(value) : null;
  if (!d || Number.isNaN(d.getTime())) {
    throw new TypeError('DateTime must be an ISO 8601 timestamp.');
  }
  return d;
}

/** A point in time, serialised as an ISO 8601 UTC timestamp. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'Aikaleima – ISO 8601 timestamp in UTC.',
  serialize: (value) => {
    const d = value instanceof Date ? value : parseDateTime(value);
    return d.toISOString();
  },
  parseValue: parseDateTime,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new TypeError('DateTime must be a string.');
    return parseDateTime(ast.value);
  },
});
