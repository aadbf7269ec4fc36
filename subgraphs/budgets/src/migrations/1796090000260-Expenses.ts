import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Financial support to the client (taloudellinen tuki): a commitment payable to the client
 * herself, the expenses she submits against it with a receipt, and their payment.
 *
 * - `budgets.expense` holds the expense, its receipt (bytea, checked by the service for type
 *   and size, bounded here too) and the account it is paid to. It is decided once: SUBMITTED →
 *   APPROVED or REJECTED, nothing else changes, and it is never deleted.
 * - An approved expense is a confirmed ledger row of kind EXPENSE on the commitment: the
 *   commitment trigger draws it like a charge (never over the commitment), the balance counts it
 *   as spent. The expense names that row (unique), and a trigger checks it is the expense's own:
 *   same budget, commitment and amount.
 * - Payment batches may be paid to a client: `payee_client_id` instead of `payee_provider_id`
 *   (exactly one), with the account copied from the expenses when the batch is made. A batch
 *   line is a confirmed charge to the provider payee, or an approved expense of the client payee.
 */
export class Expenses1796090000260 implements MigrationInterface {
  name = 'Expenses1796090000260';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE budgets.ledger_transaction DROP CONSTRAINT ledger_transaction_kind_check,
        ADD CONSTRAINT ledger_transaction_kind_check
          CHECK (kind IN ('GRANT', 'INSTALMENT', 'CHARGE', 'REFUND', 'ADJUSTMENT', 'LAPSE', 'EXPENSE')),
        ADD CONSTRAINT ledger_transaction_expense_check
          CHECK (kind <> 'EXPENSE' OR (provider_id IS NULL AND commitment_id IS NOT NULL
            AND service_date IS NOT NULL AND status = 'CONFIRMED'))`);
    await q.query(`
      ALTER TABLE budgets.budget_event DROP CONSTRAINT budget_event_kind_check,
        ADD CONSTRAINT budget_event_kind_check
          CHECK (kind IN ('GRANT', 'INSTALMENT', 'CHARGE', 'REFUND', 'ADJUSTMENT', 'LAPSE', 'EXPENSE'))`);
    await q.query(`
      CREATE TABLE budgets.expense (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        commitment_id uuid NOT NULL REFERENCES budgets.payment_commitment(id),
        budget_id uuid NOT NULL REFERENCES budgets.budget(id),
        client_id uuid NOT NULL,
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        expense_date date NOT NULL,
        description text NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
        account_holder text NOT NULL CHECK (length(account_holder) BETWEEN 1 AND 70),
        payee_iban text NOT NULL CHECK (payee_iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
        receipt bytea NOT NULL CHECK (octet_length(receipt) BETWEEN 1 AND 5000000),
        receipt_type text NOT NULL CHECK (receipt_type IN ('image/jpeg', 'image/png', 'application/pdf')),
        receipt_name text NOT NULL CHECK (length(receipt_name) BETWEEN 1 AND 200),
        status text NOT NULL DEFAULT 'SUBMITTED' CHECK (status IN ('SUBMITTED', 'APPROVED', 'REJECTED')),
        submitted_by text NOT NULL,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        decided_by text,
        decided_at timestamptz,
        decision_reason text CHECK (length(decision_reason) BETWEEN 1 AND 1000),
        transaction_id uuid UNIQUE REFERENCES budgets.ledger_transaction(id),
        CHECK ((status = 'SUBMITTED') = (decided_at IS NULL)),
        CHECK ((status = 'APPROVED') = (transaction_id IS NOT NULL)),
        CHECK (status <> 'REJECTED' OR decision_reason IS NOT NULL)
      )`);
    await q.query(
      `CREATE INDEX expense_budget_idx ON budgets.expense (budget_id, submitted_at DESC, id DESC)`,
    );
    await q.query(`CREATE INDEX expense_commitment_idx ON budgets.expense (commitment_id)`);
    await q.query(`
      CREATE OR REPLACE FUNCTION budgets.expense_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        tx record;
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'budgets.expense rows are decided, never deleted';
        END IF;
        IF TG_OP = 'UPDATE' AND (OLD.status <> 'SUBMITTED'
           OR (NEW.id, NEW.commitment_id, NEW.budget_id, NEW.client_id, NEW.amount_cents,
               NEW.expense_date, NEW.description, NEW.account_holder, NEW.payee_iban, NEW.receipt,
               NEW.receipt_type, NEW.receipt_name, NEW.submitted_by, NEW.submitted_at)
              IS DISTINCT FROM
              (OLD.id, OLD.commitment_id, OLD.budget_id, OLD.client_id, OLD.amount_cents,
               OLD.expense_date, OLD.description, OLD.account_holder, OLD.payee_iban, OLD.receipt,
               OLD.receipt_type, OLD.receipt_name, OLD.submitted_by, OLD.submitted_at)) THEN
          RAISE EXCEPTION 'an expense is decided once and otherwise never changes';
        END IF;
        IF NEW.transaction_id IS NOT NULL THEN
          SELECT kind, budget_id, commitment_id, amount_cents INTO tx
            FROM budgets.ledger_transaction WHERE id = NEW.transaction_id;
          IF tx.kind <> 'EXPENSE' OR tx.budget_id <> NEW.budget_id
             OR tx.commitment_id <> NEW.commitment_id OR tx.amount_cents <> NEW.amount_cents THEN
            RAISE EXCEPTION 'an approved expense is its own EXPENSE row of the ledger';
          END IF;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER expense_guarded BEFORE INSERT OR UPDATE OR DELETE ON budgets.expense
      FOR EACH ROW EXECUTE FUNCTION budgets.expense_guard()`);

    await q.query(`
      ALTER TABLE budgets.payment_batch ALTER COLUMN payee_provider_id DROP NOT NULL,
        ADD COLUMN payee_client_id uuid,
        ADD CONSTRAINT payment_batch_one_payee
          CHECK ((payee_provider_id IS NULL) <> (payee_client_id IS NULL))`);
    await q.query(
      `CREATE INDEX payment_batch_client_idx ON budgets.payment_batch (payee_client_id, created_at DESC) WHERE payee_client_id IS NOT NULL`,
    );
    await q.query(`
      CREATE OR REPLACE FUNCTION budgets.payment_batch_line_check() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        tx record;
        batch record;
      BEGIN
        SELECT t.kind, t.status, t.amount_cents, t.provider_id, b.client_id INTO tx
          FROM budgets.ledger_transaction t JOIN budgets.budget b ON b.id = t.budget_id
          WHERE t.id = NEW.transaction_id;
        SELECT payee_provider_id, payee_client_id INTO batch
          FROM budgets.payment_batch WHERE id = NEW.batch_id;
        IF tx.status <> 'CONFIRMED' OR tx.amount_cents <> NEW.amount_cents
           OR NOT ((tx.kind = 'CHARGE' AND batch.payee_provider_id IS NOT NULL
                    AND tx.provider_id = batch.payee_provider_id)
                OR (tx.kind = 'EXPENSE' AND batch.payee_client_id IS NOT NULL
                    AND tx.client_id = batch.payee_client_id)) THEN
          RAISE EXCEPTION 'a payment batch line must be a confirmed charge or approved expense of the batch''s payee, for its amount';
        END IF;
        RETURN NEW;
      END $$`);
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
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE budgets.expense`);
    await q.query(`DROP FUNCTION budgets.expense_guard()`);
    await q.query(`DROP INDEX budgets.payment_batch_client_idx`);
    await q.query(`ALTER TABLE budgets.payment_batch DROP CONSTRAINT payment_batch_one_payee`);
    await q.query(`ALTER TABLE budgets.payment_batch DROP COLUMN payee_client_id`);
    await q.query(`ALTER TABLE budgets.payment_batch ALTER COLUMN payee_provider_id SET NOT NULL`);
    await q.query(`
      ALTER TABLE budgets.ledger_transaction DROP CONSTRAINT ledger_transaction_expense_check,
        DROP CONSTRAINT ledger_transaction_kind_check,
        ADD CONSTRAINT ledger_transaction_kind_check
          CHECK (kind IN ('GRANT', 'INSTALMENT', 'CHARGE', 'REFUND', 'ADJUSTMENT', 'LAPSE'))`);
    await q.query(`
      ALTER TABLE budgets.budget_event DROP CONSTRAINT budget_event_kind_check,
        ADD CONSTRAINT budget_event_kind_check
          CHECK (kind IN ('GRANT', 'INSTALMENT', 'CHARGE', 'REFUND', 'ADJUSTMENT', 'LAPSE'))`);
  }
}
