import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `providers.catalogue_matches(q, lim)`: at most `lim` providers whose search document matches
 * `q`, always read through the document's GIN index (a bitmap scan; sequential and plain index
 * scans are off inside the function). A catalogue search first takes its matches this way and
 * walks an ordered index only when there are many (CatalogueStore): the planner overestimated
 * sparse matches of correlated filters (175 estimated as 3 803) and then walked the ordered
 * index through most of the table (70–130 ms), or read the whole table for a LIMIT. Only what
 * the candidate orders and the maximum price need is returned.
 */
export class CatalogueMatches1796050000350 implements MigrationInterface {
  name = 'CatalogueMatches1796050000350';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION providers.catalogue_matches(q tsquery, lim int)
      RETURNS TABLE (id uuid, name text, listing_score smallint, min_prices jsonb)
      LANGUAGE sql STABLE PARALLEL SAFE
      SET enable_seqscan = off SET enable_indexscan = off
      AS $$
        SELECT p.id, p.name, p.listing_score, p.min_prices
        FROM providers.provider p WHERE p.search_vector @@ q LIMIT lim
      $$`);

    // One word's prefixes (its finnish and swedish stems and its simple prefix, as
    // to_tsquery(config, 'word:*') makes them) without those another of them covers.
    await q.query(`
      CREATE FUNCTION providers.catalogue_word_query(word text, prefix text) RETURNS tsquery
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$
        WITH l AS (
          SELECT DISTINCT x FROM unnest(
            tsvector_to_array(to_tsvector('finnish'::regconfig, word)) ||
            tsvector_to_array(to_tsvector('swedish'::regconfig, word)) ||
            tsvector_to_array(to_tsvector('simple'::regconfig, prefix))) x
        )
        SELECT coalesce(string_agg(quote_literal(l.x) || ':*', ' | ' ORDER BY l.x), '')::tsquery
        FROM l WHERE NOT EXISTS (SELECT 1 FROM l o WHERE o.x <> l.x AND starts_with(l.x, o.x))
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION providers.catalogue_word_query(text, text)`);
    await q.query(`DROP FUNCTION providers.catalogue_matches(tsquery, int)`);
  }
}
