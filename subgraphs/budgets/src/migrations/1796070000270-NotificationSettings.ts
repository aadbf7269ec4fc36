import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * E-mail notifications of the inbox, per person: on or off, an hourly or a daily digest, and
 * how far that person's inbox has been sent (so nothing is e-mailed twice). The scope (role,
 * municipalities or client) is the person's own, taken from her token when she saves it.
 */
export class NotificationSettings1796070000270 implements MigrationInterface {
  name = 'NotificationSettings1796070000270';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE budgets.notification_setting (
        person text PRIMARY KEY CHECK (length(person) BETWEEN 1 AND 200),
        audience text NOT NULL CHECK (audience IN ('OWN_WORKER', 'ADVISER', 'CLIENT')),
        municipalities text[] NOT NULL DEFAULT '{}',
        client_id uuid,
        email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254 AND email ~ '^[^@\\s]+@[^@\\s]+$'),
        enabled boolean NOT NULL,
        daily boolean NOT NULL DEFAULT false,
        last_sent_at timestamptz,
        sent_through bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((audience = 'CLIENT') = (client_id IS NOT NULL))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE budgets.notification_setting`);
  }
}
