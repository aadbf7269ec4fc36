import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ORGANISERS } from '@hb/kit';

/**
 * Class values belong to the organiser (issue 18 item 3): Pirkanmaan hyvinvointialue sets a
 * class value once and it applies in all its 23 municipalities, where until now each
 * municipality's copy of the class had a value of its own.
 *
 * `organiser_municipality` is the reference list of packages/kit (who organises which
 * municipality; changes by law, so by a migration). `organiser_class_value` keys a value by
 * organiser, service type and class level. Existing values move there: where the
 * municipalities of one organiser disagreed, the value set last wins (the same rule that made
 * the later setting count until now). A class of a municipality no organiser is known for keeps
 * its own value in `hb_class_price`. Decided budgets keep the unit price they were decided with.
 */
export class OrganiserClassValues1796300000290 implements MigrationInterface {
  name = 'OrganiserClassValues1796300000290';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE budgets.organiser_municipality (
        municipality_code varchar(3) PRIMARY KEY CHECK (municipality_code ~ '^[0-9]{3}$'),
        organiser_id text NOT NULL
      )`);
    await q.query(
      `CREATE INDEX organiser_municipality_organiser_idx ON budgets.organiser_municipality (organiser_id)`,
    );
    for (const o of ORGANISERS) {
      await q.query(
        `INSERT INTO budgets.organiser_municipality (municipality_code, organiser_id)
         SELECT unnest($1::text[]), $2`,
        [o.municipalities.map((m) => m.code), o.id],
      );
    }
    await q.query(`
      CREATE TABLE budgets.organiser_class_value (
        organiser_id text NOT NULL,
        service_type text NOT NULL REFERENCES budgets.service_type(code),
        level int NOT NULL CHECK (level BETWEEN 1 AND 20),
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        unit_price_cents bigint NOT NULL CHECK (unit_price_cents > 0),
        set_by text NOT NULL,
        set_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organiser_id, service_type, level, year)
      )`);
    await q.query(`
      INSERT INTO budgets.organiser_class_value
        (organiser_id, service_type, level, year, unit_price_cents, set_by, set_at)
      SELECT DISTINCT ON (om.organiser_id, c.service_type, c.level, p.year)
             om.organiser_id, c.service_type, c.level, p.year, p.unit_price_cents, p.set_by, p.set_at
        FROM budgets.hb_class_price p
        JOIN budgets.hb_class c ON c.id = p.hb_class_id
        JOIN budgets.organiser_municipality om ON om.municipality_code = c.municipality_code
       WHERE c.level IS NOT NULL AND p.unit_price_cents IS NOT NULL
       ORDER BY om.organiser_id, c.service_type, c.level, p.year, p.set_at DESC`);
    // Reference data is the owner's to change; the service reads it.
    await q.query(
      `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON budgets.organiser_municipality FROM hb_budgets`,
    );
    await q.query(`GRANT SELECT ON budgets.organiser_municipality TO hb_budgets`);
    await q.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON budgets.organiser_class_value TO hb_budgets`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE budgets.organiser_class_value`);
    await q.query(`DROP TABLE budgets.organiser_municipality`);
  }
}
