import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The client says what should change in a draft plan before she accepts it (issue 16 item 2):
 * her words are kept with the draft for the HB centre to answer with a new draft.
 */
export class PlanChangeRequest1796200000400 implements MigrationInterface {
  name = 'PlanChangeRequest1796200000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE plans.change_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans.implementation_plan(id),
        client_id uuid NOT NULL,
        message text NOT NULL CHECK (length(btrim(message)) BETWEEN 1 AND 2000),
        requested_by text NOT NULL,
        requested_by_role text NOT NULL CHECK (requested_by_role = 'CLIENT'),
        requested_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX change_request_plan_idx ON plans.change_request (plan_id, requested_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE plans.change_request`);
  }
}
