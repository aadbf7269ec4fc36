import type { MigrationInterface, QueryRunner } from 'typeorm';
import { grantServiceRole } from '@hb/kit';

/**
 * Settlement is the organiser's (issue 18 item 3): a payment batch is made either for one
 * municipality (as before) or for a whole organiser (wellbeing services county), whose run pays
 * each payee once for the charges of all its municipalities. Exactly one of the two is set; both
 * are fixed once the batch exists, like its payee and amounts.
 */
export class OrganiserSettlement1796300000300 implements MigrationInterface {
  name = 'OrganiserSettlement1796300000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE budgets.payment_batch ALTER COLUMN municipality_code DROP NOT NULL,
        ADD COLUMN organiser_id text CHECK (organiser_id ~ '^[a-z0-9-]{1,30}$'),
        ADD CONSTRAINT payment_batch_one_scope
          CHECK ((municipality_code IS NULL) <> (organiser_id IS NULL))`);
    await q.query(
      `CREATE INDEX payment_batch_organiser_idx ON budgets.payment_batch (organiser_id, created_at DESC, id DESC) WHERE organiser_id IS NOT NULL`,
    );
    await q.query(`
      CREATE OR REPLACE FUNCTION budgets.payment_batch_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'budgets.payment_batch cannot be deleted';
        END IF;
        IF (NEW.id, NEW.number, NEW.municipality_code, NEW.organiser_id, NEW.payee_provider_id,
            NEW.payee_client_id, NEW.period_from, NEW.period_to, NEW.total_cents, NEW.line_count,
            NEW.created_by, NEW.created_at)
           IS DISTINCT FROM
           (OLD.id, OLD.number, OLD.municipality_code, OLD.organiser_id, OLD.payee_provider_id,
            OLD.payee_client_id, OLD.period_from, OLD.period_to, OLD.total_cents, OLD.line_count,
            OLD.created_by, OLD.created_at)
           OR (OLD.status = 'PAID' AND ROW(NEW.*) IS DISTINCT FROM ROW(OLD.*))
           OR (OLD.status = 'EXPORTED' AND NEW.status = 'CREATED')
           OR (OLD.status <> 'CREATED' AND (NEW.payee_iban, NEW.payee_bic, NEW.payee_name)
                 IS DISTINCT FROM (OLD.payee_iban, OLD.payee_bic, OLD.payee_name)) THEN
          RAISE EXCEPTION 'budgets.payment_batch: only CREATED → EXPORTED → PAID; amounts, payee, scope and period are fixed, and the account once exported';
        END IF;
        RETURN NEW;
      END $$`);
    // The table's grants cover the new column; granted again as the DatabaseRole migration does,
    // so a database whose grants drifted is put right here too.
    await grantServiceRole(q, 'budgets');
  }

  async down(q: QueryRunner): Promise<void> {
    // The guard as the Expenses migration left it (this one names organiser_id).
    await q.query(`
      CREATE OR REPLACE FUNCTION budgets.payment_batch_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'budgets.payment_batch cannot be deleted';
        END IF;
        IF (NEW.id, NEW.number, NEW.municipality_code, NEW.payee_provider_id, NEW.payee_client_id,
            NEW.period_from, NEW.period_to, NEW.total_cents, NEW.line_count, NEW.created_by, NEW.created_at)
           IS DISTINCT FROM
           (OLD.id, OLD.number, OLD.municipality_code, OLD.payee_provider_id, OLD.payee_client_id,
            OLD.period_from, OLD.period_to, OLD.total_cents, OLD.line_count, OLD.created_by, OLD.created_at)
           OR (OLD.status = 'PAID' AND ROW(NEW.*) IS DISTINCT FROM ROW(OLD.*))
           OR (OLD.status = 'EXPORTED' AND NEW.status = 'CREATED')
           OR (OLD.status <> 'CREATED' AND (NEW.payee_iban, NEW.payee_bic, NEW.payee_name)
                 IS DISTINCT FROM (OLD.payee_iban, OLD.payee_bic, OLD.payee_name)) THEN
          RAISE EXCEPTION 'budgets.payment_batch: only CREATED → EXPORTED → PAID; amounts, payee and period are fixed, and the account once exported';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`DROP INDEX budgets.payment_batch_organiser_idx`);
    await q.query(`ALTER TABLE budgets.payment_batch DROP CONSTRAINT payment_batch_one_scope`);
    await q.query(`ALTER TABLE budgets.payment_batch DROP COLUMN organiser_id`);
    await q.query(`ALTER TABLE budgets.payment_batch ALTER COLUMN municipality_code SET NOT NULL`);
  }
}
