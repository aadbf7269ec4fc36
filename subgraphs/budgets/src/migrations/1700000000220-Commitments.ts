import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payment commitments (maksusitoumus): money of a budget set aside for one payee, service and
 * period; a provider's charge must draw on one.
 *
 * The database keeps the sums, so no code path can forget them:
 * - `payment_commitment.charged_cents` is the sum of the pending and confirmed charges drawn on
 *   it (a trigger on the ledger), and never above the commitment's amount (CHECK); an active
 *   commitment whose charges reach its amount becomes USED_UP, and ACTIVE again when one is
 *   rejected.
 * - `budget_balance.committed_cents` is what the budget's commitments hold: the whole amount of
 *   an active one, what was charged of an ended one (a trigger on the commitments). A CHECK keeps
 *   it within what the decision grants and has not lapsed.
 * - Idempotency keys belong to the provider: one key, one charge of that provider, whatever
 *   budget it names.
 * - The ledger guard is rewritten to name what is immutable (so later columns, such as
 *   settlement's, may be filled in on a confirmed charge) and to include the commitment.
 */
export class Commitments1700000000220 implements MigrationInterface {
  name = 'Commitments1700000000220';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE budgets.payment_commitment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        budget_id uuid NOT NULL REFERENCES budgets.budget(id),
        payee_kind text NOT NULL CHECK (payee_kind IN ('PROVIDER', 'CLIENT')),
        provider_id uuid,
        service_type text NOT NULL REFERENCES budgets.service_type(code),
        offering_id uuid,
        plan_id uuid,
        allocation_id uuid,
        client_first_name text NOT NULL CHECK (length(client_first_name) <= 200),
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        charged_cents bigint NOT NULL DEFAULT 0 CHECK (charged_cents >= 0),
        valid_from date NOT NULL,
        valid_to date NOT NULL,
        status text NOT NULL CHECK (status IN ('ACTIVE', 'CANCELLED', 'USED_UP', 'EXPIRED')),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
        discretionary_reason text CHECK (length(discretionary_reason) BETWEEN 1 AND 2000),
        issued_by text NOT NULL,
        issued_at timestamptz NOT NULL DEFAULT now(),
        ended_by text,
        ended_at timestamptz,
        end_reason text CHECK (length(end_reason) <= 1000),
        CONSTRAINT payment_commitment_charged_within_amount CHECK (charged_cents <= amount_cents),
        CHECK ((payee_kind = 'PROVIDER') = (provider_id IS NOT NULL)),
        CHECK (offering_id IS NULL OR provider_id IS NOT NULL),
        CHECK (valid_to >= valid_from),
        CHECK (status <> 'USED_UP' OR charged_cents = amount_cents),
        CHECK ((status IN ('CANCELLED', 'EXPIRED')) = (ended_at IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX payment_commitment_budget_idx ON budgets.payment_commitment (budget_id, status)`,
    );
    await q.query(
      `CREATE INDEX payment_commitment_provider_idx ON budgets.payment_commitment (provider_id, status)`,
    );
    await q.query(
      `CREATE INDEX payment_commitment_allocation_idx ON budgets.payment_commitment (allocation_id)`,
    );
    await q.query(`
      CREATE OR REPLACE FUNCTION budgets.commitment_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        held_before bigint := 0;
        held_after bigint;
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'budgets.payment_commitment rows are ended, never deleted';
        END IF;
        IF TG_OP = 'UPDATE' THEN
          IF (NEW.id, NEW.budget_id, NEW.payee_kind, NEW.provider_id, NEW.service_type, NEW.issued_by, NEW.issued_at)
             IS DISTINCT FROM
             (OLD.id, OLD.budget_id, OLD.payee_kind, OLD.provider_id, OLD.service_type, OLD.issued_by, OLD.issued_at) THEN
            RAISE EXCEPTION 'a payment commitment keeps its budget, payee and service';
          END IF;
          IF OLD.status IN ('CANCELLED', 'EXPIRED') AND NEW.status <> OLD.status THEN
            RAISE EXCEPTION 'an ended payment commitment stays ended';
          END IF;
          held_before := CASE WHEN OLD.status = 'ACTIVE' THEN OLD.amount_cents ELSE OLD.charged_cents END;
        END IF;
        held_after := CASE WHEN NEW.status = 'ACTIVE' THEN NEW.amount_cents ELSE NEW.charged_cents END;
        IF held_after <> held_before THEN
          UPDATE budgets.budget_balance SET committed_cents = committed_cents + held_after - held_before
          WHERE budget_id = NEW.budget_id;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER payment_commitment_guard AFTER INSERT OR UPDATE ON budgets.payment_commitment
      FOR EACH ROW EXECUTE FUNCTION budgets.commitment_guard()`);
    await q.query(`
      CREATE TRIGGER payment_commitment_no_delete BEFORE DELETE ON budgets.payment_commitment
      FOR EACH ROW EXECUTE FUNCTION budgets.commitment_guard()`);

    await q.query(
      `ALTER TABLE budgets.budget_balance ADD COLUMN committed_cents bigint NOT NULL DEFAULT 0
         CHECK (committed_cents >= 0)`,
    );
    await q.query(`
      ALTER TABLE budgets.budget_balance ADD CONSTRAINT budget_balance_committed_within_granted
        CHECK (committed_cents <= granted_cents - lapsed_cents)`);

    await q.query(
      `ALTER TABLE budgets.ledger_transaction ADD COLUMN commitment_id uuid
         REFERENCES budgets.payment_commitment(id)`,
    );
    await q.query(
      `CREATE INDEX ledger_commitment_idx ON budgets.ledger_transaction (commitment_id) WHERE commitment_id IS NOT NULL`,
    );
    await q.query(`
      CREATE UNIQUE INDEX ledger_provider_idempotency_idx ON budgets.ledger_transaction (provider_id, idempotency_key)
        WHERE provider_id IS NOT NULL AND idempotency_key IS NOT NULL`);
    await q.query(
      `CREATE INDEX ledger_provider_position_idx ON budgets.ledger_transaction (provider_id, position) WHERE kind = 'CHARGE'`,
    );

    // A charge's money moves through its commitment: recorded (pending), rejected (released).
    await q.query(`
      CREATE OR REPLACE FUNCTION budgets.charge_draws_commitment() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        delta bigint := 0;
      BEGIN
        IF NEW.commitment_id IS NULL THEN
          RETURN NEW;
        END IF;
        IF TG_OP = 'INSERT' AND NEW.status <> 'REJECTED' THEN
          delta := NEW.amount_cents;
        ELSIF TG_OP = 'UPDATE' AND OLD.status <> 'REJECTED' AND NEW.status = 'REJECTED' THEN
          delta := -NEW.amount_cents;
        END IF;
        IF delta <> 0 THEN
          UPDATE budgets.payment_commitment SET
            charged_cents = charged_cents + delta,
            status = CASE
              WHEN status = 'ACTIVE' AND charged_cents + delta = amount_cents THEN 'USED_UP'
              WHEN status = 'USED_UP' AND charged_cents + delta < amount_cents THEN 'ACTIVE'
              ELSE status END
          WHERE id = NEW.commitment_id;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER ledger_charge_draws_commitment AFTER INSERT OR UPDATE OF status ON budgets.ledger_transaction
      FOR EACH ROW EXECUTE FUNCTION budgets.charge_draws_commitment()`);

    // Names what may never change, so that columns added later (settlement) can be filled in.
    await q.query(`
      CREATE OR REPLACE FUNCTION budgets.ledger_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'budgets.ledger_transaction is immutable';
        END IF;
        IF (NEW.id, NEW.position, NEW.budget_id, NEW.kind, NEW.amount_cents, NEW.provider_id,
            NEW.service_date, NEW.description, NEW.idempotency_key, NEW.discretionary_reason,
            NEW.created_by, NEW.created_at, NEW.commitment_id)
           IS DISTINCT FROM
           (OLD.id, OLD.position, OLD.budget_id, OLD.kind, OLD.amount_cents, OLD.provider_id,
            OLD.service_date, OLD.description, OLD.idempotency_key, OLD.discretionary_reason,
            OLD.created_by, OLD.created_at, OLD.commitment_id) THEN
          RAISE EXCEPTION 'budgets.ledger_transaction is immutable';
        END IF;
        IF (NEW.status, NEW.resolved_by, NEW.resolved_at, NEW.rejection_reason)
           IS DISTINCT FROM (OLD.status, OLD.resolved_by, OLD.resolved_at, OLD.rejection_reason)
           AND (OLD.status <> 'PENDING_CONFIRMATION' OR NEW.status = 'PENDING_CONFIRMATION') THEN
          RAISE EXCEPTION 'budgets.ledger_transaction is immutable: only a pending charge may be confirmed or rejected, once';
        END IF;
        RETURN NEW;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION budgets.ledger_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'budgets.ledger_transaction is immutable';
        END IF;
        IF OLD.status <> 'PENDING_CONFIRMATION' OR NEW.status = 'PENDING_CONFIRMATION'
           OR (NEW.id, NEW.position, NEW.budget_id, NEW.kind, NEW.amount_cents, NEW.provider_id,
               NEW.service_date, NEW.description, NEW.idempotency_key, NEW.discretionary_reason,
               NEW.created_by, NEW.created_at)
              IS DISTINCT FROM
              (OLD.id, OLD.position, OLD.budget_id, OLD.kind, OLD.amount_cents, OLD.provider_id,
               OLD.service_date, OLD.description, OLD.idempotency_key, OLD.discretionary_reason,
               OLD.created_by, OLD.created_at) THEN
          RAISE EXCEPTION 'budgets.ledger_transaction is immutable: only a pending charge may be confirmed or rejected, once';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`DROP TRIGGER ledger_charge_draws_commitment ON budgets.ledger_transaction`);
    await q.query(`DROP FUNCTION budgets.charge_draws_commitment()`);
    await q.query(`DROP INDEX budgets.ledger_provider_position_idx`);
    await q.query(`DROP INDEX budgets.ledger_provider_idempotency_idx`);
    await q.query(`ALTER TABLE budgets.ledger_transaction DROP COLUMN commitment_id`);
    await q.query(
      `ALTER TABLE budgets.budget_balance DROP CONSTRAINT budget_balance_committed_within_granted`,
    );
    await q.query(`ALTER TABLE budgets.budget_balance DROP COLUMN committed_cents`);
    await q.query(`DROP TABLE budgets.payment_commitment`);
    await q.query(`DROP FUNCTION budgets.commitment_guard()`);
  }
}
