import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `providers.catalogue_filtered(f, q)`: the providers whose search document matches the
 * filter tokens `f` by the GIN index and the whole match `q` when checked on the document. The
 * GIN index gathers every document of a word's prefixes before it intersects them with the
 * filters: 5–15 ms for a broad word even when a filter matches nothing (a service type with
 * a price unit nobody uses), while the filters' exact tokens alone take ~0.1 ms then. A
 * catalogue search takes this way when its probe found nothing and no provider of a sample
 * passes the filters (CatalogueStore). `ts_match_vq`, the function behind @@, keeps the words
 * out of the index.
 */
export class CatalogueFilteredMatches1796050000370 implements MigrationInterface {
  name = 'CatalogueFilteredMatches1796050000370';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION providers.catalogue_filtered(f tsquery, q tsquery)
      RETURNS TABLE (id uuid, name text, listing_score smallint, min_prices jsonb)
      LANGUAGE sql STABLE PARALLEL SAFE
      SET enable_seqscan = off SET enable_indexscan = off
      AS $$
        SELECT p.id, p.name, p.listing_score, p.min_prices
        FROM providers.provider p WHERE p.search_vector @@ f AND ts_match_vq(p.search_vector, q)
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION providers.catalogue_filtered(tsquery, tsquery)`);
  }
}
