import { badInput } from './errors';
import type { ConnectionShape } from './common.types';
import { PageInfo } from './common.types';

/** Default and maximum page sizes for every connection. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Validates `first`: 1 to {@link MAX_PAGE_SIZE}, default {@link DEFAULT_PAGE_SIZE}. */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput(`first must be between 1 and ${MAX_PAGE_SIZE}.`);
  }
  return first;
}

/** Cursors are opaque to clients; inside they are the sort key of the last row seen. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): unknown[] | null {
  if (!cursor) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value)) return value as unknown[];
  } catch {
    // fall through to the error below
  }
  throw badInput('after is not a cursor this API gave out.');
}

/**
 * Builds a connection from rows fetched with `limit + 1` (the extra row only tells whether a
 * next page exists).
 */
export function toConnection<T>(
  rows: T[],
  limit: number,
  totalCount: number,
  cursorOf: (row: T) => unknown[],
  hasPrevious: boolean,
): ConnectionShape<T> {
  const page = rows.slice(0, limit);
  const edges = page.map((node) => ({ cursor: encodeCursor(cursorOf(node)), node }));
  const pageInfo = Object.assign(new PageInfo(), {
    hasNextPage: rows.length > limit,
    hasPreviousPage: hasPrevious,
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges[edges.length - 1]?.cursor ?? null,
  });
  return { edges, pageInfo, totalCount };
}
