import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Concerns (huolet) that providers raise about a client's service use or unmet need, and the
 * inbox (saapuneet) through which alerts and concerns reach people. An inbox item is addressed
 * to an audience of one client: her own worker, her adviser (staff of her municipality in that
 * role), the client herself or her team (with her budget consent); each person's reading is
 * kept apart. Both are append-only records of what was said.
 */
export class InboxAndConcerns1796070000250 implements MigrationInterface {
  name = 'InboxAndConcerns1796070000250';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE budgets.concern (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        commitment_id uuid NOT NULL REFERENCES budgets.payment_commitment(id),
        budget_id uuid NOT NULL REFERENCES budgets.budget(id),
        client_id uuid NOT NULL,
        municipality_code varchar(3) NOT NULL CHECK (municipality_code ~ '^[0-9]{3}$'),
        provider_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('ABNORMAL_USE', 'NEED_NOT_MET')),
        message text NOT NULL CHECK (length(message) BETWEEN 1 AND 2000),
        raised_by text NOT NULL,
        raised_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX concern_provider_idx ON budgets.concern (provider_id, raised_at)`);
    await q.query(`
      CREATE TABLE budgets.inbox_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        position bigserial NOT NULL UNIQUE,
        client_id uuid NOT NULL,
        municipality_code varchar(3) NOT NULL CHECK (municipality_code ~ '^[0-9]{3}$'),
        audience text NOT NULL CHECK (audience IN ('OWN_WORKER', 'ADVISER', 'CLIENT', 'TEAM')),
        kind text NOT NULL CHECK (kind IN ('ALERT', 'CONCERN')),
        alert_id uuid REFERENCES budgets.budget_alert(id),
        concern_id uuid REFERENCES budgets.concern(id),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
        urgent boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'ALERT') = (alert_id IS NOT NULL)),
        CHECK ((kind = 'CONCERN') = (concern_id IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX inbox_item_staff_idx ON budgets.inbox_item (municipality_code, audience, position)`,
    );
    await q.query(
      `CREATE INDEX inbox_item_client_idx ON budgets.inbox_item (client_id, audience, position)`,
    );
    await q.query(`
      CREATE TABLE budgets.inbox_read (
        item_id uuid NOT NULL REFERENCES budgets.inbox_item(id),
        person text NOT NULL CHECK (length(person) BETWEEN 1 AND 200),
        read_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (item_id, person)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE budgets.inbox_read`);
    await q.query(`DROP TABLE budgets.inbox_item`);
    await q.query(`DROP TABLE budgets.concern`);
  }
}
