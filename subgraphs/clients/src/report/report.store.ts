import type { DataSource } from 'typeorm';

/** Counts of this subgraph's own table for the organiser's report. */
export class ClientReportStore {
  constructor(private readonly db: DataSource) {}

  /** Every client of the municipality (the register as it is now). */
  async clientCount(municipalityCode: string): Promise<number> {
    const rows: Array<{ n: string }> = await this.db.query(
      `SELECT count(*) AS n FROM clients.client WHERE municipality_code = $1`,
      [municipalityCode],
    );
    return Number(rows[0]?.n ?? 0);
  }
}
