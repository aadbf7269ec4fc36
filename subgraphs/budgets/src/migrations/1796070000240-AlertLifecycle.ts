import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alerts that live: an alert is OPEN, ACKNOWLEDGED by staff with a note, or RESOLVED when its
 * condition has passed (re-evaluated on every change of the budget and daily). The text is
 * refreshed while the alert holds, so its numbers never go stale.
 *
 * Also the indexes the caseload reads by: open alerts per budget, and charges waiting for the
 * client's confirmation per budget by age.
 */
export class AlertLifecycle1796070000240 implements MigrationInterface {
  name = 'AlertLifecycle1796070000240';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE budgets.budget_alert
        ADD COLUMN status text NOT NULL DEFAULT 'OPEN'
          CHECK (status IN ('OPEN', 'ACKNOWLEDGED', 'RESOLVED')),
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN resolved_at timestamptz,
        ADD COLUMN acknowledged_at timestamptz,
        ADD COLUMN acknowledged_by text CHECK (length(acknowledged_by) <= 200),
        ADD COLUMN acknowledgement_note text
          CHECK (length(acknowledgement_note) BETWEEN 1 AND 1000),
        ADD CONSTRAINT budget_alert_resolved_check
          CHECK ((status = 'RESOLVED') = (resolved_at IS NOT NULL)),
        ADD CONSTRAINT budget_alert_acknowledged_check
          CHECK (status <> 'ACKNOWLEDGED' OR (acknowledged_at IS NOT NULL
            AND acknowledged_by IS NOT NULL AND acknowledgement_note IS NOT NULL))`);
    await q.query(
      `CREATE INDEX budget_alert_unresolved_idx ON budgets.budget_alert (budget_id, kind) WHERE status <> 'RESOLVED'`,
    );
    await q.query(`
      CREATE INDEX ledger_pending_charge_idx ON budgets.ledger_transaction (budget_id, created_at)
      WHERE status = 'PENDING_CONFIRMATION'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX budgets.ledger_pending_charge_idx`);
    await q.query(`DROP INDEX budgets.budget_alert_unresolved_idx`);
    await q.query(`
      ALTER TABLE budgets.budget_alert
        DROP CONSTRAINT budget_alert_acknowledged_check,
        DROP CONSTRAINT budget_alert_resolved_check,
        DROP COLUMN acknowledgement_note,
        DROP COLUMN acknowledged_by,
        DROP COLUMN acknowledged_at,
        DROP COLUMN resolved_at,
        DROP COLUMN updated_at,
        DROP COLUMN status`);
  }
}
