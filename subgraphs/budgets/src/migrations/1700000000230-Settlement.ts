import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Settlement (tilitys) and payment batches (maksuerät): confirmed charges go to the payee in
 * batches, each charge in exactly one batch.
 *
 * The database holds the rules that money depends on, whatever the code does:
 * - a charge is settled at most once: the line's primary key is the charge's id;
 * - a line is a confirmed charge to the batch's payee, for exactly the charge's amount;
 * - a batch's total is the sum of its lines (checked at commit);
 * - lines are immutable; a batch cannot be deleted, and only moves CREATED → EXPORTED → PAID,
 *   with its amounts, payee and period fixed.
 * The ledger itself is not touched: settling and paying move no money between budget figures.
 */
export class Settlement1700000000230 implements MigrationInterface {
  name = 'Settlement1700000000230';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE budgets.payment_batch_number_seq`);
    await q.query(`
      CREATE TABLE budgets.payment_batch (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number bigint NOT NULL UNIQUE DEFAULT nextval('budgets.payment_batch_number_seq'),
        municipality_code varchar(3) NOT NULL CHECK (municipality_code ~ '^[0-9]{3}$'),
        payee_provider_id uuid NOT NULL,
        period_from date NOT NULL,
        period_to date NOT NULL,
        total_cents bigint NOT NULL CHECK (total_cents > 0),
        line_count int NOT NULL CHECK (line_count > 0),
        status text NOT NULL DEFAULT 'CREATED' CHECK (status IN ('CREATED', 'EXPORTED', 'PAID')),
        payee_name text CHECK (length(payee_name) <= 200),
        payee_business_id text CHECK (length(payee_business_id) <= 20),
        payee_iban text CHECK (payee_iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
        payee_bic text CHECK (payee_bic ~ '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$'),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        exported_by text,
        exported_at timestamptz,
        export_count int NOT NULL DEFAULT 0 CHECK (export_count >= 0),
        paid_by text,
        paid_at timestamptz,
        paid_on date,
        CHECK (period_to >= period_from),
        CHECK (status = 'CREATED' OR (exported_at IS NOT NULL AND payee_iban IS NOT NULL)),
        CHECK ((status = 'PAID') = (paid_at IS NOT NULL AND paid_on IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX payment_batch_municipality_idx ON budgets.payment_batch (municipality_code, created_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX payment_batch_payee_idx ON budgets.payment_batch (payee_provider_id, created_at DESC)`,
    );
    await q.query(`
      CREATE TABLE budgets.payment_batch_line (
        transaction_id uuid PRIMARY KEY REFERENCES budgets.ledger_transaction(id),
        batch_id uuid NOT NULL REFERENCES budgets.payment_batch(id),
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        service_date date NOT NULL,
        service_type text NOT NULL,
        confirmed_at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX payment_batch_line_batch_idx ON budgets.payment_batch_line (batch_id, service_date, transaction_id)`,
    );
    // What a settlement run scans: confirmed charges by the time of confirmation.
    await q.query(`
      CREATE INDEX ledger_confirmed_charge_idx ON budgets.ledger_transaction (resolved_at)
      WHERE kind = 'CHARGE' AND status = 'CONFIRMED'`);

    await q.query(`
      CREATE OR REPLACE FUNCTION budgets.payment_batch_line_check() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        tx record;
        payee uuid;
      BEGIN
        SELECT kind, status, amount_cents, provider_id INTO tx
          FROM budgets.ledger_transaction WHERE id = NEW.transaction_id;
        SELECT payee_provider_id INTO payee FROM budgets.payment_batch WHERE id = NEW.batch_id;
        IF tx.kind <> 'CHARGE' OR tx.status <> 'CONFIRMED' OR tx.amount_cents <> NEW.amount_cents
           OR tx.provider_id IS DISTINCT FROM payee THEN
          RAISE EXCEPTION 'a payment batch line must be a confirmed charge to the batch''s payee, for its amount';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER payment_batch_line_is_confirmed_charge BEFORE INSERT ON budgets.payment_batch_line
      FOR EACH ROW EXECUTE FUNCTION budgets.payment_batch_line_check()`);
    await q.query(`
      CREATE TRIGGER payment_batch_line_immutable BEFORE UPDATE OR DELETE ON budgets.payment_batch_line
      FOR EACH ROW EXECUTE FUNCTION budgets.refuse_delete()`);

    await q.query(`
      CREATE OR REPLACE FUNCTION budgets.payment_batch_total_check() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        batch record;
      BEGIN
        SELECT b.total_cents, b.line_count, coalesce(sum(l.amount_cents), 0) AS sum_cents,
               count(l.transaction_id) AS lines
          INTO batch
          FROM budgets.payment_batch b LEFT JOIN budgets.payment_batch_line l ON l.batch_id = b.id
          WHERE b.id = NEW.batch_id GROUP BY b.id;
        IF batch.total_cents <> batch.sum_cents OR batch.line_count <> batch.lines THEN
          RAISE EXCEPTION 'a payment batch''s total and line count must equal its lines''';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER payment_batch_total_matches_lines
      AFTER INSERT ON budgets.payment_batch_line DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW EXECUTE FUNCTION budgets.payment_batch_total_check()`);

    await q.query(`
      CREATE OR REPLACE FUNCTION budgets.payment_batch_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'budgets.payment_batch cannot be deleted';
        END IF;
        IF (NEW.id, NEW.number, NEW.municipality_code, NEW.payee_provider_id, NEW.period_from,
            NEW.period_to, NEW.total_cents, NEW.line_count, NEW.created_by, NEW.created_at)
           IS DISTINCT FROM
           (OLD.id, OLD.number, OLD.municipality_code, OLD.payee_provider_id, OLD.period_from,
            OLD.period_to, OLD.total_cents, OLD.line_count, OLD.created_by, OLD.created_at)
           OR (OLD.status = 'PAID' AND ROW(NEW.*) IS DISTINCT FROM ROW(OLD.*))
           OR (OLD.status = 'EXPORTED' AND NEW.status = 'CREATED')
           OR (OLD.status <> 'CREATED' AND (NEW.payee_iban, NEW.payee_bic, NEW.payee_name)
                 IS DISTINCT FROM (OLD.payee_iban, OLD.payee_bic, OLD.payee_name)) THEN
          RAISE EXCEPTION 'budgets.payment_batch: only CREATED → EXPORTED → PAID; amounts, payee and period are fixed, and the account once exported';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER payment_batch_guarded BEFORE UPDATE OR DELETE ON budgets.payment_batch
      FOR EACH ROW EXECUTE FUNCTION budgets.payment_batch_guard()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE budgets.payment_batch_line`);
    await q.query(`DROP TABLE budgets.payment_batch`);
    await q.query(`DROP INDEX budgets.ledger_confirmed_charge_idx`);
    await q.query(`DROP SEQUENCE budgets.payment_batch_number_seq`);
    await q.query(`DROP FUNCTION budgets.payment_batch_line_check()`);
    await q.query(`DROP FUNCTION budgets.payment_batch_total_check()`);
    await q.query(`DROP FUNCTION budgets.payment_batch_guard()`);
  }
}
