import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inbox items addressed to people, not to a role of a municipality: the client's named own
 * worker and HB adviser (issue 17 item 4). `client_staff` is this subgraph's copy of who they
 * are, read from the clients subgraph (which owns it) whenever they are assigned; an item keeps
 * the person it was addressed to in `recipient`, so a reassignment moves the items that come
 * after it and leaves the earlier ones with whoever had the client then. An item with no
 * recipient (nobody named) stays with every own worker or adviser of the municipality.
 */
export class NamedStaff1796110000280 implements MigrationInterface {
  name = 'NamedStaff1796110000280';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE budgets.client_staff (
        client_id uuid PRIMARY KEY,
        municipality_code varchar(3) NOT NULL CHECK (municipality_code ~ '^[0-9]{3}$'),
        own_worker_id uuid,
        adviser_id uuid,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER TABLE budgets.inbox_item ADD COLUMN recipient uuid`);
    await q.query(
      `CREATE INDEX inbox_item_recipient_idx ON budgets.inbox_item (recipient, audience, position)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX budgets.inbox_item_recipient_idx`);
    await q.query(`ALTER TABLE budgets.inbox_item DROP COLUMN recipient`);
    await q.query(`DROP TABLE budgets.client_staff`);
  }
}
