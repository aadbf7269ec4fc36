import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change a provider makes to its own listing is kept as a version: who changed which
 * fields, from what to what, and when. Append-only like the approval history, so the record
 * of what a client was shown cannot be rewritten afterwards.
 */
export class ListingVersions1796050000320 implements MigrationInterface {
  name = 'ListingVersions1796050000320';

  async up(q: QueryRunner): Promise<void> {
    // The street address is part of the contact details a provider keeps itself.
    await q.query(`ALTER TABLE providers.provider ADD COLUMN address text`);
    await q.query(`
      CREATE TABLE providers.listing_version (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL,
        provider_id uuid NOT NULL REFERENCES providers.provider(id),
        actor_id text NOT NULL,
        actor_role text NOT NULL,
        changes jsonb NOT NULL,
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(
      `CREATE INDEX listing_version_provider_idx ON providers.listing_version (provider_id, seq)`,
    );
    await q.query(`
      CREATE FUNCTION providers.listing_version_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'providers.listing_version is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER listing_version_append_only BEFORE UPDATE OR DELETE ON providers.listing_version
      FOR EACH ROW EXECUTE FUNCTION providers.listing_version_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE providers.listing_version`);
    await q.query(`DROP FUNCTION providers.listing_version_append_only()`);
    await q.query(`ALTER TABLE providers.provider DROP COLUMN address`);
  }
}
