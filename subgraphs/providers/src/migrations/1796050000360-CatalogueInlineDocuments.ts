import type { MigrationInterface, QueryRunner } from 'typeorm';
import { refreshStatement } from '../provider/catalogue.store';

/**
 * Keeps a provider's search document in its row. A row over ~2 kB had its document moved to
 * the TOAST table, and every search that checked it there (the probe and walk of an ordered
 * index, the GIN index's recheck, ts_rank) read 3–4 more pages for it: at 20 000 providers
 * (documents of 0.9–1.4 kB) 5 500 more buffers for a walk of the table, the median catalogue
 * search read 1 051 buffers instead of 789. With `toast_tuple_target` at its maximum, values move
 * out only for a row that would not fit a page. Rebuilds the documents so that those stored
 * out of line come back (an unchanged value keeps its place).
 */
export class CatalogueInlineDocuments1796050000360 implements MigrationInterface {
  name = 'CatalogueInlineDocuments1796050000360';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE providers.provider SET (toast_tuple_target = 8160)`);
    const { sql, params } = refreshStatement(null);
    await q.query(sql, params);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE providers.provider RESET (toast_tuple_target)`);
  }
}
