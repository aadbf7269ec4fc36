import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitClients1700000000100 implements MigrationInterface {
  name = 'InitClients1700000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE clients.municipality (
        code varchar(3) PRIMARY KEY CHECK (code ~ '^[0-9]{3}$'),
        name text NOT NULL,
        name_sv text
      )`);
    await q.query(`
      CREATE TABLE clients.staff_member (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(trim(name)) > 0),
        role text NOT NULL CHECK (role IN ('OWN_WORKER', 'HB_ADVISER', 'ORGANISER')),
        municipality_code varchar(3) NOT NULL REFERENCES clients.municipality(code),
        email text
      )`);
    await q.query(`
      CREATE TABLE clients.client (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        first_name text NOT NULL CHECK (length(trim(first_name)) > 0),
        last_name text NOT NULL CHECK (length(trim(last_name)) > 0),
        date_of_birth date,
        municipality_code varchar(3) NOT NULL REFERENCES clients.municipality(code),
        own_worker_id uuid REFERENCES clients.staff_member(id),
        adviser_id uuid REFERENCES clients.staff_member(id),
        process_phase text NOT NULL DEFAULT 'NEEDS_IDENTIFIED' CHECK (process_phase IN
          ('NEEDS_IDENTIFIED', 'ASSESSMENT', 'PLANNING', 'BUDGET_DEFINITION', 'DECISIONS', 'IMPLEMENTATION')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX client_order_idx ON clients.client (last_name, first_name, id)`);
    await q.query(
      `CREATE INDEX client_municipality_idx ON clients.client (municipality_code, last_name, first_name, id)`,
    );
    await q.query(`
      CREATE INDEX client_name_trgm_idx ON clients.client
      USING gin ((lower(first_name || ' ' || last_name)) gin_trgm_ops)`);
    await q.query(`
      CREATE TABLE clients.team_member (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        client_id uuid NOT NULL REFERENCES clients.client(id),
        name text NOT NULL CHECK (length(trim(name)) > 0),
        role text NOT NULL CHECK (role IN
          ('RELATIVE', 'PROFESSIONAL', 'NGO_WORKER', 'SUPPORT_PERSON', 'HB_ADVISER', 'OTHER')),
        relation text,
        email text,
        phone text,
        created_at timestamptz NOT NULL DEFAULT now(),
        removed_at timestamptz
      )`);
    // The same person cannot be in a client's team twice in the same role.
    await q.query(`
      CREATE UNIQUE INDEX team_member_unique_idx ON clients.team_member
      (client_id, lower(name), role) WHERE removed_at IS NULL`);
    await q.query(`
      CREATE TABLE clients.consent (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        client_id uuid NOT NULL REFERENCES clients.client(id),
        team_member_id uuid NOT NULL REFERENCES clients.team_member(id),
        scopes text[] NOT NULL CHECK (cardinality(scopes) > 0
          AND scopes <@ ARRAY['BUDGET', 'PLAN', 'DOCUMENTS']::text[]),
        valid_from date NOT NULL,
        valid_until date,
        granted_by text NOT NULL,
        granted_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        revoked_by text,
        CHECK (valid_until IS NULL OR valid_until >= valid_from)
      )`);
    await q.query(`CREATE INDEX consent_client_idx ON clients.consent (client_id)`);
    await q.query(`CREATE INDEX team_member_client_idx ON clients.team_member (client_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE clients.consent`);
    await q.query(`DROP TABLE clients.team_member`);
    await q.query(`DROP TABLE clients.client`);
    await q.query(`DROP TABLE clients.staff_member`);
    await q.query(`DROP TABLE clients.municipality`);
  }
}
