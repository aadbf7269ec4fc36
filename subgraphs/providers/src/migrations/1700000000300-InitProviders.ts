import type { MigrationInterface, QueryRunner } from 'typeorm';

const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');
const SERVICE_TYPES = list([
  'DAY_ACTIVITIES',
  'RESPITE_CARE',
  'TRANSPORT',
  'PERSONAL_ASSISTANCE',
  'HOUSING',
  'WORK_AND_DAY_ACTIVITY',
  'FAMILY_SERVICES',
]);
const STATUSES = list(['PENDING', 'INFO_REQUESTED', 'APPROVED', 'REJECTED', 'SUSPENDED']);

/**
 * Providers, offerings and the approval history, with the catalogue's search document: a
 * `finnish` + `simple` tsvector and a lower-case text for trigram similarity, both kept by the
 * store on every write (GIN indexed).
 */
export class InitProviders1700000000300 implements MigrationInterface {
  name = 'InitProviders1700000000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE providers.provider (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
        business_id varchar(9) NOT NULL UNIQUE CHECK (business_id ~ '^[0-9]{7}-[0-9]$'),
        kind text NOT NULL CHECK (kind IN ('COMPANY', 'NGO', 'COMMUNITY', 'ORGANISER_OWN')),
        approval_status text NOT NULL DEFAULT 'PENDING' CHECK (approval_status IN (${STATUSES})),
        description text NOT NULL DEFAULT '',
        email text,
        phone text,
        website text,
        municipalities text[] NOT NULL DEFAULT '{}',
        languages text[] NOT NULL DEFAULT '{}',
        accessibility text[] NOT NULL DEFAULT '{}',
        search_text text NOT NULL DEFAULT '',
        search_vector tsvector NOT NULL DEFAULT ''::tsvector,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX provider_search_vector_idx ON providers.provider USING gin (search_vector)`,
    );
    await q.query(
      `CREATE INDEX provider_search_text_trgm_idx ON providers.provider USING gin (search_text gin_trgm_ops)`,
    );
    await q.query(
      `CREATE INDEX provider_municipalities_idx ON providers.provider USING gin (municipalities)`,
    );
    await q.query(
      `CREATE INDEX provider_languages_idx ON providers.provider USING gin (languages)`,
    );
    await q.query(
      `CREATE INDEX provider_status_name_idx ON providers.provider (approval_status, name, id)`,
    );
    await q.query(`
      CREATE TABLE providers.offering (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id uuid NOT NULL REFERENCES providers.provider(id),
        service_type text NOT NULL CHECK (service_type IN (${SERVICE_TYPES})),
        title text NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 200),
        description text NOT NULL DEFAULT '',
        price_cents bigint NOT NULL CHECK (price_cents > 0),
        price_unit text NOT NULL CHECK (price_unit IN ('HOUR', 'DAY', 'KILOMETRE', 'YEAR')),
        class_levels int[] NOT NULL DEFAULT '{}',
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX offering_provider_idx ON providers.offering (provider_id)`);
    await q.query(
      `CREATE INDEX offering_type_price_idx ON providers.offering (service_type, price_cents, provider_id) WHERE active`,
    );
    await q.query(`
      CREATE TABLE providers.approval_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL,
        provider_id uuid NOT NULL REFERENCES providers.provider(id),
        from_status text CHECK (from_status IN (${STATUSES})),
        to_status text NOT NULL CHECK (to_status IN (${STATUSES})),
        actor_id text NOT NULL,
        actor_role text NOT NULL,
        reason text,
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(
      `CREATE INDEX approval_event_provider_idx ON providers.approval_event (provider_id, seq)`,
    );
    await q.query(`
      CREATE FUNCTION providers.approval_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'providers.approval_event is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER approval_event_append_only BEFORE UPDATE OR DELETE ON providers.approval_event
      FOR EACH ROW EXECUTE FUNCTION providers.approval_event_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE providers.approval_event`);
    await q.query(`DROP FUNCTION providers.approval_event_append_only()`);
    await q.query(`DROP TABLE providers.offering`);
    await q.query(`DROP TABLE providers.provider`);
  }
}
