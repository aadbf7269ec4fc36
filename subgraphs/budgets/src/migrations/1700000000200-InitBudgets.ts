import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Budgets: service types, HB classes and their prices, budgets with their balance, instalments,
 * the immutable ledger, alerts and the event outbox.
 *
 * The database itself guards the money: `budget_balance` CHECKs that nothing goes negative and
 * that remaining = granted − spent − pending − lapsed never drops below zero, ledger rows can
 * only move once from PENDING_CONFIRMATION to CONFIRMED or REJECTED (a trigger), and nothing in
 * the ledger or the outbox can be deleted.
 */
export class InitBudgets1700000000200 implements MigrationInterface {
  name = 'InitBudgets1700000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE budgets.service_type (
        code text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z_]{1,40}$'),
        name text NOT NULL,
        name_sv text,
        unit_label text NOT NULL,
        sort_order int NOT NULL DEFAULT 0
      )`);
    await q.query(`
      CREATE TABLE budgets.hb_class (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        service_type text NOT NULL REFERENCES budgets.service_type(code),
        municipality_code varchar(3) NOT NULL CHECK (municipality_code ~ '^[0-9]{3}$'),
        level int CHECK (level BETWEEN 1 AND 20),
        individual boolean NOT NULL DEFAULT false,
        pricing_basis text NOT NULL CHECK (pricing_basis IN ('HOUR', 'DAY', 'KILOMETRE', 'YEAR')),
        criteria text[] NOT NULL DEFAULT '{}',
        min_age int CHECK (min_age >= 0),
        max_age int,
        min_kilometres int CHECK (min_kilometres >= 0),
        max_kilometres int,
        CHECK (individual = (level IS NULL)),
        CHECK (max_age IS NULL OR min_age IS NULL OR max_age >= min_age),
        CHECK (max_kilometres IS NULL OR min_kilometres IS NULL OR max_kilometres > min_kilometres)
      )`);
    await q.query(`
      CREATE UNIQUE INDEX hb_class_level_idx ON budgets.hb_class
        (service_type, municipality_code, coalesce(level, 0))`);
    // A price is valid from its year until a later year's price replaces it. No row: no value yet.
    await q.query(`
      CREATE TABLE budgets.hb_class_price (
        hb_class_id uuid NOT NULL REFERENCES budgets.hb_class(id),
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        unit_price_cents bigint CHECK (unit_price_cents > 0),
        set_by text NOT NULL,
        set_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (hb_class_id, year)
      )`);
    await q.query(`
      CREATE TABLE budgets.budget (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        client_id uuid NOT NULL,
        municipality_code varchar(3) NOT NULL CHECK (municipality_code ~ '^[0-9]{3}$'),
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        service_type text NOT NULL REFERENCES budgets.service_type(code),
        hb_class_id uuid REFERENCES budgets.hb_class(id),
        status text NOT NULL CHECK (status IN ('DRAFT', 'DECIDED', 'ACTIVE', 'CLOSED')),
        instrument text NOT NULL CHECK (instrument IN ('VOUCHER', 'CARD')),
        payment_interval_months int NOT NULL CHECK (payment_interval_months BETWEEN 1 AND 12),
        granted_cents bigint NOT NULL CHECK (granted_cents >= 0),
        unit_price_cents bigint CHECK (unit_price_cents > 0),
        schedule jsonb NOT NULL,
        explanation text NOT NULL,
        version int NOT NULL DEFAULT 1,
        decided_by text NOT NULL,
        decided_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        CHECK (instrument = 'VOUCHER' OR service_type = 'TRANSPORT'),
        UNIQUE (client_id, year, service_type)
      )`);
    await q.query(`CREATE INDEX budget_client_idx ON budgets.budget (client_id, year)`);
    await q.query(
      `CREATE INDEX budget_municipality_idx ON budgets.budget (municipality_code, year, status)`,
    );
    await q.query(`
      CREATE TABLE budgets.budget_balance (
        budget_id uuid PRIMARY KEY REFERENCES budgets.budget(id),
        granted_cents bigint NOT NULL CHECK (granted_cents >= 0),
        paid_out_cents bigint NOT NULL DEFAULT 0 CHECK (paid_out_cents >= 0),
        spent_cents bigint NOT NULL DEFAULT 0 CHECK (spent_cents >= 0),
        pending_cents bigint NOT NULL DEFAULT 0 CHECK (pending_cents >= 0),
        lapsed_cents bigint NOT NULL DEFAULT 0 CHECK (lapsed_cents >= 0),
        remaining_cents bigint GENERATED ALWAYS AS
          (granted_cents - spent_cents - pending_cents - lapsed_cents) STORED,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT budget_balance_remaining_not_negative
          CHECK (granted_cents - spent_cents - pending_cents - lapsed_cents >= 0),
        CONSTRAINT budget_balance_paid_out_within_granted CHECK (paid_out_cents <= granted_cents)
      )`);
    await q.query(`
      CREATE TABLE budgets.ledger_transaction (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        position bigserial NOT NULL UNIQUE,
        budget_id uuid NOT NULL REFERENCES budgets.budget(id),
        kind text NOT NULL CHECK (kind IN ('GRANT', 'INSTALMENT', 'CHARGE', 'REFUND', 'ADJUSTMENT', 'LAPSE')),
        amount_cents bigint NOT NULL CHECK (amount_cents <> 0 AND (kind = 'ADJUSTMENT' OR amount_cents > 0)),
        status text NOT NULL CHECK (status IN ('PENDING_CONFIRMATION', 'CONFIRMED', 'REJECTED')),
        provider_id uuid,
        service_date date,
        description text CHECK (length(description) <= 500),
        idempotency_key text CHECK (length(idempotency_key) BETWEEN 1 AND 200),
        discretionary_reason text CHECK (length(discretionary_reason) <= 500),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_by text,
        resolved_at timestamptz,
        rejection_reason text CHECK (length(rejection_reason) <= 500),
        CHECK (status = 'CONFIRMED' OR kind = 'CHARGE'),
        CHECK (kind <> 'CHARGE' OR (provider_id IS NOT NULL AND service_date IS NOT NULL)),
        CHECK (status <> 'REJECTED' OR rejection_reason IS NOT NULL),
        UNIQUE (budget_id, idempotency_key)
      )`);
    await q.query(
      `CREATE INDEX ledger_budget_idx ON budgets.ledger_transaction (budget_id, position)`,
    );
    await q.query(`CREATE INDEX ledger_provider_idx ON budgets.ledger_transaction (provider_id)`);
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
    await q.query(`
      CREATE TRIGGER ledger_transaction_immutable BEFORE UPDATE OR DELETE ON budgets.ledger_transaction
      FOR EACH ROW EXECUTE FUNCTION budgets.ledger_guard()`);
    await q.query(`
      CREATE TABLE budgets.instalment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        budget_id uuid NOT NULL REFERENCES budgets.budget(id),
        first_month int NOT NULL CHECK (first_month BETWEEN 1 AND 12),
        last_month int NOT NULL CHECK (last_month BETWEEN 1 AND 12),
        due_date date NOT NULL,
        amount_cents bigint NOT NULL CHECK (amount_cents >= 0),
        paid_transaction_id uuid REFERENCES budgets.ledger_transaction(id),
        CHECK (last_month >= first_month)
      )`);
    await q.query(`CREATE INDEX instalment_budget_idx ON budgets.instalment (budget_id, due_date)`);
    await q.query(`
      CREATE TABLE budgets.budget_alert (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        budget_id uuid NOT NULL REFERENCES budgets.budget(id),
        kind text NOT NULL CHECK (kind IN ('UNDERUSE', 'OVERUSE', 'ABNORMAL_CHARGE', 'YEAR_END_LAPSE_AHEAD')),
        key text NOT NULL,
        message text NOT NULL,
        raised_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (budget_id, key)
      )`);
    await q.query(`
      CREATE TABLE budgets.budget_event (
        sequence bigserial PRIMARY KEY,
        budget_id uuid NOT NULL REFERENCES budgets.budget(id),
        client_id uuid NOT NULL,
        change text NOT NULL,
        kind text CHECK (kind IN ('GRANT', 'INSTALMENT', 'CHARGE', 'REFUND', 'ADJUSTMENT', 'LAPSE')),
        transaction_id uuid REFERENCES budgets.ledger_transaction(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX budget_event_client_idx ON budgets.budget_event (client_id, sequence)`,
    );
    await q.query(
      `CREATE INDEX budget_event_budget_idx ON budgets.budget_event (budget_id, sequence)`,
    );
    await q.query(`
      CREATE OR REPLACE FUNCTION budgets.refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
      END $$`);
    await q.query(`
      CREATE TRIGGER budget_event_append_only BEFORE UPDATE OR DELETE ON budgets.budget_event
      FOR EACH ROW EXECUTE FUNCTION budgets.refuse_delete()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'budget_event',
      'budget_alert',
      'instalment',
      'ledger_transaction',
      'budget_balance',
      'budget',
      'hb_class_price',
      'hb_class',
      'service_type',
    ]) {
      await q.query(`DROP TABLE budgets.${table}`);
    }
    await q.query(`DROP FUNCTION budgets.ledger_guard()`);
    await q.query(`DROP FUNCTION budgets.refuse_delete()`);
  }
}
