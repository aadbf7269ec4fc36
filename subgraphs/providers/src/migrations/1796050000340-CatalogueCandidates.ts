import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Price units whose lowest price orders a catalogue search by price (see `priceKey`). */
const UNIT_KEYS = ['hour', 'day', 'kilometre', 'year'];

/**
 * A broad catalogue search ranks a bounded set of candidates taken in an index's order instead
 * of every match (CatalogueStore): at 20 000 providers one word matched up to 18 000 of them
 * and ranking them all took 150–450 ms. Adds the order of each sort:
 * - `listing_score`, how complete a listing is (contact details, description, accessibility,
 *   intake), generated from the provider's own row so that no write can forget it, for
 *   relevance;
 * - name for the order by name and for searches by filters alone;
 * - the lowest price per unit for the order by price.
 */
export class CatalogueCandidates1796050000340 implements MigrationInterface {
  name = 'CatalogueCandidates1796050000340';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE providers.provider ADD COLUMN listing_score smallint GENERATED ALWAYS AS (
        (phone IS NOT NULL)::int + (email IS NOT NULL)::int + (address IS NOT NULL)::int +
        (website IS NOT NULL)::int + (length(description) >= 80)::int +
        (cardinality(accessibility) > 0)::int + (cardinality(languages) > 1)::int +
        takes_new_clients::int
      ) STORED`);
    await q.query(
      `CREATE INDEX provider_listing_score_idx ON providers.provider (listing_score DESC, id)`,
    );
    await q.query(`CREATE INDEX provider_name_id_idx ON providers.provider (name, id)`);
    for (const key of UNIT_KEYS) {
      await q.query(
        `CREATE INDEX provider_price_${key}_idx ON providers.provider (((min_prices->>'${key}')::int), id)`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const key of UNIT_KEYS) await q.query(`DROP INDEX providers.provider_price_${key}_idx`);
    await q.query(`DROP INDEX providers.provider_name_id_idx`);
    await q.query(`DROP INDEX providers.provider_listing_score_idx`);
    await q.query(`ALTER TABLE providers.provider DROP COLUMN listing_score`);
  }
}
