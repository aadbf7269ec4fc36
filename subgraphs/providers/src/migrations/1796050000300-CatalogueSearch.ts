import type { MigrationInterface, QueryRunner } from 'typeorm';
import { refreshStatement } from '../provider/catalogue.store';

/**
 * The catalogue's search document carries what a provider declares (approval, service types,
 * price units, accessibility, languages, municipalities, intake) and the vocabulary's concepts
 * as tokens, so one GIN index on the document answers a search with all its filters. Adds
 * whether a provider takes new clients, and rebuilds every document in the new form.
 *
 * The approval-status index stays for the approval queue, but the catalogue no longer names
 * approval_status: the planner used to pick that index and filter ~18 000 approved providers
 * by text.
 */
export class CatalogueSearch1796050000300 implements MigrationInterface {
  name = 'CatalogueSearch1796050000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE providers.provider ADD COLUMN takes_new_clients boolean NOT NULL DEFAULT true`,
    );
    // Searches read the index far more often than providers write: no pending list to scan.
    await q.query(`ALTER INDEX providers.provider_search_vector_idx SET (fastupdate = off)`);
    const { sql, params } = refreshStatement(null);
    await q.query(sql, params);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER INDEX providers.provider_search_vector_idx RESET (fastupdate)`);
    await q.query(`ALTER TABLE providers.provider DROP COLUMN takes_new_clients`);
  }
}
