import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Decisions as documents (issue 18): every decision on a budget (the first, each re-assessment,
 * the ending) is a row holding the full content snapshot and the rendered PDF. A decision is an
 * archived administrative document: a trigger refuses UPDATE and DELETE, so a correction is a
 * new decision linked to the previous one (`previous_id`, `version`). An appeal
 * (oikaisuvaatimus) is its own row whose handling changes; the decision it concerns does not.
 *
 * Ending HB mid-year: the budget gets status ENDED with its end date and reason; at most one
 * ENDING decision per budget (a unique index), so the remainder lapses exactly once.
 */
export class Decisions1796080000250 implements MigrationInterface {
  name = 'Decisions1796080000250';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE budgets.budget
        DROP CONSTRAINT budget_status_check,
        ADD CONSTRAINT budget_status_check
          CHECK (status IN ('DRAFT', 'DECIDED', 'ACTIVE', 'CLOSED', 'ENDED')),
        ADD COLUMN end_date date,
        ADD COLUMN end_reason text CHECK (length(end_reason) BETWEEN 1 AND 2000),
        ADD COLUMN ended_at timestamptz,
        ADD CONSTRAINT budget_ended_check
          CHECK (status <> 'ENDED' OR (ended_at IS NOT NULL AND end_date IS NOT NULL
            AND end_reason IS NOT NULL))`);
    await q.query(`
      CREATE TABLE budgets.decision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        budget_id uuid NOT NULL REFERENCES budgets.budget(id),
        client_id uuid NOT NULL,
        municipality_code varchar(3) NOT NULL CHECK (municipality_code ~ '^[0-9]{3}$'),
        version int NOT NULL CHECK (version >= 1),
        previous_id uuid REFERENCES budgets.decision(id),
        kind text NOT NULL CHECK (kind IN ('GRANT', 'REASSESSMENT', 'ENDING')),
        language text NOT NULL CHECK (language IN ('fi', 'sv')),
        decided_by text NOT NULL,
        decider_name text NOT NULL CHECK (length(decider_name) BETWEEN 1 AND 200),
        decided_on date NOT NULL,
        decided_at timestamptz NOT NULL DEFAULT now(),
        content jsonb NOT NULL,
        document bytea NOT NULL CHECK (length(document) > 0),
        document_sha256 text NOT NULL CHECK (document_sha256 ~ '^[0-9a-f]{64}$'),
        UNIQUE (budget_id, version),
        CHECK ((version = 1) = (previous_id IS NULL))
      )`);
    await q.query(`CREATE INDEX decision_budget_idx ON budgets.decision (budget_id, version)`);
    await q.query(
      `CREATE UNIQUE INDEX decision_one_ending_idx ON budgets.decision (budget_id) WHERE kind = 'ENDING'`,
    );
    await q.query(`
      CREATE FUNCTION budgets.decision_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'A decision is an archived document and cannot be changed or deleted; make a new decision instead.'
          USING ERRCODE = 'integrity_constraint_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER decision_immutable BEFORE UPDATE OR DELETE ON budgets.decision
      FOR EACH ROW EXECUTE FUNCTION budgets.decision_immutable()`);
    await q.query(`
      CREATE TRIGGER decision_no_truncate BEFORE TRUNCATE ON budgets.decision
      FOR EACH STATEMENT EXECUTE FUNCTION budgets.decision_immutable()`);
    await q.query(`
      CREATE TABLE budgets.decision_appeal (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        decision_id uuid NOT NULL REFERENCES budgets.decision(id),
        client_id uuid NOT NULL,
        municipality_code varchar(3) NOT NULL,
        filed_by text NOT NULL,
        filed_by_role text NOT NULL CHECK (filed_by_role IN ('CLIENT', 'TEAM_MEMBER')),
        filed_at timestamptz NOT NULL DEFAULT now(),
        filed_on date NOT NULL,
        in_time boolean NOT NULL,
        demand text NOT NULL CHECK (length(demand) BETWEEN 1 AND 2000),
        reasons text NOT NULL CHECK (length(reasons) BETWEEN 1 AND 5000),
        status text NOT NULL DEFAULT 'FILED' CHECK (status IN ('FILED', 'IN_HANDLING', 'DECIDED')),
        handled_by text,
        handling_note text CHECK (length(handling_note) BETWEEN 1 AND 2000),
        outcome text CHECK (outcome IN ('UPHELD', 'PARTLY_UPHELD', 'REJECTED', 'DISMISSED')),
        outcome_reasoning text CHECK (length(outcome_reasoning) BETWEEN 1 AND 5000),
        decided_by text,
        decided_by_name text,
        decided_at timestamptz,
        CHECK ((status = 'DECIDED') = (outcome IS NOT NULL AND outcome_reasoning IS NOT NULL
          AND decided_by IS NOT NULL AND decided_at IS NOT NULL)),
        CHECK (status = 'FILED' OR handled_by IS NOT NULL)
      )`);
    await q.query(
      `CREATE INDEX decision_appeal_decision_idx ON budgets.decision_appeal (decision_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE budgets.decision_appeal`);
    await q.query(`DROP TABLE budgets.decision`);
    await q.query(`DROP FUNCTION budgets.decision_immutable()`);
    await q.query(`
      ALTER TABLE budgets.budget
        DROP CONSTRAINT budget_ended_check,
        DROP COLUMN ended_at,
        DROP COLUMN end_reason,
        DROP COLUMN end_date,
        DROP CONSTRAINT budget_status_check,
        ADD CONSTRAINT budget_status_check
          CHECK (status IN ('DRAFT', 'DECIDED', 'ACTIVE', 'CLOSED'))`);
  }
}
