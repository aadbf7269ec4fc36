import type { ComplaintStatus } from './complaint.rules';

/** Feedback as the HB centre reads it. */
export interface FeedbackEntryRow {
  id: string;
  clientId: string;
  municipalityCode: string | null;
  planId: string | null;
  providerId: string | null;
  rating: number;
  text: string;
  authorRole: 'CLIENT' | 'TEAM_MEMBER';
  anonymous: boolean;
  answer: string | null;
  answeredAt: Date | null;
  at: Date;
}

export interface ComplaintRow {
  id: string;
  clientId: string;
  municipalityCode: string;
  providerId: string | null;
  text: string;
  authorRole: 'CLIENT' | 'TEAM_MEMBER';
  status: ComplaintStatus;
  providerResponse: string | null;
  providerRespondedAt: Date | null;
  answer: string | null;
  answeredAt: Date | null;
  closedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A keyset position: newest first by (time, id). */
export interface Position {
  at: string;
  id: string;
}

export const encodeCursor = (p: Position): string =>
  Buffer.from(`${p.at}|${p.id}`, 'utf8').toString('base64url');

export function decodeCursor(cursor: string | null | undefined): Position | null | 'invalid' {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/.test(id)) return 'invalid';
  return { at, id };
}

/**
 * The connection of a page fetched with `limit + 1` rows (the extra one only tells that a next
 * page exists), each row's cursor its keyset position: `at` gives the time it is ordered by.
 */
export function keysetPage<T extends { id: string }>(
  rows: T[],
  limit: number,
  totalCount: number,
  after: Position | null,
  at: (row: T) => Date,
) {
  const cursor = (r: T) => encodeCursor({ at: at(r).toISOString(), id: r.id });
  const page = rows.slice(0, limit);
  return {
    edges: page.map((node) => ({ node, cursor: cursor(node) })),
    pageInfo: {
      hasNextPage: rows.length > limit,
      hasPreviousPage: !!after,
      startCursor: page.slice(0, 1).map(cursor)[0] ?? null,
      endCursor: page.slice(-1).map(cursor)[0] ?? null,
    },
    totalCount,
  };
}
