import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ORGANISERS } from '@hb/kit';

/**
 * The organiser (issue 18 item 3): since 1.1.2023 social services are organised by wellbeing
 * services counties (and Helsinki by the city itself), not by municipalities. The organisers
 * come from the reference list in packages/kit (the same facts every subgraph reads from a
 * token); each municipality already here is linked to its organiser. A municipality stays the
 * client's home municipality.
 */
export class Organisers1796300000120 implements MigrationInterface {
  name = 'Organisers1796300000120';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE clients.organiser (
        id text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9-]{1,40}$'),
        name text NOT NULL,
        name_sv text,
        kind text NOT NULL CHECK (kind IN ('WELLBEING_SERVICES_COUNTY', 'CITY'))
      )`);
    await q.query(
      `ALTER TABLE clients.municipality ADD COLUMN organiser_id text REFERENCES clients.organiser(id)`,
    );
    await q.query(`CREATE INDEX municipality_organiser_idx ON clients.municipality (organiser_id)`);
    for (const o of ORGANISERS) {
      await q.query(
        `INSERT INTO clients.organiser (id, name, name_sv, kind) VALUES ($1, $2, $3, $4)`,
        [o.id, o.name, o.nameSv, o.kind],
      );
      await q.query(`UPDATE clients.municipality SET organiser_id = $1 WHERE code = ANY($2)`, [
        o.id,
        o.municipalities.map((m) => m.code),
      ]);
    }
    // Reference data that changes by law, i.e. by a migration: the service role only reads it
    // (the schema's default privileges would also let it write).
    await q.query(`GRANT SELECT ON clients.organiser TO hb_clients`);
    await q.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON clients.organiser FROM hb_clients`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE clients.municipality DROP COLUMN organiser_id`);
    await q.query(`DROP TABLE clients.organiser`);
  }
}
