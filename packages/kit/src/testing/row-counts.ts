import { Client } from 'pg';

/**
 * Row counts of every table in the given schemas (tests: "the database is unchanged"). The
 * migrations bookkeeping tables are left out.
 */
export async function countRows(
  databaseUrl: string,
  schemas: string[],
): Promise<Record<string, number>> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const tables = (
      await db.query<{ s: string; t: string }>(
        `SELECT table_schema AS s, table_name AS t FROM information_schema.tables
          WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE' AND table_name NOT ILIKE '%migration%'
          ORDER BY 1, 2`,
        [schemas],
      )
    ).rows;
    const counts: Record<string, number> = {};
    for (const { s, t } of tables) {
      const quoted = `"${s.replace(/"/g, '""')}"."${t.replace(/"/g, '""')}"`;
      counts[`${s}.${t}`] = Number(
        (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${quoted}`)).rows[0]!.n,
      );
    }
    return counts;
  } finally {
    await db.end();
  }
}
